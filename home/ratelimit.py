"""One rate limit for the site's own forms ("Doe mee", "Activiteit aanmelden").

It is allauth's limiter, the one that already guards log-in and sign-up: the limits are
strings like "3/m/ip" in ACCOUNT_RATE_LIMITS (settings/base.py) under the form's action name,
counted per client address (behind the trusted proxy, see ALLAUTH_TRUSTED_PROXY_COUNT) in the
shared cache, so they hold across workers. An action without a limit there is never limited.

A limit must never cost a resident their message, so this fails open: when the cache is down
the post goes through and a warning is logged."""

import logging
import secrets

from allauth.core import ratelimit
from django.core.cache import cache

logger = logging.getLogger("stevenshof")


def too_many(request, action):
    """Count this request against `action`; True when it is one too many."""
    try:
        if ratelimit.consume(request, action=action):
            return False
        # allauth also says "no" when it cannot take its lock in the cache, and that is what a
        # Redis that is down looks like in production (IGNORE_EXCEPTIONS turns its errors into
        # empty answers). So a "no" only counts when the cache answers.
        if _cache_answers():
            return True
    except Exception:  # noqa: BLE001 - the cache raised: let the post through, say so in the log
        logger.warning("Rate limit %r not checked: the cache does not work", action, exc_info=True)
        return False
    logger.warning("Rate limit %r not checked: the cache does not answer", action)
    return False


def _cache_answers():
    key = f"ratelimit:probe:{secrets.token_hex(8)}"  # a key of its own: no race with other probes
    cache.set(key, True, timeout=10)
    return cache.get(key) is True
