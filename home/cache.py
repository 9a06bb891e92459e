"""One content version per installation. Every publish, unpublish, delete or snippet change
bumps it, which makes every cached public page (keyed by the version) stale at once.

A version starts at a random number, so that after the shared cache is emptied (or while it is
down) no page that a worker still holds in memory can match it by chance.

Each process remembers the version it read for PAGE_CACHE_VERSION_SECONDS (a tenth of a second
by default), so that a busy worker asks the shared cache once per interval instead of on every
request. A bump forgets it at once in the process that made the change; other processes and
servers see the new version within that interval."""

import secrets
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

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
    or `?thema=<random>` would fill the cache with copies of the same page."""
    request.page_variant = urlencode(sorted((name, str(value)) for name, value in params.items() if value))
