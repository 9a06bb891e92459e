"""One rate limit for the site's own forms ("Doe mee", "Activiteit aanmelden").

It is allauth's limiter, the one that already guards log-in and sign-up: the limits are
strings like "3/m/ip" in ACCOUNT_RATE_LIMITS (settings/base.py) under the form's action name,
counted per client address (behind the trusted proxy, see ALLAUTH_TRUSTED_PROXY_COUNT) in the
shared cache, so they hold across workers. An action without a limit there is never limited.

A limit must never cost a resident their message, so this fails open. While Redis is down the
production cache grants allauth's lock and counts nothing (stevenshof/redis_cache.py logs it);
a cache that raises instead lets the post through here, with a warning in the log."""

import logging

from allauth.core import ratelimit

logger = logging.getLogger("stevenshof")


def too_many(request, action):
    """Count this request against `action`; True when it is one too many."""
    try:
        return not ratelimit.consume(request, action=action)
    except Exception:  # noqa: BLE001 - the cache raised: let the post through, say so in the log
        logger.warning("Rate limit %r not checked: the cache does not work", action, exc_info=True)
        return False
