"""Some themes, groups or organisations (issue 17): repeated parameters (?thema=a&thema=b) in the
embed, the JSON, the screen, the partner page and /agenda/, with the page cache and the
validators treating a,b and b,a as one choice, and bad values answered as usual."""

import datetime
import json

import pytest
from django.core.cache import cache

from initiatieven.models import InitiatiefIndexPage
from tests.agenda.factories import LocationFactory
from tests.home.factories import OrganisationFactory, ThemeFactory
from tests.initiatieven.factories import InitiatiefPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

EMBED = "/op-uw-website/agenda/"
JSON = "/op-uw-website/agenda.json"


def items(html):
    return html.count('class="embed__item')


@pytest.fixture
def themed(make_event, today):
    """Three themes; an event of each, one with both of the first two, one without a theme."""
    a = ThemeFactory(name="Tuinieren", slug="tuinieren")
    b = ThemeFactory(name="Koken", slug="koken")
    c = ThemeFactory(name="Schaken", slug="schaken")
    day = today + datetime.timedelta(days=1)
    make_event(title="Alleen tuin", themes=[a], start_date=day)
    make_event(title="Alleen koken", themes=[b], start_date=day)
    make_event(title="Tuin en keuken", themes=[a, b], start_date=day)
    make_event(title="Alleen schaken", themes=[c], start_date=day)
    make_event(title="Zonder thema", start_date=day)
    return a, b, c


def test_the_embed_shows_any_of_several_themes_each_event_once(client, themed):
    response = client.get(f"{EMBED}?thema=koken&thema=tuinieren&aantal=20")
    html = response.content.decode()
    assert response.status_code == 200
    for title in ("Alleen tuin", "Alleen koken", "Tuin en keuken"):
        assert html.count(title) == 1, title
    assert "Alleen schaken" not in html and "Zonder thema" not in html
    assert items(html) == 3
    assert "Wat is er te doen: Koken en Tuinieren" in html
    # "Meer in de wijkagenda" keeps both, in a fixed order
    assert "/agenda/?thema=koken&amp;thema=tuinieren" in html


def test_one_value_still_works_as_before(client, themed):
    html = client.get(EMBED, {"thema": "tuinieren", "aantal": "20"}).content.decode()
    assert items(html) == 2 and "Alleen koken" not in html
    assert "Wat is er te doen: Tuinieren" in html


def test_several_groups_and_organisations(client, make_event, today):
    index = InitiatiefIndexPage.objects.first()
    green = InitiatiefPageFactory(parent=index, title="Groene buren", slug="groene-buren")
    walkers = InitiatiefPageFactory(parent=index, title="Wandelclub", slug="wandelclub")
    other = InitiatiefPageFactory(parent=index, title="Andere groep", slug="andere-groep")
    library = OrganisationFactory(name="Bibliotheek", slug="bieb")
    welfare = OrganisationFactory(name="Welzijn", slug="welzijn")
    day = today + datetime.timedelta(days=2)
    make_event(title="Door groen georganiseerd", organiser_group=green, start_date=day)
    make_event(title="Onder de wandelclub", parent=walkers, start_date=day)
    make_event(title="Van een andere groep", organiser_group=other, start_date=day)
    make_event(title="In de bieb", organiser_organisation=library, start_date=day)
    make_event(title="Bij welzijn", organiser_organisation=welfare, start_date=day)
    make_event(title="Van niemand", start_date=day)
    html = client.get(f"{EMBED}?groep=groene-buren&groep=wandelclub&aantal=20").content.decode()
    assert "Door groen georganiseerd" in html and "Onder de wandelclub" in html
    assert items(html) == 2
    data = json.loads(client.get(f"{JSON}?organisatie=welzijn&organisatie=bieb").content)
    assert sorted(e["name"] for e in data["events"]) == ["Bij welzijn", "In de bieb"]
    assert data["agenda"].endswith("/agenda/?organisatie=bieb&organisatie=welzijn")
    # kinds together: any chosen group AND any chosen organisation (none here)
    html = client.get(f"{EMBED}?groep=groene-buren&organisatie=bieb").content.decode()
    assert "Voor deze keuze staat nu niets in de agenda." in html


def test_json_lists_an_event_with_two_chosen_themes_once_per_date(client, themed):
    data = json.loads(client.get(f"{JSON}?thema=tuinieren&thema=koken&aantal=50").content)
    names = [e["name"] for e in data["events"]]
    assert sorted(names) == ["Alleen koken", "Alleen tuin", "Tuin en keuken"]
    assert data["notes"] == []


@pytest.mark.parametrize(
    "query",
    [
        "thema=tuinieren&thema=bestaat-niet",
        "thema=bestaat-niet&thema=tuinieren",
        "thema=tuinieren&thema=%3Cscript%3E",
        "thema=tuinieren&thema=" + "x" * 300,
    ],
)
def test_an_unknown_value_among_known_ones_gets_the_normal_answer(client, themed, query, settings):
    settings.PAGE_CACHE_SECONDS = 600
    response = client.get(f"{EMBED}?{query}&aantal=20")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Het filter ‘thema’ kennen we niet. We laten het weg." in html
    assert "<script>" not in html.split("</head>")[1]
    # the known value is kept
    assert items(html) == 2 and "Alleen tuin" in html and "Alleen koken" not in html
    assert "X-Cache" not in response  # answered, not kept
    data = json.loads(client.get(f"{JSON}?{query}").content)
    assert data["notes"] == ["Het filter ‘thema’ kennen we niet. We laten het weg."]
    assert {e["name"] for e in data["events"]} == {"Alleen tuin", "Tuin en keuken"}


def test_only_unknown_values_show_everything(client, themed):
    html = client.get(f"{EMBED}?groep=nee&groep=ook-niet&organisatie=&thema=&aantal=20").content.decode()
    assert "Het filter ‘groep’ kennen we niet. We laten het weg." in html
    assert items(html) >= 5


def test_the_page_cache_keeps_one_entry_for_both_orders(client, themed, settings):
    settings.PAGE_CACHE_SECONDS = 600
    first = client.get(f"{EMBED}?thema=tuinieren&thema=koken")
    assert first["X-Cache"] == "MISS"
    swapped = client.get(f"{EMBED}?thema=koken&thema=tuinieren")
    assert swapped["X-Cache"] == "HIT" and swapped.content == first.content
    # a value given twice is answered, but not kept as another entry
    assert "X-Cache" not in client.get(f"{EMBED}?thema=koken&thema=koken&thema=tuinieren")
    assert client.get(f"{JSON}?thema=tuinieren&thema=koken")["X-Cache"] == "MISS"
    assert client.get(f"{JSON}?thema=koken&thema=tuinieren")["X-Cache"] == "HIT"
    assert client.get("/scherm/?thema=tuinieren&thema=koken")["X-Cache"] == "MISS"
    assert client.get("/scherm/?thema=koken&thema=tuinieren")["X-Cache"] == "HIT"


def test_the_json_validators_do_not_depend_on_the_order(client, themed):
    first = client.get(f"{JSON}?thema=tuinieren&thema=koken")
    swapped = client.get(f"{JSON}?thema=koken&thema=tuinieren", HTTP_IF_NONE_MATCH=first["ETag"])
    assert swapped.status_code == 304
    assert swapped["Access-Control-Allow-Origin"] == "*"
    # another choice is another answer
    fewer = client.get(f"{JSON}?thema=koken", HTTP_IF_NONE_MATCH=first["ETag"])
    assert fewer.status_code == 200


@pytest.mark.parametrize("path", [EMBED, JSON, "/scherm/", "/agenda/"])
def test_query_count_does_not_grow_with_the_number_of_chosen_values(
    client, make_event, today, path, django_assert_num_queries
):
    index = InitiatiefIndexPage.objects.first()
    themes = [ThemeFactory() for _ in range(4)]
    groups = [InitiatiefPageFactory(parent=index) for _ in range(3)]
    organisations = [OrganisationFactory() for _ in range(3)]
    # The same events match both questions: only the number of values differs.
    for i in range(4):
        make_event(
            themes=themes,
            organiser_group=groups[0],
            organiser_organisation=organisations[0],
            location=LocationFactory(),
            start_date=today + datetime.timedelta(days=i),
        )
    # The other organisations organised something once, long ago: known values, not in the list.
    for organisation in organisations[1:]:
        make_event(organiser_organisation=organisation, start_date=today - datetime.timedelta(days=60))

    def count(query):
        cache.clear()
        first = client.get(path + "?" + query)  # warm what a first view makes (pictures, routes)
        assert "kennen we niet" not in first.content.decode()  # every value understood
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(path + "?" + query).status_code == 200
        return len(captured.captured_queries)

    one = count(f"thema={themes[0].slug}&groep={groups[0].slug}&organisatie={organisations[0].slug}")
    many = count(
        "&".join(
            [f"thema={t.slug}" for t in themes]
            + [f"groep={g.slug}" for g in groups]
            + [f"organisatie={o.slug}" for o in organisations]
        )
    )
    assert many == one


def test_the_screen_shows_the_news_of_several_groups(client):
    index = InitiatiefIndexPage.objects.first()
    green = InitiatiefPageFactory(parent=index, slug="groen-scherm")
    walkers = InitiatiefPageFactory(parent=index, slug="wandel-scherm")
    other = InitiatiefPageFactory(parent=index, slug="ander-scherm")
    NewsPageFactory(parent=green, title="Nieuws van groen")
    NewsPageFactory(parent=walkers, title="Nieuws van de wandelaars")
    NewsPageFactory(parent=other, title="Nieuws van een ander")
    html = client.get("/scherm/?toon=nieuws&groep=groen-scherm&groep=wandel-scherm").content.decode()
    assert "Nieuws van groen" in html and "Nieuws van de wandelaars" in html
    assert "Nieuws van een ander" not in html


def test_the_partner_page_offers_checkboxes_and_builds_the_lines(client, themed):
    response = client.get("/op-uw-website/?thema=tuinieren&thema=koken&aantal=4")
    html = response.content.decode()
    assert response.status_code == 200
    # a fieldset with a legend, one checkbox per theme, the chosen ones checked
    assert '<legend>Thema\'s</legend>' in html or "<legend>Thema&#x27;s</legend>" in html
    assert html.count('type="checkbox" name="thema"') >= 3
    assert 'name="thema" value="tuinieren"' in html
    for slug in ("tuinieren", "koken"):
        tag = html.split(f'name="thema" value="{slug}"')[1].split(">")[0]
        assert "checked" in tag, slug
    assert "checked" not in html.split('name="thema" value="schaken"')[1].split(">")[0]
    embed = "http://testserver/op-uw-website/agenda/?aantal=4&amp;thema=koken&amp;thema=tuinieren"
    assert f'<iframe class="partner__preview" src="{embed}"' in html
    assert "http://testserver/op-uw-website/agenda.json?aantal=4&amp;thema=koken&amp;thema=tuinieren" in html
    assert "http://testserver/scherm/?aantal=4&amp;thema=koken&amp;thema=tuinieren" in html
    # the place stays one choice
    assert '<select name="plek"' in html


def test_the_partner_page_with_only_bad_values(client, themed):
    response = client.get("/op-uw-website/?thema=nee&groep=x&groep=y&organisatie=" + "z" * 400)
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("thema", "groep", "organisatie"):
        assert f"Het filter ‘{name}’ kennen we niet. We laten het weg." in html
    assert 'src="http://testserver/op-uw-website/agenda/"' in html


def test_the_agenda_understands_and_shows_several_values(client, themed):
    response = client.get("/agenda/?thema=tuinieren&thema=koken")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Filters: Koken, Tuinieren" in html
    assert "Alleen tuin" in html and "Alleen koken" in html and "Alleen schaken" not in html
    # the panel shows the two as checked checkboxes, so "Toon activiteiten" keeps both
    assert html.count('type="checkbox" name="thema"') >= 3
    # there is no feed of two themes: no "subscribe to this theme" link for one of them
    assert "/agenda/thema/tuinieren.ics" not in html
    # one value: the panel keeps its single choice
    html = client.get("/agenda/?thema=tuinieren").content.decode()
    assert '<select name="thema"' in html and 'type="checkbox" name="thema"' not in html
    assert "/agenda/thema/tuinieren.ics" in html
