import pytest
from django.db import connection
from wagtail.models import PageViewRestriction

from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def _results(client, q):
    response = client.get("/zoeken/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def test_search_finds_public_pages(client, home_page):
    StandardPageFactory(
        parent=home_page, title="Koffie in de wijk", slug="koffie", intro="Samen koffie drinken."
    )
    html = _results(client, "koffie")
    assert "Koffie in de wijk" in html
    assert "We vonden" in html


def test_search_never_shows_drafts_or_private_pages(client, home_page):
    draft = StandardPageFactory(parent=home_page, title="Geheime wandeling concept", slug="concept")
    draft.unpublish()
    private = StandardPageFactory(parent=home_page, title="Geheime wandeling leden", slug="leden")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    html = _results(client, "geheime")
    assert "Geheime wandeling concept" not in html
    assert "Geheime wandeling leden" not in html


def test_search_stays_on_the_current_site(client, home_page):
    from wagtail.models import Page, Site

    root = Page.get_first_root_node()
    other_home = StandardPageFactory(parent=root, title="Andere wijk", slug="andere-wijk")
    Site.objects.create(hostname="anderewijk.test", root_page=other_home)
    StandardPageFactory(parent=other_home, title="Zwemmen in de andere wijk", slug="zwemmen")
    assert "Zwemmen in de andere wijk" not in _results(client, "zwemmen")


def test_empty_odd_and_long_queries_answer_gracefully(client, home_page):
    assert "We vonden" not in _results(client, "")
    html = _results(client, "%$#@!*&^")
    assert "We vonden niets" in html
    html = _results(client, "wandelen " * 50)
    assert "Uw zoekwoord is te lang" in html
    response = client.get("/zoeken/?q=over%00")  # a crafted link: the NUL is left out
    assert response.status_code == 200
    assert "Over ons" in response.content.decode()


def test_a_bad_request_gets_a_dutch_page(rf, home_page):
    from django.core.exceptions import BadRequest
    from django.views.defaults import bad_request

    response = bad_request(rf.get("/"), BadRequest())  # what Django answers to a malformed request
    assert response.status_code == 400
    assert "Dit adres klopt niet" in response.content.decode()


def test_search_page_is_not_indexed(client, home_page):
    assert '<meta name="robots" content="noindex">' in _results(client, "wijk")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Nederlandse stamvormen alleen op PostgreSQL")
def test_dutch_stemming_on_postgres(client, home_page):
    StandardPageFactory(parent=home_page, title="Een wandeling langs het water", slug="wandeling")
    assert "Een wandeling langs het water" in _results(client, "wandelen")


@pytest.mark.parametrize("number", ["abc", "0", "999", ""])
def test_an_odd_page_number_shows_a_page_of_results(client, home_page, number):
    for i in range(12):  # more than one page of ten
        StandardPageFactory(parent=home_page, title=f"Koffie {i}", slug=f"koffie-{i}", intro="Koffie.")
    response = client.get("/zoeken/", {"q": "koffie", "page": number})
    assert response.status_code == 200
    page = response.context["page_obj"]
    assert page.paginator.num_pages > 1
    assert page.number == (1 if number in ("abc", "") else page.paginator.num_pages)
