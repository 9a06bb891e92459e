"""The agenda as iCalendar (RFC 5545) text, built with the `icalendar` package.

One VEVENT per event, recurring events with RRULE and EXDATE, times in Europe/Amsterdam with a
VTIMEZONE. The feed views, their validators and the cache of VEVENTs are in agenda/feeds.py."""

import datetime

from django.conf import settings
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vDuration, vRecur, vText

from . import recurrence

PRODID = "-//Stevenshof Vitaal//Wijkagenda//NL"


def utc(value):
    return value.astimezone(datetime.UTC)


def event_component(event, request, changed):
    """The VEVENT of one event; `changed` (when the agenda last changed) stamps an event that
    was never published."""
    sched = recurrence.schedule(event)
    first = sched.occurrence(sched.first_start())
    vevent = Event()
    vevent.add("uid", event.ical_uid)
    stamp = event.last_published_at or changed
    vevent.add("dtstamp", utc(stamp))
    vevent.add("last-modified", utc(stamp))
    if event.first_published_at:
        vevent.add("created", utc(event.first_published_at))
    vevent.add("sequence", event.sequence)
    title = event.title if not event.cancelled else f"Gaat niet door: {event.title}"
    vevent.add("summary", title)
    if event.all_day:
        vevent.add("dtstart", first.start.date())
        vevent.add("dtend", first.end.date())
    else:
        vevent.add("dtstart", first.start)
        vevent.add("dtend", first.end)
    rule = recurrence.ical_rrule(event)
    if rule:
        vevent.add("rrule", vRecur(rule))
        exdates = []
        for day in event.exception_dates:
            naive = datetime.datetime.combine(day, sched.dtstart.time())
            exdates.append(day if event.all_day else recurrence.aware(naive))
        if exdates:
            vevent.add("exdate", exdates)
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    vevent.add("transp", "TRANSPARENT")
    vevent.add("description", event.event_description())
    where = event.location_text()
    if where:
        vevent.add("location", where)
    if event.location and event.location.has_geo:
        vevent.add("geo", (float(event.location.latitude), float(event.location.longitude)))
    url = event.get_full_url(request)
    if url:
        vevent.add("url", url)
    names = [t.name for t in event.themes.all()]
    if names:
        vevent.add("categories", names)
    if event.organiser:
        vevent.add("x-organiser-name", vText(str(event.organiser)))
    return vevent


def build_calendar(name, description, vevents):
    """The whole VCALENDAR around VEVENTs that are serialised already (the feeds cache them)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vText(name))
    cal.add("name", name)
    cal.add("x-wr-caldesc", vText(description))
    cal.add("description", description)
    cal.add("x-wr-timezone", vText(settings.TIME_ZONE))
    refresh = datetime.timedelta(hours=settings.AGENDA_FEED_REFRESH_HOURS)
    cal.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(refresh))
    if settings.TIME_ZONE == "Europe/Amsterdam":
        cal.add_component(amsterdam_vtimezone())
    else:  # pragma: no cover - a district in another time zone
        cal.add_component(Timezone.from_tzid(settings.TIME_ZONE))
    end = b"END:VCALENDAR\r\n"
    head = cal.to_ical()
    assert head.endswith(end)
    return head[: -len(end)] + b"".join(vevents) + end


def amsterdam_vtimezone():
    """The VTIMEZONE of Europe/Amsterdam in its usual rule form (as Apple, Google and Outlook
    write it): summer time from the last Sunday of March, winter time from the last Sunday of
    October. Valid for every year since 1996."""
    tz = Timezone()
    tz.add("tzid", "Europe/Amsterdam")
    tz.add("x-lic-location", vText("Europe/Amsterdam"))
    tz.add_component(_clock_change(TimezoneDaylight, "CEST", 1, 2, datetime.datetime(1970, 3, 29, 2, 0, 0)))
    tz.add_component(_clock_change(TimezoneStandard, "CET", 2, 1, datetime.datetime(1970, 10, 25, 3, 0, 0)))
    return tz


def _clock_change(component, name, hours_from, hours_to, first):
    """One yearly switch of the clock, on the last Sunday of the month of `first`."""
    change = component()
    change.add("tzname", name)
    change.add("tzoffsetfrom", datetime.timedelta(hours=hours_from))
    change.add("tzoffsetto", datetime.timedelta(hours=hours_to))
    change.add("dtstart", first)
    change.add("rrule", vRecur({"FREQ": "YEARLY", "BYMONTH": first.month, "BYDAY": "-1SU"}))
    return change
