"""Share images and head tags for every page (home/share): the drawing, the default picture,
and news items."""

import io
import re
from html import unescape
from urllib.parse import urlparse

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

from home.icons import ICON_CHOICES
from home.share import cards
from initiatieven.models import NewsPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _meta(html):
    return {
        unescape(name): unescape(content)
        for name, content in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html)
    }


def test_every_theme_icon_can_be_drawn():
    """Pillow cannot read SVG: each icon an editor may choose has its PNG (drawn by
    `manage.py render_share_icons`)."""
    for name in [name for name, _label in ICON_CHOICES] + list(cards.LINE_ICONS):
        assert (cards.ICONS / f"{name}.png").exists(), f"run manage.py render_share_icons for {name}"
    default = Image.open(finders.find(cards.DEFAULT_IMAGE))
    assert default.size == (1200, 630)


@pytest.mark.parametrize(
    "card",
    [
        cards.ShareCard(title="Koffie", lines=(("calendar-days", "Vandaag"),), icon="coffee", colour="red"),
        cards.ShareCard(title="x" * 255, lines=(("map-pin", "y" * 500),) * 3),
        cards.ShareCard(title="🎉🎉🎉", lines=(("clock", "👍"),), icon="bestaat-niet", colour="bestaat-niet"),
        cards.ShareCard(title="", lines=()),
        cards.ShareCard(title="שלום לכולם وأهلا بكم", lines=(("users", "مرحبا"),)),
    ],
)
def test_the_drawing_is_always_1200_by_630(card):
    image = Image.open(io.BytesIO(cards.render(card)))
    assert image.format == "PNG" and image.size == (1200, 630)


def test_text_the_font_cannot_draw_is_left_out():
    assert cards.drawable("Koffie ☕ en taart 🎂\u200b  nu") == "Koffie en taart nu"
    assert cards.drawable("🎂") == ""
    assert cards.drawable("Café Ωmega Жизнь") == "Café Ωmega Жизнь"


def test_the_name_follows_what_the_card_shows():
    card = cards.ShareCard(title="A", lines=(("clock", "10:00"),))
    assert card.name(7) == cards.ShareCard(title="A", lines=(("clock", "10:00"),)).name(7)
    assert card.name(7) != cards.ShareCard(title="B", lines=(("clock", "10:00"),)).name(7)
    assert re.fullmatch(r"share/7/[0-9a-f]{16}\.png", card.name(7))


def test_a_news_item_follows_the_open_graph_rules(client, run_worker):
    news = NewsPage.objects.live().first()
    news.save_revision().publish()
    run_worker()
    html = client.get(news.url).content.decode()
    meta = _meta(html)
    assert meta["og:type"] == "article" and meta["og:title"] == news.title
    assert meta["og:url"] == news.full_url
    assert meta["og:image"].startswith("http://testserver/delen/")
    assert meta["og:image:width"] == "1200" and meta["og:image:height"] == "630"
    assert meta["og:image:alt"].startswith(news.title)
    response = client.get(urlparse(meta["og:image"]).path)
    body = b"".join(response.streaming_content)
    assert Image.open(io.BytesIO(body)).size == (1200, 630)
    assert html.count('property="og:image"') == 1  # once, not also from the page's own template


@pytest.mark.parametrize("path", ["/", "/over-ons/", "/zoeken/?q=koffie", "/nieuwsbrief/"])
def test_other_pages_get_the_sites_picture(client, path):
    meta = _meta(client.get(path).content.decode())
    assert meta["og:image"] == "http://testserver/static/share/default.png"
    assert meta["og:image:width"] == "1200" and meta["og:image:alt"]
    assert meta["og:url"].startswith("http://") and meta["og:locale"] == "nl_NL"
    assert Image.open(finders.find("share/default.png")).size == (1200, 630)
