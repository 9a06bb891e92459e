import socket

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


DEAD_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        # Nothing listens here: the same as Redis being down.
        "LOCATION": f"redis://127.0.0.1:{_free_port()}/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
    }
}


@override_settings(CACHES=DEAD_REDIS, PAGE_CACHE_SECONDS=60, DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS=False)
def test_pages_are_served_while_redis_is_down(client, home_page):
    for path in ("/", "/over-ons/", "/zoeken/?q=wijk"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "X-Cache" not in response or response["X-Cache"] == "MISS"
    health = client.get("/health/")
    assert health.status_code == 503
    assert health.json() == {"database": "ok", "cache": "error"}


@pytest.fixture
def own_redis(tmp_path):
    """A Redis server of this test's own, which it may stop and start again."""
    import shutil
    import subprocess
    import time

    binary = shutil.which("redis-server")
    if not binary:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    args = [binary, "--port", str(port), "--save", "", "--appendonly", "no", "--dir", str(tmp_path)]

    def start():
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    return process
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)

    servers = [start()]

    def stop():
        servers[-1].terminate()
        servers[-1].wait(timeout=10)

    yield port, stop, lambda: servers.append(start())
    stop()


def test_the_page_cache_comes_back_when_redis_returns(client, home_page, own_redis):
    from stevenshof.middleware import AnonymousPageCacheMiddleware

    port, stop, start = own_redis
    caches = {"default": {**DEAD_REDIS["default"], "LOCATION": f"redis://127.0.0.1:{port}/0"}}
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
