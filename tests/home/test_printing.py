"""The machinery every printed page shares (home/printing.py): nothing fetched from the
internet, one builder at a time, stale-while-rebuild."""

import pytest
from django.core.cache import cache

from home import printing

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # builds real PDFs with WeasyPrint


def test_pdf_fetches_nothing_from_the_internet(settings):
    fetcher = printing.local_url_fetcher()
    for url in ("https://fonts.example.com/font.woff2", "http://127.0.0.1/x.png", "file:///etc/passwd"):
        with pytest.raises(printing.BlockedFetch):
            fetcher.fetch(url)
    css = settings.BASE_DIR / "initiatieven" / "guide" / "static" / "guide" / "pdf.css"
    response = fetcher.fetch(css.as_uri())
    assert b"@page" in response.read()
    response.close()


def test_a_remote_image_in_content_is_not_fetched(monkeypatch):
    """Even if a template ever held a remote URL, the PDF is made without fetching it."""
    seen = []
    monkeypatch.setattr(
        printing,
        "check_local_url",
        lambda url: seen.append(url) or (_ for _ in ()).throw(printing.BlockedFetch(url)),
    )
    html = '<p>Hallo</p><img src="https://example.com/logo.png" alt="">'
    pdf = printing.render_pdf(html, ["guide/pdf.css"])
    assert pdf.startswith(b"%PDF")
    assert "https://example.com/logo.png" in seen


def test_a_second_visitor_waits_for_the_pdf_being_built(monkeypatch):
    cache.clear()
    key = "guide:pdf:test"
    cache.add(key + ":building", 1, 60)  # someone else is building
    monkeypatch.setattr(printing, "WAIT_STEP", 0.01)
    calls = []

    def sleep(seconds):
        calls.append(seconds)
        if len(calls) == 3:
            cache.set(key, b"%PDF-ready")  # the other builder finishes

    monkeypatch.setattr(printing.time, "sleep", sleep)
    assert printing.cached(key, lambda: b"%PDF-mine") == b"%PDF-ready"
    assert len(calls) == 3


def test_serve_gives_the_latest_at_once_and_asks_for_a_rebuild_once():
    cache.clear()
    builds, rebuilds = [], []
    assert printing.serve("k:1", "k:latest", lambda: builds.append(1) or b"%PDF-1") == b"%PDF-1"
    assert builds == [1]  # nothing at all: built in the request
    # A newer key (after a change): the latest one at once, and the worker is asked once.
    for _ in range(3):
        pdf = printing.serve(
            "k:2", "k:latest", lambda: builds.append(2) or b"%PDF-2", lambda: rebuilds.append(1)
        )
        assert pdf == b"%PDF-1"
    assert builds == [1] and rebuilds == [1]
    assert printing.store("k:2", "k:latest", lambda: b"%PDF-2") == b"%PDF-2"
    assert printing.serve("k:2", "k:latest", lambda: b"never") == b"%PDF-2"
