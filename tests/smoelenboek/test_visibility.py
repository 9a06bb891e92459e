"""Who sees a member's e-mail address and phone number: all approved members, professionals
only (checked by beheer), or nobody. One question, `Profile.objects.shown_to(viewer)`, answers
it for the profile page, the directory and its search."""

import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from home.models import Organisation
from smoelenboek.models import Profile, Role, Status, Visibility, audiences_of
from tests.smoelenboek.factories import ProfileFactory

pytestmark = pytest.mark.django_db
# Not "bert.…": the directory ranks on any word of a search, and his name is no secret.
EMAIL = "spreekuur.vertrouwelijk@zorg.example"
PHONE = "06 98 76 54 32"


@pytest.fixture
def bert(db):
    """A professional who shares his contact details with professionals only."""
    return ProfileFactory(
        name="Bert Bakker",
        role=Role.PROFESSIONAL,
        professional_checked=True,
        contact_email=EMAIL,
        email_visibility=Visibility.PROFESSIONALS,
        phone=PHONE,
        phone_visibility=Visibility.PROFESSIONALS,
    )


def _client(profile):
    client = Client()
    client.force_login(profile.user)
    return client


def resident():
    return ProfileFactory(name="Rita Resident", role=Role.RESIDENT)


def volunteer():
    return ProfileFactory(name="Victor Vrijwilliger", role=Role.VOLUNTEER)


def unchecked_professional():
    """Says professional in her own profile; beheer has not checked it."""
    return ProfileFactory(name="Paula Zegtprof", role=Role.PROFESSIONAL)


def professional():
    return ProfileFactory(name="Piet Prof", role=Role.PROFESSIONAL, professional_checked=True)


SEARCHES = ("Bert", "vertrouwelijk", "zorg.example", EMAIL, "98 76", "0698765432", "54")


def _everything_a_member_can_open(client, bert):
    """Every page a member can open about Bert, with what the member typed taken out (the
    directory repeats the search words)."""
    pages = [client.get(f"/smoelenboek/{bert.pk}/"), client.get("/smoelenboek/")]
    pages += [client.get("/smoelenboek/", {"q": query}) for query in SEARCHES]
    pages.append(client.get("/smoelenboek/", {"rol": "professional"}))
    typed = ("", "", *SEARCHES, "")
    return [
        page.content.decode().replace(words, "") if words else page.content.decode()
        for page, words in zip(pages, typed, strict=True)
    ]


@pytest.mark.parametrize("make_viewer", [resident, volunteer, unchecked_professional])
def test_who_is_not_a_checked_professional_never_sees_a_professionals_only_field(bert, make_viewer):
    client = _client(make_viewer())
    html = _everything_a_member_can_open(client, bert)
    for page in html:
        assert "vertrouwelijk" not in page and "98 76" not in page and "tel:0698765432" not in page
        assert "mailto:spreekuur" not in page
    assert "Bert Bakker" in html[0]  # the profile itself is there, without the fields
    assert "deelt geen e-mailadres of telefoonnummer" in html[0]
    # A search on the hidden fields' words does not give him away either.
    for page in html[3:9]:
        assert "Bert Bakker" not in page


def test_a_checked_professional_sees_them_and_finds_him_by_them(bert):
    client = _client(professional())
    profile_page = client.get(f"/smoelenboek/{bert.pk}/").content.decode()
    assert f'href="mailto:{EMAIL}"' in profile_page and 'href="tel:0698765432"' in profile_page
    assert "Bert Bakker" in client.get("/smoelenboek/", {"q": "vertrouwelijk"}).content.decode()
    assert "Bert Bakker" in client.get("/smoelenboek/", {"q": "98 76"}).content.decode()


def test_what_is_shared_with_all_members_is_seen_and_found_by_every_member(bert):
    Profile.objects.filter(pk=bert.pk).update(email_visibility=Visibility.MEMBERS)
    client = _client(resident())
    profile_page = client.get(f"/smoelenboek/{bert.pk}/").content.decode()
    assert f'href="mailto:{EMAIL}"' in profile_page and "tel:0698765432" not in profile_page
    assert "Bert Bakker" in client.get("/smoelenboek/", {"q": "vertrouwelijk"}).content.decode()
    assert "Bert Bakker" not in client.get("/smoelenboek/", {"q": "98 76"}).content.decode()


def test_nobody_means_nobody_not_even_a_professional(bert):
    Profile.objects.filter(pk=bert.pk).update(
        email_visibility=Visibility.NOBODY, phone_visibility=Visibility.NOBODY
    )
    for page in _everything_a_member_can_open(_client(professional()), bert):
        assert "vertrouwelijk" not in page and "98 76" not in page


@pytest.mark.parametrize(
    ("viewer_fields", "expected"),
    [
        (None, []),
        ({"role": Role.RESIDENT}, ["leden"]),
        ({"role": Role.PROFESSIONAL}, ["leden"]),
        ({"role": Role.PROFESSIONAL, "professional_checked": True}, ["leden", "prof"]),
        ({"role": Role.PROFESSIONAL, "professional_checked": True, "status": Status.PENDING}, []),
        ({"role": Role.RESIDENT, "professional_checked": True}, ["leden"]),
    ],
)
def test_the_one_rule(bert, viewer_fields, expected):
    viewer = ProfileFactory(**viewer_fields) if viewer_fields is not None else None
    assert audiences_of(viewer) == expected
    shown = Profile.objects.shown_to(viewer).get(pk=bert.pk)
    assert shown.shows_email is shown.shows_phone is ("prof" in expected)


def test_an_empty_field_is_never_shown(bert):
    Profile.objects.filter(pk=bert.pk).update(phone="", email_visibility=Visibility.MEMBERS)
    shown = Profile.objects.shown_to(professional()).get(pk=bert.pk)
    assert shown.shows_email and not shown.shows_phone


def test_a_member_cannot_make_herself_a_checked_professional(client):
    member = resident()
    client.force_login(member.user)

    organisation = Organisation.objects.first() or Organisation.objects.create(name="Zorg", slug="zorg")
    form = {
        "name": "Rita Resident",
        "role": "professional",
        "organisation": organisation.pk,
        "email_visibility": "niemand",
        "phone_visibility": "niemand",
        "consent": "on",
        "professional_checked": "on",  # not a field of her form: ignored
    }
    assert client.post("/smoelenboek/mijn-profiel/", form).status_code == 302
    member.refresh_from_db()
    assert member.role == Role.PROFESSIONAL and not member.professional_checked
    assert audiences_of(member) == ["leden"]


def test_a_checked_professional_who_becomes_a_resident_loses_the_check(client):
    piet = professional()
    client.force_login(piet.user)
    form = {
        "name": "Piet Prof",
        "role": "bewoner",
        "email_visibility": "niemand",
        "phone_visibility": "niemand",
    }
    client.post("/smoelenboek/mijn-profiel/", {**form, "consent": "on"})
    piet.refresh_from_db()
    assert piet.role == Role.RESIDENT and not piet.professional_checked


def test_the_choice_is_offered_and_in_the_download(client):
    piet = professional()
    client.force_login(piet.user)
    html = client.get("/smoelenboek/mijn-profiel/").content.decode()
    assert html.count('value="prof"') == 2 and "Alleen professionals" in html
    Profile.objects.filter(pk=piet.pk).update(phone_visibility=Visibility.PROFESSIONALS, phone=PHONE)
    export = client.get("/smoelenboek/mijn-profiel/mijn-gegevens.json").json()
    assert export["profiel"]["wie ziet mijn telefoonnummer"] == "Alleen professionals"
    assert export["profiel"]["door het beheer bevestigd als professional"] is True
    readable = client.get("/smoelenboek/mijn-profiel/mijn-gegevens.zip")

    page = zipfile.ZipFile(io.BytesIO(readable.content)).read("uw-gegevens.html").decode()
    assert "Alleen professionals" in page


def test_beheer_sets_the_check_in_the_admin(admin_client):
    piet = ProfileFactory(name="Piet Prof", role=Role.PROFESSIONAL, status=Status.PENDING)

    url = reverse("wagtailsnippets_smoelenboek_profile:edit", args=[piet.pk])
    html = admin_client.get(url).content.decode()
    assert 'name="professional_checked"' in html
