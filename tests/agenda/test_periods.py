"""The "Wanneer" windows of /agenda/ (agenda/periods.py) on awkward days, and the chips."""

import datetime
import re

import pytest

from agenda import periods
from tests.agenda.factories import LocationFactory

D = datetime.date
SUNDAY = D(2026, 11, 29)  # a Sunday
SATURDAY = D(2026, 11, 28)
WEDNESDAY = D(2026, 6, 10)


@pytest.mark.parametrize(
    ("period", "today", "window"),
    [
        ("vandaag", SUNDAY, (SUNDAY, D(2026, 11, 30))),
        ("morgen", SUNDAY, (D(2026, 11, 30), D(2026, 12, 1))),
        # "Deze week" on a Sunday used to be one day; the coming 7 days run on to Saturday.
        ("7-dagen", SUNDAY, (SUNDAY, D(2026, 12, 6))),
        ("30-dagen", SUNDAY, (SUNDAY, D(2026, 12, 29))),
        # The weekend we are in on Saturday and on Sunday; the coming one on a weekday.
        ("weekend", SATURDAY, (SATURDAY, D(2026, 11, 30))),
        ("weekend", SUNDAY, (SUNDAY, D(2026, 11, 30))),
        ("weekend", WEDNESDAY, (D(2026, 6, 13), D(2026, 6, 15))),
        ("weekend", D(2026, 6, 12), (D(2026, 6, 13), D(2026, 6, 15))),  # a Friday
        ("weekend", D(2026, 6, 15), (D(2026, 6, 20), D(2026, 6, 22))),  # a Monday
        # Month and year ends, a leap day.
        ("morgen", D(2026, 1, 31), (D(2026, 2, 1), D(2026, 2, 2))),
        ("morgen", D(2026, 12, 31), (D(2027, 1, 1), D(2027, 1, 2))),
        ("30-dagen", D(2028, 2, 15), (D(2028, 2, 15), D(2028, 3, 16))),
        ("weekend", D(2028, 2, 29), (D(2028, 3, 4), D(2028, 3, 6))),
        ("", SUNDAY, None),
    ],
)
def test_windows(period, today, window):
    assert periods.window(period, today) == window


def test_old_values_keep_answering_and_unknown_ones_are_refused():
    assert periods.normalise("week") == "7-dagen"
    assert periods.normalise("maand") == "30-dagen"
    assert periods.normalise(" Vandaag ") == "vandaag"
    assert periods.normalise("") == ""
    assert periods.normalise("gisteren") is None
    assert periods.normalise("<script>") is None


def chips(html):
    return re.findall(r'<a class="agenda-chip" href="([^"]+)"( aria-current="true")?>', html)


@pytest.mark.django_db
def test_chips_are_links_that_keep_the_other_filters(client):
    html = client.get("/agenda/?voor=ouderen&gratis=on&wanneer=week&vanaf=2026-06-20").content.decode()
    found = chips(html)
    assert len(found) == 6  # Alles and the five windows
    current = [href for href, mark in found if mark]
    assert current == ["?voor=ouderen&amp;gratis=on&amp;wanneer=7-dagen"]  # week is the coming 7 days
    for href, _mark in found:
        assert "voor=ouderen" in href and "gratis=on" in href and "vanaf" not in href
    labels = re.findall(r'class="agenda-chip"[^>]*>(?:<svg.*?</svg>)?<span>([^<]+)</span>', html, re.S)
    assert labels == ["Alles", "Vandaag", "Morgen", "Dit weekend", "Komende 7 dagen", "Komende 30 dagen"]
    # The panel keeps the window when it is sent, and is folded now a filter is used.
    assert '<input type="hidden" name="wanneer" value="7-dagen">' in html
    assert '<details class="agenda-filters">' in html
    assert "Filters: Ouderen, Alleen gratis" in html


@pytest.mark.django_db
def test_an_empty_window_shows_the_next_thing_that_is_on(client, make_event, today):
    place = LocationFactory()
    later = today + datetime.timedelta(days=12)
    make_event(title="Over twaalf dagen", start_date=later, location=place, audience=["ouderen"])
    make_event(title="Voor kinderen, morgen", location=place, audience=["kinderen"])
    html = client.get(f"/agenda/?plek={place.slug}&voor=ouderen&wanneer=7-dagen").content.decode()
    assert "De komende 7 dagen is er niets dat past bij uw keuze." in html
    assert "Dit is het eerstvolgende dat past" in html
    assert ">Over twaalf dagen</a>" in html and "Voor kinderen, morgen" not in html
    # Nothing matches at all: the next activity of the whole agenda, said so.
    html = client.get(f"/agenda/?plek={place.slug}&voor=jongeren&wanneer=vandaag").content.decode()
    assert "Vandaag is er niets dat past bij uw keuze." in html
    assert "Dit is het eerstvolgende in de agenda" in html
    assert html.count('class="agenda-item') >= 1


@pytest.mark.django_db
def test_unknown_window_is_left_out_with_a_message(client):
    response = client.get("/agenda/?wanneer=gisteren&voor=ouderen")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Het filter ‘wanneer’ kennen we niet. We laten het weg." in html
    assert 'aria-current="true"><svg' in html or 'aria-current="true">' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "moment",
    [
        "2026-11-29T23:59+01:00",  # Sunday, one minute before the calendar week ends
        "2026-11-28T12:00+01:00",  # Saturday
        "2026-11-30T23:30+01:00",  # the last evening of a month
        "2027-03-28T01:59+01:00",  # the night summer time starts
        "2027-10-31T02:30+02:00",  # the night winter time starts (02:30 happens twice)
    ],
)
def test_windows_in_the_listing_on_awkward_moments(client, make_event, pinned_clock, moment):
    pinned_clock.move_to(datetime.datetime.fromisoformat(moment))
    from django.utils import timezone

    today = timezone.localdate()
    place = LocationFactory()

    def on(days, title, hour=10):
        make_event(
            title=title,
            start_date=today + datetime.timedelta(days=days),
            start_time=datetime.time(hour),
            end_time=datetime.time(hour, 30),
            location=place,
        )

    on(1, "Morgen vroeg", hour=0)
    on(6, "Over zes dagen")
    on(7, "Over zeven dagen")
    on(29, "Over negenentwintig dagen")
    on(30, "Over dertig dagen")

    def shown(period):
        html = client.get(f"/agenda/?plek={place.slug}&wanneer={period}").content.decode()
        # Only the window itself, not "the next thing that is on" below an empty answer.
        html = re.sub(r'<div class="agenda-next-up">.*?</div>', "", html, flags=re.S)
        return set(re.findall(r'class="agenda-item__title"><a href="[^"]+">([^<]+)</a>', html))

    assert shown("morgen") == {"Morgen vroeg"}
    assert shown("7-dagen") == {"Morgen vroeg", "Over zes dagen"}
    assert shown("week") == shown("7-dagen")
    assert shown("30-dagen") == {
        "Morgen vroeg",
        "Over zes dagen",
        "Over zeven dagen",
        "Over negenentwintig dagen",
    }
    weekend = periods.window("weekend", today)
    expected = {
        title
        for days, title in [(1, "Morgen vroeg"), (6, "Over zes dagen"), (7, "Over zeven dagen")]
        if weekend[0] <= today + datetime.timedelta(days=days) < weekend[1]
    }
    assert shown("weekend") == expected
