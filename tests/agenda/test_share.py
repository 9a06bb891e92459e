"""The share image and head tags of an activity: the picture a WhatsApp, Facebook or Signal
preview shows, checked against the Open Graph rules, and the "Deel" links."""

import io
import re
from html import unescape
from urllib.parse import parse_qs, unquote, urlparse

import pytest
from django.core.files.storage import default_storage
from django_tasks_db.models import DBTaskResult
from PIL import Image

from agenda.models import EventPage
from home.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _meta(html):
    """The page's <meta property|name=... content=...> tags as a dict."""
    found = {}
    for name, content in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html):
        found[unescape(name)] = unescape(content)
    return found


def _png(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return Image.open(io.BytesIO(body))


def _image_path(url):
    return urlparse(url).path


def test_a_new_activity_has_a_share_image_after_publish(client, make_event, run_worker):
    theme = Theme.objects.first()
    event = make_event(title="Samen soep koken", themes=[theme])
    queued = DBTaskResult.objects.filter(task_path="home.share.tasks.build_share_image")
    assert queued.exists()
    run_worker()
    meta = _meta(client.get(event.url).content.decode())
    # Open Graph: absolute URLs, the size, the description of the picture.
    for key in ("og:url", "og:image", "twitter:image"):
        assert meta[key].startswith(("http://", "https://")), key
    assert meta["og:url"] == event.full_url
    assert meta["og:image:width"] == "1200" and meta["og:image:height"] == "630"
    assert meta["og:image:type"] == "image/png"
    assert meta["og:image:alt"].startswith("Samen soep koken.")
    assert meta["og:title"] == "Samen soep koken"
    assert meta["og:locale"] == "nl_NL" and meta["og:type"] == "website"
    assert meta["twitter:card"] == "summary_large_image"
    # The picture is stored under the page id and a hash of what it shows, and served for a year.
    name = event.specific.share_card().name(event.pk)
    assert default_storage.exists(name)
    response = client.get(_image_path(meta["og:image"]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "immutable" in response["Cache-Control"]
    image = _png(response)
    assert image.format == "PNG" and image.size == (1200, 630)


def test_a_changed_title_makes_a_new_image(client, make_event, run_worker):
    event = make_event(title="Oude titel")
    run_worker()
    old = _meta(client.get(event.url).content.decode())["og:image"]
    old_name = event.specific.share_card().name(event.pk)
    page = EventPage.objects.get(pk=event.pk)
    page.title = "Nieuwe titel"
    page.save_revision().publish()
    run_worker()
    new = _meta(client.get(page.url).content.decode())["og:image"]
    assert new != old
    assert default_storage.exists(page.share_card().name(page.pk))
    assert not default_storage.exists(old_name)  # the old picture is cleaned up


def test_a_missing_image_is_the_default_picture_and_is_drawn_then(client, make_event, run_worker):
    event = make_event(title="Nog niet getekend")
    DBTaskResult.objects.all().delete()  # as if no worker had run it
    url = _meta(client.get(event.url).content.decode())["og:image"]
    response = client.get(_image_path(url))
    assert response.status_code == 200 and _png(response).size == (1200, 630)
    assert "immutable" not in response["Cache-Control"]  # only for a few minutes
    assert DBTaskResult.objects.filter(task_path="home.share.tasks.build_share_image").count() == 1
    client.get(_image_path(url))  # asked again: no second task
    assert DBTaskResult.objects.filter(task_path="home.share.tasks.build_share_image").count() == 1
    run_worker()
    assert "immutable" in client.get(_image_path(url))["Cache-Control"]


def test_an_unknown_image_address_is_the_default_picture_not_an_error(client):
    tasks = DBTaskResult.objects.filter(task_path="home.share.tasks.build_share_image")
    before = tasks.count()
    response = client.get("/delen/999999-0123456789abcdef.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert tasks.count() == before  # no task for a page that does not exist
    assert client.get("/delen/1-../../etc/passwd.png").status_code == 404
    assert client.get("/delen/1-XYZ.png").status_code == 404


@pytest.mark.parametrize(
    "title",
    [
        "W" * 255,
        "Koffie ☕ en taart 🎂 met de buren 👵🏽👴🏻",
        "مقهى اللغة: نتحدث الهولندية معًا",
        "Taalcafé שפה ועוד: samen praten",
        "Nul\u200bbreedte en  veel   spaties\tenzo",
    ],
)
def test_bad_input_still_renders(client, make_event, run_worker, title):
    event = make_event(title=title, location=None, online_url="")  # no place, no theme
    run_worker()
    name = EventPage.objects.get(pk=event.pk).share_card().name(event.pk)
    with default_storage.open(name) as file:
        assert Image.open(file).size == (1200, 630)
    assert client.get(event.url).status_code == 200


def test_deel_links_are_plain_and_correctly_encoded(client, make_event):
    title = "Koffie & taart? Ja! 50% korting #buurt"
    event = make_event(title=title)
    html = client.get(event.url).content.decode()
    links = {unescape(h) for h in re.findall(r'href="([^"]+)"', html)}
    whatsapp = next(h for h in links if h.startswith("https://wa.me/"))
    assert parse_qs(urlparse(whatsapp).query)["text"] == [f"{title} {event.full_url}"]
    facebook = next(h for h in links if h.startswith("https://www.facebook.com/sharer/sharer.php"))
    assert parse_qs(urlparse(facebook).query)["u"] == [event.full_url]
    mail = next(h for h in links if h.startswith("mailto:?"))
    subject, body = mail.removeprefix("mailto:?").split("&")
    assert "+" not in mail and unquote(subject.removeprefix("subject=")) == title  # %20, not +
    assert unquote(body.removeprefix("body=")) == f"{title}\n{event.full_url}"
    # The share sheet button starts hidden: without JavaScript only the plain links show.
    assert '<li class="share__device" hidden>' in html
    assert f'href="/agenda/activiteit/{event.pk}/flyer.pdf"' in html


def test_nothing_is_loaded_from_another_host(client, make_event):
    """Scripts, styles, pictures and fonts all come from the site itself; the share links are
    links, never loaded."""
    event = make_event(title="Alleen van ons")
    html = client.get(event.url).content.decode()
    loaded = re.findall(r'<(?:script|img|iframe|source)[^>]* src="([^"]+)"', html)
    loaded += re.findall(r'<link[^>]* href="([^"]+)"', html)
    assert loaded
    for url in loaded:
        host = urlparse(url).netloc
        assert host in ("", "testserver", urlparse(event.full_url).netloc), url


def test_event_page_query_count_does_not_grow_with_themes(client, make_event, django_assert_max_num_queries):
    themes = list(Theme.objects.all())
    few = make_event(title="Een thema", themes=themes[:1])
    many = make_event(title="Alle thema's", themes=themes)
    with django_assert_max_num_queries(60) as first:
        client.get(few.url)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(many.url)


def test_an_unpublished_activity_loses_its_picture(client, make_event, run_worker):
    event = make_event(title="Toch niet")
    run_worker()
    name = EventPage.objects.get(pk=event.pk).share_card().name(event.pk)
    assert default_storage.exists(name)
    EventPage.objects.get(pk=event.pk).unpublish()
    assert not default_storage.exists(name)
    response = client.get(f"/delen/{event.pk}-{name.split('/')[-1]}")
    assert response.status_code == 200 and "immutable" not in response["Cache-Control"]  # the default
