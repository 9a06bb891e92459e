"""Journeys through the one search, on a phone 360 px wide (issue 14)."""

import re

import pytest
from playwright.sync_api import expect

from smoelenboek.demo import DEMO_MEMBER
from tests.browser.conftest import wider_than_screen

pytestmark = pytest.mark.django_db(transaction=True)

NARROW = {"width": 360, "height": 780}


@pytest.fixture
def narrow(browser, demo_site):
    context = browser.new_context(viewport=NARROW, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


def _search_site(page, base, words):
    page.goto(base + "/zoeken/")
    main = page.get_by_role("main")
    main.get_by_label("Waar zoekt u naar?").fill(words)
    main.get_by_role("button", name="Zoek").click()
    expect(page.get_by_role("status")).to_contain_text("We vonden")


@pytest.mark.parametrize(
    ("words", "first", "heading"),
    [
        ("eenzaamheid", "Welzijn op Recept", "Welzijn op Recept"),
        ("geldzorgen", "Hulp bij geldzaken", "Hulp bij geldzaken"),
        ("koffieochtend", *["Koffie-ochtend in het Huis van de Buurt"] * 2),
    ],
)
def test_mevrouw_de_vries_searches_the_site_and_reaches_the_right_page(
    narrow, live_server, words, first, heading
):
    page = narrow
    _search_site(page, live_server.url, words)
    first_link = page.locator(".search-results h3 a").first
    expect(first_link).to_have_text(first)
    box = first_link.bounding_box()
    assert box["y"] < 780 * 1.5, "the first result starts within a screen and a half"
    assert wider_than_screen(page) == []
    first_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def test_an_empty_search_suggests_what_to_do(narrow, live_server):
    page = narrow
    page.goto(live_server.url + "/zoeken/?q=%3Cb%3Ebbq%3C%2Fb%3E")
    expect(page.get_by_role("status")).to_contain_text("We vonden niets voor ‘<b>bbq</b>’")
    expect(page.get_by_role("heading", name="Of kies een onderwerp")).to_be_visible()
    page.get_by_role("link", name="koffie", exact=True).click()
    expect(page.locator(".search-results h3 a").first).to_have_text("De koffiekar")


@pytest.fixture
def demo_member(demo_site):
    """The demo login of smoelenboek/demo.py (made only with DEBUG, so here by hand)."""
    from allauth.account.models import EmailAddress

    from tests.smoelenboek.factories import ProfileFactory

    profile = ProfileFactory(name="Demo Lid", role="professional", user__email=DEMO_MEMBER["email"])
    profile.user.set_password(DEMO_MEMBER["password"])
    profile.user.save()
    EmailAddress.objects.create(user=profile.user, email=DEMO_MEMBER["email"], verified=True, primary=True)
    return profile


def test_a_professional_finds_the_welfare_coach_by_eenzaamheid(narrow, live_server, demo_member):
    page = narrow
    page.goto(live_server.url + "/smoelenboek/?q=eenzaamheid")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))  # nobody is found without a login
    assert "Samira" not in page.content()
    page.get_by_label("E-mail", exact=False).first.fill(DEMO_MEMBER["email"])
    page.get_by_label("Wachtwoord").fill(DEMO_MEMBER["password"])
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Smoelenboek")
    page.get_by_label("Zoek op naam, organisatie, functie of onderwerp").fill("eenzaamheid")
    page.get_by_role("button", name="Zoek").last.click()
    expect(page).to_have_url(re.compile(r"q=eenzaamheid"))
    expect(page.get_by_text("Samira el Amrani").first).to_be_visible()
    expect(page.get_by_text("Welzijnscoach").first).to_be_visible()
    assert wider_than_screen(page) == []
    page.get_by_role("link", name=re.compile("Samira el Amrani")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samira el Amrani")
