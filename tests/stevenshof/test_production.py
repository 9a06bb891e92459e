import os
import subprocess
import sys
import time
from unittest import mock

import pytest
from django.db import DatabaseError
from django.test import override_settings

from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


# One page of every kind: Wagtail pages of each app, Django views, feeds, the PDF, the login.
EVERY_KIND_OF_PAGE = [
    "/",
    "/over-ons/",
    "/zoeken/?q=wijk",
    "/agenda/",
    "/agenda/abonneren/",
    "/agenda/agenda.ics",
    "/initiatieven/",
    "/initiatieven/groen/",
    "/nieuws/",
    "/nieuws/rss/",
    "/doe-mee/",
    "/wat-kun-je-doen/",
    "/wat-kun-je-doen/thema/samen-en-sociaal/",
    "/accounts/login/",
    "/smoelenboek/",
    "/bestaat-niet/",
]


@pytest.mark.parametrize("path", EVERY_KIND_OF_PAGE)
def test_security_headers_on_every_kind_of_page(client, home_page, path):
    response = client.get(path)
    assert response.status_code in (200, 302, 404), path
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_security_headers_on_public_pages(client, home_page):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_health_reports_database_and_cache(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_fails_when_the_database_is_down(client):
    with mock.patch("home.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "error"


@override_settings(PAGE_CACHE_SECONDS=60)
def test_anonymous_pages_are_cached_and_purged_on_publish(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Koffiekar", slug="koffiekar")
    first = client.get("/koffiekar/")
    assert first["X-Cache"] == "MISS"
    assert client.get("/koffiekar/")["X-Cache"] == "HIT"
    page.title = "Koffiekar komt langs"
    page.save_revision().publish()
    fresh = client.get("/koffiekar/")
    assert fresh["X-Cache"] == "MISS"
    assert "Koffiekar komt langs" in fresh.content.decode()


@override_settings(PAGE_CACHE_SECONDS=60)
def test_a_page_cached_before_the_publish_is_committed_is_not_kept(
    client, home_page, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(parent=home_page, title="Koffiekar", slug="koffiekar")
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Koffiekar komt langs"
        page.save_revision().publish()
        # Another worker renders the page before the transaction commits and caches it.
        assert client.get("/koffiekar/")["X-Cache"] == "MISS"
        assert client.get("/koffiekar/")["X-Cache"] == "HIT"
    # Once committed, the version moves on again, so that copy is never served.
    assert client.get("/koffiekar/")["X-Cache"] == "MISS"


@override_settings(PAGE_CACHE_SECONDS=60, PAGE_CACHE_VERSION_SECONDS=0.1)
def test_workers_read_the_content_version_a_few_times_a_second(client, home_page):
    from django.core.cache import cache

    from home.cache import VERSION_KEY

    client.get("/over-ons/")
    with mock.patch("home.cache.time.monotonic", return_value=time.monotonic() + 1):
        with mock.patch.object(cache, "get", wraps=cache.get) as shared_get:
            for _ in range(5):
                assert client.get("/over-ons/")["X-Cache"] == "HIT"
        assert [c.args for c in shared_get.call_args_list] == [(VERSION_KEY,)]  # once, then remembered
        cache.incr(VERSION_KEY)  # a publish on another server
        assert client.get("/over-ons/")["X-Cache"] == "HIT"  # not seen yet within the interval
    with mock.patch("home.cache.time.monotonic", return_value=time.monotonic() + 2):
        assert client.get("/over-ons/")["X-Cache"] == "MISS"  # seen a tenth of a second later


@override_settings(PAGE_CACHE_SECONDS=600)
def test_cached_pages_turn_over_at_midnight(client, home_page):
    """"Vandaag" on a page cached at 23:58 must not be shown at 00:01."""
    import datetime

    with mock.patch("stevenshof.middleware.timezone.localdate", return_value=datetime.date(2026, 11, 23)):
        assert client.get("/over-ons/")["X-Cache"] == "MISS"
        assert client.get("/over-ons/")["X-Cache"] == "HIT"
    with mock.patch("stevenshof.middleware.timezone.localdate", return_value=datetime.date(2026, 11, 24)):
        assert client.get("/over-ons/")["X-Cache"] == "MISS"


@override_settings(PAGE_CACHE_SECONDS=60)
def test_logged_in_users_never_get_the_shared_cache(client, home_page, admin_user):
    client.get("/over-ons/")
    client.force_login(admin_user)
    response = client.get("/over-ons/")
    assert "X-Cache" not in response


@override_settings(PAGE_CACHE_SECONDS=60)
def test_unpublished_page_disappears_from_the_cache(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Tijdelijk", slug="tijdelijk")
    assert client.get("/tijdelijk/").status_code == 200
    page.unpublish()
    assert client.get("/tijdelijk/").status_code == 404


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "stevenshof.settings.production"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="stevenshof.settings.production",
        SECRET_KEY="x" * 20 + "a-long-random-production-secret-key-for-the-test",
        ALLOWED_HOSTS="stevenshofvitaal.nl",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


@override_settings(PAGE_CACHE_SECONDS=60)
def test_cached_pages_answer_conditional_requests(client, home_page):
    first = client.get("/over-ons/")
    etag = first["ETag"]
    again = client.get("/over-ons/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304


def test_home_page_weighs_under_100_kb_compressed(client, home_page):
    """HTML, CSS, JS and fonts of the home page together, gzip-compressed (images excluded)."""
    import gzip
    import re

    from django.contrib.staticfiles import finders

    html = client.get("/").content
    total = len(gzip.compress(html))
    assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js|woff2?))"', html)
    assert assets, "the stylesheet should be linked"
    for asset in assets:
        with open(finders.find(asset.decode()), "rb") as f:
            total += len(gzip.compress(f.read()))
    assert total < 100 * 1024


@override_settings(PAGE_CACHE_SECONDS=600)
def test_random_query_strings_do_not_fill_the_page_cache(client, home_page):
    """`/?x=<random>` stored a copy of the home page per request; now only queries a page's
    view understood (its filters with known values) are kept, and tracking tags are ignored."""
    from django.core.cache import cache

    from stevenshof.middleware import AnonymousPageCacheMiddleware

    def stored_pages():
        return [key for key in cache._cache if ":page:" in key]

    for n in range(5):
        for url in (f"/?x={n}", f"/agenda/?thema=x{n}", f"/agenda/?wanneer=ooit{n}", f"/nieuws/?pagina={n}9"):
            assert client.get(url).status_code == 200
    assert stored_pages() == []
    assert len(AnonymousPageCacheMiddleware._local) == 0
    # Links shared on Facebook or in a newsletter still hit the one cached page.
    assert client.get("/agenda/")["X-Cache"] == "MISS"
    assert client.get("/agenda/?fbclid=abc&utm_source=nieuwsbrief")["X-Cache"] == "HIT"
    # Real filters are cached, whatever the order of their parameters.
    assert client.get("/agenda/?wanneer=week&voor=ouderen")["X-Cache"] == "MISS"
    assert client.get("/agenda/?voor=ouderen&wanneer=week")["X-Cache"] == "HIT"
    assert client.get("/initiatieven/?thema=gezond-eten")["X-Cache"] == "MISS"
    assert client.get("/initiatieven/?thema=gezond-eten")["X-Cache"] == "HIT"
    assert len(stored_pages()) == 3
