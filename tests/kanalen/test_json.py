"""The JSON of upcoming activities for partners who style it themselves: schema.org Events with
absolute URLs, CORS, the feeds' validators and the page cache, bad input, no cookies."""

import datetime
import json
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.utils import timezone

from agenda.models import EventPage
from home.models import Theme
from tests.agenda.factories import LocationFactory
from tests.home.factories import ThemeFactory

pytestmark = pytest.mark.django_db

URL = "/op-uw-website/agenda.json"
# The versions, the agenda's filter choices (5), which pages are public, then the events with
# their themes, exceptions and pictures (4), three times when the week and month hold too few:
# only when its body is not cached.
JSON_QUERIES = 21


def get(client, **query):
    response = client.get(URL, query)
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_shape_is_schema_org_events_with_absolute_urls(client, make_event, today):
    place = LocationFactory(name="Buurthuis De Stek", address="Stevenshof 12")
    page = make_event(
        title="Samen koken",
        location=place,
        start_date=today + datetime.timedelta(days=1),
        start_time=datetime.time(17, 30),
        end_time=datetime.time(19),
        cost=2,
    )
    response, data = get(client)
    assert response["Content-Type"].startswith("application/json")
    assert data["agenda"] == "http://testserver/agenda/"
    assert data["notes"] == []
    item = next(e for e in data["events"] if e["name"] == "Samen koken")
    assert item["@context"] == "https://schema.org" and item["@type"] == "Event"
    assert item["url"] == page.get_full_url()  # the site's own address, as on the event page
    assert item["startDate"].startswith(f"{today + datetime.timedelta(days=1)}T17:30:00")
    assert item["endDate"].startswith(f"{today + datetime.timedelta(days=1)}T19:00:00")
    assert item["location"]["name"] == "Buurthuis De Stek"
    assert item["location"]["address"]["streetAddress"] == "Stevenshof 12"
    assert item["offers"]["price"] == "2.00" and item["isAccessibleForFree"] is False
    assert item["eventStatus"] == "https://schema.org/EventScheduled"
    for event in data["events"]:
        for url in [event["url"], event["offers"]["url"], *event.get("image", [])]:
            parts = urlsplit(url)
            assert parts.scheme == "http" and parts.netloc and parts.path.startswith("/"), url
    starts = [e["startDate"] for e in data["events"]]
    assert starts == sorted(starts)  # the earliest first
    assert len(data["events"]) == 20  # the default number


def test_the_json_ld_of_the_event_page_is_reused(client, make_event, today):
    page = make_event(title="Eén keer", start_date=today + datetime.timedelta(days=2))
    _response, data = get(client, aantal="50")
    item = next(e for e in data["events"] if e["name"] == "Eén keer")
    html = client.get(page.url).content.decode()
    block = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert json.loads(block) == item


def test_a_recurring_activity_has_an_event_per_date(client, make_event, today):
    theme = ThemeFactory()
    make_event(
        title="Elke dag wandelen",
        themes=[theme],
        start_date=today + datetime.timedelta(days=1),
        repeat="weekly",
        weekdays=["MO", "TU", "WE", "TH", "FR", "SA", "SU"],
        repeat_count=10,
    )
    _response, data = get(client, thema=theme.slug, aantal="4")
    assert [e["name"] for e in data["events"]] == ["Elke dag wandelen"] * 4
    assert len({e["startDate"] for e in data["events"]}) == 4


@pytest.mark.parametrize(
    "query, name",
    [({"thema": "bestaat-niet"}, "thema"), ({"aantal": "x"}, "aantal"), ({"gratis": "misschien"}, None)],
)
def test_unknown_filters_give_a_note_not_an_error(client, query, name):
    _response, data = get(client, **query)
    if name:
        assert data["notes"] == [f"Het filter ‘{name}’ kennen we niet. We laten het weg."]
    assert len(data["events"]) == 20


def test_cors_and_no_cookies(client):
    response = client.get(URL, HTTP_ORIGIN="https://www.huisarts-stevenshof.nl")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.cookies
    not_modified = client.get(URL, HTTP_IF_NONE_MATCH=response["ETag"])
    assert not_modified.status_code == 304
    assert not_modified["Access-Control-Allow-Origin"] == "*"


def test_conditional_get_answers_304(client):
    first = client.get(URL)
    etag = first["ETag"]
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(URL, HTTP_IF_NONE_MATCH='"iets-anders"').status_code == 200
    # another choice is another answer
    assert client.get(URL, {"aantal": "3"}, HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize("change", ["publish", "unpublish", "location"])
def test_validators_change_when_the_agenda_changes(client, make_event, today, change):
    page = make_event(title="Eerst", start_date=today + datetime.timedelta(days=1))
    first = client.get(URL, {"aantal": "50"})
    if change == "publish":
        page.title = "Daarna"
        page.save_revision().publish()
    elif change == "unpublish":
        page.unpublish()
    else:
        page.location.name = "Nieuwe plek"
        page.location.save()
    response = client.get(URL, {"aantal": "50"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200 and response["ETag"] != first["ETag"]
    if change == "publish":
        assert "Daarna" in response.content.decode()
    elif change == "location":
        assert "Nieuwe plek" in response.content.decode()
    else:
        assert "Eerst" not in response.content.decode()


def test_validators_move_as_time_passes(client, make_event, pinned_clock):
    # The list starts now: an activity that ended drops out, and the ETag moves with it.
    # From the real instant, so the night the clocks change gives times that exist.
    soon = timezone.localtime(timezone.now() + datetime.timedelta(minutes=10)).replace(second=0)
    end = timezone.localtime(soon + datetime.timedelta(minutes=5)).time()
    make_event(title="Begint zo", start_date=soon.date(), start_time=soon.time(), end_time=end)
    first = client.get(URL)
    assert "Begint zo" in first.content.decode()
    pinned_clock.shift(datetime.timedelta(minutes=16))
    later = client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert later.status_code == 200 and "Begint zo" not in later.content.decode()


def test_served_from_the_page_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    theme = Theme.objects.first()
    assert client.get(URL, {"thema": theme.slug})["X-Cache"] == "MISS"
    hit = client.get(URL, {"thema": theme.slug})
    assert hit["X-Cache"] == "HIT" and hit["Access-Control-Allow-Origin"] == "*"
    assert client.get(URL, {"thema": theme.slug}, HTTP_IF_NONE_MATCH=hit["ETag"]).status_code == 304


def test_query_count_does_not_grow_with_events(client, make_event, today, django_assert_max_num_queries):
    theme = Theme.objects.first()

    def events(count):
        for i in range(count):
            make_event(
                themes=[theme], location=LocationFactory(), start_date=today + datetime.timedelta(days=i % 5)
            )

    query = {"thema": theme.slug, "aantal": "50"}
    events(3)
    client.get(URL, query)  # pictures are made on the first view
    with django_assert_max_num_queries(JSON_QUERIES) as few:
        client.get(URL, query)
    expected = len(few.captured_queries)  # now: Django's query log is a ring of 9,000
    events(20)
    cache.clear()
    client.get(URL, query)
    with django_assert_max_num_queries(expected):
        response = client.get(URL, query)
    assert len(json.loads(response.content)["events"]) >= 23


def test_only_this_sites_events(client, make_event, today):
    from wagtail.models import Page, Site

    root = Page.get_first_root_node()
    other_home = root.add_child(instance=Page(title="Andere wijk", slug="andere-wijk"))
    Site.objects.create(hostname="andere.example", port=80, root_page=other_home, site_name="Andere wijk")
    _response, data = get(client)
    assert data["events"]  # the default site's
    response = client.get(URL, HTTP_HOST="andere.example")
    assert json.loads(response.content)["events"] == []
    assert EventPage.objects.live().exists()
