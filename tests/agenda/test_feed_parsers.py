"""Every calendar app sees exactly the agenda (issue #15).

Some 2,000 events of every kind (weekly, fortnightly and monthly series, counted and dated,
exception dates on and off the series, cancelled, all-day, multi-day, overnight, across both
clock changes, times the clock skips or shows twice, entered before the site refused them) are
read back from every feed by independent iCalendar parsers, and every occurrence they expand
(start, end, summary) is compared with the site's own list from agenda.recurrence:

- the strict `ical` package (its own parser and models, used by Home Assistant);
- Mozilla's ical.js (Thunderbird, Nextcloud) through node, when node and the ical.js package
  are there (`npm install --prefix tests/agenda/js`); otherwise that part is skipped.

(recurring-ical-events was a third; it pins python-dateutil below 3, which the site does not.)
"""

import datetime
import json
import random
import shutil
import subprocess
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.db.models import Q
from django.test import override_settings
from wagtail.models import Site

from agenda import recurrence
from agenda.models import AgendaIndexPage, EventException, EventPage, Location
from agenda.queries import of_group, site_events
from home.cache import SCOPES, bump
from home.models import Organisation, Theme
from initiatieven.models import InitiatiefPage

# Slow (2,000 events, about a minute), and on its own pinned day: `make test` runs it once,
# `make test-dates` and the quick loop (-m "not slow") leave it out.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
D = datetime.date
T = datetime.time
NOW = datetime.datetime(2027, 1, 15, 10, 0, tzinfo=AMSTERDAM)
TODAY = NOW.date()
# From the oldest day the feeds keep (AGENDA_FEED_PAST_DAYS) to 400 days ahead: both clock
# changes of 2027 and the spring one of 2028 are in it.
FIRST_DAY = TODAY - datetime.timedelta(days=30)
LAST_DAY = TODAY + datetime.timedelta(days=400)
JS_DIR = Path(__file__).parent / "js"
NO_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},
    "background": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},
}


# --- the agenda ----------------------------------------------------------------------------
def build_agenda():
    """About 2,000 events, the same every run, in the proportions the issue measured: 300
    weekly, 60 monthly, some 420 all-day, about 100 overnight and 100 cancelled."""
    rnd = random.Random(15)  # noqa: S311 - test data
    agenda = AgendaIndexPage.objects.get(slug="agenda")
    themes = list(Theme.objects.all())
    organisations = list(Organisation.objects.all())
    groups = list(InitiatiefPage.objects.all())
    places = [
        Location.objects.create(name=f"Plek {n}; zaal {n}", slug=f"parser-plek-{n}", address="Dorp 1, Leiden")
        for n in range(8)
    ]
    made = []

    def add(title, exceptions=(), legacy=None, **fields):
        """`legacy`: times the site refuses now, written as if entered before that."""
        fields.setdefault("summary", "Kom gezellig langs, iedereen is welkom.")
        fields.setdefault("location", rnd.choice(places))
        if rnd.random() < 0.3:
            fields.setdefault("organiser_organisation", rnd.choice(organisations))
        elif rnd.random() < 0.4 and groups:
            fields.setdefault("organiser_group", rnd.choice(groups))
        stamps = {"first_published_at": NOW, "last_published_at": NOW}
        page = EventPage(title=title, live=True, locale=agenda.locale, **stamps, **fields)
        page.themes = rnd.sample(themes, rnd.randint(0, 2))
        page.exceptions = [EventException(date=day) for day in exceptions]
        agenda.add_child(instance=page)
        if legacy:
            EventPage.objects.filter(pk=page.pk).update(**legacy)
            page = EventPage.objects.get(pk=page.pk)
        made.append(page)
        return page

    def some_days(page_fields, how_many):
        """Exception dates: mostly dates of the series, sometimes a day that is not."""
        probe = EventPage(**{k: v for k, v in page_fields.items() if k not in ("location",)})
        starts = list(recurrence.Schedule(probe).ruleset or [])
        days = [s.date() for s in rnd.sample(starts, min(how_many, len(starts)))]
        if starts and rnd.random() < 0.4:
            days.append(starts[0].date() + datetime.timedelta(days=rnd.randint(1, 40)))
        return days

    times = [(T(9), T(10, 30)), (T(10), None), (T(14), T(16)), (T(19), T(21)), (T(19, 30), T(22))]
    times.append((T(1), T(1, 45)))
    codes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    for n in range(300):
        start_time, end_time = rnd.choice(times)
        fields = {
            "start_date": TODAY + datetime.timedelta(days=rnd.randint(-120, 250)),
            "start_time": start_time,
            "end_time": end_time,
            "repeat": "weekly",
            "interval": rnd.choice([1, 1, 2, 3]),
            "weekdays": rnd.sample(codes, rnd.choice([0, 1, 1, 2])),
            "cancelled": rnd.random() < 0.08,
        }
        if rnd.random() < 0.5:
            fields["repeat_count"] = rnd.randint(1, 60)
        else:
            fields["repeat_until"] = fields["start_date"] + datetime.timedelta(days=rnd.randint(0, 500))
        add(f"Wekelijks {n}, met koffie; en thee", exceptions=some_days(fields, rnd.randint(0, 3)), **fields)
    for n in range(60):
        start_time, end_time = rnd.choice(times)
        fields = {
            "start_date": TODAY + datetime.timedelta(days=rnd.randint(-120, 250)),
            "start_time": start_time,
            "end_time": end_time,
            "repeat": "monthly",
            "interval": rnd.choice([1, 1, 2, 3]),
            "cancelled": rnd.random() < 0.08,
        }
        if rnd.random() < 0.5:
            fields["month_week"] = rnd.choice([1, 2, 3, 4, -1])
            fields["weekdays"] = [rnd.choice(codes)]
        if rnd.random() < 0.2:  # a weekend away, or an evening into the night
            fields["end_date"] = fields["start_date"] + datetime.timedelta(days=rnd.randint(1, 2))
            overnight = [(T(22), T(2)), (T(20), T(4)), (T(10), T(16))]
            fields["start_time"], fields["end_time"] = rnd.choice(overnight)
        if rnd.random() < 0.5:
            fields["repeat_count"] = rnd.randint(1, 24)
        else:
            fields["repeat_until"] = fields["start_date"] + datetime.timedelta(days=rnd.randint(0, 700))
        add(f"Maandelijks {n}", exceptions=some_days(fields, rnd.randint(0, 2)), **fields)
    for n in range(420):
        start = TODAY + datetime.timedelta(days=rnd.randint(-40, 380))
        fields = {"start_date": start, "start_time": None, "end_time": None, "cancelled": rnd.random() < 0.1}
        kind = rnd.choice(["one", "days", "weekly", "monthly"])
        if kind == "days":
            fields["end_date"] = start + datetime.timedelta(days=rnd.randint(1, 4))
        elif kind == "weekly":
            fields.update(repeat="weekly", interval=rnd.choice([1, 2]), repeat_count=rnd.randint(1, 30))
        elif kind == "monthly":
            fields.update(repeat="monthly", end_date=start + datetime.timedelta(days=rnd.randint(0, 1)))
            fields["repeat_until"] = start + datetime.timedelta(days=rnd.randint(30, 400))
        exceptions = some_days(fields, 1) if kind in ("weekly", "monthly") else ()
        add(f"Hele dag {n}", exceptions=exceptions, **fields)
    for n in range(1200):
        start = TODAY + datetime.timedelta(days=rnd.randint(-35, 390))
        start_time, end_time = rnd.choice([*times, (T(21), T(1)), (T(23, 30), T(6))])
        fields = {"start_date": start, "start_time": start_time, "end_time": end_time}
        if end_time and end_time < start_time:
            fields["end_date"] = start + datetime.timedelta(days=1)
        add(f"Eenmalig {n}", cancelled=rnd.random() < 0.1, **fields)
    # The nights the clocks change, and times from before the site refused the skipped hour.
    add("Nachtwandeling", start_date=D(2027, 3, 27), start_time=T(22), end_date=D(2027, 3, 28), end_time=T(4))
    add("Sterren", start_date=D(2027, 10, 30), start_time=T(23), end_date=D(2027, 10, 31), end_time=T(3))
    spring = D(2027, 3, 28)
    add("Vroege vogels", start_date=spring, start_time=T(3), end_time=T(4), legacy={"start_time": T(2, 30)})
    add("Tot half drie", start_date=spring, start_time=T(1), end_time=T(3), legacy={"end_time": T(2, 30)})
    add("Twee keer half drie", start_date=D(2027, 10, 31), start_time=T(2, 30), end_time=T(3, 30))
    add(
        "Zondagnacht",
        start_date=D(2027, 3, 7),
        start_time=T(3, 30),
        end_time=T(4, 30),
        repeat="weekly",
        repeat_until=D(2027, 11, 28),
        exceptions=[D(2027, 4, 18)],
        legacy={"start_time": T(2, 30), "end_time": T(3, 30)},
    )
    add(
        "Nachtdienst",
        start_date=D(2027, 1, 30),
        start_time=T(22),
        end_date=D(2027, 1, 31),
        end_time=T(6),
        repeat="monthly",
        month_week=-1,
        weekdays=["SA"],
        repeat_count=14,
    )
    add(
        "Uitje in het laatste weekend",
        start_date=D(2027, 2, 27),
        start_time=T(10),
        end_date=D(2027, 2, 28),
        end_time=T(16),
        repeat="monthly",
        month_week=-1,
        weekdays=["SA"],
        repeat_until=D(2028, 4, 30),
        exceptions=[D(2027, 6, 26)],
    )
    add(
        "Begint met een uitzondering",
        start_date=D(2027, 3, 28),
        start_time=T(3, 15),
        end_time=T(4),
        repeat="weekly",
        repeat_count=5,
        exceptions=[D(2027, 3, 28)],
        legacy={"start_time": T(2, 15), "end_time": T(3)},
    )
    add(
        "Telt vanaf een uitzondering",
        start_date=D(2027, 2, 2),
        start_time=T(19),
        end_time=T(21),
        repeat="weekly",
        weekdays=["TU"],
        repeat_count=3,
        exceptions=[D(2027, 2, 2)],
    )
    # Partner series anchored in UTC (issue #15, 7): one local hour later in summer than in winter.
    for n in range(12):
        start = TODAY + datetime.timedelta(days=rnd.randint(-60, 200))
        utc_start = datetime.datetime.combine(start, T(rnd.choice([8, 9, 17]), 30), tzinfo=datetime.UTC)
        local = utc_start.astimezone(AMSTERDAM)
        until = (utc_start + datetime.timedelta(days=rnd.randint(100, 420))).strftime("%Y%m%dT%H%M%S")
        fields = {
            "start_date": local.date(),
            "start_time": local.time(),
            "end_time": (local + datetime.timedelta(hours=1)).time(),
            "imported_rrule": rnd.choice(["FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=2"]) + f";UNTIL={until}",
            "imported_utc": True,
        }
        add(f"Partner in UTC {n}", exceptions=some_days(fields, rnd.randint(0, 2)), **fields)
    return made


@pytest.fixture(scope="module")
def agenda_of_2000(django_db_setup, django_db_blocker):
    """Built once for this module, in a transaction that is rolled back after it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            # Search and reference indexing (Wagtail's background tasks), the editor's checks
            # (legacy times are set on purpose), the admin's history and a bump of the cached
            # versions per event are not needed here, and slow (on PostgreSQL most of all).
            with (
                time_machine.travel(NOW, tick=False),
                override_settings(TASKS=NO_TASKS),
                mock.patch.object(EventPage, "full_clean"),
                mock.patch("wagtail.models.pages.log"),
                mock.patch("home.signals.bump"),
                mock.patch("home.signals.bump_content_version"),
            ):
                made = build_agenda()
            bump(*SCOPES)  # once, for all of them
            yield made
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def on_that_day(pinned_clock):
    pinned_clock.move_to(NOW)


# --- what the site says --------------------------------------------------------------------
def site_listing(where=None):
    site = Site.objects.get(is_default_site=True)
    where = where if where is not None else Q()
    events = site_events(site).filter(where)
    start = datetime.datetime.combine(FIRST_DAY, T.min, tzinfo=AMSTERDAM)
    end = datetime.datetime.combine(LAST_DAY, T.min, tzinfo=AMSTERDAM)
    found = recurrence.occurrences_between(events, start, end)
    return sorted(
        normal(*((o.start.date(), o.end.date()) if o.all_day else (o.start, o.end)), title(o)) for o in found
    )


def title(occurrence):
    event = occurrence.event
    return f"Gaat niet door: {event.title}" if event.cancelled else event.title


def normal(start, end, summary):
    """One occurrence as comparable text: moments in UTC, days as dates."""
    if isinstance(start, datetime.datetime):
        start, end = start.astimezone(datetime.UTC), end.astimezone(datetime.UTC)
    return (start.isoformat(), end.isoformat(), str(summary))


# --- what the apps say ---------------------------------------------------------------------
def with_ical(body):
    from ical.calendar_stream import IcsCalendarStream

    cal = IcsCalendarStream.calendar_from_ics(body.decode())
    timeline = cal.timeline_tz(AMSTERDAM)
    start = datetime.datetime.combine(FIRST_DAY, T.min, tzinfo=AMSTERDAM)
    end = datetime.datetime.combine(LAST_DAY, T.min, tzinfo=AMSTERDAM)
    return sorted(normal(e.dtstart, e.end, e.summary) for e in timeline.overlapping(start, end))


def ical_js_available():
    return shutil.which("node") and (JS_DIR / "node_modules" / "ical.js").is_dir()


def with_ical_js(*bodies):
    """Every feed in one run of node: [occurrences of the first feed, of the second, ...]."""
    start = datetime.datetime.combine(FIRST_DAY, T.min, tzinfo=AMSTERDAM).astimezone(datetime.UTC)
    end = datetime.datetime.combine(LAST_DAY, T.min, tzinfo=AMSTERDAM).astimezone(datetime.UTC)
    window = [FIRST_DAY.isoformat(), LAST_DAY.isoformat(), start.isoformat(), end.isoformat()]
    result = subprocess.run(
        ["node", str(JS_DIR / "expand.mjs"), *window],  # noqa: S607
        input=json.dumps([body.decode() for body in bodies]).encode(),
        capture_output=True,
        timeout=120,
        check=True,
    )
    feeds = []
    for items in json.loads(result.stdout):
        found = []
        for item in items:
            if item["allDay"]:
                start, end = D.fromisoformat(item["start"]), D.fromisoformat(item["end"])
            else:
                start = datetime.datetime.fromisoformat(item["start"])
                end = datetime.datetime.fromisoformat(item["end"])
            found.append(normal(start, end, item["summary"]))
        feeds.append(sorted(found))
    return feeds


def expand_all(parser, bodies):
    if parser == "ical.js":
        return with_ical_js(*bodies)
    return [PARSERS[parser](body) for body in bodies]


PARSERS = {"ical": with_ical, "ical.js": None}


def differences(expected, found):
    missing = sorted(set(expected) - set(found))
    extra = sorted(set(found) - set(expected))
    return {"on the site, not in the app": missing[:10], "in the app, not on the site": extra[:10]}


def feeds_and_listings():
    """Every feed of the site with the listing it must match."""
    yield "/agenda/agenda.ics", Q()
    for theme in Theme.objects.all():
        yield f"/agenda/thema/{theme.slug}.ics", Q(themes=theme)
    for organisation in Organisation.objects.all():
        yield f"/agenda/organisatie/{organisation.slug}.ics", Q(organiser_organisation=organisation)
    for group in InitiatiefPage.objects.live():
        yield f"/agenda/groep/{group.slug}.ics", of_group(group)


def available(parser):
    if parser == "ical.js" and not ical_js_available():
        pytest.skip("ical.js needs node and `npm install --prefix tests/agenda/js` (optional)")


@pytest.fixture(scope="module")
def fetched():
    """Feeds and listings, read once for all parsers (the agenda does not change in between)."""
    return {}


@pytest.mark.parametrize("parser", PARSERS)
def test_every_feed_expands_to_exactly_the_listing(client, agenda_of_2000, fetched, parser):
    available(parser)
    if "feeds" not in fetched:
        fetched["feeds"] = []
        for url, where in feeds_and_listings():
            response = client.get(url)
            assert response.status_code == 200, url
            fetched["feeds"].append((url, site_listing(where), response.content))
    feeds = fetched["feeds"]
    for (url, expected, _body), found in zip(feeds, expand_all(parser, [f[2] for f in feeds]), strict=True):
        assert found == expected, (url, differences(expected, found))
    # The test is about something: many occurrences, of every kind, in every kind of feed.
    whole = feeds[0][1]
    assert len(whole) > 3000
    assert sum(start.startswith("2027-03-28T") for start, *_ in whole) >= 5
    assert sum(1 for url, expected, _body in feeds if "/thema/" in url and len(expected) > 100) >= 3


@pytest.mark.parametrize("parser", PARSERS)
def test_every_event_feed_expands_to_exactly_its_dates(client, agenda_of_2000, fetched, parser):
    """The feed of one event (the "Zet in mijn agenda" button), for a sample of every kind."""
    available(parser)
    if "events" not in fetched:
        sample = agenda_of_2000[::9] + agenda_of_2000[-10:]
        fetched["events"] = [
            (page.title, site_listing(Q(pk=page.pk)), client.get(f"/agenda/activiteit/{page.pk}.ics").content)
            for page in sample
        ]
    events = fetched["events"]
    results = expand_all(parser, [body for _name, _expected, body in events])
    for (name, expected, _body), found in zip(events, results, strict=True):
        assert found == expected, (name, differences(expected, found))


def test_the_clock_change_nights_are_written_for_every_app(client, agenda_of_2000):
    """What the comparison above relies on, in the feed itself."""
    by_title = {page.title: page for page in agenda_of_2000}
    body = client.get(f"/agenda/activiteit/{by_title['Zondagnacht'].pk}.ics").content.decode()
    # The rule keeps the time as entered; the night of 28 March is written out as 03:30.
    assert "DTSTART;TZID=Europe/Amsterdam:20270307T023000\r\n" in body
    assert "RECURRENCE-ID;TZID=Europe/Amsterdam:20270328T023000\r\n" in body
    assert "DTSTART;TZID=Europe/Amsterdam:20270328T033000\r\n" in body
    # 02:30 happens twice on 31 October: the first one, in UTC, so no app can take the other.
    assert "RECURRENCE-ID;TZID=Europe/Amsterdam:20271031T023000\r\n" in body
    assert "DTSTART:20271031T003000Z\r\n" in body
    # An overnight series: DTEND from its first, ordinary night; the nights the clock changes
    # (the last Saturdays of March and October) are written out.
    body = client.get(f"/agenda/activiteit/{by_title['Nachtdienst'].pk}.ics").content.decode()
    assert "DTEND;TZID=Europe/Amsterdam:20270131T060000\r\n" in body
    assert body.count("RECURRENCE-ID") == 2
    assert "DTEND;TZID=Europe/Amsterdam:20270328T060000\r\n" in body  # 7 hours that night
    # A series whose first date is skipped by the clock (and an exception): the length as
    # DURATION, since DTEND would be read differently from that date by each app.
    body = client.get(f"/agenda/activiteit/{by_title['Begint met een uitzondering'].pk}.ics").content.decode()
    assert "DURATION:PT45M\r\n" in body and "DTEND" not in body
    assert "EXDATE;TZID=Europe/Amsterdam:20270328T021500\r\n" in body
