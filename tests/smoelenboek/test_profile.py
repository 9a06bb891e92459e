"""Mijn profiel: edit, consent, hide, download all data (deleting the account: test_privacy.py)."""

import json

import pytest
from django.test import Client

from home.models import Organisation, Theme
from smoelenboek.models import Profile
from tests.smoelenboek.factories import ProfileFactory

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Anna Aalbers",
    "role": "bewoner",
    "email_visibility": "niemand",
    "phone_visibility": "niemand",
    "consent": "on",
}


def test_edit_saves_every_field(member_client, member):
    organisation = Organisation.objects.get(name="Incluzio")
    theme = Theme.objects.get(slug="samen-en-sociaal")
    response = member_client.post(
        "/smoelenboek/mijn-profiel/",
        {
            **FORM,
            "role": "professional",
            "organisation": organisation.pk,
            "job_title": "Welzijnscoach",
            "themes": [theme.pk],
            "approach": "  Voor vragen over eenzaamheid.  ",
            "available_days": ["ma", "wo"],
            "contact_email": "anna@example.org",
            "email_visibility": "leden",
            "phone": "071 123 45 67",
            "phone_visibility": "leden",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == "professional" and member.organisation == organisation
    assert member.job_title == "Welzijnscoach"
    assert list(member.themes.all()) == [theme]
    assert member.approach == "Voor vragen over eenzaamheid."
    assert member.day_names == ["maandag", "woensdag"]
    shown = Profile.objects.shown_to(ProfileFactory()).get(pk=member.pk)
    assert shown.shows_email and shown.shows_phone
    assert "Uw gegevens zijn opgeslagen." in member_client.get("/smoelenboek/mijn-profiel/").content.decode()


@pytest.mark.parametrize(
    ("data", "field_error"),
    [
        ({"role": "professional"}, "Kies de organisatie waar u werkt."),
        ({"email_visibility": "leden", "contact_email": ""}, "Vul een e-mailadres in."),
        ({"phone_visibility": "leden", "phone": ""}, "Vul een telefoonnummer in."),
        ({"email_visibility": "prof", "contact_email": ""}, "Vul een e-mailadres in."),
        ({"phone_visibility": "prof", "phone": ""}, "Vul een telefoonnummer in."),
        ({"phone_visibility": "iedereen"}, "Selecteer een geldige keuze."),
        ({"phone": "bel me <b>maar</b>"}, "Vul een telefoonnummer in met alleen cijfers"),
        ({"contact_email": "geen-adres"}, "Voer een geldig e-mailadres in."),
        ({"name": ""}, "Dit is een verplicht veld."),
        ({"approach": "x" * 501}, "501"),
        ({"available_days": ["maandag"]}, "Selecteer een geldige keuze"),
        ({"role": "baas"}, "Selecteer een geldige keuze"),
    ],
)
def test_bad_input_gives_a_dutch_message_and_keeps_the_rest(member_client, member, data, field_error):
    response = member_client.post("/smoelenboek/mijn-profiel/", {**FORM, "job_title": "Tuinier", **data})
    assert response.status_code == 200
    html = response.content.decode()
    assert field_error in html
    assert "Er ging iets mis" in html
    assert 'aria-invalid="true"' in html or "field--error" in html
    member.refresh_from_db()
    assert member.name == "Anna Aalbers"


def test_no_consent_means_not_visible_and_consent_can_be_withdrawn(member_client, member):
    other = ProfileFactory(name="Bert Bakker")
    client = Client()
    client.force_login(other.user)
    assert "Anna Aalbers" in client.get("/smoelenboek/").content.decode()
    member_client.post("/smoelenboek/mijn-profiel/", {**FORM, "consent": ""})
    member.refresh_from_db()
    assert member.consent_given_at is None
    assert "Anna Aalbers" not in client.get("/smoelenboek/").content.decode()
    html = member_client.get("/smoelenboek/mijn-profiel/").content.decode()
    assert "Geef eerst toestemming" in html


def test_hide_and_show_again(member_client, member):
    other = ProfileFactory(name="Bert Bakker")
    client = Client()
    client.force_login(other.user)
    member_client.post("/smoelenboek/mijn-profiel/", {**FORM, "hidden": "on"})
    assert "Anna Aalbers" not in client.get("/smoelenboek/").content.decode()
    member_client.post("/smoelenboek/mijn-profiel/", FORM)
    assert "Anna Aalbers" in client.get("/smoelenboek/").content.decode()


def test_export_holds_all_own_data_and_nothing_of_others(member_client, member):
    ProfileFactory(name="Bert Bakker", contact_email="bert@example.org")
    response = member_client.get("/smoelenboek/mijn-profiel/mijn-gegevens.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert "private" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["e-mailadres"] == member.user.email
    assert data["profiel"]["naam"] == "Anna Aalbers"
    assert data["profiel"]["foto"].startswith("data:image/jpeg;base64,")
    text = response.content.decode()
    assert "Bert" not in text and "bert@example.org" not in text
    # No secrets of the account.
    assert "password" not in text and member.user.password not in text
