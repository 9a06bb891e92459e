import pytest

from initiatieven.guide import search

pytestmark = pytest.mark.django_db


def _results(client, query):
    response = client.get("/wat-kun-je-doen/zoeken/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


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


def test_a_whole_question_ranks_the_coffee_cart_for_older_people_first(client, guide):
    html = _results(client, "iets om samen te koffie drinken voor ouderen")
    offers = html[html.index('id="r-offers"'):]
    first = offers.index("<h3")
    assert "De koffiekar" in offers[first:first + 300]


def test_organisations_and_groups_are_searched(client, guide):
    assert "BplusC" in _results(client, "bibliotheek")


@pytest.mark.parametrize(
    "query", ["", "   ", "de het een", "%", "'; DROP TABLE x; --", "ö\x00\x07", "zzzqqq"]
)
def test_empty_or_odd_queries_answer_gracefully(client, guide, query):
    html = _results(client, query)
    assert ("We vonden niets" in html) or ("Typ een woord" in html)


def test_very_long_query_is_cut_with_a_message(client, guide):
    html = _results(client, "koffie " * 100)
    assert "Uw zoekvraag is te lang" in html
    assert 'aria-invalid="true"' in html
    assert "De koffiekar" in html


def test_query_words_use_synonyms_and_drop_stopwords():
    words = dict(search.query_words("Ik zoek hulp bij geldzaken"))
    assert set(words) == {"hulp", "geldzaken"}
    assert "schuld" in words["geldzaken"]
    assert search.query_words("wandelingen") == [("wandelingen", ["wandel"])]


def test_clean_query():
    assert search.clean_query("  koffie \t thee ") == ("koffie thee", "")
    query, error = search.clean_query("a" * 150)
    assert len(query) == 100 and "te lang" in error
