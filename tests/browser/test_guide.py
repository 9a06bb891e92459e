"""The guide "Wat kunt u doen in de wijk" on a phone, as a resident uses it."""

import io
from pathlib import Path

from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import open_menu, serious_violations, wider_than_screen


def test_coffee_for_older_people_in_three_taps_and_call(live_server, phone):
    """From the home page: menu, theme, then the call button of the coffee cart."""
    phone.goto(live_server.url + "/")
    open_menu(phone).get_by_role("link", name="Wat kunt u doen in de wijk").click()
    phone.wait_for_url("**/wat-kun-je-doen/")
    assert serious_violations(phone) == []
    phone.get_by_role("link", name="Samen en sociaal").click()
    phone.wait_for_url("**/wat-kun-je-doen/thema/samen-en-sociaal/")
    card = phone.locator("article.offer-card", has=phone.get_by_role("heading", name="De koffiekar"))
    assert "Ouderen" in card.inner_text() or "ouderen" in card.inner_text()
    call = card.get_by_role("link", name="Bel 071 000 01 10")
    assert call.get_attribute("href") == "tel:0710000110"
    assert call.is_visible()
    box = call.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    assert wider_than_screen(phone) == []
    assert serious_violations(phone) == []


def test_theme_filter_search_and_pdf_on_a_phone(live_server, phone):
    phone.goto(live_server.url + "/wat-kun-je-doen/")
    phone.get_by_role("link", name="Hulp en advies").click()
    phone.get_by_label("Alleen gratis").check()
    phone.get_by_role("button", name="Toon").click()
    phone.wait_for_url("**/thema/hulp-en-advies/?*gratis=1*")
    offers = phone.locator("#offers-heading + p + ul")
    assert "Hulp bij geldzaken" in offers.inner_text()
    assert phone.get_by_label("Alleen gratis").is_checked()  # the choice is kept
    assert offers.locator('a[href^="tel:"]').count() >= 1
    assert wider_than_screen(phone) == []
    assert serious_violations(phone) == []

    phone.goto(live_server.url + "/wat-kun-je-doen/")
    phone.get_by_label("Wat zoekt u? Typ een gewoon woord.").fill("koffie")
    phone.get_by_role("main").get_by_role("button", name="Zoek").click()
    phone.wait_for_url("**/wat-kun-je-doen/zoeken/?q=koffie")
    assert phone.get_by_role("heading", name="De koffiekar").is_visible()
    assert serious_violations(phone) == []

    phone.goto(live_server.url + "/wat-kun-je-doen/")
    with phone.expect_download() as info:
        phone.get_by_role("link", name="De gids op papier (PDF om te printen)").click()
    reader = PdfReader(io.BytesIO(Path(info.value.path()).read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for heading in ("Inhoud", "Samen en sociaal", "Sport en bewegen", "Hulp en advies", "Adressen en"):
        assert heading in text


def test_guide_works_without_javascript_at_320px(live_server, browser, demo_site):
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/wat-kun-je-doen/thema/samen-en-sociaal/?voor=ouderen&soort=meedoen")
    assert page.get_by_role("heading", name="De koffiekar").is_visible()
    assert wider_than_screen(page) == []
    page.goto(live_server.url + "/wat-kun-je-doen/organisaties/reos/")
    assert page.get_by_role("link", name="Bel 071 000 01 02", exact=True).is_visible()
    context.close()


def test_editor_sees_the_b1_check_while_typing(live_server, browser, demo_site):
    from django.contrib.auth import get_user_model

    from initiatieven.guide.models import OfferPage

    get_user_model().objects.create_superuser("redacteur", "r@example.org", "geheim-wachtwoord-123")
    offer = OfferPage.objects.get(slug="koffiekar")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "redacteur")
    page.fill("input[name=password]", "geheim-wachtwoord-123")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(live_server.url + f"/admin/pages/{offer.pk}/edit/")
    panel = page.locator("#id_body-b1")
    # the admin's CSP forbids eval, so wait with locators instead of wait_for_function
    expect(panel).to_contain_text("Goed leesbaar")
    page.fill(
        "#id_body",
        (
            "Indien u in aanmerking wenst te komen voor een tegemoetkoming in de kosten, dient u middels "
            "het daartoe bestemde aanvraagformulier uw verzoek schriftelijk in te dienen bij de gemeente."
        ),
    )
    expect(panel).to_contain_text("Te moeilijk")
    assert panel.locator("mark", has_text="indien").count() == 2  # the long sentence and the word
    assert "→ als" in panel.inner_text()
    # rich text (Draftail) fields get the check too
    from wagtail.models import Page

    about = Page.objects.get(slug="over-ons")
    page.goto(live_server.url + f"/admin/pages/{about.pk}/edit/")
    rich_panels = page.locator("[id^='b1-veld-'].b1-check", has_text="B1-check")  # Draftail fields
    expect(rich_panels.first).to_contain_text("leesgemak")
    context.close()


def test_other_guide_pages_are_accessible_on_a_phone(live_server, phone):
    for path in (
        "/wat-kun-je-doen/organisaties/",
        "/wat-kun-je-doen/organisaties/reos/",
        "/wat-kun-je-doen/koffiekar/",
        "/wat-kun-je-doen/zoeken/?q=",
        "/wat-kun-je-doen/zoeken/?q=zzzqqq",
        "/wat-kun-je-doen/thema/gezond-opgroeien/?voor=mantelzorgers&gratis=1",
    ):
        phone.goto(live_server.url + path)
        assert wider_than_screen(phone) == [], path
        assert serious_violations(phone) == [], path
