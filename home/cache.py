"""One content version per installation. Every publish, unpublish, delete or snippet change
bumps it, which makes every cached public page (keyed by the version) stale at once."""

from django.core.cache import cache

VERSION_KEY = "content-version"


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, timeout=None)
    return version


def bump_content_version(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or the cache was emptied)
        cache.set(VERSION_KEY, 2, timeout=None)
