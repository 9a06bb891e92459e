"""The one place that knows when an event happens.

The listing, the event page, the JSON-LD and the iCal feeds all take their dates from here.
Rules are computed with python-dateutil in *local wall-clock time* (Europe/Amsterdam) and only
then given a time zone, so a weekly 19:00 activity stays at 19:00 across daylight-saving changes.
"""

import datetime
import itertools
from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo

from dateutil import rrule as du
from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format

from .choices import WEEKDAY_CHOICES

WEEKDAYS = {"MO": du.MO, "TU": du.TU, "WE": du.WE, "TH": du.TH, "FR": du.FR, "SA": du.SA, "SU": du.SU}
WEEKDAY_CODES = [code for code, _name in WEEKDAY_CHOICES]
WEEKDAY_NAMES = dict(WEEKDAY_CHOICES)
ORDINALS = {1: "eerste", 2: "tweede", 3: "derde", 4: "vierde", -1: "laatste"}


def local_tz():
    return ZoneInfo(settings.TIME_ZONE)


def aware(naive):
    return naive.replace(tzinfo=local_tz())


def to_naive_local(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            return value.astimezone(local_tz()).replace(tzinfo=None)
        return value
    return datetime.datetime.combine(value, datetime.time.min)


@dataclass(frozen=True)
class Occurrence:
    event: object
    start: datetime.datetime  # aware, local zone; midnight for all-day events
    end: datetime.datetime  # aware; exclusive (the next midnight for all-day events)

    @property
    def all_day(self):
        return self.event.all_day

    @property
    def day(self):
        return self.start.date()

    @property
    def last_day(self):
        """The last day this occurrence covers (for "t/m" in multi-day events)."""
        if self.all_day:
            return (self.end - datetime.timedelta(days=1)).date()
        return (self.end - datetime.timedelta(microseconds=1)).date() if self.end > self.start else self.day

    @property
    def multi_day(self):
        return self.last_day > self.day

    @property
    def cancelled(self):
        return self.event.cancelled


class Schedule:
    """The rule of one event, built once per event object."""

    def __init__(self, event):
        self.event = event
        self.duration = event.duration()
        self.dtstart = datetime.datetime.combine(event.start_date, event.start_time or datetime.time.min)

    @cached_property
    def ruleset(self):
        """A dateutil rruleset in naive local time, or None for a one-off event."""
        event = self.event
        if event.imported_rrule:
            rule = du.rrulestr(event.imported_rrule, dtstart=self.dtstart)
            if isinstance(rule, du.rruleset):  # pragma: no cover - rrulestr without forceset
                rules = rule._rrule
                rule = rules[0]
            rule = self._capped(rule)
        elif event.repeat in ("weekly", "monthly"):
            rule = du.rrule(**self.rule_parts())
        else:
            return None
        rset = du.rruleset()
        rset.rrule(rule)
        for day in event.exception_dates:
            rset.exdate(datetime.datetime.combine(day, self.dtstart.time()))
        return rset

    def _capped(self, rule):
        """An imported rule without an end (or a huge one) stops after the set horizon."""
        horizon = self.dtstart + datetime.timedelta(days=settings.AGENDA_MAX_REPEAT_DAYS)
        until = rule._until
        count = rule._count
        if count and count > settings.AGENDA_MAX_OCCURRENCES:
            count = settings.AGENDA_MAX_OCCURRENCES
        if not count and (until is None or until > horizon):
            until = horizon
        return rule.replace(until=until if not count else None, count=count)

    def rule_parts(self):
        """Our own fields as rrule arguments (naive local UNTIL)."""
        event = self.event
        days = [WEEKDAYS[d] for d in event.weekdays if d in WEEKDAYS] or [
            WEEKDAYS[WEEKDAY_CODES[event.start_date.weekday()]]
        ]
        parts = {
            "freq": du.WEEKLY if event.repeat == "weekly" else du.MONTHLY,
            "dtstart": self.dtstart,
            "interval": max(1, event.interval or 1),
            "wkst": du.MO,
        }
        if event.repeat == "weekly":
            parts["byweekday"] = days
        elif event.month_week:
            parts["byweekday"] = [d(event.month_week) for d in days]
        else:
            parts["bymonthday"] = event.start_date.day
        horizon = event.start_date + datetime.timedelta(days=settings.AGENDA_MAX_REPEAT_DAYS)
        if event.repeat_count:
            parts["count"] = min(event.repeat_count, settings.AGENDA_MAX_OCCURRENCES)
        else:
            until = min(event.repeat_until or horizon, horizon)
            parts["until"] = datetime.datetime.combine(until, datetime.time.max.replace(microsecond=0))
        return parts

    def starts_between(self, window_start, window_end):
        """Naive local starts of occurrences that overlap [window_start, window_end)."""
        earliest = window_start - self.duration
        if self.ruleset is None:
            starts = [self.dtstart]
        else:
            starts = self.ruleset.between(earliest, window_end, inc=True)
        return [
            s
            for s in starts
            if s < window_end
            and (s + self.duration > window_start or (not self.duration and s >= window_start))
        ]

    def occurrence(self, naive_start):
        # Wall-clock arithmetic: whole days stay whole days across a daylight-saving change.
        start = aware(naive_start)
        end = aware(naive_start + self.duration)
        return Occurrence(self.event, start, end)

    def between(self, start, end):
        return [self.occurrence(s) for s in self.starts_between(to_naive_local(start), to_naive_local(end))]

    def upcoming(self, count, after=None):
        after = to_naive_local(after or timezone.now())
        if self.ruleset is None:
            starts = [self.dtstart] if self.dtstart + self.duration > after else []
        else:
            starts = itertools.islice(self.ruleset.xafter(after - self.duration, inc=False), count + 1)
            starts = [s for s in starts if s + self.duration > after][:count]
        return [self.occurrence(s) for s in starts]

    def first_start(self):
        """The first real occurrence (a start date that does not fit the rule is not one)."""
        if self.ruleset is None:
            return self.dtstart
        first = self.ruleset.after(self.dtstart, inc=True)
        return first or self.dtstart

    def last_start(self):
        if self.ruleset is None:
            return self.dtstart
        starts = list(self.ruleset)  # bounded: every rule has an end or a cap
        return starts[-1] if starts else None


def schedule(event):
    cached = getattr(event, "_agenda_schedule", None)
    if cached is None:
        cached = Schedule(event)
        event._agenda_schedule = cached
    return cached


def occurrences_between(events, start, end, *, include_cancelled=True):
    """All occurrences of these events overlapping [start, end), sorted by start time."""
    found = []
    for event in events:
        if event.cancelled and not include_cancelled:
            continue
        found.extend(schedule(event).between(start, end))
    found.sort(key=lambda o: (o.start, o.event.title))
    return found


def next_occurrences(event, count=5, after=None):
    return schedule(event).upcoming(count, after)


def next_or_last(event, after=None):
    """The next occurrence, or the last one of an event that is over (for JSON-LD)."""
    upcoming = next_occurrences(event, 1, after)
    if upcoming:
        return upcoming[0]
    return schedule(event).occurrence(schedule(event).last_start())


# --- iCalendar -----------------------------------------------------------------------------
def ical_rrule(event):
    """The event's rule as icalendar `vRecur` parts, with UNTIL in UTC (or a DATE for all-day
    events), as RFC 5545 asks when DTSTART has a TZID. None for a one-off event."""
    sched = schedule(event)
    rset = sched.ruleset
    if rset is None:
        return None
    rule = rset._rrule[0]
    freq = {du.WEEKLY: "WEEKLY", du.MONTHLY: "MONTHLY", du.DAILY: "DAILY", du.YEARLY: "YEARLY"}.get(
        rule._freq
    )
    if freq is None:
        return None
    parts = {"FREQ": freq}
    if rule._interval and rule._interval != 1:
        parts["INTERVAL"] = rule._interval
    if rule._count:
        parts["COUNT"] = rule._count
    elif rule._until:
        if event.all_day:
            parts["UNTIL"] = rule._until.date()
        else:
            parts["UNTIL"] = aware(rule._until).astimezone(datetime.UTC)
    byday = []
    for wd in rule._byweekday or ():
        byday.append(WEEKDAY_CODES[wd])
    for wd, n in rule._bynweekday or ():
        byday.append(f"{n}{WEEKDAY_CODES[wd]}")
    if freq == "WEEKLY" and byday:
        parts["BYDAY"] = byday
    elif freq == "MONTHLY":
        if rule._bynweekday:
            parts["BYDAY"] = byday
        elif rule._bymonthday:
            parts["BYMONTHDAY"] = list(rule._bymonthday)
    parts["WKST"] = "MO"
    return parts


# --- words ---------------------------------------------------------------------------------
def dutch_date(day, *, weekday=True, year=None):
    """The date in Dutch words, "dinsdag 5 januari", with the year when it is not this year's."""
    fmt = "l j F" if weekday else "j F"
    if year or (year is None and day.year != timezone.localdate().year):
        fmt += " Y"
    # Dutch even where another language is active (an editor's admin may be in English).
    with translation.override(settings.LANGUAGE_CODE):
        return date_format(day, fmt)


def day_heading(day, today=None):
    today = today or timezone.localdate()
    if day == today:
        return "Vandaag"
    if day == today + datetime.timedelta(days=1):
        return "Morgen"
    return dutch_date(day).capitalize()


def describe(event):
    """The rule in plain Dutch: "Elke week op dinsdag, tot en met 30 juni 2027"."""
    if not event.is_recurring:
        return ""
    if event.imported_rrule:
        return "Komt vaker terug. Kijk bij de volgende keren."
    codes = event.weekdays or [WEEKDAY_CODES[event.start_date.weekday()]]
    days = [WEEKDAY_NAMES[code] for code in codes]
    day_text = " en ".join([", ".join(days[:-1]), days[-1]]) if len(days) > 1 else days[0]
    n = event.interval or 1
    if event.repeat == "weekly":
        text = (
            f"Elke week op {day_text}"
            if n == 1
            else (f"Om de week op {day_text}" if n == 2 else f"Elke {n} weken op {day_text}")
        )
    else:
        every = "Elke maand" if n == 1 else ("Om de maand" if n == 2 else f"Elke {n} maanden")
        if event.month_week:
            text = f"{every} op de {ORDINALS.get(event.month_week, '')} {day_text}"
        else:
            text = f"{every} op de {event.start_date.day}e"
    if event.repeat_count:
        text += f", {event.repeat_count} keer"
    elif event.repeat_until:
        text += f", tot en met {dutch_date(event.repeat_until, weekday=False, year=True)}"
    return text + "."
