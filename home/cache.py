"""One content version per installation. Every publish, unpublish, delete or snippet change
bumps it, which makes every cached public page (keyed by the version) stale at once.

A version starts at a random number, so that after the shared cache is emptied (or while it is
down) no page that a worker still holds in memory can match it by chance."""

import secrets

from django.core.cache import cache

VERSION_KEY = "content-version"


def _fresh_version():
    return secrets.randbelow(2**62) + 1


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = _fresh_version()
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY) or version
    return version


def bump_content_version(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or the cache was emptied)
        cache.set(VERSION_KEY, _fresh_version(), timeout=None)
