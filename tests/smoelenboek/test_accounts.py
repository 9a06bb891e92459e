"""The allauth pages and mails: Dutch, addressed with "u", and working end to end."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.test import Client

from tests.smoelenboek.factories import ProfileFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Een-nieuw-lang-wachtwoord-7"


@pytest.fixture
def account(db):
    profile = ProfileFactory(name="Anna Aalbers")
    EmailAddress.objects.create(user=profile.user, email=profile.user.email, verified=True, primary=True)
    return profile.user


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/accounts/login/", "Inloggen"),
        ("/accounts/signup/", "Aanmelden voor het smoelenboek"),
        ("/accounts/password/reset/", "Wachtwoord vergeten"),
        ("/accounts/confirm-email/", "Kijk in uw e-mail"),
    ],
)
def test_account_pages_are_dutch_and_in_the_site_layout(client, url, heading):
    html = client.get(url).content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    for english in ("Sign In", "Sign Up", "Forgot", "Password Reset", "Remember Me"):
        assert english not in html


def test_login_with_email_and_a_wrong_password_says_so_in_dutch(client, account):
    response = client.post("/accounts/login/", {"login": account.email, "password": "fout"})
    html = response.content.decode()
    assert "Het e-mailadres of het wachtwoord klopt niet." in html
    assert f'value="{account.email}"' in html


def test_password_reset_by_mail(client, account):
    response = client.post("/accounts/password/reset/", {"email": account.email})
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.subject.endswith("Een nieuw wachtwoord maken")
    assert "Was u dat?" in message.body and "je " not in message.body
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", message.body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    assert "Nieuw wachtwoord" in response.content.decode()
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.check_password(NEW_PASSWORD)


def test_password_reset_for_an_unknown_address_reveals_nothing(client):
    response = client.post("/accounts/password/reset/", {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"


def test_change_email_needs_confirmation_of_the_new_address(client, account):
    client.force_login(account)
    page = client.get("/accounts/email/").content.decode()
    assert "E-mailadres veranderen" in page and account.email in page
    response = client.post("/accounts/email/", {"action_add": "", "email": "nieuw@example.org"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["nieuw@example.org"]
    assert "Bevestig uw e-mailadres" in mail.outbox[-1].subject
    account.refresh_from_db()
    assert account.email != "nieuw@example.org"  # not before it is confirmed
    assert "nieuw@example.org" in client.get("/accounts/email/").content.decode()


def test_logout_is_a_post_with_a_dutch_page(client, account):
    client.force_login(account)
    assert "Wilt u uitloggen?" in client.get("/accounts/logout/").content.decode()
    assert "_auth_user_id" in client.session
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_wrong_passwords_from_one_client_do_not_lock_the_member_out_elsewhere(client, account, settings):
    """Five wrong passwords lock that client out of the account for five minutes (in Dutch),
    not the member, who still logs in from their own device."""
    from django.test import Client

    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "100/m/ip,5/5m/key"}
    account.set_password(NEW_PASSWORD)
    account.save()
    attacker = {"REMOTE_ADDR": "203.0.113.66"}
    for _ in range(5):
        client.post("/accounts/login/", {"login": account.email, "password": "raden"}, **attacker)
    response = client.post("/accounts/login/", {"login": account.email, "password": NEW_PASSWORD}, **attacker)
    assert "Wacht 5 minuten" in response.content.decode()
    assert "_auth_user_id" not in client.session
    member = Client(REMOTE_ADDR="198.51.100.7")
    response = member.post("/accounts/login/", {"login": account.email, "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert member.session["_auth_user_id"] == str(account.pk)


def test_a_sign_up_does_the_same_work_for_a_known_and_a_new_address(monkeypatch):
    """Hashing the password is nearly all the time a sign-up takes, so both must do it (the
    timing itself is measured by bench/signup_timing.py, not asserted on a busy machine)."""
    ProfileFactory(user__email="bekend@example.org")
    hashed = []
    encode = MD5PasswordHasher.encode

    def counting_encode(self, password, salt):
        hashed.append(password)
        return encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting_encode)

    def sign_up(email):
        hashed.clear()
        mail.outbox.clear()
        response = Client().post(
            "/accounts/signup/",
            {"name": "Nieuw Iemand", "email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
        mails = [m.to for m in mail.outbox]
        return response.status_code, response["Location"], hashed.count(NEW_PASSWORD), mails

    new = sign_up("nieuw@example.org")
    known = sign_up("bekend@example.org")
    assert new == (302, "/accounts/confirm-email/", 1, [["nieuw@example.org"]])
    assert known == (302, "/accounts/confirm-email/", 1, [["bekend@example.org"]])
    assert get_user_model().objects.filter(email="bekend@example.org").count() == 1
