import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatieven.guide.models import OfferPage
from tests.guide.factories import OfferPageFactory
from tests.home.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_guide_is_in_the_main_menu_and_shows_theme_tiles(client, guide):
    response = client.get("/wat-kun-je-doen/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Wat kunt u doen in de wijk</h1>" in html
    assert 'href="/wat-kun-je-doen/thema/samen-en-sociaal/"' in html
    assert "Sport en bewegen" in html
    # in the header menu, with its label
    assert 'href="/wat-kun-je-doen/"' in client.get("/").content.decode()


def test_theme_page_lists_offers_groups_organisations_and_agenda_block(client, theme):
    response = client.get("/wat-kun-je-doen/thema/samen-en-sociaal/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "De koffiekar" in html
    assert "Hulp bij geldzaken" not in html  # another theme
    assert 'href="tel:0710000110"' in html  # tap to call the koffiekar
    assert "Organisaties" in html and "Incluzio" in html
    # offers come before the organisations
    assert html.index("De koffiekar") < html.index('id="orgs-heading"')


def test_unknown_theme_is_404(client, guide):
    assert client.get("/wat-kun-je-doen/thema/bestaat-niet/").status_code == 404


@pytest.mark.parametrize(
    "query, present, absent",
    [
        ("gratis=1", ["De koffiekar", "Fietsmaatjes"], ["Samen eten"]),
        ("soort=hulp", ["Welzijn op Recept"], ["De koffiekar"]),
        ("soort=meedoen", ["De koffiekar"], ["Welzijn op Recept"]),
        ("voor=ouderen", ["De koffiekar", "Koffie-inloop"], ["Plek voor jongeren"]),
        ("voor=jongeren", ["Plek voor jongeren", "Koffie-inloop"], ["De koffiekar"]),
        ("gratis=1&soort=meedoen&voor=ouderen", ["De koffiekar"], ["Welzijn op Recept", "Samen eten"]),
    ],
)
def test_theme_filters_are_kept_in_the_url(client, theme, query, present, absent):
    response = client.get(f"/wat-kun-je-doen/thema/samen-en-sociaal/?{query}")
    html = response.content.decode()
    end = 'id="groups-heading"' if 'id="groups-heading"' in html else 'id="orgs-heading"'
    offers_html = html[html.index('id="offers-heading"') : html.index(end)]
    for title in present:
        assert title in offers_html, title
    for title in absent:
        assert title not in offers_html, title
    # the form shows the chosen filters again
    if "gratis=1" in query:
        assert 'name="gratis" value="1" checked' in html
    assert "Alles tonen" in html


def test_bad_filter_values_are_ignored(client, theme):
    response = client.get("/wat-kun-je-doen/thema/samen-en-sociaal/?voor=<script>&soort=x&gratis=ja")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html
    assert "De koffiekar" in html and "Samen eten" in html


def test_filter_without_results_says_so(client, theme):
    response = client.get("/wat-kun-je-doen/thema/samen-en-sociaal/?voor=mantelzorgers&soort=hulp")
    assert "We vonden geen aanbod dat past bij uw keuze" in response.content.decode()


def test_offer_page_shows_what_for_whom_cost_and_how_to_join(client, guide):
    response = client.get("/wat-kun-je-doen/koffiekar/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "De koffiekar",
        "Voor wie",
        "Gratis",
        "Elke woensdag",
        'Bel <span class="nowrap">071 000 01 10</span>',
    ):
        assert text in html
    assert 'href="/wat-kun-je-doen/thema/samen-en-sociaal/"' in html


def test_organisation_page_and_partners_overview(client, guide):
    overview = client.get("/wat-kun-je-doen/organisaties/").content.decode()
    assert "Reos" in overview and 'href="/wat-kun-je-doen/organisaties/reos/"' in overview
    response = client.get("/wat-kun-je-doen/organisaties/reos/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="tel:0710000102"' in html
    assert "Hulp bij geldzaken" in html
    assert client.get("/wat-kun-je-doen/organisaties/bestaat-niet/").status_code == 404


def test_draft_offers_are_not_shown(client, guide, theme):
    offer = OfferPageFactory(parent=guide, title="Geheim concept", themes=[theme])
    offer.unpublish()
    html = client.get("/wat-kun-je-doen/thema/samen-en-sociaal/").content.decode()
    assert "Geheim concept" not in html


@pytest.fixture
def clean_site_cache():
    """Wagtail caches the list of sites; a rolled-back second site must not outlive its test."""
    yield
    cache.clear()


def test_offers_of_another_site_are_not_shown(client, guide, theme, home_page, clean_site_cache):
    """A second district on the same installation has its own guide and offers."""
    from wagtail.models import Page, Site

    from tests.guide.factories import ThemeIndexPageFactory

    root = Page.get_first_root_node()
    other_home = root.add_child(instance=Page(title="Andere wijk", slug="andere-wijk"))
    Site.objects.create(hostname="andere.test", root_page=other_home)
    other_guide = ThemeIndexPageFactory(parent=other_home, slug="wat-kun-je-doen")
    OfferPageFactory(parent=other_guide, title="Alleen in de andere wijk", themes=[theme])
    html = client.get("/wat-kun-je-doen/thema/samen-en-sociaal/").content.decode()
    assert "Alleen in de andere wijk" not in html
    other = client.get("/wat-kun-je-doen/thema/samen-en-sociaal/", HTTP_HOST="andere.test")
    assert other.status_code == 200
    assert "Alleen in de andere wijk" in other.content.decode()
    assert "De koffiekar" not in other.content.decode()


def _many_offers(guide, theme, n):
    for _ in range(n):
        OfferPageFactory(parent=guide, themes=[theme], organisation=OrganisationFactory(themes=[theme]))


@pytest.mark.parametrize(
    "path",
    [
        "/wat-kun-je-doen/",
        "/wat-kun-je-doen/thema/samen-en-sociaal/",
        "/wat-kun-je-doen/thema/samen-en-sociaal/?gratis=1&voor=ouderen",
        "/wat-kun-je-doen/zoeken/?q=samen+koffie+voor+ouderen",
        "/wat-kun-je-doen/organisaties/",
        "/wat-kun-je-doen/organisaties/reos/",
        "/wat-kun-je-doen/koffiekar/",
    ],
)
def test_query_counts_do_not_grow_with_content(client, guide, theme, path):
    def count():
        cache.clear()
        client.get(path)  # warm Wagtail's site root cache
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries.captured_queries)

    before = count()
    assert before <= MAX_QUERIES[path], before
    _many_offers(guide, theme, 12)
    assert count() <= before


MAX_QUERIES = {
    "/wat-kun-je-doen/": 14,
    # includes the agenda's upcoming activities of the theme and the breadcrumb's ancestors
    "/wat-kun-je-doen/thema/samen-en-sociaal/": 21,
    "/wat-kun-je-doen/thema/samen-en-sociaal/?gratis=1&voor=ouderen": 21,
    "/wat-kun-je-doen/zoeken/?q=samen+koffie+voor+ouderen": 17,
    "/wat-kun-je-doen/organisaties/": 12,
    # includes the organisation's activities (each once) and the agenda page for its feed links
    "/wat-kun-je-doen/organisaties/reos/": 17,
    "/wat-kun-je-doen/koffiekar/": 16,
}


def test_offer_count_in_demo():
    assert OfferPage.objects.live().count() >= 20


def test_offers_for_the_chosen_audience_come_first(client, theme):
    html = client.get("/wat-kun-je-doen/thema/samen-en-sociaal/?voor=ouderen").content.decode()
    assert html.index("De koffiekar") < html.index("Buurtwandeling")  # ouderen before iedereen


@pytest.mark.parametrize(
    "path",
    [
        "/wat-kun-je-doen/",
        "/wat-kun-je-doen/thema/gezond-eten/",
        "/wat-kun-je-doen/zoeken/?q=koffie",
        "/wat-kun-je-doen/organisaties/",
        "/wat-kun-je-doen/organisaties/reos/",
        "/wat-kun-je-doen/koffiekar/",
    ],
)
def test_every_guide_page_has_the_print_stylesheet(client, guide, path):
    html = client.get(path).content.decode()
    assert 'guide/print.css" media="print"' in html


def test_sitemap_lists_the_theme_pages(client, guide):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/wat-kun-je-doen/thema/gezond-eten/</loc>" in xml
    assert "/wat-kun-je-doen/koffiekar/</loc>" in xml
    assert "/wat-kun-je-doen/organisaties/</loc>" in xml
    assert "/wat-kun-je-doen/organisaties/reos/</loc>" in xml


def test_guide_pages_work_behind_the_anonymous_page_cache(client, guide, theme, settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    path = "/wat-kun-je-doen/thema/samen-en-sociaal/"
    assert client.get(path)["X-Cache"] == "MISS"
    assert client.get(path)["X-Cache"] == "HIT"
    OfferPageFactory(parent=guide, title="Samen zingen", themes=[theme]).save_revision().publish()
    response = client.get(path)
    assert response["X-Cache"] == "MISS"
    assert "Samen zingen" in response.content.decode()


def test_organisation_page_has_safe_json_ld(client, guide):
    import json
    import re

    from home.models import Organisation

    evil = "Hulp </script><script>alert(1)</script> & meer"
    Organisation.objects.filter(name="Reos").update(description=evil)
    html = client.get("/wat-kun-je-doen/organisaties/reos/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<script>alert" not in html
    data = json.loads(block)
    assert data["@type"] == "Organization" and data["telephone"] == "071 000 01 02"
    assert data["description"].startswith("Hulp </script>")


def test_result_counts_read_naturally(client, guide, theme):
    from tests.home.factories import ThemeFactory

    lonely = ThemeFactory(slug="een-thema")
    OfferPageFactory(parent=guide, title="Het enige aanbod", themes=[lonely])
    html = client.get("/wat-kun-je-doen/thema/een-thema/").content.decode()
    assert "We vonden 1 resultaat." in html
    many = client.get("/wat-kun-je-doen/thema/samen-en-sociaal/").content.decode()
    assert "resultaten." in many and "We vonden 1 resultaten" not in many
