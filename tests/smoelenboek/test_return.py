"""After a login or a sign-up a person is back where they were, and is greeted by name."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from smoelenboek.models import Profile, Status
from tests.home.factories import UserFactory
from tests.smoelenboek.factories import ProfileFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Lange-zin-als-wachtwoord-42"
FORM = "/agenda/aanmelden/"
HOSTILE = [
    "//evil.example/",
    "https://evil.example/",
    "http://evil.example",
    "javascript:alert(1)",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    " //evil.example",
]


@pytest.fixture
def account(db):
    user = UserFactory(email="anna@example.org", first_name="Anna")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _login(client, user, next_url=None):
    data = {"login": user.email, "password": "geheim-wachtwoord-123"}
    if next_url is not None:
        data["next"] = next_url
    return client.post("/accounts/login/", data)


@pytest.mark.parametrize("path", ["/agenda/", "/", "/initiatieven/?x=1"])
def test_the_header_login_link_comes_back_to_this_page(client, path):
    html = client.get(path).content.decode()
    expected = "/accounts/login/?next=" + path.replace("/", "%2F").replace("?", "%3F").replace("=", "%3D")
    assert f'href="{expected}"' in html


def test_the_login_page_itself_does_not_point_back_to_itself(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'href="/accounts/login/?next=%2Faccounts' not in html


def test_a_login_returns_to_the_page_it_came_from(client, account):
    response = _login(client, account, "/agenda/")
    assert response.status_code == 302 and response["Location"] == "/agenda/"


def test_without_next_a_login_goes_to_the_smoelenboek(client, account):
    assert _login(client, account)["Location"] == "/smoelenboek/"


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_next_to_another_site_is_ignored_at_login(client, account, hostile):
    response = _login(client, account, hostile)
    assert response.status_code == 302
    assert response["Location"] == "/smoelenboek/"


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_next_never_becomes_a_link_or_a_form_value(client, hostile):
    for url in ("/accounts/login/", "/accounts/signup/", FORM):
        html = client.get(url, {"next": hostile}).content.decode()
        values = re.findall(r'(?:href|value|action)="([^"]*)"', html)
        assert not [v for v in values if "evil.example" in v and not v.startswith("/")], url
        assert not [v for v in values if v.strip().lower().startswith(("javascript:", "//", "\\\\"))], url
        # At most our own page, with the hostile value encoded inside its query.
        assert 'name="next" value="' + hostile not in html


def _sign_up(client, next_url, email="nieuw@example.org", name="Nora Nieuw"):
    data = {"name": name, "email": email, "password1": PASSWORD, "password2": PASSWORD}
    if next_url is not None:
        data["next"] = next_url
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 302
    message = next(m for m in mail.outbox if m.to == [email])
    return message, re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", message.body).group(1)


def test_a_new_member_from_the_activity_form_is_back_at_the_form_after_confirming(client):
    client.get(FORM)
    message, link = _sign_up(client, FORM)
    assert link.endswith("?next=%2Fagenda%2Faanmelden%2F")
    assert message.body.startswith("Hallo Nora Nieuw,")  # by name, not by address
    response = client.post(link.split("?")[0], {"next": FORM})
    assert response.status_code == 302 and response["Location"] == FORM
    # Logged in, waiting for the smoelenboek's approval, and on the form as a member.
    profile = Profile.objects.get(user__email="nieuw@example.org")
    assert profile.status == Status.PENDING
    html = client.get(FORM).content.decode()
    assert 'value="nieuw@example.org"' in html and "Een account heeft u niet nodig." not in html
    assert "Welkom, Nora Nieuw." in html and "Welkom, nieuw@" not in html


def test_the_same_browser_keeps_the_way_back_even_without_the_next_in_the_link(client):
    _, link = _sign_up(client, FORM)
    response = client.post(link.split("?")[0])  # the login in progress remembers it
    assert response["Location"] == FORM


def test_another_browser_follows_the_next_in_the_link(client):
    _, link = _sign_up(client, FORM)
    other = Client()
    page = other.get(link).content.decode()
    assert 'name="next" value="/agenda/aanmelden/"' in page
    response = other.post(link.split("?")[0], {"next": FORM})
    assert response["Location"] == FORM


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_next_at_sign_up_is_not_put_in_the_mail(client, hostile):
    message, link = _sign_up(client, hostile)
    assert "evil" not in message.body and "javascript" not in message.body
    assert "?next" not in link
    response = client.post(link)
    assert response["Location"] == "/smoelenboek/"  # the default: the page that says it waits


def test_a_hostile_next_in_the_confirm_link_is_ignored(client):
    _, link = _sign_up(client, None)
    other = Client()
    response = other.post(link.split("?")[0], {"next": "https://evil.example/"})
    assert "evil.example" not in response.get("Location", "")


def test_the_login_message_greets_by_first_name_then_profile_name_never_the_address(client, account):
    _login(client, account, "/agenda/")
    assert "U bent ingelogd. Welkom, Anna." in client.get("/agenda/").content.decode()

    nameless = ProfileFactory(name="Bert Bakker", user=UserFactory(email="bert@example.org")).user
    EmailAddress.objects.create(user=nameless, email=nameless.email, verified=True, primary=True)
    other = Client()
    _login(other, nameless, "/agenda/")
    assert "Welkom, Bert Bakker." in other.get("/agenda/").content.decode()

    anonymous = UserFactory(email="niemand@example.org", username="niemand@example.org")
    EmailAddress.objects.create(user=anonymous, email=anonymous.email, verified=True, primary=True)
    third = Client()
    _login(third, anonymous, "/agenda/")
    html = third.get("/agenda/").content.decode()
    assert "U bent ingelogd. Welkom." in html and "niemand@example.org" not in html


def test_the_pending_page_greets_by_name(client):
    profile = ProfileFactory(name="Petra Wacht", status=Status.PENDING, user=UserFactory(first_name="Petra"))
    client.force_login(profile.user)
    html = client.get("/smoelenboek/").content.decode()
    assert "Bedankt voor uw aanmelding, Petra!" in html
    assert profile.user.email not in html.split("<main", 1)[1]
