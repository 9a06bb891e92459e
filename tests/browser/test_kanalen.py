"""A partner puts the agenda on their own website, and a waiting-room TV shows the district.

The partner's website is a second origin: a tiny http.server on another local port serves an
HTML page with the iframe and the optional script, exactly as a partner would paste them."""

import datetime
import http.server
import re
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from agenda.models import AgendaIndexPage
from tests.agenda.factories import EventPageFactory
from tests.browser.conftest import serious_violations, wider_than_screen

FRAMED_ELSEWHERE = ["/", "/agenda/", "/op-uw-website/", "/nieuws/", "/accounts/login/"]


@pytest.fixture
def partner_site():
    """Serves the HTML given to it as the home page of another origin, http://127.0.0.1:<port>/."""
    pages = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = pages.get(self.path, "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield pages, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def csp_errors(page):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    return errors


def test_a_partner_copies_the_line_and_their_page_shows_the_agenda_at_its_height(
    live_server, phone, partner_site
):
    pages, partner_url = partner_site
    errors = csp_errors(phone)
    # The partner chooses on our page and copies the two lines.
    phone.goto(live_server.url + "/op-uw-website/")
    phone.get_by_label("Hoeveel activiteiten?").fill("3")
    phone.get_by_role("button", name="Toon het voorbeeld").click()
    phone.wait_for_url(re.compile(r".*aantal=3.*"))
    preview = phone.frame_locator(".partner__preview")
    expect(preview.get_by_role("link", name="Meer in de wijkagenda")).to_be_visible()
    assert wider_than_screen(phone) == []
    assert serious_violations(phone) == []
    # A change shows at once in the preview and the lines to copy (the live preview).
    phone.get_by_label("Met foto's").check()
    expect(phone.locator("#code-iframe")).to_have_value(re.compile(r"aantal=3&amp;fotos=1"))
    expect(phone.locator(".partner__preview")).to_have_attribute("src", re.compile(r"aantal=3&fotos=1"))
    expect(phone.locator(".partner__open-screen")).to_have_attribute("href", re.compile(r"aantal=3"))
    assert "fotos=on" in phone.url
    snippet = phone.locator("#code-iframe").input_value()
    script = phone.locator("#code-script").input_value()
    assert snippet.startswith("<iframe ") and "\n" not in snippet  # one line
    assert "aantal=3" in snippet
    # The preview on our own page fits itself (the same script a partner may add).
    expect(phone.locator(".partner__preview")).not_to_have_css("height", "576px")

    # The partner's own website, on another origin, with the copied lines.
    pages["/"] = (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Huisartsenpraktijk</title></head>'
        f"<body><h1>Huisartsenpraktijk</h1>{snippet}{script}<p id='na'>Onder de agenda</p></body></html>"
    )
    phone.goto(partner_url + "/")
    frame = phone.frame_locator("iframe")
    expect(frame.locator(".embed__item")).to_have_count(3)
    expect(frame.get_by_role("link", name="Meer in de wijkagenda")).to_have_attribute("target", "_top")
    iframe = phone.locator("iframe")
    # The script made the frame exactly as tall as the agenda inside it (not the 600 px pasted).
    expect(iframe).not_to_have_css("height", "600px")
    inner = phone.frames[1].evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
    assert abs(iframe.bounding_box()["height"] - inner) <= 2
    # A message of the right shape, but not from our site, changes nothing.
    before = iframe.bounding_box()["height"]
    phone.evaluate("window.postMessage({type: 'stevenshof-agenda:hoogte', height: 5000}, '*')")
    phone.wait_for_timeout(300)
    assert iframe.bounding_box()["height"] == before
    # The frame follows its content: show fewer activities, and it shrinks.
    pages["/"] = pages["/"].replace("aantal=3", "aantal=1")
    phone.goto(partner_url + "/")
    expect(frame.locator(".embed__item")).to_have_count(1)
    phone.wait_for_function(f"document.querySelector('iframe').getBoundingClientRect().height < {before}")
    # Clicking through opens our site in the whole window, not inside the frame.
    frame.get_by_role("link", name="Meer in de wijkagenda").click()
    phone.wait_for_url(live_server.url + "/agenda/**")
    assert errors == []


def test_every_other_page_refuses_to_be_framed_by_another_site(live_server, phone, partner_site):
    pages, partner_url = partner_site
    frames = "".join(
        f'<iframe id="f{n}" src="{live_server.url}{path}" title="{path}"></iframe>'
        for n, path in enumerate([*FRAMED_ELSEWHERE, "/op-uw-website/agenda/", "/scherm/"])
    )
    pages["/"] = f'<!DOCTYPE html><html lang="nl"><head><title>x</title></head><body>{frames}</body></html>'
    phone.goto(partner_url + "/")
    phone.wait_for_load_state("load")
    loaded = {}
    for n, path in enumerate([*FRAMED_ELSEWHERE, "/op-uw-website/agenda/", "/scherm/"]):
        frame = phone.locator(f"#f{n}").element_handle().content_frame()
        # A refused frame shows the browser's error page instead of ours.
        loaded[path] = (
            frame.url.startswith(live_server.url)
            and frame.locator("body").count() == 1
            and ("Stevenshof Vitaal" in frame.locator("body").inner_text())
        )
    assert loaded == {
        **{path: False for path in FRAMED_ELSEWHERE},
        "/op-uw-website/agenda/": True,
        "/scherm/": True,
    }


def _visible_title(page):
    return page.locator(".scherm-item:not([hidden]) .scherm-item__title").inner_text()


def test_the_waiting_room_screen_rotates_and_recovers_when_the_network_is_back(
    live_server, browser, demo_site, settings
):
    settings.KANALEN_SCREEN_ROTATE_SECONDS = 2
    settings.KANALEN_SCREEN_REFRESH_SECONDS = 5
    # A TV set to the wrong time zone still shows the district's time.
    context = browser.new_context(
        viewport={"width": 1920, "height": 1080}, locale="nl-NL", timezone_id="America/New_York"
    )
    page = context.new_page()
    errors = csp_errors(page)
    page.goto(live_server.url + "/scherm/?toon=activiteiten,nieuws")
    expect(page.locator(".scherm__clock")).to_have_text(re.compile(r"^\d\d:\d\d$"))
    shown = page.locator(".scherm__clock").inner_text()
    amsterdam = [
        (time_machine.escape_hatch.datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=m))
        .astimezone(ZoneInfo("Europe/Amsterdam"))
        .strftime("%H:%M")
        for m in (-1, 0, 1)
    ]
    assert shown in amsterdam, (shown, amsterdam)
    assert page.locator(".scherm-item:not([hidden])").count() == 1
    # Made for the TV: everything fits on the screen, without scrolling, in very large type.
    assert page.evaluate("document.documentElement.scrollHeight <= window.innerHeight")
    assert (
        page.evaluate("parseFloat(getComputedStyle(document.querySelector('.scherm-item__title')).fontSize)")
        >= 80
    )
    assert page.locator(".scherm-item:not([hidden]) svg.qr").count() == 1
    first = _visible_title(page)
    page.wait_for_function(
        "t => document.querySelector('.scherm-item:not([hidden]) .scherm-item__title').textContent !== t",
        arg=first,
    )
    assert page.locator(".scherm-item:not([hidden])").count() == 1

    # The network drops. The live server of the tests cannot be stopped and started again, so the
    # screen's own fetches are made to fail by the browser instead (Playwright's routing), which
    # is what a TV sees when the connection or the server is gone.
    page.route("**/scherm/**", lambda route: route.abort("internetdisconnected"))
    expect(page.locator(".scherm__offline")).to_be_visible(timeout=15_000)
    shown = _visible_title(page)
    page.wait_for_function(
        "t => document.querySelector('.scherm-item:not([hidden]) .scherm-item__title').textContent !== t",
        arg=shown,
    )  # it keeps showing (and rotating) what it had
    assert page.locator(".scherm-item").count() > 1

    # Meanwhile a new activity is published; when the network is back, the screen shows it.
    agenda = AgendaIndexPage.objects.get(slug="agenda")
    event = EventPageFactory(
        parent=agenda,
        title="Nieuw: samen soep maken",
        start_date=timezone.localdate(),
        start_time=(timezone.localtime() + datetime.timedelta(hours=1))
        .time()
        .replace(second=0, microsecond=0)
        if timezone.localtime().hour < 22
        else None,
        end_time=None,
    )
    event.save_revision().publish()
    page.unroute("**/scherm/**")
    expect(page.locator(".scherm__offline")).to_be_hidden(timeout=40_000)
    expect(page.locator(".scherm-item__title", has_text="Nieuw: samen soep maken")).to_have_count(1)
    expect(page.locator(".scherm__days")).to_contain_text("Nieuw: samen soep maken")
    assert page.locator(".scherm-item:not([hidden])").count() == 1
    context.close()
    assert errors == []


def test_the_screen_moves_on_without_javascript(live_server, browser, demo_site, settings):
    settings.KANALEN_SCREEN_ROTATE_SECONDS = 1
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/scherm/?toon=nieuws")
    first = _visible_title(page)
    page.wait_for_url(re.compile(r".*item=1$"), timeout=10_000)
    assert _visible_title(page) != first
    assert page.locator(".scherm__date").inner_text()  # the date, from the server
    context.close()


def _chosen_in(url, name):
    from urllib.parse import parse_qs, urlsplit

    return sorted(parse_qs(urlsplit(url.replace("&amp;", "&")).query).get(name, []))


@pytest.mark.parametrize("width", [360, 320])
def test_a_partner_ticks_several_themes_and_copies_the_line(live_server, browser, demo_site, width):
    from home.models import Theme

    themes = list(Theme.objects.all()[:2])
    wanted = sorted(t.slug for t in themes)
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="nl-NL")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    errors = csp_errors(page)
    page.goto(live_server.url + "/op-uw-website/")
    group = page.get_by_role("group", name="Thema's")
    for theme in themes:
        box = group.get_by_label(theme.name, exact=True)
        box.check()
        label = group.locator(f"label:has(input[value='{theme.slug}'])").bounding_box()
        assert label["height"] >= 44  # a target a finger can hit
    # the live preview and the lines follow both choices
    expect(page.locator("#code-iframe")).to_have_value(re.compile(r"thema=.*thema="))
    assert _chosen_in(page.locator("#code-iframe").input_value().split('"')[1], "thema") == wanted
    expect(page.locator(".partner__preview")).to_have_attribute("src", re.compile(r"thema=.*thema="))
    assert _chosen_in(page.locator("#code-json").input_value(), "thema") == wanted
    assert _chosen_in(page.url, "thema") == wanted
    assert wider_than_screen(page) == []
    assert serious_violations(page) == []
    # the one copy button script: it copies and says so
    page.get_by_role("button", name="Kopieer de regel", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Gekopieerd.").first).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("#code-iframe").input_value()
    context.close()
    assert errors == []


def test_without_javascript_the_partner_ticks_themes_and_asks_for_the_preview(
    live_server, browser, demo_site
):
    from home.models import Theme

    themes = list(Theme.objects.all()[:2])
    wanted = sorted(t.slug for t in themes)
    context = browser.new_context(
        viewport={"width": 320, "height": 800}, locale="nl-NL", java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server.url + "/op-uw-website/")
    assert page.get_by_role("button", name="Kopieer de regel", exact=True).count() == 0  # needs JavaScript
    group = page.get_by_role("group", name="Thema's")
    for theme in themes:
        group.get_by_label(theme.name, exact=True).check()
    page.get_by_role("button", name="Toon het voorbeeld").click()
    page.wait_for_url(re.compile(r".*thema=.*thema=.*"))
    for theme in themes:
        expect(page.get_by_role("group", name="Thema's").get_by_label(theme.name, exact=True)).to_be_checked()
    assert _chosen_in(page.locator(".partner__preview").get_attribute("src"), "thema") == wanted
    assert _chosen_in(page.locator("#code-iframe").input_value().split('"')[1], "thema") == wanted
    preview = page.frame_locator(".partner__preview")
    expect(preview.get_by_role("link", name="Meer in de wijkagenda")).to_be_visible()
    assert wider_than_screen(page) == []
    context.close()
