import pytest

from initiatieven.guide import search

pytestmark = pytest.mark.django_db


def _results(client, query):
    response = client.get("/wat-kun-je-doen/zoeken/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def _first_offer(client, query):
    response = client.get("/wat-kun-je-doen/zoeken/", {"q": query})
    assert response.status_code == 200
    return response.context["results"]["offers"][0].title


def test_simple_word_finds_offers_and_theme(client, guide):
    html = _results(client, "koffie")
    assert "De koffiekar" in html
    assert "Koffie-inloop in het Huis van de Buurt" in html


def test_bewegen_finds_the_sport_theme_and_offers(client, guide):
    html = _results(client, "bewegen")
    assert 'href="/wat-kun-je-doen/thema/sport-en-bewegen/"' in html
    assert "Vitality Club" in html and "Fietsmaatjes" in html


def test_hulp_bij_geldzaken_finds_money_help(client, guide):
    html = _results(client, "hulp bij geldzaken")
    assert "Hulp bij geldzaken" in html
    assert "Reos" in html
    # the best match comes first among the offers
    offers = html[html.index('id="r-offers"'):]
    assert offers.index("Hulp bij geldzaken") < offers.index("Het sociaal wijkteam")


def test_a_whole_question_ranks_coffee_together_first(client, guide):
    response = client.get("/wat-kun-je-doen/zoeken/", {"q": "iets om samen te koffie drinken voor ouderen"})
    offers = [offer.title for offer in response.context["results"]["offers"]]
    assert offers[0] == "Koffie-inloop in het Huis van de Buurt"  # "Samen koffie drinken en praten."
    assert "De koffiekar" in offers[:5]


def test_organisations_and_groups_are_searched(client, guide):
    assert "BplusC" in _results(client, "bibliotheek")


@pytest.mark.parametrize(
    "query",
    ["", "   ", "de het een", "%", "'; DROP TABLE x; --", "ö\x00\x07", "zzzqqq", "🙂", "<script>x</script>"],
)
def test_empty_or_odd_queries_answer_gracefully(client, guide, query):
    html = _results(client, query)
    assert ("We vonden niets" in html) or ("Typ een woord" in html)
    assert "<script>x" not in html


def test_very_long_query_is_cut_with_a_message(client, guide):
    html = _results(client, "koffie " * 100)
    assert "Uw zoekvraag is te lang" in html
    assert 'aria-invalid="true"' in html
    assert "De koffiekar" in html


def test_the_guide_understands_words_as_the_site_search_does(client, guide):
    # "eenzaamheid" meets "alleen" through the shared synonyms, "geldzorgen" is geld + zorgen
    assert _first_offer(client, "eenzaamheid") == "Welzijn op Recept"
    assert _first_offer(client, "eenzaam") == "Welzijn op Recept"
    assert _first_offer(client, "geldzorgen") == "Hulp bij geldzaken"


def test_rekeningen_betalen_finds_money_help_first(client, guide):
    assert _first_offer(client, "rekeningen betalen") == "Hulp bij geldzaken"


def test_gratis_finds_free_offers(client, guide):
    assert _first_offer(client, "gratis koffie") == "De koffiekar"


def test_clean_query():
    assert search.clean_query("  koffie \t thee ") == ("koffie thee", "")
    query, error = search.clean_query("a" * 150)
    assert len(query) == 100 and "te lang" in error


def test_the_guide_search_asks_a_fixed_number_of_queries(client, guide, theme):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.guide.factories import OfferPageFactory

    def queries():
        with CaptureQueriesContext(connection) as context:
            client.get("/wat-kun-je-doen/zoeken/", {"q": "koffie wandelen hulp"})
        return len(context)

    client.get("/wat-kun-je-doen/zoeken/", {"q": "koffie"})  # site root paths in the cache
    before = queries()
    for i in range(6):
        offer = OfferPageFactory(parent=guide, title=f"Koffie en wandelen {i}", themes=[theme])
        offer.save_revision().publish()
    response = client.get("/wat-kun-je-doen/zoeken/", {"q": "koffie wandelen"})  # the index is built again
    assert "Koffie en wandelen 5" in response.content.decode()
    assert queries() == before
