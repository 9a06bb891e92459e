"""Validation of EventPage and the admin screens of the agenda."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from agenda.models import AgendaIndexPage, CalendarSource, EventPage
from tests.home.factories import UserFactory

pytestmark = pytest.mark.django_db


def page(**fields):
    defaults = {"title": "Test", "slug": "test", "summary": "Kort.", "start_date": datetime.date(2027, 1, 5)}
    defaults.update(fields)
    return EventPage(**defaults)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"end_date": datetime.date(2027, 1, 4)}, "end_date", "De einddatum ligt vóór de begindatum."),
        (
            {"start_time": datetime.time(10), "end_time": datetime.time(9)},
            "end_time",
            "De eindtijd ligt vóór",
        ),
        ({"end_time": datetime.time(9)}, "start_time", "Vul ook een begintijd in"),
        ({"repeat": "weekly"}, "repeat_until", "Kies tot wanneer het herhaalt, of hoe vaak."),
        (
            {"repeat": "weekly", "repeat_until": datetime.date(2030, 1, 1)},
            "repeat_until",
            "tot twee jaar vooruit",
        ),
        (
            {"repeat": "weekly", "repeat_until": datetime.date(2026, 1, 1)},
            "repeat_until",
            "vóór de eerste keer",
        ),
        ({"registration": "email"}, "registration_value", "Vul in hoe mensen zich kunnen aanmelden."),
        (
            {"registration": "email", "registration_value": "geen-mail"},
            "registration_value",
            "goed e-mailadres",
        ),
        ({"registration": "link", "registration_value": "javascript:x"}, "registration_value", "goede link"),
    ],
)
def test_bad_event_fields_get_dutch_messages(fields, field, message):
    with pytest.raises(ValidationError) as info:
        page(**fields).clean()
    assert message in " ".join(info.value.message_dict[field])


def test_a_time_the_clock_skips_is_refused_with_the_date():
    """Sunday 28 March 2027 the clock goes from 02:00 to 03:00: 02:30 does not exist."""
    with pytest.raises(ValidationError) as info:
        page(start_date=datetime.date(2027, 3, 28), start_time=datetime.time(2, 30)).clean()
    assert "Op zondag 28 maart 2027 bestaat 02:30 niet" in " ".join(info.value.message_dict["start_time"])
    weekly = page(
        start_date=datetime.date(2027, 3, 7),
        start_time=datetime.time(1),
        end_time=datetime.time(2, 30),
        repeat="weekly",
        repeat_until=datetime.date(2027, 6, 27),
    )
    with pytest.raises(ValidationError) as info:
        weekly.clean()
    message = " ".join(info.value.message_dict["end_time"])
    assert "Deze activiteit is ook op zondag 28 maart 2027. Dan bestaat 02:30 niet" in message
    weekly.end_time = datetime.time(3, 30)
    weekly.clean()


def test_a_good_event_is_valid():
    page(start_time=datetime.time(10), end_time=datetime.time(11), repeat="weekly", repeat_count=10).clean()
    page(start_time=datetime.time(20), end_date=datetime.date(2027, 1, 6), end_time=datetime.time(2)).clean()


@pytest.fixture
def admin_client(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def test_admin_screens_render(admin_client):
    agenda = AgendaIndexPage.objects.first()
    event = EventPage.objects.get(slug="koffie-ochtend-huis-van-de-buurt")
    assert admin_client.get(f"/admin/pages/add/agenda/eventpage/{agenda.pk}/").status_code == 200
    response = admin_client.get(f"/admin/pages/{event.pk}/edit/")
    assert response.status_code == 200
    assert b'value="TU" id="id_weekdays_1" checked' in response.content
    for url in (
        "/admin/snippets/agenda/location/",
        "/admin/snippets/agenda/calendarsource/",
        "/admin/snippets/agenda/eventsubmission/",
    ):
        assert admin_client.get(url).status_code == 200, url
    source = CalendarSource.objects.first()
    assert admin_client.get(f"/admin/snippets/agenda/calendarsource/edit/{source.pk}/").status_code == 200


def test_editing_an_event_in_the_admin_keeps_its_weekdays(admin_client):
    event = EventPage.objects.get(slug="vitality-club-buiten-bewegen")
    assert event.weekdays == ["MO", "WE", "FR"]
    revision = event.save_revision()
    again = revision.as_object()
    assert again.weekdays == ["MO", "WE", "FR"]
    assert EventPage.objects.filter(weekdays__contains=",WE,").filter(pk=event.pk).exists()


def test_agenda_editors_can_add_events(client):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Agenda-redactie"))
    client.force_login(user)
    agenda = AgendaIndexPage.objects.first()
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/add/agenda/eventpage/{agenda.pk}/").status_code == 200


def test_import_now_from_the_admin(admin_client, run_worker):
    source = CalendarSource.objects.get(name__startswith="Welzijn")
    listing = admin_client.get("/admin/snippets/agenda/calendarsource/")
    assert f"/admin/agenda/ophalen/{source.pk}/".encode() in listing.content
    page = admin_client.get(f"/admin/agenda/ophalen/{source.pk}/")
    assert page.status_code == 200 and "Het ophalen gebeurt op de achtergrond." in page.content.decode()
    response = admin_client.post(f"/admin/agenda/ophalen/{source.pk}/", follow=True)
    assert f"Het ophalen van {source.name} is gestart." in response.content.decode()
    checked = source.last_checked_at
    source.refresh_from_db()
    assert source.last_checked_at == checked  # the worker fetches, not the web request
    run_worker()
    listing = admin_client.get("/admin/snippets/agenda/calendarsource/").content.decode()
    assert "2 activiteiten: 0 nieuw" in listing


def test_import_now_needs_permission(client):
    client.force_login(UserFactory(is_staff=True))
    source = CalendarSource.objects.first()
    checked = source.last_checked_at
    assert client.post(f"/admin/agenda/ophalen/{source.pk}/").status_code in (302, 403)
    source.refresh_from_db()
    assert source.last_checked_at == checked  # nothing was fetched


def test_an_editor_adds_a_recurring_event_in_the_admin(admin_client):
    agenda = EventPage.objects.first().get_parent()
    data = {
        "title": "Breiclub",
        "slug": "breiclub",
        "summary": "Samen breien en kletsen.",
        "start_date": "2027-01-05",
        "start_time": "14:00",
        "end_time": "16:00",
        "repeat": "weekly",
        "interval": "1",
        "weekdays": ["TU", "TH"],
        "month_week": "0",
        "repeat_until": "2027-03-30",
        "audience": ["ouderen", "volwassenen"],
        "registration": "",
        "exceptions-TOTAL_FORMS": "1",
        "exceptions-INITIAL_FORMS": "0",
        "exceptions-MIN_NUM_FORMS": "0",
        "exceptions-MAX_NUM_FORMS": "1000",
        "exceptions-0-date": "2027-01-07",
        "exceptions-0-ORDER": "1",
        "exceptions-0-id": "",
        "exceptions-0-DELETE": "",
        "action-publish": "action-publish",
    }
    response = admin_client.post(f"/admin/pages/add/agenda/eventpage/{agenda.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = EventPage.objects.get(slug="breiclub")
    assert page.live and page.weekdays == ["TU", "TH"] and page.audience == ["volwassenen", "ouderen"]
    assert page.exception_dates == [datetime.date(2027, 1, 7)]
    # An unbounded rule is refused with a Dutch message.
    data.update(slug="breiclub-2", repeat_until="", **{"exceptions-TOTAL_FORMS": "0"})
    response = admin_client.post(f"/admin/pages/add/agenda/eventpage/{agenda.pk}/", data)
    assert response.status_code == 200
    assert "Kies tot wanneer het herhaalt, of hoe vaak." in response.content.decode()


def _event_form(**extra):
    return {
        "title": "Plantjesruil",
        "slug": "plantjesruil",
        "summary": "Neem een plantje mee en ruil het.",
        "start_date": "2027-04-10",
        "start_time": "10:00",
        "repeat": "",
        "interval": "1",
        "month_week": "0",
        "registration": "",
        "exceptions-TOTAL_FORMS": "0",
        "exceptions-INITIAL_FORMS": "0",
        "exceptions-MIN_NUM_FORMS": "0",
        "exceptions-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
        **extra,
    }


def test_a_volunteer_names_only_their_own_group_as_organiser(client):
    from initiatieven.models import InitiatiefPage

    groen = InitiatiefPage.objects.get(slug="groen")
    beweeglint = InitiatiefPage.objects.get(slug="beweeglint")
    volunteer = UserFactory(username="anke")
    volunteer.groups.add(groen.editor_group)
    client.force_login(volunteer)
    url = f"/admin/pages/add/agenda/eventpage/{groen.pk}/"
    form = client.get(url).context["form"]
    assert list(form.fields["organiser_group"].queryset) == [groen]
    # Posting another group's id anyway is refused with a Dutch message; nothing is published.
    response = client.post(url, _event_form(organiser_group=beweeglint.pk))
    assert response.status_code == 200
    assert "alleen uw eigen groep" in str(response.context["form"].errors["organiser_group"])
    assert not EventPage.objects.filter(slug="plantjesruil").exists()
    assert "Plantjesruil" not in client.get(beweeglint.url).content.decode()
    # Their own group, or an organisation, is fine.
    response = client.post(url, _event_form(organiser_group=groen.pk))
    assert response.status_code == 302
    assert EventPage.objects.get(slug="plantjesruil").organiser_group == groen


def test_agenda_editors_name_any_group_as_organiser(client):
    from initiatieven.models import InitiatiefPage

    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Agenda-redactie"))
    client.force_login(editor)
    agenda = AgendaIndexPage.objects.first()
    form = client.get(f"/admin/pages/add/agenda/eventpage/{agenda.pk}/").context["form"]
    assert set(form.fields["organiser_group"].queryset) == set(InitiatiefPage.objects.all())
