"""A volunteer of Groen on a phone (360 px): the dashboard shows their group's news and
activities with the two buttons on top; an activity started, left and started again with the
same title is published with one Dutch sentence and a web address of its own; no English or
jargon on the way."""

import re

import pytest
from playwright.sync_api import expect

from agenda.models import EventPage
from initiatieven.demo import VOLUNTEER_PASSWORD, load_volunteers
from initiatieven.models import InitiatiefPage
from tests.browser.conftest import wider_than_screen

# What the issue found in the admin a volunteer sees.
FORBIDDEN = [
    "Password",
    "LIVE",
    "Live",
    "Slug",
    "Titel tag",
    "Meta beschrijving",
    "1 zinnen",
    "aangemaakt in",
    "Wagtail",
]


@pytest.fixture
def phone360(browser, demo_site):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


def assert_plain_dutch(page):
    text = page.locator("body").inner_text()
    for word in FORBIDDEN:
        assert not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text), (word, page.url)


def start_activity(page, title):
    page.get_by_role("link", name="Nieuwe activiteit").click()
    page.wait_for_url("**/admin/pages/add/agenda/eventpage/**")
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill("We snoeien samen de struiken in het park. Iedereen is welkom.")
    page.locator("#id_start_date").fill("2027-04-10")
    page.locator("#id_start_date").press("Escape")
    page.locator("#id_summary").click()  # closes the date picker
    # Only the content: no tab with the web address and the texts for search engines.
    expect(page.get_by_role("tab", name="Eigenschappen")).to_have_count(0)
    assert_plain_dutch(page)


def test_a_volunteer_of_groen_on_a_phone(live_server, phone360):
    load_volunteers()
    groen = InitiatiefPage.objects.get(slug="groen")
    page = phone360
    page.goto(live_server.url + "/admin/login/")
    assert_plain_dutch(page)
    expect(page.get_by_label("Wachtwoord")).to_be_visible()
    page.locator("#id_username").fill("vrijwilliger-groen")
    page.locator("#id_password").fill(VOLUNTEER_PASSWORD)
    page.locator("button[type=submit]").click()

    # The dashboard: their group, the two buttons on top, then its news and activities.
    expect(page.get_by_role("heading", name="Groen", exact=True)).to_be_visible()
    assert page.get_by_role("heading", name="Voeding", exact=True).count() == 0
    new_news = page.get_by_role("link", name="Nieuw bericht")
    new_event = page.get_by_role("link", name="Nieuwe activiteit")
    expect(new_news).to_be_visible()
    expect(new_event).to_be_visible()
    for child in groen.get_children():
        expect(page.get_by_role("link", name=child.title, exact=True).first).to_be_visible()
        assert (
            page.get_by_role("link", name=child.title, exact=True).first.bounding_box()["y"]
            > (new_event.bounding_box()["y"])
        )
    for box in (new_news.bounding_box(), new_event.bounding_box()):
        assert box["height"] >= 44 and box["x"] + box["width"] <= 360
    assert wider_than_screen(page) == []
    page.screenshot(path="test-results/admin-volunteer-dashboard.png", full_page=True)
    assert_plain_dutch(page)

    # Start an activity, save it and leave (as the editor's autosave would keep it).
    start_activity(page, "Snoeien in het park")
    page.get_by_role("button", name="Meer acties").first.click()
    page.get_by_role("button", name="Bewaar concept").click()
    expect(page.locator(".messages")).to_contain_text(
        "‘Snoeien in het park’ is bewaard, maar staat nog niet op de site."
    )
    page.goto(live_server.url + "/admin/")
    expect(page.get_by_text("Nog niet op de site")).to_be_visible()

    # Start again with the same title and publish: no "already in use", one Dutch sentence.
    start_activity(page, "Snoeien in het park")
    page.get_by_role("button", name="Publiceren").first.click()
    page.wait_for_url(f"**/admin/pages/{groen.pk}/")
    messages = page.locator(".messages li")
    expect(messages).to_have_count(1)
    expect(messages.first).to_contain_text("‘Snoeien in het park’ staat nu op de site.")
    events = EventPage.objects.child_of(groen).filter(title="Snoeien in het park")
    assert set(events.values_list("slug", "live")) == {
        ("snoeien-in-het-park", False),
        ("snoeien-in-het-park-2", True),
    }

    # The page list after publishing: titles over the full width, not squeezed to 40 px.
    title = page.locator("td.title").first
    assert title.bounding_box()["width"] > 200
    page.screenshot(path="test-results/admin-volunteer-page-list.png", full_page=True)
    assert_plain_dutch(page)

    # Their account page and the history of a page: Dutch too.
    for path in ("/admin/account/", f"/admin/pages/{events.get(live=True).pk}/history/"):
        page.goto(live_server.url + path)
        assert_plain_dutch(page)

    # Residents see it under its own address.
    page.goto(live_server.url + "/initiatieven/groen/snoeien-in-het-park-2/")
    expect(page.locator("h1")).to_have_text("Snoeien in het park")


def test_a_web_editor_sees_where_a_typed_address_clashes_on_a_phone(live_server, phone360):
    """The editor types an address another page already has: the message on top names the tab
    and the field in Dutch, and the tab with the mistake is on the screen, marked."""
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("redacteur", "r@example.org", "geheim-wachtwoord-123")
    groen = InitiatiefPage.objects.get(slug="groen")
    taken = groen.get_children().first().slug
    page = phone360
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("redacteur")
    page.locator("#id_password").fill("geheim-wachtwoord-123")
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/admin/")
    page.goto(live_server.url + f"/admin/pages/add/agenda/eventpage/{groen.pk}/")
    page.locator("#id_title").fill("Iets anders")
    page.locator("#id_summary").fill("Een korte zin.")
    page.evaluate("document.querySelector('#id_start_date').value = '2027-04-10'")
    page.get_by_role("tab", name="Eigenschappen").click()
    page.locator("#id_slug").fill(taken)
    page.get_by_role("button", name="Publiceren").first.click()
    page.wait_for_load_state()

    message = page.locator(".messages")
    expect(message).to_contain_text("Uw pagina is nog niet opgeslagen. Er klopt iets niet.")
    expect(message).to_contain_text("Kijk op het tabblad ‘Eigenschappen’ bij ‘Webadres’.")
    expect(message).to_contain_text(f"Webadres: Het webadres ‘{taken}’ is al in gebruik")
    tab = page.get_by_role("tab", name=re.compile("Eigenschappen"))
    expect(tab).to_be_visible()
    box = tab.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    expect(tab.locator(".w-tabs__errors")).to_have_text(re.compile("1"))
    page.screenshot(path="test-results/admin-editor-slug-error.png", full_page=True)
    assert_plain_dutch(page)
