"""Sharing an activity from a phone: the Deel buttons (the phone's share sheet, or copying the
link), the share image a WhatsApp preview shows, and the week poster for the notice board."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader
from wagtail.models import Site

from agenda import posters
from agenda.models import AgendaIndexPage
from home.models import Theme
from tests.agenda.factories import EventPageFactory
from tests.browser.conftest import serious_violations, wider_than_screen

NO_SHARE_SHEET = "delete Navigator.prototype.share;"
FAKE_SHARE_SHEET = """
Navigator.prototype.share = function (data) { window.sharedWith = data; return Promise.resolve(); };
"""


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def new_event(demo_site):
    agenda = AgendaIndexPage.objects.get(slug="agenda")
    event = EventPageFactory(
        parent=agenda,
        title="Koffie & taart bij de buren",
        start_date=timezone.localdate() + datetime.timedelta(days=1),
    )
    event.themes.set([Theme.objects.first()])
    event.save_revision().publish()
    event.refresh_from_db()
    return event


def _context(browser, live_server, width=360, script=NO_SHARE_SHEET, **options):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="nl-NL", **options)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    if script:
        context.add_init_script(script)
    return context


def test_deel_buttons_copy_the_link_when_there_is_no_share_sheet(live_server, browser, new_event):
    context = _context(browser, live_server)
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(live_server.url + new_event.url)
    share = page.locator(".share")
    names = ["WhatsApp", "Facebook", "E-mail", "Kopieer de link"]
    for name in names:
        target = share.get_by_role("link", name=name).or_(share.get_by_role("button", name=name))
        expect(target).to_be_visible()
        box = target.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, name
    assert share.get_by_role("button", name="Andere app").count() == 0
    assert wider_than_screen(page) == []
    page.get_by_role("button", name="Kopieer de link").click()
    expect(page.locator(".share__status")).to_contain_text("Gekopieerd. Plak de link in een bericht.")
    assert page.evaluate("navigator.clipboard.readText()") == new_event.full_url
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 800})
    assert wider_than_screen(page) == []
    assert errors == []  # no Content-Security-Policy complaint, no script error
    context.close()


def test_deel_button_opens_the_phones_share_sheet(live_server, browser, new_event):
    context = _context(browser, live_server, script=FAKE_SHARE_SHEET)
    page = context.new_page()
    page.goto(live_server.url + new_event.url)
    assert page.get_by_role("button", name="Kopieer de link").count() == 0
    page.get_by_role("button", name="Andere app").click()
    assert page.evaluate("window.sharedWith") == {"title": new_event.title, "url": new_event.full_url}
    context.close()


def test_without_javascript_the_plain_links_still_work(live_server, browser, new_event):
    context = _context(browser, live_server, script="", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + new_event.url)
    share = page.locator(".share")
    expect(share.get_by_role("link", name="WhatsApp")).to_be_visible()
    expect(page.locator(".share__device")).to_be_hidden()
    href = share.get_by_role("link", name="WhatsApp").get_attribute("href")
    assert href.startswith("https://wa.me/?text=Koffie%20%26%20taart%20bij%20de%20buren%20http")
    context.close()


def test_the_share_image_of_a_new_activity_is_a_1200_by_630_png(live_server, browser, new_event, run_worker):
    run_worker()
    context = _context(browser, live_server)
    page = context.new_page()
    page.goto(live_server.url + new_event.url)
    image_url = page.locator('meta[property="og:image"]').get_attribute("content")
    assert image_url.startswith(live_server.url + "/delen/")
    assert page.locator('meta[property="og:image:width"]').get_attribute("content") == "1200"
    assert page.locator('meta[property="og:image:height"]').get_attribute("content") == "630"
    assert page.locator('meta[property="og:image:alt"]').get_attribute("content").startswith(new_event.title)
    response = page.request.get(image_url)
    assert response.status == 200 and response.headers["content-type"] == "image/png"
    assert "immutable" in response.headers["cache-control"]
    image = Image.open(io.BytesIO(response.body()))
    assert image.format == "PNG" and image.size == (1200, 630)
    context.close()


def test_the_week_poster_holds_the_weeks_activities(live_server, browser, new_event):
    context = _context(browser, live_server)
    page = context.new_page()
    page.goto(live_server.url + "/agenda/")
    link = page.get_by_role("link", name="Print een poster van deze week")
    expect(link).to_be_visible()
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert len(reader.pages) == 1 and "Deze week in de Stevenshof" in text
    week = posters.week(Site.objects.get(is_default_site=True))
    more = re.search(r"En nog (\d+) activiteit", text)
    on_poster = len(week) - (int(more.group(1)) if more else 0)
    assert on_poster >= 1 and new_event.title in [occ.event.title for occ in week[:on_poster]]
    assert all(occ.event.title in text for occ in week[:on_poster])
    # And the flyer from the activity's page.
    page.goto(live_server.url + new_event.url)
    flyer = page.get_by_role("link", name="Print een flyer (PDF)").get_attribute("href")
    response = page.request.get(live_server.url + flyer)
    text = " ".join(PdfReader(io.BytesIO(response.body())).pages[0].extract_text().split())
    assert new_event.title in text and "Scan de code" in text
    context.close()
