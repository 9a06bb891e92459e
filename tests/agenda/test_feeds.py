"""The iCal feeds, parsed back with `icalendar` and checked field by field."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils.http import http_date
from icalendar import Calendar
from wagtail.models import Page, Site

from agenda import feeds, recurrence
from agenda.models import EventPage
from home.models import Theme
from initiatieven.models import InitiatiefPage
from tests.agenda.factories import LocationFactory
from tests.home.factories import OrganisationFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevent(cal, uid):
    for component in cal.walk("VEVENT"):
        if str(component["UID"]) == uid:
            return component
    raise AssertionError(f"no VEVENT {uid}")


def event_feed(client, page):
    return client.get(f"/agenda/activiteit/{page.pk}.ics")


def test_event_feed_field_by_field(client, make_event, today):
    theme = ThemeFactory(name="Koffie, thee & praten")
    place = LocationFactory(
        name="Huis van de Buurt 2", address="Straat 1, Leiden", accessibility="Geen drempel."
    )
    start = today + datetime.timedelta(days=3)
    # A Monday or Thursday two weeks on: a date of the series (only those become an EXDATE).
    later = (start + datetime.timedelta(days=14 + i) for i in range(7))
    skipped = next(day for day in later if day.weekday() in (0, 3))
    page = make_event(
        title='Koffie; met "taart", en meer',
        summary="Drink koffie, eet taart.",
        body="<p>Kom <b>gezellig</b> langs.</p><p>Tweede alinea.</p>",
        start_date=start,
        start_time=datetime.time(19),
        end_time=datetime.time(20, 30),
        repeat="weekly",
        weekdays=["MO", "TH"],
        repeat_until=start + datetime.timedelta(days=60),
        exceptions=[skipped],
        location=place,
        themes=[theme],
        cost=Decimal("2.50"),
        registration="email",
        registration_value="koffie@example.org",
    )
    response = event_feed(client, page)
    cal = parse(response)
    assert 'attachment; filename="' in response["Content-Disposition"]
    # Apps do not undo TEXT escaping in X-WR-CALNAME (they showed "\\;"): no ";" or "," there.
    assert b'X-WR-CALNAME:Koffie - met "taart" - en meer\r\n' in response.content
    # NAME (RFC 7986) is TEXT: the whole name, escaped like SUMMARY.
    assert b'\r\nNAME:Koffie\\; met "taart"\\, en meer\r\n' in response.content
    assert str(cal["NAME"]).replace("\\;", ";").replace("\\,", ",") == page.title
    assert cal["REFRESH-INTERVAL"].to_ical() == b"PT6H"
    assert "PT6H" in response.content.decode()
    tz = cal.walk("VTIMEZONE")[0]
    assert str(tz["TZID"]) == "Europe/Amsterdam"
    assert {c.name for c in tz.subcomponents} == {"STANDARD", "DAYLIGHT"}
    ev = vevent(cal, f"event-{page.pk}@stevenshofvitaal.nl")
    assert str(ev["SUMMARY"]) == page.title  # commas, quotes and semicolons survive escaping
    # Local time with a TZID, not UTC.
    assert ev["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    dtstart = ev.decoded("DTSTART")
    assert dtstart.replace(tzinfo=None).time() == datetime.time(19)
    assert str(dtstart.tzinfo) == "Europe/Amsterdam"
    assert ev.decoded("DTEND") - dtstart == datetime.timedelta(minutes=90)
    rule = ev["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "TH"]
    assert rule["UNTIL"][0].tzinfo is not None and rule["UNTIL"][0].utcoffset() == datetime.timedelta(0)
    assert b"UNTIL=" in response.content and b"Z;" in response.content or b"Z\r\n" in response.content
    exdates = [d.dt for d in ev["EXDATE"].dts] if not isinstance(ev["EXDATE"], list) else []
    assert exdates and exdates[0].date() == skipped
    assert exdates[0].time() == datetime.time(19)
    assert str(ev["STATUS"]) == "CONFIRMED"
    assert str(ev["LOCATION"]) == "Huis van de Buurt 2, Straat 1, Leiden"
    assert ev["GEO"].latitude == pytest.approx(52.146) and ev["GEO"].longitude == pytest.approx(4.449)
    assert str(ev["URL"]).endswith(page.url)
    description = str(ev["DESCRIPTION"])
    assert "<" not in description and "Kom gezellig langs." in description
    assert "Kosten: € 2,50" in description and "koffie@example.org" in description
    assert [str(c) for c in ev["CATEGORIES"].cats] == ["Koffie, thee & praten"]
    assert ev.decoded("DTSTAMP") == page.last_published_at.replace(microsecond=0)
    assert ev.decoded("LAST-MODIFIED") == page.last_published_at.replace(microsecond=0)
    # Lines are folded at 75 octets.
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))


def test_all_day_and_cancelled(client, make_event, today):
    page = make_event(
        start_date=today + datetime.timedelta(days=5),
        end_date=today + datetime.timedelta(days=6),
        start_time=None,
        end_time=None,
        cancelled=True,
    )
    ev = vevent(parse(event_feed(client, page)), page.ical_uid)
    assert ev["DTSTART"].params.get("VALUE") == "DATE" or isinstance(ev.decoded("DTSTART"), datetime.date)
    assert ev.decoded("DTSTART") == today + datetime.timedelta(days=5)
    assert ev.decoded("DTEND") == today + datetime.timedelta(days=7)  # exclusive
    assert not isinstance(ev.decoded("DTSTART"), datetime.datetime)
    assert str(ev["STATUS"]) == "CANCELLED"
    assert str(ev["SUMMARY"]).startswith("Gaat niet door: ")


def test_uid_is_stable_and_sequence_rises_on_change(client, make_event):
    page = make_event()
    first = vevent(parse(event_feed(client, page)), page.ical_uid)
    again = vevent(parse(event_feed(client, page)), page.ical_uid)
    assert first.decoded("DTSTAMP") == again.decoded("DTSTAMP")  # stable when nothing changed
    page = EventPage.objects.get(pk=page.pk)
    page.title = "Nieuwe naam"
    page.first_published_at -= datetime.timedelta(minutes=5)  # as if published five minutes ago
    page.save()
    page.save_revision().publish()
    changed = vevent(parse(event_feed(client, page)), page.ical_uid)
    assert str(changed["UID"]) == str(first["UID"])
    assert int(changed["SEQUENCE"]) > int(first["SEQUENCE"])
    assert changed.decoded("DTSTAMP") >= first.decoded("DTSTAMP")


def test_whole_agenda_feed_holds_the_demo_and_is_site_scoped(client, make_event, home_page, today):
    cal = parse(client.get("/agenda/agenda.ics"))
    summaries = {str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
    assert "Koffie-ochtend in het Huis van de Buurt" in summaries
    assert "Gaat niet door: Bloembollen planten in de berm" in summaries
    # One VEVENT per recurring event, not one per date.
    assert sum(1 for e in cal.walk("VEVENT") if "Koffie-ochtend" in str(e["SUMMARY"])) == 1
    assert str(cal["X-WR-CALNAME"]).startswith("Agenda")
    # An event of another site is not in this site's feed.
    other_root = Page.get_first_root_node().add_child(
        instance=home_page.__class__(
            title="Andere wijk", slug="andere-wijk", welcome_title="Hoi", welcome_text="Hoi"
        )
    )
    Site.objects.create(hostname="andere.test", port=80, root_page=other_root)
    make_event(parent=other_root, title="Alleen in de andere wijk")
    summaries = {str(e["SUMMARY"]) for e in parse(client.get("/agenda/agenda.ics")).walk("VEVENT")}
    assert "Alleen in de andere wijk" not in summaries
    other = {
        str(e["SUMMARY"])
        for e in parse(client.get("/agenda/agenda.ics", HTTP_HOST="andere.test")).walk("VEVENT")
    }
    assert other == {"Alleen in de andere wijk"}


def test_old_events_drop_out_and_drafts_are_not_shown(client, make_event, today):
    make_event(title="Lang geleden", start_date=today - datetime.timedelta(days=40))
    make_event(title="Vorige week", start_date=today - datetime.timedelta(days=7))
    make_event(
        title="Oude reeks",
        start_date=today - datetime.timedelta(days=100),
        repeat="weekly",
        repeat_until=today - datetime.timedelta(days=35),
    )
    make_event(
        title="Reeks loopt nog",
        start_date=today - datetime.timedelta(days=100),
        repeat="weekly",
        repeat_until=today + datetime.timedelta(days=35),
    )
    make_event(title="Concept", publish=False, live=False)
    summaries = {str(e["SUMMARY"]) for e in parse(client.get("/agenda/agenda.ics")).walk("VEVENT")}
    assert "Vorige week" in summaries and "Reeks loopt nog" in summaries
    assert "Lang geleden" not in summaries and "Oude reeks" not in summaries and "Concept" not in summaries


def test_theme_group_and_organisation_feeds(client, make_event, agenda):
    from initiatieven.models import InitiatiefIndexPage, InitiatiefPage

    theme = ThemeFactory()
    org = OrganisationFactory()
    index = agenda.get_parent().add_child(
        instance=InitiatiefIndexPage(title="Initiatieven", slug="initiatieven-test")
    )
    group = index.add_child(instance=InitiatiefPage(title="Groen test", slug="groen-test", intro="Groen"))
    make_event(title="Over het thema", themes=[theme])
    make_event(title="Van de organisatie", organiser_organisation=org)
    make_event(parent=group, title="Van de groep")
    make_event(title="Iets anders")

    def titles(url):
        return {str(e["SUMMARY"]) for e in parse(client.get(url)).walk("VEVENT")}

    assert titles(f"/agenda/thema/{theme.slug}.ics") == {"Over het thema"}
    assert titles(f"/agenda/organisatie/{org.slug}.ics") == {"Van de organisatie"}
    assert titles("/agenda/groep/groen-test.ics") == {"Van de groep"}
    cal = parse(client.get(f"/agenda/thema/{theme.slug}.ics"))
    assert theme.name in str(cal["X-WR-CALNAME"])


def test_unknown_scopes_give_a_404(client):
    assert client.get("/agenda/thema/bestaat-niet.ics").status_code == 404
    assert client.get("/agenda/groep/bestaat-niet.ics").status_code == 404
    assert client.get("/agenda/organisatie/bestaat-niet.ics").status_code == 404
    assert client.get("/agenda/activiteit/999999.ics").status_code == 404


def test_a_draft_event_has_no_feed(client, make_event):
    page = make_event(publish=False, live=False)
    assert event_feed(client, page).status_code == 404


def test_conditional_get_answers_304(client):
    first = client.get("/agenda/agenda.ics")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get("/agenda/agenda.ics", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/agenda/agenda.ics", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get("/agenda/agenda.ics", HTTP_IF_NONE_MATCH='"iets-anders"').status_code == 200


@pytest.mark.parametrize("change", ["publish", "unpublish", "delete", "location", "theme", "group"])
def test_validators_change_when_the_agenda_changes(client, make_event, change):
    page = make_event(themes=[Theme.objects.get(slug="gezond-eten")])
    first = client.get("/agenda/agenda.ics")
    if change == "publish":
        page.title = "Gewijzigd"
        page.save_revision().publish()
    elif change == "unpublish":
        page.unpublish()
    elif change == "delete":
        page.delete()
    elif change == "location":
        page.location.name = "Nieuwe naam"
        page.location.save()
    elif change == "theme":
        theme = page.themes.get()
        theme.name = "Gezond en lekker eten"
        theme.save()
    else:
        group = InitiatiefPage.objects.get(slug="groen")
        EventPage.objects.filter(pk=page.pk).update(organiser_group=group)
        first = client.get("/agenda/agenda.ics")
        group.title = "Groen doen"
        group.save_revision().publish()
    response = client.get(
        "/agenda/agenda.ics", HTTP_IF_NONE_MATCH=first["ETag"], HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    assert client.get("/agenda/agenda.ics", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 200
    shown = {"location": b"Nieuwe naam", "theme": b"Gezond en lekker eten", "group": b"Groen doen"}
    if change in shown:
        assert shown[change] in response.content


def test_feed_goes_through_the_page_cache_and_is_purged_on_publish(client, make_event, settings):
    settings.PAGE_CACHE_SECONDS = 600
    page = make_event(title="Eerste versie")
    first = client.get("/agenda/agenda.ics")
    assert first["X-Cache"] == "MISS"
    second = client.get("/agenda/agenda.ics")
    assert second["X-Cache"] == "HIT" and second.content == first.content
    assert client.get("/agenda/agenda.ics", HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304
    page.title = "Tweede versie"
    page.save_revision().publish()
    third = client.get("/agenda/agenda.ics")
    assert third["X-Cache"] == "MISS"
    assert b"Tweede versie" in third.content and b"Eerste versie" not in third.content


def test_a_page_saved_without_a_publish_leaves_the_page_cache_too(client, make_event, settings):
    # A shell or a script that saves pages sends no publish signal: the save itself counts.
    settings.PAGE_CACHE_SECONDS = 600
    page = make_event(title="Voor het script")
    assert client.get("/agenda/agenda.ics")["X-Cache"] == "MISS"
    assert client.get("/agenda/agenda.ics")["X-Cache"] == "HIT"
    page.title = "Na het script"
    page.save()
    response = client.get("/agenda/agenda.ics")
    assert response["X-Cache"] == "MISS" and b"SUMMARY:Na het script" in response.content


def test_a_draft_changes_nothing_a_calendar_app_or_a_visitor_sees(client, make_event):
    # Wagtail's draft save (save_revision) touches only draft fields: no new stamp, no bump.
    from home.cache import versions

    page = make_event(title="Zoals gepubliceerd")
    first = client.get("/agenda/agenda.ics")
    before = versions()
    page.title = "Nog een concept"
    page.save_revision()
    assert versions() == before
    assert client.get("/agenda/agenda.ics", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert EventPage.objects.get(pk=page.pk).feed_modified == page.feed_modified


def test_feed_query_count_does_not_grow_with_events(client, make_event, django_assert_max_num_queries, today):
    theme = ThemeFactory()

    def weekly_events(count, with_location=False):
        for i in range(count):
            extra = {"location": LocationFactory()} if with_location else {}  # a place of its own each
            make_event(
                themes=[theme],
                start_date=today + datetime.timedelta(days=i),
                repeat="weekly",
                repeat_count=5,
                exceptions=[today + datetime.timedelta(days=i + 7)],
                **extra,
            )

    weekly_events(3)
    with django_assert_max_num_queries(12) as few:
        client.get(f"/agenda/thema/{theme.slug}.ics")
    weekly_events(20, with_location=True)
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(f"/agenda/thema/{theme.slug}.ics")
    assert len(parse(response).walk("VEVENT")) == 23


def test_theme_names_from_the_shared_taxonomy_are_used(client, make_event):
    theme = Theme.objects.get(slug="gezond-eten")
    page = make_event(themes=[theme])
    ev = vevent(parse(event_feed(client, page)), page.ical_uid)
    assert [str(c) for c in ev["CATEGORIES"].cats] == ["Gezond eten"]


def test_http_date_helpers_are_consistent(client):
    response = client.get("/agenda/agenda.ics")
    assert response["Last-Modified"] == http_date(
        feeds._last_modified(response.wsgi_request, "all").timestamp()
    )


def test_cached_vevents_follow_changes_of_the_event_and_of_shared_names(client, make_event):
    theme = ThemeFactory(name="Oude naam")
    page = make_event(title="Blijft", themes=[theme])
    other = make_event(title="Wordt anders", themes=[theme])
    client.get("/agenda/agenda.ics")  # fills the per-event cache
    other.title = "Is anders"
    other.save_revision().publish()
    body = client.get("/agenda/agenda.ics").content
    assert b"SUMMARY:Is anders" in body and b"SUMMARY:Blijft" in body
    theme.name = "Nieuwe naam"
    theme.save()
    body = client.get(f"/agenda/activiteit/{page.pk}.ics").content
    assert b"CATEGORIES:Nieuwe naam" in body
    page.location.name = "Andere plek"
    page.location.save()
    assert b"LOCATION:Andere plek" in client.get("/agenda/agenda.ics").content
    # The whole feed is still one valid calendar.
    cal = parse(client.get("/agenda/agenda.ics"))
    assert len(cal.walk("VTIMEZONE")) == 1 and cal.walk("VEVENT")


def test_group_feed_holds_events_under_the_group_page_with_another_organiser(client, make_event, agenda):
    from initiatieven.models import InitiatiefIndexPage, InitiatiefPage

    index = agenda.get_parent().add_child(instance=InitiatiefIndexPage(title="Initiatieven", slug="init-2"))
    group = index.add_child(instance=InitiatiefPage(title="Dieren", slug="dieren-test", intro="Dieren"))
    make_event(parent=group, title="Samen met de bieb", organiser_organisation=OrganisationFactory())
    make_event(title="Door de groep, in de agenda", organiser_group=group)
    summaries = {str(e["SUMMARY"]) for e in parse(client.get("/agenda/groep/dieren-test.ics")).walk("VEVENT")}
    assert summaries == {"Samen met de bieb", "Door de groep, in de agenda"}
    response = client.get("/agenda/?groep=dieren-test")
    assert b"Samen met de bieb" in response.content and b"Door de groep, in de agenda" in response.content


# --- issue #15: every calendar app sees exactly the agenda --------------------------------
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
D = datetime.date
T = datetime.time


def expanded(cal, first_day, last_day):
    """(start, end, summary) of every occurrence as the strict `ical` package (another parser
    than ours) expands the feed."""
    from ical.calendar_stream import IcsCalendarStream

    timeline = IcsCalendarStream.calendar_from_ics(cal.to_ical().decode()).timeline_tz(AMSTERDAM)
    start = datetime.datetime.combine(first_day, T.min, tzinfo=AMSTERDAM)
    end = datetime.datetime.combine(last_day, T.min, tzinfo=AMSTERDAM)
    return sorted((e.dtstart, e.end, e.summary) for e in timeline.overlapping(start, end))


def listed(page, first_day, last_day):
    """The same, as the site lists them (agenda.recurrence)."""
    start = datetime.datetime.combine(first_day, T.min, tzinfo=AMSTERDAM)
    end = datetime.datetime.combine(last_day, T.min, tzinfo=AMSTERDAM)
    page = EventPage.objects.get(pk=page.pk)
    return [(o.start, o.end, page.title) for o in recurrence.occurrences_between([page], start, end)]


def test_a_counted_series_whose_first_date_is_an_exception_keeps_its_count(client, make_event, pinned_clock):
    """Weekly on Tuesday, 3 times, not on 1 December: 8 and 15 December, as on the site. The
    feed moved DTSTART to 8 December and kept COUNT=3, so every app added 22 December."""
    pinned_clock.move_to(datetime.datetime(2026, 11, 16, 10, tzinfo=AMSTERDAM))
    page = make_event(
        start_date=D(2026, 12, 1),
        start_time=T(19),
        end_time=T(21),
        repeat="weekly",
        weekdays=["TU"],
        repeat_count=3,
        exceptions=[D(2026, 12, 1)],
    )
    response = event_feed(client, page)
    assert b"DTSTART;TZID=Europe/Amsterdam:20261201T190000\r\n" in response.content
    assert b"EXDATE;TZID=Europe/Amsterdam:20261201T190000\r\n" in response.content
    apps_see = expanded(parse(response), D(2026, 11, 1), D(2027, 2, 1))
    assert [start.date() for start, _end, _title in apps_see] == [D(2026, 12, 8), D(2026, 12, 15)]
    assert apps_see == listed(page, D(2026, 11, 1), D(2027, 2, 1))


def test_only_exception_dates_that_fall_on_the_series_are_written(client, make_event, pinned_clock):
    """ical.js showed an excluded date for an EXDATE that is not one of the series' dates."""
    pinned_clock.move_to(datetime.datetime(2027, 1, 4, 10, tzinfo=AMSTERDAM))
    page = make_event(
        start_date=D(2027, 1, 13),  # a Wednesday; the series: 13, 14, 27, 28 January, 10, 11 February ...
        start_time=None,
        end_time=None,
        repeat="weekly",
        interval=2,
        weekdays=["WE", "TH"],
        repeat_until=D(2027, 3, 31),
        exceptions=[D(2027, 2, 11), D(2027, 2, 18), D(2027, 2, 19)],  # only 11 February is in it
    )
    response = event_feed(client, page)
    ev = vevent(parse(response), page.ical_uid)
    assert b"EXDATE;VALUE=DATE:20270211\r\n" in response.content
    assert [d.dt for d in ev["EXDATE"].dts] == [D(2027, 2, 11)]
    apps_see = [start for start, _end, _title in expanded(parse(response), D(2027, 1, 1), D(2027, 5, 1))]
    assert apps_see == [start.date() for start, _end, _title in listed(page, D(2027, 1, 1), D(2027, 5, 1))]
    assert D(2027, 2, 11) not in apps_see and D(2027, 2, 10) in apps_see


def test_names_are_escaped_in_name_and_left_plain_in_the_x_wr_texts(client, make_event):
    page = make_event(
        title="Repair Café; neem uw kapotte spullen mee", summary="Gratis, met koffie; en taart."
    )
    body = event_feed(client, page).content
    assert b"\r\nNAME:Repair Caf\xc3\xa9\\; neem uw kapotte spullen mee\r\n" in body
    assert b"X-WR-CALNAME:Repair Caf\xc3\xa9 - neem uw kapotte spullen mee\r\n" in body
    assert b"X-WR-CALDESC:Gratis - met koffie - en taart.\r\n" in body
    cal = Calendar.from_ical(body)
    # icalendar (like ical.js) gives X- properties back as written: no backslashes to show.
    assert "\\" not in str(cal["X-WR-CALNAME"]) and "\\" not in str(cal["X-WR-CALDESC"])
    assert str(cal["DESCRIPTION"]) == "Gratis, met koffie; en taart."


def test_renaming_a_place_is_a_change_of_its_events(client, make_event, pinned_clock):
    """Calendar apps look at DTSTAMP, LAST-MODIFIED and SEQUENCE to see that an event changed."""
    page = make_event(title="Op de plek")
    elsewhere = make_event(title="Ergens anders")
    before = parse(client.get("/agenda/agenda.ics"))
    pinned_clock.shift(120)
    page.location.name = "Buurthuis De Nieuwe Plek"
    page.location.save()
    after = parse(client.get("/agenda/agenda.ics"))
    old, new = vevent(before, page.ical_uid), vevent(after, page.ical_uid)
    assert str(new["LOCATION"]).startswith("Buurthuis De Nieuwe Plek")
    assert new.decoded("DTSTAMP") > old.decoded("DTSTAMP")
    assert new.decoded("LAST-MODIFIED") > old.decoded("LAST-MODIFIED")
    assert int(new["SEQUENCE"]) > int(old["SEQUENCE"])
    # Other events keep their stamps.
    untouched = vevent(after, elsewhere.ical_uid).to_ical()
    assert untouched == vevent(before, elsewhere.ical_uid).to_ical()
    # A later publish of the event does not take the stamps back.
    page = EventPage.objects.get(pk=page.pk)
    page.save_revision().publish()
    again = vevent(parse(client.get("/agenda/agenda.ics")), page.ical_uid)
    assert again.decoded("DTSTAMP") >= new.decoded("DTSTAMP")
    assert str(again["LOCATION"]).startswith("Buurthuis De Nieuwe Plek")


OTHER_PROCESS = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "other"}}


def test_a_publish_in_another_process_moves_the_validators(client, make_event, pinned_clock):
    """`manage.py shell` or the import cron has a local-memory cache of its own: what it
    publishes must still change the feed's ETag and Last-Modified here."""
    page = make_event(title="Eerste versie")
    first = client.get("/agenda/agenda.ics")
    pinned_clock.shift(5)
    with override_settings(CACHES=OTHER_PROCESS):
        page.title = "Tweede versie"
        page.save_revision().publish()
    response = client.get("/agenda/agenda.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200 and b"SUMMARY:Tweede versie" in response.content
    assert response["ETag"] != first["ETag"]
    assert client.get("/agenda/agenda.ics", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 200
    # Unpublished there: gone here too, with new validators.
    second = client.get("/agenda/agenda.ics")
    pinned_clock.shift(5)
    with override_settings(CACHES=OTHER_PROCESS):
        EventPage.objects.get(pk=page.pk).unpublish()
    third = client.get("/agenda/agenda.ics", HTTP_IF_NONE_MATCH=second["ETag"])
    assert third.status_code == 200 and b"Tweede versie" not in third.content
    assert client.get("/agenda/agenda.ics", HTTP_IF_MODIFIED_SINCE=second["Last-Modified"]).status_code == 200


def test_every_process_answers_with_the_same_validators(client, make_event, pinned_clock):
    pinned_clock.move_to(datetime.datetime(2026, 6, 10, 12, tzinfo=AMSTERDAM))  # not near midnight
    make_event()
    urls = ["/agenda/agenda.ics", "/agenda/thema/gezond-eten.ics", "/agenda/groep/groen.ics"]
    here = [client.get(url) for url in urls]
    pinned_clock.shift(30)
    with override_settings(CACHES=OTHER_PROCESS):  # a second worker or server, its cache empty
        cache.clear()
        there = [client.get(url) for url in urls]
    for mine, theirs in zip(here, there, strict=True):
        assert mine.status_code == theirs.status_code == 200
        assert (mine["ETag"], mine["Last-Modified"]) == (theirs["ETag"], theirs["Last-Modified"])
        assert mine.content == theirs.content


def test_a_change_without_signals_still_moves_the_validators(client, make_event):
    """A bulk update (a data migration, a script) sends no signal; the stamps are in the rows."""
    page = make_event()
    first = client.get("/agenda/agenda.ics")
    EventPage.objects.filter(pk=page.pk).update(
        title="Zonder signaal", last_published_at=page.last_published_at + datetime.timedelta(seconds=2)
    )
    response = client.get("/agenda/agenda.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200 and b"SUMMARY:Zonder signaal" in response.content


def test_after_a_publish_a_worker_builds_only_the_changed_event(client, make_event, monkeypatch):
    """Each worker keeps the VEVENTs it served in memory, in front of the shared cache: even when
    the shared cache answers nothing (Redis timing out on a busy machine), a publish costs the
    whole-agenda feed one event, not all of them."""
    from django.core.cache.backends.dummy import DummyCache

    from agenda import ical

    pages = [make_event(title=f"Activiteit {i}") for i in range(3)]
    monkeypatch.setattr(feeds, "vevent_cache", lambda: DummyCache("none", {}))
    client.get("/agenda/agenda.ics")  # the worker's memory holds every event now
    built = []
    original = ical.event_components

    def counted(event, request):
        built.append(event.pk)
        return original(event, request)

    monkeypatch.setattr(ical, "event_components", counted)
    pages[1].title = "Nieuwe titel"
    pages[1].save_revision().publish()
    body = client.get("/agenda/agenda.ics").content
    assert built == [pages[1].pk]
    assert b"SUMMARY:Nieuwe titel" in body and b"SUMMARY:Activiteit 0" in body
    # The same feed again comes whole from the worker's memory, as long as its ETag holds.
    assert client.get("/agenda/agenda.ics").content == body and built == [pages[1].pk]
