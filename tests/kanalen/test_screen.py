"""The waiting-room screen: what rotates, QR codes, the next days, the meta refresh without
JavaScript, bad input, no cookies, frames, the page cache and its query count."""

import datetime
import re

import pytest
from django.core.cache import cache

from home.models import Theme
from initiatieven.guide.models import OfferPage
from tests.agenda.factories import LocationFactory

pytestmark = pytest.mark.django_db

URL = "/scherm/"
# The site, the agenda's filter choices (5) and the guide's themes, which pages are public, the
# events with their themes and exceptions (3, three times when the week and month hold too few;
# one look serves the items and the next days), the news (5), the guide and its offers (4),
# and the content versions its fragment is kept under.
SCREEN_QUERIES = 26
# Made once per change (a {% fragment %}): then only the content versions and the site.
SCREEN_HIT_QUERIES = 3


def items(html):
    return re.findall(r'<article class="scherm-item scherm-item--(\w+)"( hidden)?', html)


def test_activities_and_news_in_turn_with_qr_codes(client, make_event, today):
    place = LocationFactory(slug="de-stek")
    make_event(title="Koffie in de Stek", location=place, start_date=today + datetime.timedelta(days=1))
    response = client.get(URL, {"plek": place.slug})
    assert response.status_code == 200
    html = response.content.decode()
    found = items(html)
    kinds = [kind for kind, _hidden in found]
    assert "activiteit" in kinds and "nieuws" in kinds and "gids" not in kinds
    assert kinds.index("nieuws") > kinds.index("activiteit")
    assert [hidden for _kind, hidden in found].count("") == 1  # one shown at a time
    assert html.count('<svg role="img" aria-label="QR-code naar') == len(found)
    assert "Koffie in de Stek" in html
    assert "De komende dagen" in html and "Morgen" in html
    assert html.split('class="scherm__days"')[1].count("Koffie in de Stek") == 1
    assert 'class="scherm__clock"' in html and 'data-date="' in html
    # no interaction: no links, forms or buttons to press
    body = html.split("<body")[1]
    assert "<a " not in body and "<form" not in body and "<button" not in body


def test_choose_what_rotates_and_a_guide_theme(client):
    offer = OfferPage.objects.live().filter(themes__isnull=False).first()
    theme = offer.themes.first()
    html = client.get(URL, {"toon": "gids", "gidsthema": theme.slug}).content.decode()
    kinds = {kind for kind, _hidden in items(html)}
    assert kinds == {"gids"}
    assert theme.name in html
    others = OfferPage.objects.live().exclude(themes=theme).values_list("title", flat=True)
    assert not any(f">{title}<" in html for title in others)


def test_without_javascript_a_meta_refresh_shows_the_next_item(client):
    html = client.get(URL, {"toon": "nieuws", "item": "1"}).content.decode()
    found = items(html)
    assert found[1][1] == "" and found[0][1] == " hidden"
    refresh = re.search(r'<noscript><meta http-equiv="refresh" content="15;url=([^"]+)"></noscript>', html)
    assert refresh and refresh.group(1) == "?toon=nieuws&amp;item=2"
    last = client.get(URL, {"toon": "nieuws", "item": str(len(found) - 1)}).content.decode()
    assert 'url=?toon=nieuws&amp;item=0"' in last  # round again


def test_filters_apply_to_the_activities(client, make_event, today):
    place = LocationFactory(name="Sporthal Stevenshof", slug="sporthal-stevenshof")
    make_event(title="Badminton", location=place, start_date=today + datetime.timedelta(days=1))
    html = client.get(URL, {"plek": place.slug, "toon": "activiteiten"}).content.decode()
    assert [kind for kind, _h in items(html)] == ["activiteit"]
    assert "Badminton" in html


@pytest.mark.parametrize(
    "query, name",
    [
        ({"toon": "reclame"}, "wat het scherm laat zien"),
        ({"gidsthema": "bestaat-niet"}, "thema uit de gids"),
        ({"item": "-4"}, "onderdeel"),
        ({"thema": "<b>x</b>"}, "thema"),
    ],
)
def test_bad_input_gets_the_normal_answer(client, query, name):
    response = client.get(URL, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Het filter ‘{name}’ kennen we niet. We laten het weg." in html
    assert "<b>x</b>" not in html
    assert items(html)  # and it still shows what it can


def test_an_item_number_past_the_end_wraps_around(client):
    html = client.get(URL, {"item": "999"}).content.decode()
    assert [hidden for _kind, hidden in items(html)].count("") == 1


def test_screen_sets_no_cookies_and_may_be_framed(client):
    response = client.get(URL)
    assert not response.cookies
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]


def test_served_from_the_page_cache_and_purged_on_publish(client, make_event, today, settings):
    settings.PAGE_CACHE_SECONDS = 600
    page = make_event(title="Eerste titel", start_date=today + datetime.timedelta(days=1))
    assert client.get(URL, {"toon": "activiteiten"})["X-Cache"] == "MISS"
    hit = client.get(URL, {"toon": "activiteiten"})
    assert hit["X-Cache"] == "HIT" and not hit.cookies
    page.title = "Nieuwe titel"
    page.save_revision().publish()
    fresh = client.get(URL, {"toon": "activiteiten"})
    assert fresh["X-Cache"] == "MISS" and "Nieuwe titel" in fresh.content.decode()


def test_kept_per_change_and_made_again_when_what_it_shows_is_published(client, make_event, today):
    """Without the page cache the screen is made once per change of what it shows: a publish of
    an activity, a news item or an offer shows at once."""
    from wagtail.models import Site

    from initiatieven.models import news_of_site

    query = {"toon": "activiteiten,nieuws,gids"}
    event = make_event(title="Eerste titel", start_date=today + datetime.timedelta(days=1))
    news = news_of_site(Site.objects.get(is_default_site=True)).first().specific
    offer = OfferPage.objects.live().order_by("-last_published_at", "title").first()
    assert "Eerste titel" in client.get(URL, query).content.decode()
    for page, title in ((event, "Andere activiteit"), (news, "Ander bericht"), (offer, "Ander aanbod")):
        page.title = title
        page.save_revision().publish()
        assert title in client.get(URL, query).content.decode(), title


def test_query_count_does_not_grow_with_content(client, make_event, today, django_assert_max_num_queries):
    theme = Theme.objects.first()

    def events(count):
        for i in range(count):
            make_event(
                themes=[theme], location=LocationFactory(), start_date=today + datetime.timedelta(days=i % 4)
            )

    query = {"toon": "activiteiten,nieuws,gids", "gidsthema": theme.slug, "aantal": "20"}
    events(3)
    with django_assert_max_num_queries(SCREEN_QUERIES) as few:
        client.get(URL, query)
    expected = len(few.captured_queries)  # now: Django's query log is a ring of 9,000
    events(25)
    cache.clear()
    with django_assert_max_num_queries(expected):
        response = client.get(URL, query)
    assert len(items(response.content.decode())) > 20
    with django_assert_max_num_queries(SCREEN_HIT_QUERIES):
        assert client.get(URL, query).content == response.content
