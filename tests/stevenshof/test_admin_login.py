"""The admin login is rate limited like the members' login: after a few failed attempts for one
user name, even the right password is refused for a while, with a Dutch page."""

import pytest

from tests.home.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_admin_login_works_with_the_right_password(client):
    UserFactory(username="redacteur", password="een-goed-wachtwoord", is_superuser=True, is_staff=True)
    response = client.post("/admin/login/", {"username": "redacteur", "password": "een-goed-wachtwoord"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_admin_login_is_rate_limited_per_user_name(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "100/m/ip,3/5m/key"}
    UserFactory(username="redacteur", password="een-goed-wachtwoord", is_superuser=True, is_staff=True)
    for _ in range(3):
        response = client.post("/admin/login/", {"username": "redacteur", "password": "fout"})
        assert response.status_code == 200  # the form again, with an error
    response = client.post("/admin/login/", {"username": "Redacteur", "password": "een-goed-wachtwoord"})
    assert response.status_code == 429
    assert "te vaak" in response.content.decode().lower() or "even" in response.content.decode().lower()
    assert client.get("/admin/").status_code == 302  # still not logged in


def test_admin_login_is_rate_limited_per_address(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "4/m/ip,100/5m/key"}
    for n in range(4):
        client.post("/admin/login/", {"username": f"iemand{n}", "password": "fout"})
    assert client.post("/admin/login/", {"username": "nog-iemand", "password": "fout"}).status_code == 429


def test_the_django_admin_has_no_login_of_its_own(client):
    """Its login would have no rate limit: it hands over to the Wagtail admin's login."""
    UserFactory(username="redacteur", password="een-goed-wachtwoord", is_superuser=True, is_staff=True)
    response = client.get("/django-admin/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/django-admin/"
    # A password posted straight to the old address is not checked.
    credentials = {"username": "redacteur", "password": "een-goed-wachtwoord"}
    client.post("/django-admin/login/", credentials)
    assert client.get("/admin/").status_code == 302
    client.post("/admin/login/?next=/django-admin/", credentials)
    assert client.get("/django-admin/").status_code == 200


def test_admin_password_reset_is_rate_limited(client, settings):
    from django.core import mail

    settings.ACCOUNT_RATE_LIMITS = {"reset_password": "100/m/ip,2/m/key"}
    UserFactory(username="redacteur", email="redacteur@example.org", is_staff=True)
    for _ in range(2):
        response = client.post("/admin/password_reset/", {"email": "redacteur@example.org"})
        assert response.status_code == 302
    assert len(mail.outbox) == 2
    response = client.post("/admin/password_reset/", {"email": "Redacteur@example.org"})
    assert response.status_code == 429
    assert len(mail.outbox) == 2  # no third mail


def test_a_logged_in_user_without_access_gets_no_access_instead_of_a_loop(client):
    volunteer = UserFactory(username="vrijwilliger")
    client.force_login(volunteer)
    response = client.get("/django-admin/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) == 1


def test_a_strangers_wrong_passwords_do_not_lock_the_editor_out(client, settings):
    from django.test import Client

    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "100/m/ip,3/5m/key"}
    UserFactory(username="redacteur", password="een-goed-wachtwoord", is_superuser=True, is_staff=True)
    stranger = {"REMOTE_ADDR": "203.0.113.66"}
    for _ in range(3):
        client.post("/admin/login/", {"username": "redacteur", "password": "fout"}, **stranger)
    editor = Client(REMOTE_ADDR="198.51.100.7")
    response = editor.post("/admin/login/", {"username": "redacteur", "password": "een-goed-wachtwoord"})
    assert response.status_code == 302
    assert editor.get("/admin/").status_code == 200


def test_x_forwarded_for_counts_only_from_the_trusted_proxy(client, settings):
    """Reaching gunicorn directly, a new X-Forwarded-For per try must not escape the limit."""
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip,100/5m/key"}
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for n in range(3):
        client.post(
            "/admin/login/",
            {"username": f"iemand{n}", "password": "fout"},
            REMOTE_ADDR="203.0.113.66",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        )
    response = client.post(
        "/admin/login/",
        {"username": "nog-iemand", "password": "fout"},
        REMOTE_ADDR="203.0.113.66",
        HTTP_X_FORWARDED_FOR="10.0.0.99",
    )
    assert response.status_code == 429
    # Behind our own nginx (127.0.0.1) the forwarded address is the client's.
    response = client.post(
        "/admin/login/",
        {"username": "nog-iemand", "password": "fout"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 200
