"""A place's own page and feed, the organiser block of an event page, recurring activities
listed once with their days (in Dutch), the "Zet in uw agenda-app" component and Google's
series link."""

import datetime
import re
from urllib.parse import parse_qs, urlparse

import pytest
from icalendar import Calendar

from agenda import recurrence
from agenda.models import EventException, EventPage, Location
from agenda.places import split_address
from tests.agenda.factories import LocationFactory
from tests.home.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

D = datetime.date
T = datetime.time


def event(**fields):
    exceptions = fields.pop("exceptions", [])
    fields.setdefault("title", "Test")
    page = EventPage(**fields)
    page.exceptions = [EventException(date=d) for d in exceptions]
    return page


# --- the words ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"repeat": "weekly", "weekdays": ["TU"]}, "elke dinsdag, 10:00"),
        ({"repeat": "weekly", "weekdays": ["TH", "MO"]}, "elke maandag en donderdag, 10:00"),
        (
            {"repeat": "weekly", "interval": 2, "weekdays": ["MO", "WE", "FR"]},
            "om de week op maandag, woensdag en vrijdag, 10:00",
        ),
        ({"repeat": "weekly", "interval": 3, "weekdays": ["SA"]}, "elke 3 weken op zaterdag, 10:00"),
        ({"repeat": "weekly", "weekdays": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]}, "elke dag, 10:00"),
        ({"repeat": "weekly"}, "elke dinsdag, 10:00"),  # no days chosen: the start date's
        (
            {"repeat": "monthly", "month_week": 1, "weekdays": ["TH"]},
            "elke eerste donderdag van de maand, 10:00",
        ),
        (
            {"repeat": "monthly", "month_week": -1, "weekdays": ["SA"]},
            "elke laatste zaterdag van de maand, 10:00",
        ),
        (
            {"repeat": "monthly", "interval": 2, "month_week": 3, "weekdays": ["WE"]},
            "om de maand op de derde woensdag, 10:00",
        ),
        ({"repeat": "monthly"}, "elke maand op de 5e, 10:00"),
        ({"repeat": "weekly", "weekdays": ["TU"], "start_time": None}, "elke dinsdag"),
        ({"imported_rrule": "FREQ=WEEKLY;BYDAY=FR"}, "elke vrijdag, 10:00"),
        ({"imported_rrule": "FREQ=MONTHLY;BYDAY=2MO"}, "elke tweede maandag van de maand, 10:00"),
        ({"imported_rrule": "FREQ=DAILY;INTERVAL=2;COUNT=5"}, "om de dag, 10:00"),
        ({"imported_rrule": "FREQ=YEARLY"}, "elk jaar op 5 januari, 10:00"),
        ({}, ""),
    ],
)
def test_rule_words(fields, words):
    fields = {"start_date": D(2027, 1, 5), "start_time": T(10), "repeat_count": 10, **fields}
    if fields.get("imported_rrule"):
        fields.pop("repeat_count")
    assert recurrence.rule_words(event(**fields)) == words


def test_google_recur_has_the_rule_and_turns_a_count_into_the_last_date():
    weekly = event(
        start_date=D(2027, 1, 5), start_time=T(10), repeat="weekly", weekdays=["TU"], repeat_count=3
    )
    # Three Tuesdays: 5, 12 and 19 January; 10:00 in Amsterdam is 09:00 UTC.
    assert recurrence.google_recur(weekly) == "RRULE:FREQ=WEEKLY;UNTIL=20270119T090000Z;BYDAY=TU;WKST=MO"
    until = event(start_date=D(2027, 1, 5), repeat="monthly", repeat_until=D(2027, 6, 30))
    assert recurrence.google_recur(until) == "RRULE:FREQ=MONTHLY;UNTIL=20270630;BYMONTHDAY=5;WKST=MO"
    assert recurrence.google_recur(event(start_date=D(2027, 1, 5))) == ""


def test_the_google_link_adds_the_series(client, make_event, today):
    page = make_event(
        title="Wandelen", start_date=today + datetime.timedelta(days=1), repeat="weekly", repeat_count=8
    )
    html = client.get(page.url).content.decode()
    google = re.search(r'href="(https://calendar.google.com/[^"]+)"', html).group(1).replace("&amp;", "&")
    query = parse_qs(urlparse(google).query)
    assert query["recur"][0].startswith("RRULE:FREQ=WEEKLY;UNTIL=")
    assert query["action"] == ["TEMPLATE"] and query["ctz"] == ["Europe/Amsterdam"]
    assert "Google Agenda: alle keren" in html
    assert "Outlook kan dat alleen met dit bestand" in html
    # A one-off event keeps Outlook's own link.
    once = make_event(title="Eén keer")
    html = client.get(once.url).content.decode()
    assert "https://outlook.live.com/calendar/0/deeplink/compose?" in html and "recur=" not in html


# --- places ---------------------------------------------------------------------------------
def test_the_old_one_line_address_is_split():
    assert split_address("Kerkstraat 12, 2331 ab Leiden") == ("Kerkstraat 12", "2331 AB", "Leiden")
    assert split_address("Stevenshof, 2331 Leiden") == ("Stevenshof", "2331", "Leiden")
    assert split_address("Achter de kerk") == ("Achter de kerk", "", "")
    assert split_address("Dorp 1, Leiden") == ("Dorp 1", "", "Leiden")
    place = Location(name="X", address="Kerkstraat 12, 2331AB Leiden")
    assert (place.street, place.postcode, place.city) == ("Kerkstraat 12", "2331 AB", "Leiden")
    place.save()
    assert place.postcode == "2331 AB" and place.address == "Kerkstraat 12, 2331 AB Leiden"


def full_place(**fields):
    return LocationFactory(
        name="Huis van de Buurt Test",
        slug="huis-test",
        street="Kerkstraat 12",
        postcode="2331 AB",
        city="Leiden",
        description="Het buurthuis.",
        entrance="Aan de achterkant, naast de fietsen.",
        step_free=True,
        toilet="Er is een aangepast toilet.",
        parking="Gratis parkeren voor de deur.",
        bus_stop="Halte Kerkstraat, lijn 43.",
        **fields,
    )


def test_place_page_shows_everything_and_its_activities_once(client, make_event, today):
    place = full_place()
    make_event(
        title="Koffie",
        location=place,
        start_date=today + datetime.timedelta(days=1),
        repeat="weekly",
        repeat_count=10,
    )
    response = client.get("/agenda/plek/huis-test/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Huis van de Buurt Test</h1>" in html
    assert "Kerkstraat 12, 2331 AB Leiden" in html
    for fact in (
        "Aan de achterkant",
        "zonder drempel of trap",
        "aangepast toilet",
        "Gratis parkeren",
        "lijn 43",
    ):
        assert fact in html
    assert "https://www.openstreetmap.org/directions?to=52.146" in html
    assert html.count(">Koffie</a>") == 1  # ten Tuesdays, listed once
    weekday = recurrence.WEEKDAY_NAMES[
        recurrence.WEEKDAY_CODES[(today + datetime.timedelta(days=1)).weekday()]
    ]
    assert f"Elke {weekday}, 10:00" in html
    assert "Zet in uw agenda-app" in html
    assert "webcal://testserver/agenda/plek/huis-test.ics" in html
    assert "/agenda/abonneren/?soort=plek&amp;naam=huis-test" in html
    assert (
        '<link rel="alternate" type="text/calendar" title="Huis van de Buurt Test (iCal)" '
        'href="/agenda/plek/huis-test.ics">' in html
    )
    # No map script or tiles: the route is a plain link.
    assert "<iframe" not in html and "tile.openstreetmap" not in html


def test_a_place_with_little_known_shows_less(client):
    LocationFactory(name="Weinig bekend", slug="weinig", latitude=None, longitude=None)
    html = client.get("/agenda/plek/weinig/").content.decode()
    assert "Hoe komt u binnen?" not in html
    assert "directions?to=Stevenshof+1" in html


@pytest.mark.parametrize("slug", ["bestaat-niet", "%3Cscript%3E", "x" * 300])
def test_an_unknown_place_is_the_calm_404_page(client, slug):
    response = client.get(f"/agenda/plek/{slug}/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()
    assert client.get(f"/agenda/plek/{slug}.ics").status_code == 404


def test_place_feed_holds_only_that_place(client, make_event):
    place = full_place()
    make_event(title="Hier", location=place)
    make_event(title="Ergens anders")
    response = client.get("/agenda/plek/huis-test.ics")
    assert response.status_code == 200
    cal = Calendar.from_ical(response.content)
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Hier"]
    assert str(cal["X-WR-CALNAME"]).startswith("Huis van de Buurt Test")
    assert "Kerkstraat 12, 2331 AB Leiden" in str(cal.walk("VEVENT")[0]["LOCATION"])
    html = client.get("/agenda/abonneren/?soort=plek&naam=huis-test").content.decode()
    assert "Abonneren op ‘Huis van de Buurt Test’" in html


def test_place_page_query_count_does_not_grow(client, make_event, today, django_assert_max_num_queries):
    place = full_place()
    make_event(location=place, repeat="weekly", repeat_count=5)
    with django_assert_max_num_queries(40) as few:
        client.get("/agenda/plek/huis-test/")
    for i in range(12):
        make_event(
            location=place,
            start_date=today + datetime.timedelta(days=i + 1),
            repeat="weekly",
            repeat_count=5,
            organiser_organisation=OrganisationFactory(),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/agenda/plek/huis-test/").content.decode()
    assert html.count('<li class="agenda-item') == 8  # the first eight, then a link to the agenda


# --- the event page: place and organiser ----------------------------------------------------
def test_event_page_shows_the_place_and_how_to_get_in(client, make_event):
    page = make_event(title="Koffie", location=full_place())
    html = client.get(page.url).content.decode()
    assert '<a href="/agenda/plek/huis-test/">Huis van de Buurt Test' in html
    assert "Kerkstraat 12, 2331 AB Leiden" in html
    assert "Aan de achterkant" in html and "Halte Kerkstraat, lijn 43." in html
    assert "directions?to=" in html


def test_organiser_block_of_an_organisation(client, make_event):
    org = OrganisationFactory(name="Welzijn Test", phone="071 000 01 03", email="welzijn@voorbeeld.nl")
    page = make_event(title="Spreekuur", organiser_organisation=org)
    html = client.get(page.url).content.decode()
    assert f'<a href="/wat-kun-je-doen/organisaties/{org.slug}/">Welzijn Test</a>' in html
    assert 'href="tel:0710000103"' in html and 'Bel <span class="nowrap">071 000 01 03</span>' in html
    assert 'href="mailto:welzijn@voorbeeld.nl"' in html


def test_organiser_block_of_a_group_keeps_its_email_private(client, make_event):
    from initiatieven.models import InitiatiefPage

    group = InitiatiefPage.objects.get(slug="beweeglint")
    group.contact_phone = "06 12345678"
    group.contact_email = "geheim@voorbeeld.nl"
    group.save_revision().publish()
    page = make_event(title="Wandelen", parent=group)
    html = client.get(page.url).content.decode()
    assert '<a href="/initiatieven/beweeglint/">Beweeglint</a>' in html
    assert 'href="tel:0612345678"' in html
    assert 'href="/initiatieven/beweeglint/doe-mee/"' in html
    assert "geheim@voorbeeld.nl" not in html


# --- groups, themes and organisations: each activity once, and their own feed --------------
def test_group_page_lists_the_weekly_walk_once_and_offers_its_own_feed(client):
    html = client.get("/initiatieven/beweeglint/").content.decode()
    assert html.count(">Samen wandelen langs het Beweeglint</a>") == 1
    assert "Elke donderdag, 10:00" in html
    assert "Zet in uw agenda-app" in html
    assert "webcal://testserver/agenda/groep/beweeglint.ics" in html
    assert "soort=groep&amp;naam=beweeglint" in html


def test_theme_and_organisation_pages_offer_their_own_feed(client):
    from home.models import Organisation, Theme

    theme = Theme.objects.get(slug="sport-en-bewegen")
    html = client.get(f"/wat-kun-je-doen/thema/{theme.slug}/").content.decode()
    assert "Zet in uw agenda-app" in html and f"/agenda/thema/{theme.slug}.ics" in html
    org = Organisation.objects.get(name="Sociaal wijkteam Leiden")
    html = client.get(f"/wat-kun-je-doen/organisaties/{org.slug}/").content.decode()
    assert "Zet in uw agenda-app" in html and f"/agenda/organisatie/{org.slug}.ics" in html
    assert html.count(">Spreekuur van het sociaal wijkteam</a>") == 1
    assert "Elke maandag" in html


# --- the admin ------------------------------------------------------------------------------
def test_an_editor_fills_in_a_place_in_the_admin(admin_client):
    data = {
        "name": "Buurtkamer",
        "slug": "buurtkamer",
        "description": "Een kamer voor de buurt.",
        "street": "Kerkstraat 12",
        "postcode": "2331ab",
        "city": "Leiden",
        "entrance": "Naast de bakker.",
        "step_free": "False",
        "toilet": "",
        "parking": "",
        "bus_stop": "",
        "accessibility": "",
        "latitude": "",
        "longitude": "",
    }
    response = admin_client.post("/admin/snippets/agenda/location/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    place = Location.objects.get(slug="buurtkamer")
    assert place.postcode == "2331 AB" and place.step_free is False
    edit = admin_client.get(f"/admin/snippets/agenda/location/edit/{place.pk}/").content.decode()
    assert "Weet ik niet" in edit and "Hoe komt u binnen?" in edit
    # "Weet ik niet" is no answer; a made-up postcode is refused in Dutch.
    response = admin_client.post(
        f"/admin/snippets/agenda/location/edit/{place.pk}/", {**data, "step_free": "", "postcode": "ABCD"}
    )
    assert response.status_code == 200
    assert "Vul een postcode in zoals 2331 AB" in response.content.decode()
    response = admin_client.post(
        f"/admin/snippets/agenda/location/edit/{place.pk}/", {**data, "step_free": ""}
    )
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.step_free is None


def test_subscribe_page_for_an_unknown_place_falls_back_calmly(client):
    html = client.get("/agenda/abonneren/?soort=plek&naam=bestaat-niet").content.decode()
    assert "Deze agenda kennen we niet. Hieronder staat de hele agenda." in html
    assert "Per plek" in html and "soort=plek&amp;naam=huis-van-de-buurt" in html
