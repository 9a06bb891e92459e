"""Two kinds of content versions.

1. Scoped versions, in the database (`ContentVersion`): one per part of the site ("news",
   "events", "menu" ...). A change bumps only the scopes it touches, in whichever process it is
   made, and each request reads all of them in one query (`versions(request)`). Fragments of
   pages are cached under them (`{% fragment %}`, home/templatetags/fragments.py), for members
   as for anonymous visitors, so a page that is not in the page cache is still mostly built
   once per publish.

2. The page cache's content version, in the shared cache: one per installation. Every publish,
   unpublish, delete or snippet change bumps it, which makes every cached public page (keyed by
   the version) stale at once.

   It starts at a random number, so that after the shared cache is emptied (or while it is
   down) no page that a worker still holds in memory can match it by chance. Each process
   remembers the version it read for PAGE_CACHE_VERSION_SECONDS (a tenth of a second by
   default), so that a busy worker asks the shared cache once per interval instead of on every
   request. A bump forgets it at once in the process that made the change; other processes and
   servers see the new version within that interval."""

import hashlib
import secrets
import threading
import time
from collections import OrderedDict
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

# The parts of the site whose fragments are cached apart. A page type names the scopes its
# changes touch in `cache_scopes` (home/models.py, Page types without it touch them all).
SCOPES = (
    "menu",  # the page tree as the menu and breadcrumbs show it
    "settings",  # the footer (SiteSettings), the sites
    "home",  # the home page's own fields
    "pages",  # standard pages
    "events",  # the agenda: events, places
    "news",
    "groups",  # the initiative groups
    "guide",  # "Wat kun je doen in de wijk": offers, themes, organisations
)
# A fragment that lists events by the clock ("Binnenkort") is made again at least this often.
CLOCK_SECONDS = 300
FRAGMENT_SECONDS = 24 * 3600  # a bound on memory only: a bump makes the keys new at once


def _read_versions():
    from .models import ContentVersion

    found = dict(ContentVersion.objects.values_list("scope", "version"))
    missing = [scope for scope in SCOPES if scope not in found]
    if missing:
        # A fresh random start: a fragment cached before the database was emptied or restored
        # can never match it.
        ContentVersion.objects.bulk_create(
            [ContentVersion(scope=scope, version=_fresh_version()) for scope in missing],
            ignore_conflicts=True,
        )
        found = dict(ContentVersion.objects.values_list("scope", "version"))
    return found


def versions(request=None):
    """Every scope's version, read once per request (one query)."""
    if request is None:
        return _read_versions()
    found = getattr(request, "_content_versions", None)
    if found is None:
        found = request._content_versions = _read_versions()
    return found


def bump(*scopes):
    """The content of these scopes changed: fragments cached under them are stale. Called after
    the change is written, in the same transaction, so no process sees the new version with
    the old content."""
    from .models import ContentVersion

    for scope in dict.fromkeys(scopes):
        version = _fresh_version()
        if not ContentVersion.objects.filter(scope=scope).update(version=version):
            ContentVersion.objects.get_or_create(scope=scope, defaults={"version": version})


_local_memories = []  # every LocalMemory of this process, for forget_local_memory()


class LocalMemory:
    """What a worker used last, in its own memory, in front of the shared cache, for keys whose
    value never changes (they hold the versions or stamps read from the database): a hit costs
    no trip to Redis (on a busy machine each trip is a wait). Bounded by count."""

    def __init__(self, size):
        self.size = size
        self._items = OrderedDict()
        self._lock = threading.Lock()
        _local_memories.append(self)

    def get(self, key):
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key, value):
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self):
        with self._lock:
            self._items.clear()


local_fragments = LocalMemory(500)


def forget_local_memory():
    """Forget what this process keeps in memory (tests; never needed for correctness)."""
    for memory in _local_memories:
        memory.clear()


def cached_fragment(key, make, keep=None):
    """The value under a fragment key: from this worker's memory, else the shared cache, else
    made now and kept in both (unless `keep(value)` says no)."""
    from django.core.cache import cache

    found = local_fragments.get(key)
    if found is None:
        found = cache.get(key)
        if found is None:
            found = make()
            if keep is not None and not keep(found):
                return found
            cache.set(key, found, FRAGMENT_SECONDS)
        local_fragments.put(key, found)
    return found


def fragment_key(request, name, scopes, vary):
    """The cache key of a fragment: its name, the site and host, the versions of the scopes it shows,
    the date (pages say "Vandaag"), the clock when it lists events, and what it varies on."""
    from django.utils import timezone

    from .models import site_for

    found = versions(request)
    site = site_for(request)
    # The host too: fragments hold absolute links built from the request.
    parts = [name, str(site.pk if site else 0), request.get_host(), str(timezone.localdate())]
    parts += [f"{scope}={found[scope]}" for scope in scopes]
    if "events" in scopes:
        parts.append(str(int(time.time() // CLOCK_SECONDS)))
    parts += [str(value) for value in vary]
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:40]
    return f"fragment:{name}:{digest}"


VERSION_KEY = "content-version"

_remembered = (None, 0.0)  # (version, monotonic time until which it may be used)


def _fresh_version():
    return secrets.randbelow(2**62) + 1


def forget_local_version():
    global _remembered
    _remembered = (None, 0.0)


def content_version():
    global _remembered
    version, until = _remembered
    now = time.monotonic()
    if version is not None and now < until:
        return version
    version = cache.get(VERSION_KEY)
    if version is None:
        version = _fresh_version()
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY) or version
    _remembered = (version, now + settings.PAGE_CACHE_VERSION_SECONDS)
    return version


def _bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or the cache was emptied)
        cache.set(VERSION_KEY, _fresh_version(), timeout=None)
    forget_local_version()


def bump_content_version(**kwargs):
    # Now, and again once the change is committed: a page that another worker renders from the
    # old rows in between would otherwise be kept under the new version.
    _bump()
    transaction.on_commit(_bump)


# Tags that newsletters and social sites add to links: they never change a page.
IGNORED_PARAMETERS = ("fbclid", "gclid", "msclkid", "mc_cid", "mc_eid", "igshid")


def cache_query(request):
    """The query string as the page cache keys it: tracking tags left out, in a fixed order."""
    pairs = [
        (name, value)
        for name, values in request.GET.lists()
        for value in values
        if not (name.startswith("utm_") or name in IGNORED_PARAMETERS)
    ]
    return urlencode(sorted(pairs))


def page_variant(request, params):
    """A page with a query string is only kept in the page cache when its view says it
    understood exactly that query (its filters, with known values): otherwise `/?x=<random>`
    or `?thema=<random>` would fill the cache with copies of the same page.

    A value may be a list (?thema=a&thema=b). The pairs are sorted, as `cache_query` sorts them,
    so `a,b` and `b,a` are one entry; each pair counts once, so a query that repeats a value
    (?thema=a&thema=a) does not match and is answered without being kept."""
    pairs = {
        (name, str(value))
        for name, values in params.items()
        for value in (values if isinstance(values, list | tuple) else [values])
        if value
    }
    request.page_variant = urlencode(sorted(pairs))
