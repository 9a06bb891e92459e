"""The embed for partners' websites and the partner page: filters, bad input, an empty selection,
no cookies, frame headers."""

import datetime

import pytest
from django.core.cache import cache

from agenda.models import EventPage
from home.models import Theme
from tests.agenda.factories import LocationFactory
from tests.home.factories import ThemeFactory

pytestmark = pytest.mark.django_db

EMBED = "/op-uw-website/agenda/"
# The site, the agenda's filter choices (5), which pages are public, then the events with their
# themes, exceptions and pictures (4), three times when the week and month hold too few.
EMBED_QUERIES = 19


def test_embed_shows_the_next_activities_with_logo_and_link(client, make_event, today):
    make_event(title="Koffie-ochtend in de wijk", start_date=today + datetime.timedelta(days=1))
    response = client.get(EMBED)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Koffie-ochtend in de wijk" in html
    assert "Stevenshof Vitaal" in html
    assert 'target="_top"' in html and "Meer in de wijkagenda" in html
    # no header, footer, menu or search of the site
    assert "site-header" not in html and "site-footer" not in html and "site-search" not in html
    assert html.count('class="embed__item') == 5  # the default number


def test_embed_follows_the_agendas_filters_and_number(client, make_event, today):
    theme = ThemeFactory(name="Tuinieren samen", slug="tuinieren-samen")
    make_event(title="In de tuin", themes=[theme], start_date=today + datetime.timedelta(days=2))
    make_event(title="Niet in de tuin", start_date=today + datetime.timedelta(days=2))
    html = client.get(EMBED, {"thema": theme.slug, "aantal": "3"}).content.decode()
    assert "In de tuin" in html and "Niet in de tuin" not in html
    assert "Wat is er te doen: Tuinieren samen" in html
    assert "/agenda/?thema=tuinieren-samen" in html  # "Meer in de wijkagenda" keeps the choice
    html = client.get(EMBED, {"aantal": "2"}).content.decode()
    assert html.count('class="embed__item') == 2


def test_a_place_filter(client, make_event, today):
    place = LocationFactory(name="Buurthuis De Stek", slug="buurthuis-de-stek")
    make_event(title="Bij De Stek", location=place, start_date=today + datetime.timedelta(days=3))
    html = client.get(EMBED, {"plek": place.slug}).content.decode()
    assert "Bij De Stek" in html and html.count('class="embed__item') == 1


@pytest.mark.parametrize(
    "query, name",
    [
        ({"thema": "bestaat-niet"}, "thema"),
        ({"plek": "<script>"}, "plek"),
        ({"aantal": "veel"}, "aantal"),
        ({"aantal": "100000"}, "aantal"),
        ({"aantal": "-1"}, "aantal"),
        ({"wanneer": "ooit"}, "wanneer"),
    ],
)
def test_unknown_filters_get_the_agendas_answer_not_an_error(client, query, name):
    response = client.get(EMBED, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Het filter ‘{name}’ kennen we niet. We laten het weg." in html
    assert "<script>" not in html.split("</head>")[1]  # nothing of the input comes back as markup
    assert html.count('class="embed__item') == 5  # and the rest is shown as without it


def test_an_empty_selection_says_what_comes_next(client, make_event, today):
    theme = ThemeFactory(name="Leeg thema", slug="leeg-thema")
    make_event(title="Iets anders dat eraan komt", start_date=today + datetime.timedelta(days=1))
    html = client.get(EMBED, {"thema": theme.slug}).content.decode()
    assert "Voor deze keuze staat nu niets in de agenda. Dit komt er binnenkort aan in de wijk:" in html
    assert html.count('class="embed__item') == 3


def test_an_empty_agenda_says_so(client):
    EventPage.objects.all().delete()
    html = client.get(EMBED).content.decode()
    assert "Er staat nu niets in de agenda." in html


def test_pictures_only_when_asked(client, make_event, today):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="foto", file=get_test_image_file())
    place = LocationFactory(slug="met-foto")
    make_event(title="Met foto", image=image, location=place, start_date=today + datetime.timedelta(days=1))
    assert "embed__photo" not in client.get(EMBED, {"plek": place.slug}).content.decode()
    html = client.get(EMBED, {"plek": place.slug, "fotos": "1"}).content.decode()
    assert html.count('class="embed__photo"') == 1 and 'alt=""' in html  # decorative: the title says it


def test_embed_sets_no_cookies_and_may_be_framed_anywhere(client):
    response = client.get(EMBED, {"thema": "onbekend"})
    assert not response.cookies and "Set-Cookie" not in response
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]


@pytest.mark.parametrize(
    "path", ["/", "/agenda/", "/op-uw-website/", "/nieuws/", "/accounts/login/", "/agenda/agenda.ics"]
)
def test_every_other_page_refuses_frames_from_other_sites(client, path):
    response = client.get(path)
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_embed_is_served_from_the_page_cache_and_purged_on_publish(client, make_event, today, settings):
    settings.PAGE_CACHE_SECONDS = 600
    place = LocationFactory(slug="cache-plek")
    page = make_event(title="Eerste naam", location=place, start_date=today + datetime.timedelta(days=1))
    query = {"aantal": "3", "plek": place.slug}
    first = client.get(EMBED, query)
    assert first["X-Cache"] == "MISS"
    second = client.get(EMBED, query)
    assert second["X-Cache"] == "HIT" and second.content == first.content
    assert not second.cookies and "X-Frame-Options" not in second
    assert client.get(EMBED, query, HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304
    page.title = "Tweede naam"
    page.save_revision().publish()
    third = client.get(EMBED, query)
    assert third["X-Cache"] == "MISS" and "Tweede naam" in third.content.decode()
    # a query it did not understand is answered, but not kept
    assert "X-Cache" not in client.get(EMBED, {"thema": "onbekend"})


def test_embed_query_count_does_not_grow_with_events(
    client, make_event, today, django_assert_max_num_queries
):
    theme = Theme.objects.first()

    def events(count):
        for i in range(count):
            make_event(
                themes=[theme], location=LocationFactory(), start_date=today + datetime.timedelta(days=i % 5)
            )

    query = {"thema": theme.slug, "aantal": "20", "fotos": "1"}
    events(3)
    client.get(EMBED, query)  # pictures are made on the first view
    with django_assert_max_num_queries(EMBED_QUERIES) as few:
        client.get(EMBED, query)
    expected = len(few.captured_queries)  # now: Django's query log is a ring of 9,000
    events(20)
    cache.clear()
    client.get(EMBED, query)
    with django_assert_max_num_queries(expected):
        response = client.get(EMBED, query)
    assert response.content.decode().count('class="embed__item') == 20


def test_partner_page_builds_the_snippet_from_the_choices(client):
    theme = Theme.objects.first()
    response = client.get(
        "/op-uw-website/", {"thema": theme.slug, "aantal": "4", "fotos": "on", "toon": ["nieuws", "gids"]}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zet de agenda op uw website" in html
    embed = f"http://testserver/op-uw-website/agenda/?aantal=4&amp;fotos=1&amp;thema={theme.slug}"
    # the line to copy: valid HTML (&amp; in the address), escaped once more in the textarea
    assert f"&lt;iframe src=&quot;{embed.replace('&amp;', '&amp;amp;')}&quot;" in html
    assert f'<iframe class="partner__preview" src="{embed}"' in html  # the live preview
    assert "/static/kanalen/inpassen.js" in html
    assert f"http://testserver/scherm/?aantal=4&amp;thema={theme.slug}&amp;toon=nieuws%2Cgids" in html
    assert f"http://testserver/op-uw-website/agenda.json?aantal=4&amp;thema={theme.slug}" in html
    # the page itself is an ordinary page: framed by nobody else, but it may show our own embed
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    frame_src = response["Content-Security-Policy"].split("frame-src")[1].split(";")[0]
    assert "'self'" in frame_src


def test_partner_page_with_bad_input(client):
    response = client.get("/op-uw-website/", {"thema": "x" * 500, "aantal": "nul", "toon": "alles"})
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("thema", "aantal", "wat het scherm laat zien"):
        assert f"Het filter ‘{name}’ kennen we niet. We laten het weg." in html
    assert "src=&quot;http://testserver/op-uw-website/agenda/&quot;" in html  # the snippet shows everything


def test_the_agenda_and_the_footer_link_to_the_partner_page(client):
    assert 'href="/op-uw-website/"' in client.get("/agenda/").content.decode()
    assert 'href="/op-uw-website/"' in client.get("/").content.decode()


@pytest.mark.parametrize("path", [EMBED, "/op-uw-website/agenda.json", "/scherm/"])
def test_no_cookie_is_set_for_a_logged_in_visitor_either(client, path):
    from tests.home.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get(path, {"thema": "onbekend"})
    assert response.status_code == 200
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
