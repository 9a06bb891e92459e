import functools
import os
import pickle
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# The settings that settings/production.py derives from REDIS_URL.
REDIS_DEPENDENT = (
    "CACHES",
    "SESSION_ENGINE",
    "ACCOUNT_RATE_LIMITS",
    "PAGE_CACHE_SECONDS",
    "DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS",
    "EMAIL_BACKEND",
)


@functools.cache
def _production_settings(redis_url):
    script = (
        "import pickle, sys\n"
        "from stevenshof.settings import production as p\n"
        f"sys.stdout.buffer.write(pickle.dumps({{n: getattr(p, n) for n in {REDIS_DEPENDENT!r}}}))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "SENTRY_", "EMAIL_"))}
    env.update(SECRET_KEY=secrets.token_urlsafe(50), REDIS_URL=redis_url, CACHE_KEY_PREFIX="test")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def production_redis_settings(redis_url):
    """The cache, session, rate-limit and mail settings exactly as production.py makes them of
    REDIS_URL (read in a subprocess: base.py reads the environment once), for override_settings."""
    return pickle.loads(_production_settings(redis_url))  # noqa: S301 - our own subprocess


# Nothing listens here: the same as Redis being down, with production's settings otherwise. The
# port stays bound (never listening) for the whole run, so no server started later can take it.
_DEAD_PORT = socket.socket()
_DEAD_PORT.bind(("127.0.0.1", 0))
DEAD_REDIS_URL = f"redis://127.0.0.1:{_DEAD_PORT.getsockname()[1]}/0"
DEAD_REDIS = production_redis_settings(DEAD_REDIS_URL)["CACHES"]


@override_settings(CACHES=DEAD_REDIS, PAGE_CACHE_SECONDS=60, DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS=False)
def test_pages_are_served_while_redis_is_down(client, home_page):
    for path in ("/", "/over-ons/", "/zoeken/?q=wijk"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "X-Cache" not in response or response["X-Cache"] == "MISS"
    health = client.get("/health/")
    assert health.status_code == 503
    assert health.json() == {"database": "ok", "cache": "error"}


def test_the_page_cache_comes_back_when_redis_returns(client, home_page, own_redis):
    from stevenshof.middleware import AnonymousPageCacheMiddleware

    port, stop, start = own_redis
    caches = production_redis_settings(f"redis://127.0.0.1:{port}/0")["CACHES"]
    with override_settings(
        CACHES=caches,
        PAGE_CACHE_SECONDS=60,
        PAGE_CACHE_VERSION_SECONDS=0,
        DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS=False,
    ):
        assert client.get("/over-ons/")["X-Cache"] == "MISS"
        assert client.get("/over-ons/")["X-Cache"] == "HIT"

        stop()
        AnonymousPageCacheMiddleware.clear_local()  # as in a freshly started worker
        for _ in range(2):
            response = client.get("/over-ons/")
            assert response.status_code == 200
            assert response["X-Cache"] == "MISS"  # served, just not from the cache
        assert client.get("/health/").status_code == 503

        start()
        assert client.get("/health/").status_code == 200
        client.get("/over-ons/")
        assert client.get("/over-ons/")["X-Cache"] == "HIT"  # cached speed again, without a restart


@override_settings(CACHES=DEAD_REDIS, DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS=False)
def test_the_guide_pdf_does_not_wait_for_a_lock_on_a_dead_cache():
    """Its build lock is a cache.add(); on a dead Redis that used to fail for a minute, past
    gunicorn's timeout (a 500)."""
    from unittest import mock

    from home import printing

    with mock.patch("time.sleep") as sleep:
        assert printing.cached("guide:pdf:test", lambda: b"%PDF-built") == b"%PDF-built"
    assert not sleep.called
