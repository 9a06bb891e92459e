"""The iCalendar feeds over HTTP: which events a feed holds, its validators (ETag,
Last-Modified) and the cache of serialised VEVENTs. The iCalendar text itself is built in
agenda/ical.py.

The validators come from the agenda's change stamp, which is moved on every publish,
unpublish, delete and snippet change (agenda/signals.py)."""

import datetime
import hashlib
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import condition

from home.cache import content_version
from home.models import Organisation, Theme, site_for
from initiatieven.models import InitiatiefPage

from . import ical, recurrence
from .queries import of_group, overlapping, site_events

CHANGED_KEY = "agenda-changed-at"
SHARED_KEY = "agenda-shared-version"


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
    def named(label, description, where):
        # Theme, organisation and group feeds are all called "<name> - <site>".
        return Scope(kind, f"{label} - {site_name}", description, where)

    if kind == "theme":
        theme = get_object_or_404(Theme, slug=slug)
        return named(theme.name, f"Activiteiten over {theme.name.lower()} in de wijk.", Q(themes=theme))
    if kind == "organisation":
        org = get_object_or_404(Organisation, slug=slug)
        return named(org.name, f"Activiteiten van {org.name} in de wijk.", Q(organiser_organisation=org))
    if kind == "group":
        group = InitiatiefPage.objects.live_in(site).order_by("title").filter(slug=slug).first()
        if group is None:
            raise Http404("Deze groep kennen we niet.")
        return named(group.title, f"Activiteiten van de groep {group.title}.", of_group(group))
    if kind == "event":
        event = site_events(site).filter(pk=pk).first()
        if event is None:
            raise Http404("Deze activiteit kennen we niet.")
        return Scope(kind, event.title, event.summary, event=event)
    raise Http404


# --- the cache of VEVENTs ----------------------------------------------------------------
def vevent_blocks(events, request):
    """Each event's VEVENT, serialised by icalendar and kept in the cache until the event is
    published again or a shared name (theme, organisation, place, group) changes. After a
    publish only that one event is built again, not the whole agenda."""
    shared = shared_version()
    changed = datetime.datetime.fromtimestamp(changed_at(), tz=datetime.UTC)
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
            block = ical.event_component(event, request, changed).to_ical()
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
    body = ical.build_calendar(scope.name, scope.description, vevent_blocks(events, request))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if kind == "event":
        response["Content-Disposition"] = f'attachment; filename="{scope.event.slug}.ics"'
    # Calendar apps poll; let them and shared caches keep it a while, then revalidate.
    response["Cache-Control"] = f"public, max-age={15 * 60}"
    return response
