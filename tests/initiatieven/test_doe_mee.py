from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings

from home.models import SiteSettings
from initiatieven.models import JoinRequest
from stevenshof.settings import base
from tests.home.factories import UserFactory
from tests.home.test_ratelimit import REDIS_RAISING

pytestmark = pytest.mark.django_db

URL = "/initiatieven/groen/doe-mee/"
GOOD = {"name": "Piet Buur", "email": "piet@example.org", "phone": "", "message": "Ik help graag mee."}


@pytest.fixture(autouse=True)
def _clear_rate_limit():
    cache.clear()
    yield
    cache.clear()


def test_form_page_has_labelled_fields(client, groen):
    html = client.get(URL).content.decode()
    for field in ("id_name", "id_email", "id_phone", "id_message"):
        assert f'<label for="{field}">' in html
    assert 'name="website"' in html  # the honeypot
    assert 'aria-hidden="true"' in html


def test_good_post_is_stored_and_mailed_to_the_contact(client, groen):
    response = client.post(URL, GOOD)
    assert response.status_code == 302
    assert response["Location"] == "?bedankt=1"
    request = JoinRequest.objects.get()
    assert request.group == groen
    assert request.name == "Piet Buur"
    assert request.mail_sent is True
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [groen.contact_email]
    assert "Piet Buur" in mail.outbox[0].body and "piet@example.org" in mail.outbox[0].body
    thanks = client.get(URL + "?bedankt=1").content.decode()
    assert "Dank u wel" in thanks


def test_a_message_sent_logged_in_is_linked_to_the_account(client, groen):
    """So the sender's download shows it and deleting their account deletes it, even when they
    gave only a phone number."""
    client.post(URL, GOOD)
    assert JoinRequest.objects.get().user is None
    user = UserFactory()
    client.force_login(user)
    client.post(URL, {**GOOD, "email": "", "phone": "06 12 34 56 78"})
    assert JoinRequest.objects.get(phone="06 12 34 56 78").user == user


def test_a_phone_number_is_enough(client, groen):
    response = client.post(URL, {**GOOD, "email": "", "phone": "06 12 34 56 78"})
    assert response.status_code == 302
    assert JoinRequest.objects.get().phone == "06 12 34 56 78"


def test_request_is_kept_when_the_mail_fails(client, groen):
    with mock.patch("initiatieven.join.send_mail", side_effect=OSError("mail server down")):
        response = client.post(URL, GOOD)
    assert response.status_code == 302
    request = JoinRequest.objects.get()
    assert request.mail_sent is False
    assert request.message == "Ik help graag mee."


def test_without_email_or_phone_nothing_is_lost(client, groen):
    response = client.post(URL, {**GOOD, "email": "", "phone": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul uw e-mailadres of uw telefoonnummer in" in html
    assert 'value="Piet Buur"' in html
    assert "Ik help graag mee." in html
    assert 'aria-invalid="true"' in html
    assert not JoinRequest.objects.exists()
    assert mail.outbox == []


def test_bad_email_and_phone_get_dutch_messages(client, groen):
    html = client.post(URL, {**GOOD, "email": "jan@", "phone": "bel me"}).content.decode()
    assert "Dit e-mailadres klopt niet. Een e-mailadres ziet er zo uit: naam@voorbeeld.nl." in html
    assert "Vul een telefoonnummer in met alleen cijfers" in html
    assert not JoinRequest.objects.exists()


def test_missing_name_and_too_long_message(client, groen):
    response = client.post(URL, {**GOOD, "name": "", "message": "x" * 2001})
    html = response.content.decode()
    assert "Vul uw naam in." in html
    assert "Uw bericht is te lang" in html
    assert not JoinRequest.objects.exists()


def test_honeypot_stores_and_sends_nothing(client, groen):
    response = client.post(URL, {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not JoinRequest.objects.exists()
    assert mail.outbox == []


def test_rate_limit_per_address(client, groen, settings, pinned_clock):
    settings.ACCOUNT_RATE_LIMITS = {"doe_mee": base.ACCOUNT_RATE_LIMITS["doe_mee"]}  # 3 a minute
    for _ in range(3):
        assert client.post(URL, GOOD).status_code == 302
    response = client.post(URL, {**GOOD, "name": "Vierde Keer"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Wacht een minuut" in html
    assert 'value="Vierde Keer"' in html  # what was typed stays in the form
    assert JoinRequest.objects.count() == 3
    # Another address is not affected.
    assert client.post(URL, GOOD, REMOTE_ADDR="10.0.0.9").status_code == 302
    pinned_clock.shift(61)  # a minute later it works again
    assert client.post(URL, GOOD).status_code == 302


def test_a_cache_that_raises_lets_the_post_through(client, groen):
    with override_settings(CACHES=REDIS_RAISING, ACCOUNT_RATE_LIMITS={"doe_mee": "3/m/ip"}):
        response = client.post(URL, GOOD)
    assert response.status_code == 302
    assert JoinRequest.objects.get().name == "Piet Buur"


def test_general_form_lets_you_choose_a_group(client, voeding):
    html = client.get("/doe-mee/?groep=voeding").content.decode()
    assert f'<option value="{voeding.pk}" selected>' in html
    response = client.post("/doe-mee/", {**GOOD, "group": voeding.pk})
    assert response.status_code == 302
    assert JoinRequest.objects.get().group == voeding
    assert mail.outbox[0].to == [voeding.contact_email]


def test_general_form_needs_a_real_group(client, groen):
    html = client.post("/doe-mee/", {**GOOD, "group": ""}).content.decode()
    assert "Kies een groep." in html
    html = client.post("/doe-mee/", {**GOOD, "group": "999999"}).content.decode()
    assert "Kies een groep uit de lijst." in html
    assert not JoinRequest.objects.exists()


def test_without_contact_email_the_site_address_gets_the_mail(client, groen, home_page):
    groen.contact_email = ""
    groen.save_revision().publish()
    client.post(URL, GOOD)
    assert mail.outbox[0].to == [SiteSettings.objects.get().contact_email]


def test_group_page_stays_cacheable(client, groen, settings):
    """The group page has no form (and so no CSRF token): the anonymous page cache keeps it."""
    settings.PAGE_CACHE_SECONDS = 60
    client.get("/initiatieven/groen/")
    assert client.get("/initiatieven/groen/")["X-Cache"] == "HIT"


def test_a_name_with_line_breaks_cannot_break_the_mail_subject(client, groen):
    client.post(URL, {**GOOD, "name": "Piet\r\nBcc: spam@example.org"})
    assert JoinRequest.objects.get().name == "Piet Bcc: spam@example.org"
    assert "\n" not in mail.outbox[0].subject
    assert mail.outbox[0].to == [groen.contact_email]


def test_behind_a_proxy_the_limit_counts_per_visitor(client, groen, settings):
    """Behind nginx every request comes from 127.0.0.1; the visitor is the trusted hop of
    X-Forwarded-For, so one busy visitor does not block the others."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {"doe_mee": "3/m/ip"}
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for _ in range(3):
        assert client.post(URL, GOOD, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy).status_code == 302
    assert client.post(URL, GOOD, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy).status_code == 429
    assert client.post(URL, GOOD, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code == 302
