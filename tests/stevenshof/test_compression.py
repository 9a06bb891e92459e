"""Compression (issue #15): the site gzips what anyone may see, the iCal feeds included, when
no nginx does it; 304s keep working; personal pages stay plain (BREACH)."""

import gzip

import pytest
from django.test import override_settings

from stevenshof.middleware import PublicGZipMiddleware
from tests.home.factories import UserFactory
from tests.smoelenboek.factories import ProfileFactory

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def plain_and_compressed(client, path):
    plain = client.get(path)
    compressed = client.get(path, **GZIP)
    assert plain.status_code == compressed.status_code == 200, path
    return plain, compressed


@pytest.mark.parametrize("path", ["/agenda/agenda.ics", "/agenda/", "/", "/nieuws/rss/"])
def test_public_responses_are_gzipped_for_clients_that_ask(client, home_page, path):
    plain, compressed = plain_and_compressed(client, path)
    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert int(compressed["Content-Length"]) == len(compressed.content) < len(plain.content)
    assert gzip.decompress(compressed.content) == plain.content


@pytest.mark.parametrize("path", ["/agenda/agenda.ics", "/agenda/"])
@pytest.mark.parametrize("page_cache", [0, 600])
def test_a_compressed_response_still_gets_its_304(client, home_page, settings, path, page_cache):
    settings.PAGE_CACHE_SECONDS = page_cache
    first = client.get(path, **GZIP)
    assert first["Content-Encoding"] == "gzip"
    assert first["ETag"].startswith('W/"')  # the same validator for the plain and the gzip body
    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"], **GZIP)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    if first.has_header("Last-Modified"):
        since = client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"], **GZIP)
        assert since.status_code == 304
    # A client without gzip gets the plain body, also from the page cache, and its 304 too.
    plain = client.get(path)
    assert "Content-Encoding" not in plain and plain.content.startswith((b"BEGIN:VCALENDAR", b"<!DOCTYPE"))
    assert client.get(path, HTTP_IF_NONE_MATCH=plain["ETag"]).status_code == 304


@override_settings(PAGE_CACHE_SECONDS=600)
def test_the_page_cache_keeps_one_plain_copy_for_every_client(client, home_page):
    first = client.get("/agenda/agenda.ics", **GZIP)
    assert first["X-Cache"] == "MISS" and first["Content-Encoding"] == "gzip"
    plain = client.get("/agenda/agenda.ics")
    assert plain["X-Cache"] == "HIT" and "Content-Encoding" not in plain
    compressed = client.get("/agenda/agenda.ics", **GZIP)
    assert compressed["X-Cache"] == "HIT" and gzip.decompress(compressed.content) == plain.content


def test_personal_pages_are_not_compressed(client, home_page):
    """Pages with a member's data are marked private; those stay plain (BREACH)."""
    profile = ProfileFactory(name="Anna Aalbers")
    client.force_login(profile.user)
    for path in ("/smoelenboek/", "/accounts/email/"):
        response = client.get(path, **GZIP)
        assert response.status_code == 200, path
        assert "private" in response["Cache-Control"]
        assert "Content-Encoding" not in response, path
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.get("/admin/", **GZIP)
    assert response.status_code == 200 and "Content-Encoding" not in response


def test_files_that_are_compressed_already_are_left_alone(rf):
    from django.http import HttpResponse

    middleware = PublicGZipMiddleware(lambda request: HttpResponse(b"\x89PNG" + b"x" * 5000, "image/png"))
    response = middleware(rf.get("/media/foto.png", **GZIP))
    assert "Content-Encoding" not in response


def test_the_whole_agenda_feed_compresses_well(client, home_page):
    plain, compressed = plain_and_compressed(client, "/agenda/agenda.ics")
    assert len(compressed.content) < len(plain.content) / 4
