"""Import of partner calendars: local files and a server on 127.0.0.1 (nothing outside).
The address checks and the deadline are tested in test_importer_security.py."""

import datetime
import http.server
import threading
import time

import pytest
from django.core.management import call_command

from agenda import recurrence
from agenda.importer import import_source
from agenda.models import CalendarSource, EventPage, Location
from home.models import Organisation, Theme

pytestmark = pytest.mark.django_db

FEED = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//Partner//NL
BEGIN:VEVENT
UID:weekly@partner.test
DTSTAMP:20261101T090000Z
LAST-MODIFIED:20261101T090000Z
SEQUENCE:{sequence}
SUMMARY:{title}
DESCRIPTION:Eerste regel.\\nTweede regel met <b>html</b>.
DTSTART;TZID=Europe/Amsterdam:{year}0105T190000
DTEND;TZID=Europe/Amsterdam:{year}0105T203000
RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL={year}0629T170000Z
EXDATE;TZID=Europe/Amsterdam:{year}0112T190000
LOCATION:Huis van de Buurt, Stevenshof
URL:https://partner.test/agenda
END:VEVENT
BEGIN:VEVENT
UID:allday@partner.test
DTSTAMP:20261101T090000Z
SUMMARY:Boekenmarkt
DTSTART;VALUE=DATE:{year}0116
DTEND;VALUE=DATE:{year}0118
STATUS:CANCELLED
END:VEVENT
{extra}END:VCALENDAR
"""

EXTRA = """BEGIN:VEVENT
UID:extra@partner.test
DTSTAMP:20261101T090000Z
SUMMARY:Extra activiteit
DTSTART:{year}0301T100000Z
DTEND:{year}0301T110000Z
END:VEVENT
"""


@pytest.fixture
def year():
    """A coming year in which 5 January is a Tuesday, as the feed's weekly rule assumes."""
    year = datetime.date.today().year + 1
    while datetime.date(year, 1, 5).weekday() != 1:
        year += 1
    return year


@pytest.fixture
def feed_file(tmp_path, settings, year):
    settings.AGENDA_IMPORT_FILE_DIRS = [tmp_path]
    path = tmp_path / "partner.ics"

    def write(title="Digicafé", sequence=0, extra=True, text=None):
        content = (
            text
            if text is not None
            else FEED.format(
                title=title, sequence=sequence, year=year, extra=EXTRA.format(year=year) if extra else ""
            )
        )
        if text is None:
            content = content.replace("\n", "\r\n")
        path.write_bytes(content.encode())
        return path

    return write


@pytest.fixture
def source(feed_file, tmp_path):
    feed_file()
    return CalendarSource.objects.create(
        name="Partner",
        url=(tmp_path / "partner.ics").as_uri(),
        organisation=Organisation.objects.get(name="BplusC"),
        theme=Theme.objects.get(slug="samen-en-sociaal"),
        location=Location.objects.get(slug="bibliotheek-stevenshof"),
        publish=True,
    )


def imported(source):
    return {p.import_uid: p for p in EventPage.objects.filter(import_source=source)}


def test_import_creates_events_with_rules_exceptions_and_defaults(source, year):
    line = import_source(source)
    source.refresh_from_db()
    assert source.last_error == "" and source.last_success_at is not None
    assert "3 nieuw" in line
    pages = imported(source)
    weekly = pages["weekly@partner.test"]
    assert weekly.live and weekly.title == "Digicafé"
    assert weekly.start_date == datetime.date(year, 1, 5) and weekly.start_time == datetime.time(19)
    assert weekly.end_time == datetime.time(20, 30)
    assert weekly.location.slug == "huis-van-de-buurt"  # matched by name
    assert weekly.organiser_organisation.name == "BplusC"
    assert [t.slug for t in weekly.themes.all()] == ["samen-en-sociaal"]
    assert "&lt;b&gt;html&lt;/b&gt;" in weekly.body and "https://partner.test/agenda" in weekly.body
    assert weekly.exception_dates == [datetime.date(year, 1, 12)]
    days = [
        o.day
        for o in recurrence.schedule(weekly).between(
            recurrence.aware(datetime.datetime(year, 1, 1)), recurrence.aware(datetime.datetime(year, 2, 1))
        )
    ]
    assert days == [datetime.date(year, 1, 5), datetime.date(year, 1, 19), datetime.date(year, 1, 26)]
    # UNTIL 17:00 UTC on 29 June is 19:00 summer time: the last Tuesday is included.
    assert recurrence.schedule(weekly).last_start() == datetime.datetime(year, 6, 29, 19)
    allday = pages["allday@partner.test"]
    assert allday.all_day and allday.end_date == datetime.date(year, 1, 17) and allday.cancelled
    assert allday.location.slug == "bibliotheek-stevenshof"  # the source's default place
    extra = pages["extra@partner.test"]
    assert extra.start_time == datetime.time(11)  # 10:00 UTC is 11:00 in Leiden in winter
    # The feed gives the partner's UID back, so calendar apps do not see duplicates.
    assert weekly.ical_uid == "weekly@partner.test"


def test_import_is_idempotent_updates_changes_and_removes_what_left(source, feed_file):
    import_source(source)
    first = {uid: (p.pk, p.latest_revision_id) for uid, p in imported(source).items()}
    assert "0 nieuw, 0 gewijzigd, 0 verwijderd" in import_source(source)
    assert {uid: (p.pk, p.latest_revision_id) for uid, p in imported(source).items()} == first
    feed_file(title="Digicafé (nieuwe tijd)", sequence=1, extra=False)
    line = import_source(source)
    assert "1 gewijzigd, 1 verwijderd" in line
    pages = imported(source)
    assert "extra@partner.test" not in pages
    assert pages["weekly@partner.test"].title == "Digicafé (nieuwe tijd)"
    assert pages["weekly@partner.test"].pk == first["weekly@partner.test"][0]
    assert pages["weekly@partner.test"].sequence == 1


def test_events_made_by_hand_are_never_touched(source, make_event, feed_file):
    mine = make_event(title="Met de hand gemaakt")
    import_source(source)
    feed_file(extra=False, sequence=3)
    import_source(source)
    mine.refresh_from_db()
    assert mine.live and mine.title == "Met de hand gemaakt" and mine.import_source is None


def test_drafts_when_the_source_says_so(source):
    source.publish = False
    source.save()
    import_source(source)
    pages = imported(source)
    assert pages and not any(p.live for p in pages.values())
    assert all(p.get_latest_revision() for p in pages.values())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("dit is geen agenda", "Dit is geen goede iCal-agenda."),
        ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:kapot\r\n", "Dit is geen goede iCal-agenda."),
        ("BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n", "Dit is geen goede iCal-agenda."),
    ],
)
def test_bad_ical_leaves_events_untouched(source, feed_file, text, message):
    import_source(source)
    before = {uid: p.latest_revision_id for uid, p in imported(source).items()}
    feed_file(text=text)
    import_source(source)
    source.refresh_from_db()
    assert message in source.last_error
    assert {uid: p.latest_revision_id for uid, p in imported(source).items()} == before
    assert source.status.startswith("Mislukt op ")


def test_bad_parts_of_a_good_feed_are_skipped(source, feed_file, year):
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
        "BEGIN:VEVENT\r\nSUMMARY:Zonder UID\r\nDTSTART:20270101T100000Z\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:zonder-start\r\nSUMMARY:Zonder start\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:rare-regel\r\nSUMMARY:Rare regel\r\nDTSTART:20270101T100000Z\r\n"
        "RRULE:FREQ=SOMETIMES\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:eindeloos\r\nSUMMARY:Eindeloos\r\nDTSTART:20270101T100000Z\r\n"
        "RRULE:FREQ=DAILY\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )
    feed_file(text=text)
    import_source(source)
    source.refresh_from_db()
    pages = imported(source)
    assert set(pages) == {"rare-regel", "eindeloos"}
    assert pages["rare-regel"].imported_rrule == ""  # a rule we cannot read: one date
    endless = pages["eindeloos"]
    assert len(list(recurrence.schedule(endless).ruleset)) <= 2 * 366 + 1  # capped


def test_files_outside_the_allowed_folder_are_refused(source, settings, tmp_path):
    settings.AGENDA_IMPORT_FILE_DIRS = [tmp_path / "elders"]
    import_source(source)
    source.refresh_from_db()
    assert source.last_error == "Dit bestand mag de site niet lezen."
    source.url = "ftp://partner.test/agenda.ics"
    import_source(source)
    source.refresh_from_db()
    assert "begint met https://" in source.last_error


class Handler(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_GET(self):  # noqa: N802
        if self.path == "/fout.ics":
            self.send_response(500)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.end_headers()
        if self.path == "/traag.ics":
            for _ in range(20):
                self.wfile.write(b"BEGIN:VCALENDAR\r\n")
                self.wfile.flush()
                time.sleep(0.2)
            return
        if self.path == "/groot.ics":
            self.wfile.write(b"X" * (200 * 1024))
            return
        self.wfile.write(self.server.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server(feed_file, allow_local_server):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.body = feed_file().read_bytes()
    allow_local_server(httpd.server_address[1])
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_import_over_http(source, server):
    source.url = server + "/agenda.ics"
    source.save()
    import_source(source)
    source.refresh_from_db()
    assert source.last_error == ""
    assert len(imported(source)) == 3


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/fout.ics", "De agenda gaf een fout terug (code 500)."),
        ("/traag.ics", "De agenda laadt te langzaam."),
        ("/groot.ics", "De agenda is te groot"),
    ],
)
def test_a_bad_server_leaves_events_untouched(source, server, settings, path, message):
    import_source(source)
    before = {uid: p.latest_revision_id for uid, p in imported(source).items()}
    settings.AGENDA_IMPORT_DEADLINE = 1
    settings.AGENDA_IMPORT_MAX_BYTES = 100 * 1024
    source.url = server + path
    source.save()
    import_source(source)
    source.refresh_from_db()
    assert message in source.last_error
    assert {uid: p.latest_revision_id for uid, p in imported(source).items()} == before


def test_an_unreachable_source(source, allow_local_server):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    allow_local_server(port)
    source.url = f"http://127.0.0.1:{port}/agenda.ics"
    import_source(source)
    source.refresh_from_db()
    assert "We konden de agenda niet bereiken." in source.last_error


def test_the_management_command_now(source, capsys):
    call_command("import_calendars", source=source.pk, now=True)
    out = capsys.readouterr().out
    assert "Partner: 3 activiteiten: 3 nieuw" in out
    source.active = False
    source.save()
    call_command("import_calendars", now=True)
    assert len(imported(source)) == 3


def test_the_demo_sources_were_imported():
    sources = CalendarSource.objects.all()
    assert sources.count() == 2
    assert all(s.last_error == "" and s.last_success_at for s in sources)
    assert EventPage.objects.filter(import_source__isnull=False).count() == 5


OVERRIDES = """BEGIN:VEVENT
UID:weekly@partner.test
RECURRENCE-ID;TZID=Europe/Amsterdam:{year}0119T190000
DTSTAMP:20261102T090000Z
SEQUENCE:1
SUMMARY:Digicafé (een uur later)
DTSTART;TZID=Europe/Amsterdam:{year}0119T200000
DTEND;TZID=Europe/Amsterdam:{year}0119T213000
END:VEVENT
BEGIN:VEVENT
UID:weekly@partner.test
RECURRENCE-ID;TZID=Europe/Amsterdam:{year}0126T190000
DTSTAMP:20261102T090000Z
SUMMARY:Digicafé
STATUS:CANCELLED
DTSTART;TZID=Europe/Amsterdam:{year}0126T190000
END:VEVENT
"""


def test_a_changed_date_of_a_series_is_imported_as_that_change(source, feed_file, year):
    """RECURRENCE-ID overrides were dropped: the moved evening showed at the old time and the
    cancelled one as if it went ahead."""
    import_source(source)
    content = (
        feed_file(extra=False)
        .read_text()
        .replace("END:VCALENDAR", OVERRIDES.format(year=year).replace("\n", "\r\n") + "END:VCALENDAR")
    )
    feed_file(text=content)
    line = import_source(source)
    assert "1 nieuw" in line, line
    pages = imported(source)
    weekly = pages["weekly@partner.test"]
    assert set(weekly.exception_dates) == {
        datetime.date(year, 1, 12),
        datetime.date(year, 1, 19),
        datetime.date(year, 1, 26),
    }
    moved = pages[f"weekly@partner.test|{year}-01-19"]
    assert (moved.start_date, moved.start_time) == (datetime.date(year, 1, 19), datetime.time(20))
    assert moved.title == "Digicafé (een uur later)" and not moved.imported_rrule
    # What the site lists on those evenings: the moved one at 20:00, nothing on the 26th.
    start = recurrence.aware(datetime.datetime(year, 1, 18))
    end = recurrence.aware(datetime.datetime(year, 1, 28))
    occurrences = recurrence.occurrences_between([weekly, moved], start, end)
    shown = sorted((o.start.date(), o.start.time()) for o in occurrences)
    assert shown == [(datetime.date(year, 1, 19), datetime.time(20))]
    # Importing again changes nothing.
    assert "0 nieuw, 0 gewijzigd, 0 verwijderd" in import_source(source)


def test_an_imported_description_does_not_repeat_its_first_line(source):
    import_source(source)
    weekly = imported(source)["weekly@partner.test"]
    assert weekly.summary == "Eerste regel."
    assert "Eerste regel." not in weekly.body and "Tweede regel" in weekly.body


UTC_SERIES = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//Partner//NL
BEGIN:VEVENT
UID:utc-series@partner.test
DTSTAMP:20261001T090000Z
SUMMARY:Beweegochtend
DTSTART:20261007T090000Z
DTEND:20261007T100000Z
RRULE:FREQ=WEEKLY;UNTIL=20270407T090000Z
EXDATE:20261104T090000Z
END:VEVENT
END:VCALENDAR
"""


def test_a_series_in_utc_keeps_the_partners_instant_in_winter_and_summer(source, feed_file, client):
    """Issue #15, 7: 09:00Z weekly became 11:00 local all winter; it is 10:00 in winter."""
    feed_file(text=UTC_SERIES.replace("\n", "\r\n"))
    import_source(source)
    page = imported(source)["utc-series@partner.test"]
    assert page.imported_utc
    starts = [
        o.start
        for o in recurrence.schedule(page).between(
            recurrence.aware(datetime.datetime(2026, 10, 1)), recurrence.aware(datetime.datetime(2027, 5, 1))
        )
    ]
    # Every occurrence is the partner's 09:00 UTC, whatever the local clock says.
    assert {s.astimezone(datetime.UTC).time() for s in starts} == {datetime.time(9)}
    local = {s.date(): s.time() for s in starts}
    assert local[datetime.date(2026, 10, 21)] == datetime.time(11)  # summer time
    assert local[datetime.date(2026, 10, 28)] == datetime.time(10)  # winter time
    assert local[datetime.date(2027, 3, 31)] == datetime.time(11)  # summer time again
    assert datetime.date(2026, 11, 4) not in local  # the exception
    assert max(local) == datetime.date(2027, 4, 7) and len(starts) == 27 - 1
    # The site's feed writes the series in UTC too, so calendar apps agree with the listing.
    from icalendar import Calendar

    body = client.get(f"/agenda/activiteit/{page.pk}.ics").content
    event = next(iter(Calendar.from_ical(body).walk("VEVENT")))
    assert event.decoded("DTSTART") == datetime.datetime(2026, 10, 7, 9, tzinfo=datetime.UTC)
    assert b"UNTIL=20270407T090000Z" in body and b"EXDATE:20261104T090000Z" in body
