"""The agenda as iCalendar (RFC 5545) text, built with the `icalendar` package.

One VEVENT per event, recurring events with RRULE and EXDATE (plus a VEVENT with RECURRENCE-ID
for a date the rule alone does not describe the same in every app), times in Europe/Amsterdam
with a VTIMEZONE. The feed views, their validators and the cache of VEVENTs are in agenda/feeds.py."""

import datetime
import re

from django.conf import settings
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vDuration, vRecur, vText

from . import recurrence

PRODID = "-//Stevenshof Vitaal//Wijkagenda//NL"


def utc(value):
    return value.astimezone(datetime.UTC)


def event_components(event, request):
    """The VEVENTs of one event: one with the rule, plus one per date that the rule alone does
    not give every calendar app the same way (RECURRENCE-ID). Those are the dates where the
    clock changes during the activity (an overnight or weekend activity on the night summer or
    winter time starts) and times the clock skips or shows twice (see agenda.recurrence).
    Empty for a rule without any date."""
    sched = recurrence.schedule(event)
    starts = sched.rule_starts
    if not starts:
        return []
    master = _described(event, request)
    first = starts[0]
    if sched.utc:
        return [_utc_series(event, master, sched)]
    if event.all_day:
        master.add("dtstart", first.date())
        master.add("dtend", (first + sched.duration).date())
    elif sched.rule is None:
        occurrence = sched.occurrence(first)
        master.add("dtstart", _moment(occurrence.start))
        master.add("dtend", _moment(occurrence.end))
    else:
        # The rule's first date, even when it is an exception date (then EXDATE leaves it
        # out): DTSTART is the first time a COUNT counts.
        master.add("dtstart", recurrence.aware(first))
        if _regular(sched, first):
            master.add("dtend", recurrence.aware(first + sched.duration))
        else:  # DTEND would give this one date's length to every date
            master.add("duration", sched.duration)
    overrides = []
    rule = recurrence.ical_rrule(event)
    if rule:
        master.add("rrule", vRecur(rule))
        known = set(starts)
        time = sched.dtstart.time()
        # Only dates that are in the rule: some apps show an exception date that is not.
        excluded = [day for day in event.exception_dates if datetime.datetime.combine(day, time) in known]
        if excluded:
            if event.all_day:
                master.add("exdate", excluded)
            else:
                master.add("exdate", [recurrence.aware(datetime.datetime.combine(d, time)) for d in excluded])
        if not event.all_day:
            skipped = set(excluded)
            for start in starts:
                if start.date() not in skipped and not _regular(sched, start):
                    overrides.append(_override(event, request, sched, start))
    return [master, *overrides]


def _utc_series(event, master, sched):
    """An imported series anchored in UTC, written as the partner wrote it: DTSTART, UNTIL and
    EXDATE in UTC, so every app keeps the partner's instant through summer and winter time."""
    anchors = list(sched.rule)
    first = anchors[0].replace(tzinfo=datetime.UTC)
    master.add("dtstart", first)
    master.add("dtend", first + sched.duration)
    rule = recurrence.ical_rrule(event)
    if not rule:
        return master
    master.add("rrule", vRecur(rule))
    skipped = set(event.exception_dates)
    excluded = [
        a.replace(tzinfo=datetime.UTC) for a in anchors if recurrence.utc_to_local(a).date() in skipped
    ]
    if excluded:
        master.add("exdate", excluded)
    return master


def _regular(sched, naive_start):
    """Whether this date of a timed rule is what every app makes of DTSTART and DTEND: both
    times are on the clock once (not skipped, not shown twice), and the clock does not change
    in between."""
    end = naive_start + sched.duration
    if recurrence.steady(naive_start, end):
        return True
    for naive in (naive_start, end):
        if not recurrence.exists(naive) or recurrence.ambiguous(naive):
            return False
    return utc(recurrence.aware(end)) - utc(recurrence.aware(naive_start)) == sched.duration


def _moment(moment):
    """A time as local time with its TZID, or in UTC when the clock shows it twice (apps
    disagree about which of the two a local 02:30 is on the night winter time starts)."""
    if recurrence.ambiguous(moment.replace(tzinfo=None)):
        return utc(moment)
    return moment


def _override(event, request, sched, naive_start):
    occurrence = sched.occurrence(naive_start)
    vevent = _described(event, request)
    vevent.add("recurrence-id", recurrence.aware(naive_start))
    vevent.add("dtstart", _moment(occurrence.start))
    vevent.add("dtend", _moment(occurrence.end))
    return vevent


def _described(event, request):
    """A VEVENT with everything but its dates."""
    vevent = Event()
    vevent.add("uid", event.ical_uid)
    stamp = event.feed_modified
    vevent.add("dtstamp", utc(stamp))
    vevent.add("last-modified", utc(stamp))
    if event.first_published_at:
        vevent.add("created", utc(event.first_published_at))
    vevent.add("sequence", event.sequence)
    title = event.title if not event.cancelled else f"Gaat niet door: {event.title}"
    vevent.add("summary", title)
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
        vevent.add("x-organiser-name", vText(x_text(str(event.organiser))))
    return vevent


def x_text(text):
    """Text for an X- property. Apps do not undo TEXT escaping there (they show "\\;" and
    "\\,"), so the value holds no ";" or "," to escape."""
    return re.sub(r"\s*[;,]+\s*", " - ", text).strip(" -")


def build_calendar(name, description, vevents):
    """The whole VCALENDAR around VEVENTs that are serialised already (the feeds cache them)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # X-WR-CALNAME and X-WR-CALDESC are what most apps read; NAME and DESCRIPTION (RFC 7986)
    # are TEXT and keep the full text, escaped.
    cal.add("x-wr-calname", vText(x_text(name)))
    cal.add("name", vText(name))
    cal.add("x-wr-caldesc", vText(x_text(description)))
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
