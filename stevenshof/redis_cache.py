"""The shared cache in production: django-redis with IGNORE_EXCEPTIONS (settings/base.py), so
that while Redis is down every read is a miss and every write is dropped, and one change.

django-redis answers an `add()` it could not send with None, "not added". Callers use `add()`
as a lock: allauth's rate limiter waits a second for it and then refuses the request (429), the
guide PDF waited a minute. A lock that no one else can hold either is granted instead, so locks
and rate limits fail open while Redis is down; the log says which rate limit."""

import logging

from django_redis.cache import RedisCache as DjangoRedisCache
from django_redis.cache import omit_exception

logger = logging.getLogger("stevenshof")

CACHE_DOWN = object()


class RedisCache(DjangoRedisCache):
    @omit_exception(return_value=CACHE_DOWN)
    def _add(self, *args, **kwargs):
        return self.client.add(*args, **kwargs)

    def add(self, key, *args, **kwargs):
        added = self._add(key, *args, **kwargs)
        if added is not CACHE_DOWN:
            return added
        parts = str(key).split(":")
        if parts[:2] == ["allauth", "rl"]:
            # The key goes on with the visitor's address or a hash of their e-mail: log the action only.
            logger.warning("Cache down: rate limit %r not enforced", parts[3])
        return True
