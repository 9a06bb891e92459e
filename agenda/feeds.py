"""The iCalendar feeds over HTTP: which events a feed holds, its validators (ETag,
Last-Modified) and the cache of serialised VEVENTs. The iCalendar text itself is built in
agenda/ical.py.

Everything that decides the validators and the cached VEVENTs is read from the database, never
from a cache: the events' own stamps (last publish, a later save, or a later change of their
place, themes or organiser: EventPage.feed_modified), how many there are, and the agenda's
FeedStamp (an event unpublished, deleted or moved; agenda/signals.py). So a change made in any
process (the admin, `manage.py shell`, the import) shows at once, and every process and server,
with any cache, answers with the same ETag and Last-Modified."""

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache, caches
from django.db.models import Count, Max, Q, Subquery, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import condition

from home.cache import LocalMemory
from home.models import Organisation, Theme, site_for
from initiatieven.models import InitiatiefPage

from . import ical, recurrence
from .models import FeedStamp, Location
from .queries import of_group, overlapping, site_events

# Part of every cached VEVENT's key: raise it when ical.py writes a VEVENT differently.
VEVENT_FORMAT = 3


def mark_changed(**kwargs):
    """Something a feed shows changed that the live events' stamps may not show."""
    if kwargs.get("raw"):  # loaddata (a restore) brings its own rows
        return
    FeedStamp.mark()


# --- scopes ----------------------------------------------------------------------------
class Scope:
    """Which events a feed holds, and its name."""

    def __init__(self, kind, name, description, where=None, event=None):
        self.kind = kind
        self.name = name
        self.description = description
        self.where = where if where is not None else Q()
        self.event = event

    def site_events(self, site):
        """The site's live, public events, built once per scope: Wagtail's `public()` reads the
        private sections with a query each time it is built (a feed asks three times)."""
        if getattr(self, "_site", None) is not site:
            self._site, self._site_events = site, site_events(site)
        return self._site_events

    def queryset(self, site, today):
        """The events that may be in the feed, as one query (exact for all but rules that stop
        after N times, which `events` checks)."""
        qs = self.site_events(site)
        if self.event is not None:
            return qs.filter(pk=self.event.pk)
        first_day = today - datetime.timedelta(days=settings.AGENDA_FEED_PAST_DAYS)
        return overlapping(qs.filter(self.where), first_day, None)

    def rows(self, site, today):
        """The feed's events as light rows, in the feed's order: what the cache keys of their
        VEVENTs are made of, without building 2,000 page objects when only one changed."""
        qs = self.queryset(site, today).select_related(None).prefetch_related(None)
        return list(qs.order_by("start_date", "start_time", "pk").values_list(*ROW_FIELDS, named=True))

    def fingerprint(self, site, today):
        """What the feed's validators are made of, read in one query: how many events (and
        which), their newest stamps and the agenda's FeedStamp."""
        stamp = FeedStamp.objects.filter(pk=FeedStamp.ONE).values("changed_at")[:1]
        facts = (
            self.queryset(site, today)
            .order_by()
            .aggregate(
                count=Count("pk", distinct=True),
                ids=Sum("pk", distinct=True),
                published=Max("last_published_at"),
                changed=Max("feed_changed_at"),
                stamp=Max(Subquery(stamp)),
            )
        )
        if facts["count"] == 0:  # no row to carry the stamp
            facts["stamp"] = next((row["changed_at"] for row in stamp), None)
        return facts


def scope_for(request, kind, slug=None, pk=None):
    site = site_for(request)
    site_name = site.site_name if site and site.site_name else "Stevenshof Vitaal"
    if kind == "all":
        return Scope("all", f"Agenda {site_name}", f"Alle activiteiten in de wijk van {site_name}.")
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
    if kind == "place":
        place = get_object_or_404(Location, slug=slug)
        return named(place.name, f"Activiteiten in {place.name}.", Q(location=place))
    if kind == "event":
        event = site_events(site).filter(pk=pk).first()
        if event is None:
            raise Http404("Deze activiteit kennen we niet.")
        return Scope(kind, event.title, event.summary, event=event)
    raise Http404


# --- the cache of VEVENTs ----------------------------------------------------------------
ROW_FIELDS = (
    "pk", "last_published_at", "feed_changed_at", "url_path", "repeat", "repeat_count", "imported_rrule"
)


def _counted(event):
    """A rule that stops after N times (an event or its row): only recurrence.py knows when its
    last date is."""
    return bool(event.repeat or event.imported_rrule) and bool(event.repeat_count or event.imported_rrule)


def _last_end(event):
    sched = recurrence.schedule(event)
    last = sched.last_start()
    return None if last is None else recurrence.aware(last + sched.duration)


# Each worker keeps the VEVENTs it served in its own memory too: a key holds the event's stamp
# and address, so what is under it never changes, and after a publish a feed asks the shared
# cache for the one event that changed instead of all of them (some 2 MB for 2,000 events).
local_vevents = LocalMemory(10_000)
CACHE_BATCH = 100  # keys per trip to the shared cache
local_feeds = LocalMemory(20)  # whole feeds by ETag (a few MB at most)


def vevent_blocks(scope, site, today, request):
    """Each event's VEVENTs, serialised by icalendar and kept in the cache under the event's own
    stamp (EventPage.feed_modified) and address, so a publish or a renamed place builds only the
    events it changed again, not the whole agenda. Only those are fetched as pages; the others
    are known by a light row each. With each block the cache keeps when a rule that stops after
    N times ends, so that the feed leaves out one that ended before its window."""
    host = request.get_host()
    rows = scope.rows(site, today)
    keys = {}
    for row in rows:
        stamps = [stamp for stamp in (row.last_published_at, row.feed_changed_at) if stamp is not None]
        stamp = max(stamps).timestamp() if stamps else 0
        keys[row.pk] = f"agenda-vevent:{VEVENT_FORMAT}:{host}:{row.pk}:{stamp}:{row.url_path}"
    found = {}
    for key in keys.values():
        block = local_vevents.get(key)
        if block is not None:
            found[key] = block
    store = vevent_cache()
    asked = [key for key in keys.values() if key not in found]
    # In parts, and what did not come asked once more: a trip that times out on a busy machine
    # is a miss of all its keys (IGNORE_EXCEPTIONS), and building them costs seconds.
    for _attempt in range(2):
        wanted = [key for key in asked if key not in found]
        for start in range(0, len(wanted), CACHE_BATCH):
            found.update(store.get_many(wanted[start : start + CACHE_BATCH]))
    missing = [row.pk for row in rows if keys[row.pk] not in found]
    if missing:
        made = {}
        for event in scope.site_events(site).filter(pk__in=missing):
            block = b"".join(c.to_ical() for c in ical.event_components(event, request))
            made[keys[event.pk]] = (block, _last_end(event) if _counted(event) else None)
        items = list(made.items())
        for start in range(0, len(items), CACHE_BATCH):
            store.set_many(dict(items[start : start + CACHE_BATCH]), timeout=7 * 24 * 3600)
        found.update(made)
    for key in asked:
        if key in found:
            local_vevents.put(key, found[key])
    first_day = today - datetime.timedelta(days=settings.AGENDA_FEED_PAST_DAYS)
    cutoff = recurrence.aware(datetime.datetime.combine(first_day, datetime.time.min))
    blocks = []
    for row in rows:
        block, last_end = found[keys[row.pk]]
        # One-offs and rules with an end date are exact in the query; a rule that stops after
        # N times is checked here (not in an event's own feed).
        if scope.event is None and _counted(row) and (last_end is None or last_end < cutoff):
            continue
        blocks.append(block)
    return blocks


def vevent_cache():
    return caches["agenda"] if "agenda" in settings.CACHES else cache


# --- validators and views ----------------------------------------------------------------
def _feed_scope(request, kind, slug=None, pk=None):
    scope = getattr(request, "_agenda_feed_scope", None)
    if scope is None:
        scope = request._agenda_feed_scope = scope_for(request, kind, slug=slug, pk=pk)
    return scope


def _validators(request, kind, slug=None, pk=None):
    cached = getattr(request, "_agenda_feed_validators", None)
    if cached is None:
        today = timezone.localdate()
        scope = _feed_scope(request, kind, slug, pk)
        facts = scope.fingerprint(site_for(request), today)
        # The window of past events moves every day; so do the validators.
        midnight = recurrence.aware(datetime.datetime.combine(today, datetime.time.min))
        # The feed's own name and description come from the database too (a theme, a group).
        cached = validators(
            facts, midnight, request.get_host(), kind, slug, pk, today, scope.name, scope.description
        )
        request._agenda_feed_validators = cached
    return cached


def validators(facts, floor, *parts):
    """(ETag, Last-Modified) from a Scope's fingerprint: the newest of its stamps (never before
    `floor`, the moment its window last moved) and a hash of the facts and `parts`. The feeds and
    the outgoing channels (kanalen/) answer conditional requests with these."""
    stamps = [facts["published"], facts["changed"], facts["stamp"], floor]
    modified = max(stamp for stamp in stamps if stamp is not None)
    text = "|".join(f"{key}={value}" for key, value in sorted(facts.items()))
    raw = "|".join(str(part) for part in parts) + "|" + text
    return (
        hashlib.sha256(raw.encode()).hexdigest()[:32],
        datetime.datetime.fromtimestamp(int(modified.timestamp()), tz=datetime.UTC),
    )


def _etag(request, kind, slug=None, pk=None):
    return _validators(request, kind, slug, pk)[0]


def _last_modified(request, kind, slug=None, pk=None):
    return _validators(request, kind, slug, pk)[1]


@condition(etag_func=_etag, last_modified_func=_last_modified)
def feed(request, kind, slug=None, pk=None):
    scope = _feed_scope(request, kind, slug=slug, pk=pk)
    # The ETag is a hash of everything the body is made of (read from the database), so a body
    # this worker built under it is that body.
    etag = _etag(request, kind, slug, pk)
    body = local_feeds.get(etag)
    if body is None:
        blocks = vevent_blocks(scope, site_for(request), timezone.localdate(), request)
        body = ical.build_calendar(scope.name, scope.description, blocks)
        local_feeds.put(etag, body)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if kind == "event":
        response["Content-Disposition"] = f'attachment; filename="{scope.event.slug}.ics"'
    # Calendar apps poll; let them and shared caches keep it a while, then revalidate.
    response["Cache-Control"] = f"public, max-age={15 * 60}"
    return response
