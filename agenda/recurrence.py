"""The one place that knows when an event happens.

The listing, the event page, the JSON-LD and the iCal feeds all take their dates from here.
Rules are computed with python-dateutil in *local wall-clock time* (Europe/Amsterdam) and only
then given a time zone, so a weekly 19:00 activity stays at 19:00 across daylight-saving changes.
The one exception is a partner's series written in UTC (`EventPage.imported_utc`): it is counted
in UTC, as the partner's calendar app counts it, so each date keeps the partner's instant.

A wall-clock time that does not exist (02:30 on the night the clocks go forward) is read as
RFC 5545 (section 3.3.5) reads it: with the UTC offset from before the change, so one hour later
on the clock (03:30). A time that exists twice (02:30 on the night the clocks go back) is the
first of the two. Editors and the submission form cannot enter such times any more
(`nonexistent_time`); this keeps what was entered before correct and the same everywhere.
"""

import datetime
import functools
import itertools
from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo

from dateutil import rrule as du
from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from icalendar import vRecur

from .choices import WEEKDAY_CHOICES

WEEKDAYS = {"MO": du.MO, "TU": du.TU, "WE": du.WE, "TH": du.TH, "FR": du.FR, "SA": du.SA, "SU": du.SU}
WEEKDAY_CODES = [code for code, _name in WEEKDAY_CHOICES]
WEEKDAY_NAMES = dict(WEEKDAY_CHOICES)
ORDINALS = {1: "eerste", 2: "tweede", 3: "derde", 4: "vierde", -1: "laatste"}


def local_tz():
    return ZoneInfo(settings.TIME_ZONE)


def aware(naive):
    return naive.replace(tzinfo=local_tz())


def resolve(naive):
    """The moment a local wall-clock time means: aware, and shifted forward past a gap."""
    tz = local_tz()
    moment = naive.replace(tzinfo=tz)
    if not exists(naive):
        moment = moment.astimezone(datetime.UTC).astimezone(tz)
    return moment


def exists(naive):
    """Whether the clock shows this local time (not in the hour skipped when summer time starts)."""
    moment = naive.replace(tzinfo=local_tz())
    return moment.astimezone(datetime.UTC).astimezone(local_tz()).replace(tzinfo=None) == naive


def ambiguous(naive):
    """Whether the clock shows this local time twice (the hour repeated when winter time starts)."""
    moment = naive.replace(tzinfo=local_tz())
    return moment.utcoffset() != moment.replace(fold=1).utcoffset()


def steady(naive_start, naive_end):
    """Whether the clock surely does not change from start to end (local wall-clock times): no
    change near any of their days. A quick test before the exact ones above."""
    day, last = naive_start.date(), naive_end.date()
    while day <= last:
        if not _steady_day(day, settings.TIME_ZONE):
            return False
        day += datetime.timedelta(days=1)
    return True


@functools.lru_cache(maxsize=4096)
def _steady_day(day, zone):
    """No clock change between noon the day before and noon the day after (clocks change at
    night)."""
    tz = ZoneInfo(zone)
    offsets = {
        datetime.datetime.combine(day + datetime.timedelta(days=n), datetime.time(12), tzinfo=tz).utcoffset()
        for n in (-1, 0, 1)
    }
    return len(offsets) == 1


def utc_to_local(naive_utc):
    """Naive local wall-clock time of a naive UTC time."""
    return naive_utc.replace(tzinfo=datetime.UTC).astimezone(local_tz()).replace(tzinfo=None)


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
        # The naive start the rule counts from: local wall-clock time, or UTC for an imported
        # series anchored in UTC (its local time moves with summer and winter time).
        self.utc = bool(event.imported_rrule and event.imported_utc and event.start_time)
        self.anchor = (
            resolve(self.dtstart).astimezone(datetime.UTC).replace(tzinfo=None) if self.utc else self.dtstart
        )

    @cached_property
    def rule(self):
        """The dateutil rrule in naive local time, without the exception dates; None for a
        one-off event."""
        event = self.event
        if event.imported_rrule:
            rule = du.rrulestr(event.imported_rrule, dtstart=self.anchor)
            count, until = self.end()
            return rule.replace(count=count, until=until)
        if event.repeat in ("weekly", "monthly"):
            return du.rrule(**self.rule_parts())
        return None

    @cached_property
    def ruleset(self):
        """A dateutil rruleset in naive local time (the rule less the exception dates), or None
        for a one-off event."""
        if self.rule is None:
            return None
        rset = du.rruleset()
        if self.utc:
            # Local dates of a UTC series; an exception date is a local date whatever the time.
            skipped = set(self.event.exception_dates)
            for start in self.rule_starts:
                if start.date() not in skipped:
                    rset.rdate(start)
            return rset
        rset.rrule(self.rule)
        for day in self.event.exception_dates:
            rset.exdate(datetime.datetime.combine(day, self.dtstart.time()))
        return rset

    @cached_property
    def rule_starts(self):
        """Every naive start of the rule, exception dates included (bounded: every rule has an
        end or a cap); [dtstart] for a one-off event."""
        if self.rule is None:
            return [self.dtstart]
        if self.utc:
            return [utc_to_local(start) for start in self.rule]
        return list(self.rule)

    @cached_property
    def imported_parts(self):
        """The imported rule by name, as icalendar reads it ({"FREQ": ["WEEKLY"], ...});
        agenda.importer stores it as one RRULE value."""
        return vRecur.from_ical(self.event.imported_rrule)

    def end(self):
        """(count, until) of the rule, one of them None; until is naive, in the rule's own time
        (local, or UTC for a series anchored in UTC). Capped: no
        rule, ours or imported, runs longer than AGENDA_MAX_REPEAT_DAYS or more often than
        AGENDA_MAX_OCCURRENCES."""
        event = self.event
        most = settings.AGENDA_MAX_OCCURRENCES
        if event.imported_rrule:
            count = self.imported_parts.get("COUNT", [None])[0]
            until = self.imported_parts.get("UNTIL", [None])[0]
            if until is not None and not isinstance(until, datetime.datetime):
                until = datetime.datetime.combine(until, datetime.time.min)  # a DATE, as dateutil reads it
            horizon = self.anchor + datetime.timedelta(days=settings.AGENDA_MAX_REPEAT_DAYS)
            if count and count > most:
                count = most
            if not count and (until is None or until > horizon):
                until = horizon
            return count, (until if not count else None)
        if event.repeat_count:
            return min(event.repeat_count, most), None
        horizon = event.start_date + datetime.timedelta(days=settings.AGENDA_MAX_REPEAT_DAYS)
        last_day = min(event.repeat_until or horizon, horizon)
        return None, datetime.datetime.combine(last_day, datetime.time.max.replace(microsecond=0))

    @property
    def interval(self):
        return max(1, self.event.interval or 1)

    def weekday_codes(self):
        """Our own rule's days in week order: the chosen weekdays, or else the start date's."""
        chosen = {code for code in self.event.weekdays if code in WEEKDAYS}
        return sorted(chosen, key=WEEKDAY_CODES.index) or [WEEKDAY_CODES[self.event.start_date.weekday()]]

    def rule_parts(self):
        """Our own fields as rrule arguments (naive local UNTIL)."""
        event = self.event
        days = [WEEKDAYS[code] for code in self.weekday_codes()]
        parts = {
            "freq": du.WEEKLY if event.repeat == "weekly" else du.MONTHLY,
            "dtstart": self.dtstart,
            "interval": self.interval,
            "wkst": du.MO,
        }
        if event.repeat == "weekly":
            parts["byweekday"] = days
        elif event.month_week:
            parts["byweekday"] = [d(event.month_week) for d in days]
        else:
            parts["bymonthday"] = event.start_date.day
        count, until = self.end()
        if count:
            parts["count"] = count
        else:
            parts["until"] = until
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
        # A time the clock skips moves forward past the gap (see the module's docstring).
        if self.event.all_day:
            return Occurrence(self.event, aware(naive_start), aware(naive_start + self.duration))
        start = resolve(naive_start)
        end = max(resolve(naive_start + self.duration), start)
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


def nonexistent_time(event):
    """(field, Dutch message) when the event starts or ends at a time the clock skips on one of
    its dates (02:00-03:00 on the night summer time starts), else None. The rule is checked
    without its exception dates: the editor sees the exceptions as a separate list, and a time
    that only works because one date is left out is easy to break later."""
    if event.all_day or not event.start_date:
        return None
    sched = Schedule(event)  # not the cached one: the fields have just been changed
    checked_end = event.end_time is not None
    for start in sched.rule_starts:
        if not exists(start):
            return "start_time", _gap_message(event, start)
        if checked_end and not exists(start + sched.duration):
            return "end_time", _gap_message(event, start + sched.duration)
    return None


def _gap_message(event, naive):
    first, last = naive, naive
    while not exists(first - datetime.timedelta(minutes=1)):
        first -= datetime.timedelta(minutes=1)
    while not exists(last):
        last += datetime.timedelta(minutes=1)
    when = dutch_date(naive.date(), year=True)
    clock = f"die nacht gaat de klok van {first:%H:%M} naar {last:%H:%M}"
    choose = f"Kies een tijd vóór {first:%H:%M} of vanaf {last:%H:%M}."
    if event.is_recurring:
        return f"Deze activiteit is ook op {when}. Dan bestaat {naive:%H:%M} niet: {clock}. {choose}"
    return f"Op {when} bestaat {naive:%H:%M} niet: {clock}. {choose}"


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
    """The event's rule as icalendar `vRecur` parts, built from its fields (or the imported rule),
    with UNTIL in UTC (or a DATE for all-day events), as RFC 5545 asks when DTSTART has a TZID.
    None for a one-off event."""
    sched = schedule(event)
    if sched.ruleset is None:
        return None
    if event.imported_rrule:
        freq = str(sched.imported_parts["FREQ"][0])
        interval = sched.imported_parts.get("INTERVAL", [1])[0]
        by_parts = _imported_by_parts(sched, freq)
    else:
        freq = "WEEKLY" if event.repeat == "weekly" else "MONTHLY"
        interval = sched.interval
        by_parts = _own_by_parts(sched)
    if freq not in ("WEEKLY", "MONTHLY", "DAILY", "YEARLY"):
        return None
    parts = {"FREQ": freq}
    if interval and interval != 1:
        parts["INTERVAL"] = interval
    count, until = sched.end()
    if count:
        parts["COUNT"] = count
    elif until:
        if event.all_day:
            parts["UNTIL"] = until.date()
        else:
            parts["UNTIL"] = (
                until.replace(tzinfo=datetime.UTC) if sched.utc else aware(until).astimezone(datetime.UTC)
            )
    parts.update(by_parts)
    parts["WKST"] = "MO"
    return parts


def _own_by_parts(sched):
    event = sched.event
    codes = sched.weekday_codes()
    if event.repeat == "weekly":
        return {"BYDAY": codes}
    if event.month_week:
        return {"BYDAY": [f"{event.month_week}{code}" for code in codes]}
    return {"BYMONTHDAY": [event.start_date.day]}


def _imported_by_parts(sched, freq):
    """BYDAY or BYMONTHDAY of a weekly or monthly imported rule, with the days dateutil gives it
    (so calendar apps get the site's dates): a weekly rule without days falls on the start's
    weekday, a monthly one on the start's day of the month. Other rule parts are not passed on."""
    parts = sched.imported_parts
    given = [*parts.get("BYDAY", []), *parts.get("BYWEEKDAY", [])]
    # "+1TH" counts as the first Thursday only in a monthly or yearly rule, otherwise as Thursday.
    nth = freq in ("MONTHLY", "YEARLY")
    days = sorted({WEEKDAY_CODES.index(d.weekday) for d in given if not (nth and d.relative)})
    nth_days = sorted({(WEEKDAY_CODES.index(d.weekday), d.relative) for d in given if nth and d.relative})
    month_days = sorted({day for day in parts.get("BYMONTHDAY", []) if day > 0})
    if not parts.keys() & {"BYDAY", "BYWEEKDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYEASTER"}:
        if freq == "WEEKLY":
            days = [sched.anchor.weekday()]
        elif freq == "MONTHLY":
            month_days = [sched.anchor.day]
    by_day = [WEEKDAY_CODES[d] for d in days] + [f"{n}{WEEKDAY_CODES[d]}" for d, n in nth_days]
    if freq == "WEEKLY" and by_day:
        return {"BYDAY": by_day}
    if freq == "MONTHLY" and nth_days:
        return {"BYDAY": by_day}
    if freq == "MONTHLY" and month_days:
        return {"BYMONTHDAY": month_days}
    return {}


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
