"""iCalendar (RFC 5545) feeds, built with the `icalendar` package.

One VEVENT per event, recurring events with RRULE and EXDATE, times in Europe/Amsterdam with a
VTIMEZONE. The validators (ETag, Last-Modified) come from the agenda's change stamp, which is
moved on every publish, unpublish, delete and snippet change (agenda/signals.py)."""

import datetime
import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import strip_tags
from django.views.decorators.http import condition
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vDuration, vRecur, vText

from home.cache import content_version
from home.models import Organisation, Theme

from . import recurrence
from .queries import groups_of_site, of_group, overlapping, site_events, site_for

CHANGED_KEY = "agenda-changed-at"
SHARED_KEY = "agenda-shared-version"
PRODID = "-//Stevenshof Vitaal//Wijkagenda//NL"


def changed_at():
    """When anything the agenda shows last changed (rounded to seconds, as HTTP dates are)."""
    stamp = cache.get(CHANGED_KEY)
    if stamp is None:
        stamp = int(timezone.now().timestamp())
        cache.add(CHANGED_KEY, stamp, timeout=None)
        stamp = cache.get(CHANGED_KEY, stamp)
    return stamp


def mark_changed(**kwargs):
    now = int(timezone.now().timestamp())
    previous = cache.get(CHANGED_KEY) or 0
    cache.set(CHANGED_KEY, max(now, previous + 1), timeout=None)


# --- scopes ----------------------------------------------------------------------------
class Scope:
    """Which events a feed holds, and its name."""

    def __init__(self, kind, name, description, where=None, event=None):
        self.kind = kind
        self.name = name
        self.description = description
        self.where = where if where is not None else Q()
        self.event = event

    def events(self, site, today):
        qs = site_events(site)
        if self.event is not None:
            return [e for e in qs.filter(pk=self.event.pk)]
        first_day = today - datetime.timedelta(days=settings.AGENDA_FEED_PAST_DAYS)
        qs = overlapping(qs.filter(self.where), first_day, None)
        cutoff = recurrence.aware(datetime.datetime.combine(first_day, datetime.time.min))
        events = []
        for event in qs.order_by("start_date", "start_time", "pk"):
            # One-offs and rules with an end date are exact in the query; a rule that stops
            # after N times is checked here.
            if event.is_recurring and (event.repeat_count or event.imported_rrule):
                sched = recurrence.schedule(event)
                last = sched.last_start()
                if last is None or recurrence.aware(last + sched.duration) < cutoff:
                    continue
            events.append(event)
        return events


def scope_for(request, kind, slug=None, pk=None):
    site = site_for(request)
    site_name = site.site_name if site and site.site_name else "Stevenshof Vitaal"
    if kind == "all":
        return Scope("all", f"Agenda {site_name}", f"Alle activiteiten in de wijk, van {site_name}.")
    if kind == "theme":
        theme = get_object_or_404(Theme, slug=slug)
        return Scope(
            kind,
            f"{theme.name} - {site_name}",
            f"Activiteiten over {theme.name.lower()} in de wijk.",
            Q(themes=theme),
        )
    if kind == "organisation":
        org = get_object_or_404(Organisation, slug=slug)
        return Scope(
            kind,
            f"{org.name} - {site_name}",
            f"Activiteiten van {org.name} in de wijk.",
            Q(organiser_organisation=org),
        )
    if kind == "group":
        group = groups_of_site(site).filter(slug=slug).first()
        if group is None:
            raise Http404("Deze groep kennen we niet.")
        return Scope(
            kind,
            f"{group.title} - {site_name}",
            f"Activiteiten van de groep {group.title}.",
            of_group(group),
        )
    if kind == "event":
        event = site_events(site).filter(pk=pk).first()
        if event is None:
            raise Http404("Deze activiteit kennen we niet.")
        return Scope(kind, event.title, event.summary, event=event)
    raise Http404


# --- building ----------------------------------------------------------------------------
def plain_text(html):
    text = re.sub(r"</(p|h2|h3|li)>", "\n", html or "")
    text = re.sub(r"<br\s*/?>", "\n", text)
    text = strip_tags(text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def event_description(event):
    parts = [event.summary]
    body = plain_text(event.body)
    if body:
        parts.append(body)
    facts = []
    if event.cancelled:
        facts.insert(0, "Gaat niet door.")
    if event.organiser:
        facts.append(f"Organisator: {event.organiser}")
    facts.append("Kosten: gratis" if event.is_free else f"Kosten: € {event.cost:.2f}".replace(".", ","))
    if event.registration:
        facts.append(f"Aanmelden: {event.registration_value}")
    else:
        facts.append("Aanmelden: niet nodig")
    if event.online_url:
        facts.append(f"Online: {event.online_url}")
    if event.location and event.location.accessibility:
        facts.append(f"Toegankelijk: {event.location.accessibility}")
    parts.append("\n".join(facts))
    return "\n\n".join(parts)


def location_text(event):
    if event.location:
        return f"{event.location.name}, {event.location.address}"
    if event.online_url:
        return "Online"
    return ""


def utc(value):
    return value.astimezone(datetime.UTC)


def event_component(event, request):
    sched = recurrence.schedule(event)
    first = sched.occurrence(sched.first_start())
    vevent = Event()
    vevent.add("uid", event.ical_uid)
    stamp = event.last_published_at or datetime.datetime.fromtimestamp(changed_at(), tz=datetime.UTC)
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
    vevent.add("description", event_description(event))
    where = location_text(event)
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


def build_calendar(scope, events, request):
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vText(scope.name))
    cal.add("name", scope.name)
    cal.add("x-wr-caldesc", vText(scope.description))
    cal.add("description", scope.description)
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
    return head[: -len(end)] + b"".join(vevent_blocks(events, request)) + end


def vevent_blocks(events, request):
    """Each event's VEVENT, serialised by icalendar and kept in the cache until the event is
    published again or a shared name (theme, organisation, place, group) changes. After a
    publish only that one event is built again, not the whole agenda."""
    shared = shared_version()
    host = request.get_host()
    keys = {}
    for event in events:
        stamp = event.last_published_at.timestamp() if event.last_published_at else "-"
        keys[event.pk] = f"agenda-vevent:{host}:{event.pk}:{stamp}:{shared}"
    store = vevent_cache()
    found = store.get_many(list(keys.values()))
    missing = {}
    blocks = []
    for event in events:
        block = found.get(keys[event.pk])
        if block is None:
            block = event_component(event, request).to_ical()
            missing[keys[event.pk]] = block
        blocks.append(block)
    if missing:
        store.set_many(missing, timeout=7 * 24 * 3600)
    return blocks


def vevent_cache():
    return caches["agenda"] if "agenda" in settings.CACHES else cache


def shared_version():
    version = cache.get(SHARED_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(SHARED_KEY, version, timeout=None)
        version = cache.get(SHARED_KEY, version)
    return version


def bump_shared(**kwargs):
    """Something many events show has changed: build every VEVENT again."""
    cache.set(SHARED_KEY, time.time_ns(), timeout=None)


def amsterdam_vtimezone():
    """The VTIMEZONE of Europe/Amsterdam in its usual rule form (as Apple, Google and Outlook
    write it): summer time from the last Sunday of March, winter time from the last Sunday of
    October. Valid for every year since 1996."""
    tz = Timezone()
    tz.add("tzid", "Europe/Amsterdam")
    tz.add("x-lic-location", vText("Europe/Amsterdam"))
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", datetime.timedelta(hours=1))
    summer.add("tzoffsetto", datetime.timedelta(hours=2))
    summer.add("dtstart", datetime.datetime(1970, 3, 29, 2, 0, 0))
    summer.add("rrule", vRecur({"FREQ": "YEARLY", "BYMONTH": 3, "BYDAY": "-1SU"}))
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", datetime.timedelta(hours=2))
    winter.add("tzoffsetto", datetime.timedelta(hours=1))
    winter.add("dtstart", datetime.datetime(1970, 10, 25, 3, 0, 0))
    winter.add("rrule", vRecur({"FREQ": "YEARLY", "BYMONTH": 10, "BYDAY": "-1SU"}))
    tz.add_component(summer)
    tz.add_component(winter)
    return tz


# --- validators and views ----------------------------------------------------------------
def _validators(request, kind, slug=None, pk=None):
    cached = getattr(request, "_agenda_feed_validators", None)
    if cached is None:
        stamp = changed_at()
        today = timezone.localdate()
        # The window of past events moves every day; so do the validators.
        midnight = int(recurrence.aware(datetime.datetime.combine(today, datetime.time.min)).timestamp())
        modified = max(stamp, midnight)
        raw = f"{request.get_host()}|{kind}|{slug}|{pk}|{content_version()}|{modified}"
        cached = (
            hashlib.sha256(raw.encode()).hexdigest()[:32],
            datetime.datetime.fromtimestamp(modified, tz=datetime.UTC),
        )
        request._agenda_feed_validators = cached
    return cached


def _etag(request, kind, slug=None, pk=None):
    return _validators(request, kind, slug, pk)[0]


def _last_modified(request, kind, slug=None, pk=None):
    return _validators(request, kind, slug, pk)[1]


@condition(etag_func=_etag, last_modified_func=_last_modified)
def feed(request, kind, slug=None, pk=None):
    scope = scope_for(request, kind, slug=slug, pk=pk)
    events = scope.events(site_for(request), timezone.localdate())
    response = HttpResponse(
        build_calendar(scope, events, request), content_type="text/calendar; charset=utf-8"
    )
    if kind == "event":
        response["Content-Disposition"] = f'attachment; filename="{scope.event.slug}.ics"'
    # Calendar apps poll; let them and shared caches keep it a while, then revalidate.
    response["Cache-Control"] = f"public, max-age={15 * 60}"
    return response
