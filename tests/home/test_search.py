"""The site search at /zoeken/: the words residents type, on the demo content.

Nothing here depends on the database's own search: the same answers, in the same order, on
SQLite and PostgreSQL (home/search/words.py does the understanding of words)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.search import site as site_search
from home.search import words
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def _results(client, q, **params):
    response = client.get("/zoeken/", {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


def _first(client, q):
    """The title of the first result a reader sees, and the heading of its group."""
    response = client.get("/zoeken/", {"q": q})
    assert response.status_code == 200
    groups = response.context["groups"]
    assert groups, f"nothing found for {q!r}"
    return groups[0].results[0].title


# What residents type, and what must come first. On the demo content (load_demo).
QUERY_TABLE = [
    ("eenzaam", "Welzijn op Recept"),
    ("eenzaamheid", "Welzijn op Recept"),
    ("somber", "Welzijn op Recept"),
    ("welzijnscoach", "Welzijn op Recept"),
    ("geldzorgen", "Hulp bij geldzaken"),
    ("rekeningen betalen", "Hulp bij geldzaken"),
    ("schulden", "Hulp bij geldzaken"),
    ("hulp bij geldzaken", "Hulp bij geldzaken"),
    ("geld", "Hulp bij geldzaken"),
    ("toeslagen", "Hulp bij geldzaken"),
    ("koffieochtend", "Koffie-ochtend in het Huis van de Buurt"),
    ("koffie-ochtend", "Koffie-ochtend in het Huis van de Buurt"),
    ("Koffieochtend!", "Koffie-ochtend in het Huis van de Buurt"),
    ("kopje koffie", "Koffie-ochtend in het Huis van de Buurt"),
    ("koffie", "De koffiekar"),
    ("gratis koffie", "De koffiekar"),
    ("koffie drinken met buren", "Koffie-inloop in het Huis van de Buurt"),
    ("wandelen", "Samen wandelen langs het Beweeglint"),
    ("wandelingen", "Buurtwandeling"),
    ("samen wandelen", "Samen wandelen langs het Beweeglint"),
    ("fietsen", "Samen fietsen op de duofiets"),
    ("duofiets", "Samen fietsen op de duofiets"),
    ("bewegen", "Bewegen voor ouderen"),
    ("sporten voor ouderen", "Bewegen voor ouderen"),
    ("vallen", "Bewegen voor ouderen"),
    ("afvallen", "Samen gezonder leven (GLI)"),
    ("tennis", "Tennis proberen"),
    ("schaatsen", "IJsvereniging Rijndijk-Hoge Mors"),
    ("gezond eten", "Gezond eten"),
    ("recepten", "Het Stevenshof Recept"),
    ("koken", "Samen koken en eten"),
    ("samen eten", "Samen eten"),
    ("opvoeding", "Vragen over opvoeden"),
    ("baby", "Vragen over opvoeden"),
    ("jongeren", "Plek voor jongeren"),
    ("hangplek", "De hangplek is open"),
    ("dieren", "De Dierenweide"),
    ("geiten", "De Dierenweide"),
    ("bibliotheek", "Boeken over gezond leven (Fit & Actief)"),
    ("voorlezen", "Voorlezen voor peuters"),
    ("hulp met mijn telefoon", "Digicafé: hulp bij uw telefoon of tablet"),
    ("digicafé", "Digicafé: hulp bij uw telefoon of tablet"),
    ("DIGICAFE", "Digicafé: hulp bij uw telefoon of tablet"),
    ("nederlands leren", "Taalcafé: samen Nederlands praten"),
    ("taalcafe", "Taalcafé: samen Nederlands praten"),
    ("mantelzorger", "Steun voor mantelzorgers"),
    ("bloeddruk", "Stevit: uw hart thuis meten"),
    ("dokter", "Gezondheidscentrum Stevenshof"),
    ("wijkteam", "Het sociaal wijkteam"),
    ("welkomstpakket", "Welkomstpakket voor nieuwe bewoners"),
    ("nieuw in de wijk", "Nieuw in de wijk"),
    ("kapotte lamp", "Iets kapot op straat?"),
    ("stoeptegel", "Iets kapot op straat?"),
    ("vriendschap", "Sociale relaties & vriendschap"),
    ("ik voel me somber", "Welzijn op Recept"),
    ("privacy", "Privacy"),
]


def test_the_table_has_at_least_forty_queries():
    assert len({q for q, _title in QUERY_TABLE}) >= 40


@pytest.mark.parametrize(("query", "title"), QUERY_TABLE, ids=[q for q, _t in QUERY_TABLE])
def test_resident_query_finds_the_right_thing_first(client, home_page, query, title):
    assert _first(client, query) == title


def test_rekeningen_betalen_puts_money_help_first_not_the_coffee_cart(client, home_page):
    response = client.get("/zoeken/", {"q": "rekeningen betalen"})
    groups = response.context["groups"]
    assert groups[0].heading == "Hulp en aanbod"
    titles = [document.title for group in groups for document in group.results]
    assert titles[0] == "Hulp bij geldzaken"
    assert titles[:2] == ["Hulp bij geldzaken", "Het sociaal wijkteam"]  # its body says "betalen"
    html = response.content.decode()
    assert html.index("Hulp bij geldzaken") < html.index('id="r-activity"')


def test_results_are_grouped_by_kind_with_the_best_kind_first(client, home_page):
    response = client.get("/zoeken/", {"q": "koffieochtend"})
    kinds = [group.kind for group in response.context["groups"]]
    assert kinds[0] == "activity"
    assert len(kinds) == len(set(kinds))  # one group per kind
    html = response.content.decode()
    assert '<h2 id="r-activity">' in html and "Activiteiten" in html


def test_a_kind_shows_all_its_results(client, home_page):
    response = client.get("/zoeken/", {"q": "samen"})
    offers = next(g for g in response.context["groups"] if g.kind == "offer")
    assert offers.count > len(offers.shown)  # more offers than fit in the overview
    assert "soort=offer" in response.content.decode()
    response = client.get("/zoeken/", {"q": "samen", "soort": "offer"})
    groups = response.context["groups"]
    assert [g.kind for g in groups] == ["offer"]
    assert len(groups[0].shown) == groups[0].count
    # an unknown kind is ignored, never an error
    assert client.get("/zoeken/", {"q": "koffie", "soort": "<x>"}).status_code == 200


def test_search_finds_public_pages(client, home_page):
    page = StandardPageFactory(
        parent=home_page, title="Koffie in de wijk", slug="koffie-pagina", intro="Samen koffie drinken."
    )
    page.save_revision().publish()
    html = _results(client, "koffie")
    assert "Koffie in de wijk" in html
    assert "We vonden" in html


def test_search_never_shows_drafts_or_private_pages(client, home_page):
    draft = StandardPageFactory(parent=home_page, title="Geheime wandeling concept", slug="concept")
    draft.save_revision().publish()
    draft.unpublish()
    private = StandardPageFactory(parent=home_page, title="Geheime wandeling leden", slug="leden")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    private.save_revision().publish()
    html = _results(client, "geheime")
    assert "Geheime wandeling concept" not in html
    assert "Geheime wandeling leden" not in html


def test_a_publish_shows_at_once(client, home_page):
    assert "Zwemmen voor ouderen" not in _results(client, "zwemmen")
    page = StandardPageFactory(parent=home_page, title="Zwemmen voor ouderen", slug="zwemmen")
    page.save_revision().publish()  # bumps the content version: the index is built again
    assert "Zwemmen voor ouderen" in _results(client, "zwemmen")


def test_search_stays_on_the_current_site(client, home_page):
    from wagtail.models import Page, Site

    root = Page.get_first_root_node()
    other_home = StandardPageFactory(parent=root, title="Andere wijk", slug="andere-wijk")
    Site.objects.create(hostname="anderewijk.test", root_page=other_home)
    StandardPageFactory(parent=other_home, title="Zwemmen in de andere wijk", slug="zwemmen")
    assert "Zwemmen in de andere wijk" not in _results(client, "zwemmen")
    other = client.get("/zoeken/", {"q": "zwemmen"}, HTTP_HOST="anderewijk.test")
    assert "Zwemmen in de andere wijk" in other.content.decode()
    assert (
        "Koffie-ochtend"
        not in client.get("/zoeken/", {"q": "koffie"}, HTTP_HOST="anderewijk.test").content.decode()
    )


def test_past_activities_are_left_out(client, home_page, pinned_clock):
    response = client.get("/zoeken/", {"q": "koffieochtend"})
    assert response.context["groups"][0].kind == "activity"
    pinned_clock.move_to("2031-01-01T10:00+01:00")  # every demo activity is over by then
    response = client.get("/zoeken/", {"q": "koffieochtend"})
    assert "activity" not in [g.kind for g in response.context["groups"]]
    assert "Koffie-inloop in het Huis van de Buurt" in response.content.decode()


def test_an_empty_answer_suggests_words_themes_and_a_phone_number(client, home_page):
    from home.models import SiteSettings

    settings = SiteSettings.for_site(home_page.get_site())
    settings.contact_phone = "071 123 45 67"
    settings.save()
    html = _results(client, "bbq")
    assert "We vonden niets voor ‘bbq’" in html
    assert "Probeer een ander woord" in html
    assert 'href="/zoeken/?q=koffie"' in html
    assert "Of kies een onderwerp" in html
    assert 'href="/wat-kun-je-doen/thema/hulp-en-advies/"' in html
    assert 'href="tel:0711234567"' in html


BAD_INPUT = [
    "%$#@!*&^",
    "...",
    "'; DROP TABLE wagtailcore_page; --",
    '" OR 1=1 --',
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "🙂🙂🙂",
    "☕ koffie",
    "\u202ekoffie",
    "ö\x07",
    "de het een",
    "a",
    "-",
    "koffie-",
    "--koffie--",
]


@pytest.mark.parametrize("query", BAD_INPUT)
def test_bad_input_gets_a_calm_dutch_answer_and_is_never_echoed_raw(client, home_page, query):
    html = _results(client, query)
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert ("We vonden" in html) or ("Typ een woord" in html)
    assert "Traceback" not in html and "Error" not in html


def test_html_in_the_query_is_escaped(client, home_page):
    html = _results(client, "<b>koffie</b>")
    assert "&lt;b&gt;koffie&lt;/b&gt;" in html
    assert "<b>koffie</b>" not in html
    assert "De koffiekar" in html  # the words in it still count


def test_a_query_of_only_emoji_says_what_to_type(client, home_page):
    html = _results(client, "🙂🙂")
    assert "Typ een woord dat zegt wat u zoekt" in html


def test_a_very_long_query_is_cut_with_a_message(client, home_page):
    html = _results(client, "geldzorgen " * 500)
    assert "Uw zoekvraag is te lang" in html
    assert 'aria-invalid="true"' in html
    assert "Hulp bij geldzaken" in html


def test_a_crafted_nul_is_left_out(client, home_page):
    response = client.get("/zoeken/?q=privacy%00")
    assert response.status_code == 200
    assert "Privacy" in response.content.decode()


def test_a_bad_request_gets_a_dutch_page(rf, home_page):
    from django.core.exceptions import BadRequest
    from django.views.defaults import bad_request

    response = bad_request(rf.get("/"), BadRequest())  # what Django answers to a malformed request
    assert response.status_code == 400
    assert "Dit adres klopt niet" in response.content.decode()


def test_search_page_is_not_indexed(client, home_page):
    assert '<meta name="robots" content="noindex">' in _results(client, "wijk")


def test_query_counts_do_not_grow_with_content(client, home_page):
    """A search on a built index asks the database nothing about the content; building it
    takes the same number of queries with more pages."""

    def queries(q):
        with CaptureQueriesContext(connection) as context:
            _results(client, q)
        return len(context)

    queries("koffie")  # the site's root paths and settings in the cache, as on a live site
    site_search.forget_indexes()
    first_build = queries("koffie")
    warm = queries("wandelen")
    for i in range(15):
        page = StandardPageFactory(parent=home_page, title=f"Wandeling {i}", slug=f"wandeling-{i}")
        page.save_revision().publish()
    queries("koffie")  # the menu and footer again after the publish (home/cache.py), as on a live site
    site_search.forget_indexes()
    assert queries("koffie") == first_build
    assert queries("wandelen") == warm
    assert warm <= 6


# --- the understanding of words itself -----------------------------------------------------
def test_stemming_is_dutch_and_ours():
    assert words.stem("eenzaamheid") == words.stem("eenzaam")
    assert words.stem("wandelingen") == words.stem("wandelen") == words.stem("wandeling")
    assert words.stem("schulden") == words.stem("schuld")


def test_compounds_and_hyphens():
    assert words.compound_parts("geldzorgen") == ("geld", "zorgen")
    assert words.compound_parts("welzijnscoach") == ("welzijn", "coach")
    assert words.compound_parts("rekeningen") == ()  # a common word is left whole
    document = words.analyse([("Koffie-ochtend in het Huis", 3)])
    query = words.Query("koffieochtend")
    assert query.score(document) > words.Query("thee").score(document)
    assert query.score(document) > 0


def test_accents_and_case_do_not_matter():
    assert words.Query("CAFÉ").words[0].stem == words.Query("cafe").words[0].stem


def test_synonyms_are_shared_and_stemmed():
    assert words.stem("geld") in words.synonyms_of(words.stem("geldzorgen"))
    assert words.stem("alleen") in words.synonyms_of(words.stem("eenzaamheid"))


def test_a_query_keeps_at_most_eight_words():
    query = words.Query(" ".join(f"woord{i}" for i in range(30)))
    assert len(query.words) == words.MAX_WORDS


def test_clean_query():
    assert words.clean_query("  koffie \t thee ") == ("koffie thee", "")
    query, error = words.clean_query("a" * 150)
    assert len(query) == 100 and "te lang" in error
    assert re.fullmatch(r"[^\x00-\x1f]*", words.clean_query("a\x00b\x1fc")[0])
