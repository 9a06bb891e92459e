"""The agenda listing, the past view, the event page, the subscribe page and the template tags."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from agenda.models import EventPage
from tests.agenda.factories import LocationFactory
from tests.home.factories import OrganisationFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def titles(response):
    html = response.content.decode()
    return re.findall(
        r'class="agenda-item__title"><a href="[^"]+">(?:<span[^>]*>[^<]*</span> )?([^<]+)</a>', html
    )


def test_listing_groups_by_day_with_today_and_tomorrow(client, make_event, today):
    place = LocationFactory()
    make_event(
        title="Vandaag laat",
        start_date=today,
        start_time=datetime.time(23, 0),
        end_time=datetime.time(23, 30),
        location=place,
    )
    make_event(title="Morgen vroeg", start_date=today + datetime.timedelta(days=1), location=place)
    make_event(title="Volgende week", start_date=today + datetime.timedelta(days=8), location=place)
    response = client.get(f"/agenda/?plek={place.slug}")
    assert response.status_code == 200
    html = response.content.decode()
    assert titles(response) == ["Vandaag laat", "Morgen vroeg", "Volgende week"] or titles(response) == [
        "Morgen vroeg",
        "Volgende week",
    ]  # just before midnight the first one may be over
    assert ">Morgen</h2>" in html
    assert 'rel="alternate" type="text/calendar"' in html and "/agenda/agenda.ics" in html


def test_demo_agenda_shows_recurring_activities_and_the_cancelled_one(client, today):
    # The demo's coffee morning is every Tuesday: always within the coming seven days, and in
    # "deze maand" only while a Tuesday is left in this month.
    response = client.get("/agenda/?wanneer=week")
    assert response.status_code == 200
    assert "Koffie-ochtend in het Huis van de Buurt" in response.content.decode()
    month_left = [today + datetime.timedelta(days=n) for n in range(31)]
    tuesday_left = any(d.weekday() == 1 and d.month == today.month for d in month_left)
    response = client.get("/agenda/?wanneer=maand")
    assert response.status_code == 200
    assert ("Koffie-ochtend in het Huis van de Buurt" in response.content.decode()) == tuesday_left
    response = client.get("/agenda/")
    html = response.content.decode()
    assert "Gaat niet door:" in html
    assert "Gratis" in html


def test_filters_combine_and_stay_in_the_url(client, make_event, today):
    theme = ThemeFactory()
    org = OrganisationFactory()
    place = LocationFactory()
    day = today + datetime.timedelta(days=2)
    make_event(
        title="Gratis voor ouderen",
        themes=[theme],
        audience=["ouderen"],
        start_date=day,
        location=place,
        organiser_organisation=org,
    )
    make_event(
        title="Betaald voor ouderen",
        themes=[theme],
        audience=["ouderen"],
        cost=Decimal("3"),
        start_date=day,
        location=place,
        organiser_organisation=org,
    )
    make_event(
        title="Gratis voor kinderen",
        themes=[theme],
        audience=["kinderen"],
        start_date=day,
        location=place,
        organiser_organisation=org,
    )
    make_event(
        title="Gratis voor iedereen",
        themes=[theme],
        audience=["iedereen"],
        start_date=day,
        location=place,
        organiser_organisation=org,
    )
    make_event(
        title="Ander thema", audience=["ouderen"], start_date=day, location=place, organiser_organisation=org
    )
    response = client.get(f"/agenda/?thema={theme.slug}&voor=ouderen&gratis=on")
    assert set(titles(response)) == {"Gratis voor ouderen", "Gratis voor iedereen"}
    html = response.content.decode()
    assert f'<option value="{theme.slug}" selected>' in html  # the form shows what was chosen
    assert 'name="gratis" id="id_gratis" checked' in html
    assert set(titles(client.get(f"/agenda/?organisatie={org.slug}&voor=kinderen"))) == {
        "Gratis voor kinderen",
        "Gratis voor iedereen",
    }
    assert len(titles(client.get(f"/agenda/?plek={place.slug}"))) == 5
    # A scope feed is offered for the chosen theme.
    assert f"/agenda/thema/{theme.slug}.ics" in html


def test_period_filter_the_coming_seven_days(client, make_event, today):
    place = LocationFactory()
    make_event(
        title="Vandaag nog",
        start_date=today,
        start_time=datetime.time(23, 58),
        end_time=datetime.time(23, 59),
        location=place,
    )
    make_event(title="Over zes dagen", start_date=today + datetime.timedelta(days=6), location=place)
    make_event(title="Over tien dagen", start_date=today + datetime.timedelta(days=10), location=place)
    shown = titles(client.get(f"/agenda/?plek={place.slug}&wanneer=week"))
    assert "Over zes dagen" in shown  # also on a Sunday, when the calendar week ends today
    assert "Over tien dagen" not in shown


@pytest.mark.parametrize(
    "query",
    [
        "thema=bestaat-niet",
        "voor=aliens",
        "wanneer=gisteren",
        "vanaf=31-02-2026",
        "vanaf=9999-12-31",
        "vanaf=0001-01-01",
        "groep=%3Cscript%3E",
        "plek=" + "x" * 3000,
        "page=abc&organisatie=nope",
    ],
)
def test_unknown_filter_values_give_a_clear_message_not_an_error(client, query):
    assert client.get("/agenda/afgelopen/?" + query).status_code == 200
    response = client.get("/agenda/?" + query)
    assert response.status_code == 200
    html = response.content.decode()
    if "page=abc" not in query or "organisatie" in query:
        assert "kennen we niet. We laten het weg." in html
    assert "<script>" not in html


def test_later_link_pages_through_the_agenda(client, make_event, today):
    place = LocationFactory()
    make_event(
        title="Elke dag",
        start_date=today + datetime.timedelta(days=1),
        start_time=datetime.time(12),
        end_time=datetime.time(13),
        repeat="weekly",
        weekdays=["MO", "TU", "WE", "TH", "FR", "SA", "SU"],
        repeat_count=60,
        location=place,
    )
    response = client.get(f"/agenda/?plek={place.slug}")
    first = titles(response)
    assert len(first) == 40
    later = re.search(r'href="(\?[^"]*vanaf=[^"]+)" rel="next"', response.content.decode()).group(1)
    assert f"plek={place.slug}" in later  # the filters stay
    second = titles(client.get("/agenda/" + later.replace("&amp;", "&")))
    assert len(second) == 20


def test_past_view(client, make_event, today):
    place = LocationFactory()
    make_event(title="Vorige maand", start_date=today - datetime.timedelta(days=20), location=place)
    make_event(title="Volgende maand", start_date=today + datetime.timedelta(days=20), location=place)
    response = client.get(f"/agenda/afgelopen/?plek={place.slug}")
    assert response.status_code == 200
    assert titles(response) == ["Vorige maand"]
    assert "Wat is er geweest" in response.content.decode()


def test_agenda_query_count_does_not_grow(client, make_event, today, django_assert_max_num_queries):
    theme = ThemeFactory()
    for i in range(3):
        make_event(
            themes=[theme], start_date=today + datetime.timedelta(days=i), repeat="weekly", repeat_count=4
        )
    with django_assert_max_num_queries(30) as few:
        client.get(f"/agenda/?thema={theme.slug}")
    for i in range(25):
        make_event(
            themes=[theme, ThemeFactory()],
            start_date=today + datetime.timedelta(days=i),
            repeat="weekly",
            repeat_count=4,
            location=LocationFactory(),
            organiser_organisation=OrganisationFactory(),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(f"/agenda/?thema={theme.slug}")
    assert len(titles(response)) >= 40  # 40, rounded up to a whole day


def test_event_page_details_links_and_json_ld(client, make_event, today):
    start = today + datetime.timedelta(days=3)
    page = make_event(
        title="Wandelen",
        start_date=start,
        start_time=datetime.time(10),
        end_time=datetime.time(11),
        repeat="weekly",
        repeat_count=10,
        audience=["ouderen", "volwassenen"],
        registration="phone",
        registration_value="071 123 45 67",
        online_url="https://meet.example/x",
    )
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "De volgende keren" in html and "Elke week op" in html
    assert f'href="/agenda/activiteit/{page.pk}.ics"' in html
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in html
    assert "ctz=Europe%2FAmsterdam" in html
    assert "https://outlook.live.com/calendar/0/deeplink/compose?" in html
    assert "https://www.openstreetmap.org/?mlat=52.146" in html
    assert 'href="tel:0711234567"' in html
    assert "Volwassenen en ouderen" in html
    assert (
        '<link rel="alternate" type="text/calendar" title="Wandelen (iCal)" '
        f'href="/agenda/activiteit/{page.pk}.ics">' in html
    )
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert isinstance(data, list) and len(data) == 5
    first = data[0]
    assert first["@type"] == "Event" and first["name"] == "Wandelen"
    assert first["eventStatus"] == "https://schema.org/EventScheduled"
    assert first["startDate"].startswith(start.isoformat() + "T10:00:00+0")
    assert first["location"][0]["@type"] == "Place" and first["location"][1]["@type"] == "VirtualLocation"
    assert first["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert first["offers"]["price"] == "0.00" and first["isAccessibleForFree"] is True
    # No inline scripts other than the JSON-LD data block (CSP).
    assert len(re.findall(r"<script(?![^>]*(?:application/ld\+json| src=\"/static/))", html)) == 0


def test_cancelled_event_page(client, make_event):
    page = make_event(title="Bollen planten", cancelled=True)
    html = client.get(page.url).content.decode()
    assert "Gaat niet door." in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert "Zet in uw agenda" not in html  # nothing to put in a calendar


def test_json_ld_cannot_break_out_of_its_script(client, make_event):
    page = make_event(title="</script><script>alert(1)</script>", summary="a & b <c>")
    html = client.get(page.url).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["name"] == "</script><script>alert(1)</script>"


def test_past_event_page_says_it_is_over(client, make_event, today):
    page = make_event(start_date=today - datetime.timedelta(days=3))
    html = client.get(page.url).content.decode()
    assert "Deze activiteit is geweest." in html and "Zet in uw agenda" not in html


def test_subscribe_page(client):
    response = client.get("/agenda/abonneren/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="webcal://testserver/agenda/agenda.ics"' in html
    assert (
        "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Ftestserver%2Fagenda%2Fagenda.ics"
        in html
    )
    assert 'value="http://testserver/agenda/agenda.ics"' in html
    assert "iPhone" in html and "Android" in html and "Outlook" in html
    response = client.get("/agenda/abonneren/?soort=thema&naam=gezond-eten")
    html = response.content.decode()
    assert "webcal://testserver/agenda/thema/gezond-eten.ics" in html
    assert "Abonneren op ‘Gezond eten’" in html
    response = client.get("/agenda/abonneren/?soort=thema&naam=bestaat-niet")
    assert "Deze agenda kennen we niet." in response.content.decode()


def _render(template, request, **context):
    return Template("{% load agenda_tags %}" + template).render(Context({"request": request, **context}))


def test_upcoming_events_tag(make_event, today, agenda):
    from initiatieven.models import InitiatiefIndexPage, InitiatiefPage

    request = RequestFactory().get("/")
    theme = ThemeFactory(slug="tag-thema")
    org = OrganisationFactory()
    index = agenda.get_parent().add_child(
        instance=InitiatiefIndexPage(title="Initiatieven", slug="init-test")
    )
    group = index.add_child(instance=InitiatiefPage(title="Groep test", slug="groep-test", intro="Groep"))
    make_event(title="Thema-activiteit", themes=[theme])
    make_event(title="Organisatie-activiteit", organiser_organisation=org)
    event = make_event(parent=group, title="Groepsactiviteit")
    assert EventPage.objects.get(pk=event.pk).organiser_group_id == group.pk  # the default organiser
    html = _render('{% upcoming_events 5 theme="tag-thema" %}', request)
    assert "Thema-activiteit" in html and "Organisatie-activiteit" not in html
    assert "?thema=tag-thema" in html
    html = _render("{% upcoming_events 5 group=group %}", request, group=group)
    assert "Groepsactiviteit" in html and "Thema-activiteit" not in html
    html = _render("{% upcoming_events 5 organisation=org %}", request, org=org)
    assert "Organisatie-activiteit" in html and "Groepsactiviteit" not in html
    html = _render("{% upcoming_events 3 %}", request)
    assert html.count('<li class="agenda-item') == 3
    html = _render('{% upcoming_events 5 theme="bestaat-niet" %}', request)
    assert "Er staan nu geen activiteiten in de agenda." in html
    html = _render("{% agenda_feed_links group=group %}", request, group=group)
    assert "webcal://testserver/agenda/groep/groep-test.ics" in html
    html = _render('{% agenda_feed_alternate theme="tag-thema" %}', request)
    assert 'type="text/calendar"' in html and "/agenda/thema/tag-thema.ics" in html


def test_agenda_is_in_the_main_menu(client):
    html = client.get("/").content.decode()
    assert 'href="/agenda/"' in html
