"""Our pages as a link preview reads them (issue 17): WhatsApp, Facebook and Signal cannot be
reached from here, so a real, well-kept parser reads them instead: open-graph-scraper (npm),
run through node on the HTML the live server sends. It must find the title, the description
and the share image (absolute, https when the site is, 1200x630, with its alt text).

Optional, like the ical.js check: skipped without node and `npm install --prefix
tests/agenda/js`, which `make install` does. With the browser tests because it commits for real
and asks the live server, as they do (no browser needed)."""

import io
import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from django.utils import timezone
from PIL import Image

from agenda.models import EventPage
from initiatieven.models import NewsPage

JS_DIR = Path(__file__).parents[1] / "agenda" / "js"


def _parser_installed():
    return shutil.which("node") and (JS_DIR / "node_modules" / "open-graph-scraper").is_dir()


pytestmark = pytest.mark.skipif(
    not _parser_installed(),
    reason="open-graph-scraper needs node and `npm install --prefix tests/agenda/js` (optional)",
)


def preview(html):
    """What open-graph-scraper makes of a page's HTML."""
    done = subprocess.run(
        ["node", str(JS_DIR / "preview.mjs")],  # noqa: S607
        input=html,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    found = json.loads(done.stdout)
    assert not found["error"], found
    return found["result"]


@pytest.fixture
def shared(demo_site, run_worker, settings, tmp_path):
    """An upcoming activity and a news item, published, with their share images drawn by the
    worker (as after every publish)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    upcoming = EventPage.objects.live().filter(start_date__gte=timezone.localdate())
    event = upcoming.order_by("start_date").first()
    news = NewsPage.objects.live().first()
    for page in (event, news):
        page.save_revision().publish()
    run_worker()
    return {"activiteit": event.specific, "nieuws": news.specific}


@pytest.mark.parametrize("kind", ["activiteit", "nieuws"])
def test_a_link_preview_shows_title_description_and_the_share_image(live_server, shared, kind):
    page = shared[kind]
    with urlopen(live_server.url + page.url) as response:  # noqa: S310 - our own live server
        html = response.read().decode()
    found = preview(html)
    assert found["ogTitle"] == page.title
    assert found["ogDescription"] and len(found["ogDescription"]) <= 300
    assert found["ogUrl"].endswith(page.url)
    assert found["twitterCard"] == "summary_large_image"
    (image,) = found["ogImage"]
    assert image["url"].startswith(live_server.url + "/delen/"), "the drawn share image, absolute"
    assert (image["width"], image["height"]) == ("1200", "630")
    assert image["alt"].startswith(page.title)
    assert image["type"] == "image/png"
    # What the preview would fetch is there and has that size.
    with urlopen(image["url"]) as response:  # noqa: S310 - our own live server
        assert response.headers["Content-Type"] == "image/png"
        assert Image.open(io.BytesIO(response.read())).size == (1200, 630)


@pytest.mark.parametrize("kind", ["activiteit", "nieuws"])
def test_over_https_the_preview_gets_https_addresses(client, shared, kind, settings):
    """In production the site is served over https (behind the proxy, SECURE_PROXY_SSL_HEADER):
    every address a preview fetches must be https too, or WhatsApp and Facebook leave the
    picture out."""
    settings.ALLOWED_HOSTS = ["*"]
    page = shared[kind]
    html = client.get(page.url, secure=True).content.decode()
    found = preview(html)
    (image,) = found["ogImage"]
    assert urlsplit(image["url"]).scheme == "https"
    assert urlsplit(found["twitterImage"][0]["url"]).scheme == "https"
