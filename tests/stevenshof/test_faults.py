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
