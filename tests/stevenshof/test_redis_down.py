"""When Redis is down, nothing a resident sends is lost (#13).

Every form a visitor or member can send, with the cache, session, rate-limit and mail settings
that production.py makes of REDIS_URL. Each test runs twice: with nothing listening at that
address from the start ("dead"), and with a Redis of the test's own that stops between the GET
of the form and the POST ("stops"). A form either keeps what was sent, or answers with a Dutch
message and keeps what was typed: never a 500, a 429 from a limit that cannot count, a lost
login or a wait on the dead cache."""

import re
import time
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.test import Client, override_settings
from django.utils import timezone
from post_office.models import Email

from agenda.models import EventSubmission
from initiatieven.models import InitiatiefPage, JoinRequest, NewsPage
from smoelenboek.models import Profile
from tests.agenda.test_submit import good_data
from tests.home.factories import UserFactory
from tests.initiatieven.conftest import make_volunteer
from tests.initiatieven.test_permissions import news_form
from tests.smoelenboek.factories import ProfileFactory
from tests.smoelenboek.test_profile import FORM as PROFILE_FORM
from tests.stevenshof.test_faults import DEAD_REDIS_URL, production_redis_settings

pytestmark = pytest.mark.django_db

# Nothing may wait for the dead cache: allauth's lock used to sleep for 1 s, the guide PDF's
# for 60 s; a POST that sleeps fails the test. A POST on a dead cache takes some tens of
# milliseconds; the bound only catches gross slowness, with room for a busy test machine.
MAX_SECONDS = 5.0
PASSWORD = "Lange-zin-als-wachtwoord-42"
GOOD = {"name": "Piet Buur", "email": "piet@example.org", "phone": "", "message": "Ik help graag mee."}


class Outage:
    def __init__(self, begin):
        self.begin = begin
        self.timings = []

    def post(self, client, url, data=None, **extra):
        sleeps = []
        started = time.monotonic()
        with mock.patch("time.sleep", side_effect=sleeps.append):
            response = client.post(url, data or {}, **extra)
        self.timings.append((url, round(time.monotonic() - started, 2), sleeps))
        assert response.status_code != 500, url
        return response

    def assert_no_waiting(self):
        waits = [(url, secs, slept) for url, secs, slept in self.timings if slept or secs > MAX_SECONDS]
        assert not waits, f"POSTs waited on the dead cache (url, seconds, sleeps): {waits}"


@pytest.fixture(params=["dead", "stops"])
def outage(request):
    """Production's settings on a Redis that is down from the start, or that stops when the test
    calls outage.begin() (between the GET of a form and its POST)."""
    if request.param == "dead":
        url, begin = DEAD_REDIS_URL, lambda: None
    else:
        port, stop, _start = request.getfixturevalue("own_redis")
        url, begin = f"redis://127.0.0.1:{port}/0", stop
    with override_settings(**production_redis_settings(url)):
        outage = Outage(begin)
        yield outage
    outage.assert_no_waiting()


@pytest.fixture
def groen(db):
    return InitiatiefPage.objects.get(slug="groen")


@pytest.fixture
def voeding(db):
    return InitiatiefPage.objects.get(slug="voeding")


def _queued_to(address):
    return Email.objects.filter(to__icontains=address)


@pytest.fixture
def member(db):
    profile = ProfileFactory(name="Anna Aalbers")
    profile.user.set_password(PASSWORD)
    profile.user.save()
    EmailAddress.objects.create(user=profile.user, email=profile.user.email, verified=True, primary=True)
    return profile


def _logged_in(client):
    return client.get("/smoelenboek/mijn-profiel/").status_code == 200


# --- Doe mee -------------------------------------------------------------------------------


def test_doe_mee_on_a_group_page(outage, client, groen):
    assert client.get("/initiatieven/groen/doe-mee/").status_code == 200
    outage.begin()
    response = outage.post(client, "/initiatieven/groen/doe-mee/", GOOD)
    assert response.status_code == 302
    assert JoinRequest.objects.get(group=groen).message == "Ik help graag mee."
    assert _queued_to(groen.contact_email).exists()


def test_doe_mee_with_a_choice_of_groups(outage, client, voeding):
    assert client.get("/doe-mee/").status_code == 200
    outage.begin()
    response = outage.post(client, "/doe-mee/", {**GOOD, "group": voeding.pk})
    assert response.status_code == 302
    assert JoinRequest.objects.get(group=voeding).name == "Piet Buur"


def test_doe_mee_with_a_mistake_keeps_what_was_typed(outage, client, groen):
    client.get("/initiatieven/groen/doe-mee/")
    outage.begin()
    response = outage.post(client, "/initiatieven/groen/doe-mee/", {**GOOD, "email": "", "phone": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul uw e-mailadres of uw telefoonnummer in" in html
    assert 'value="Piet Buur"' in html and "Ik help graag mee." in html


# --- Activiteit aanmelden ------------------------------------------------------------------


def test_activity_submission(outage, client):
    client.force_login(UserFactory(email="partner@example.org"))
    assert client.get("/agenda/aanmelden/").status_code == 200
    outage.begin()
    response = outage.post(client, "/agenda/aanmelden/", good_data(timezone.localdate()))
    assert response.status_code == 302
    assert response["Location"] == "/agenda/aanmelden/bedankt/"
    submission = EventSubmission.objects.get(email="anna@example.org")
    assert submission.page.title == "Samen puzzelen"
    assert _queued_to("anna@example.org").exists()


# --- Accounts (allauth) --------------------------------------------------------------------


def test_sign_up_and_confirm(outage, client):
    assert client.get("/accounts/signup/").status_code == 200
    outage.begin()
    response = outage.post(
        client,
        "/accounts/signup/",
        {"name": "Nieuwe Nina", "email": "nina@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert Profile.objects.get(user__email="nina@example.org").name == "Nieuwe Nina"
    mail = _queued_to("nina@example.org").get()
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+)", mail.message).group(1)
    response = outage.post(client, link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="nina@example.org").verified
    assert _logged_in(client)


def test_login(outage, client, member):
    assert client.get("/accounts/login/").status_code == 200
    outage.begin()
    response = outage.post(client, "/accounts/login/", {"login": member.user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert _logged_in(client)


def test_login_with_a_wrong_password_says_so_and_keeps_the_address(outage, client, member):
    client.get("/accounts/login/")
    outage.begin()
    response = outage.post(client, "/accounts/login/", {"login": member.user.email, "password": "fout"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Het e-mailadres of het wachtwoord klopt niet." in html
    assert f'value="{member.user.email}"' in html


def test_password_reset_from_request_to_new_password(outage, client, member):
    assert client.get("/accounts/password/reset/").status_code == 200
    outage.begin()
    response = outage.post(client, "/accounts/password/reset/", {"email": member.user.email})
    assert response.status_code == 302
    mail = _queued_to(member.user.email).get()
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.message).group(1)
    response = client.get(link)  # allauth keeps the key in the session and sends the browser on
    assert response.status_code == 302
    new = "Een-nieuw-lang-wachtwoord-7"
    response = outage.post(client, response["Location"], {"password1": new, "password2": new})
    assert response.status_code == 302
    member.user.refresh_from_db()
    assert member.user.check_password(new)


def test_password_change(outage, client, member):
    client.force_login(member.user)
    assert client.get("/accounts/password/change/").status_code == 200
    outage.begin()
    new = "Een-nieuw-lang-wachtwoord-7"
    response = outage.post(
        client, "/accounts/password/change/", {"oldpassword": PASSWORD, "password1": new, "password2": new}
    )
    assert response.status_code == 302
    member.user.refresh_from_db()
    assert member.user.check_password(new)
    assert _logged_in(client)


def test_change_email(outage, client, member):
    client.force_login(member.user)
    assert client.get("/accounts/email/").status_code == 200
    outage.begin()
    response = outage.post(client, "/accounts/email/", {"action_add": "", "email": "nieuw@example.org"})
    assert response.status_code == 302
    assert EmailAddress.objects.filter(email="nieuw@example.org", verified=False).exists()
    assert _queued_to("nieuw@example.org").exists()


# --- Smoelenboek ---------------------------------------------------------------------------


def test_profile_edit(outage, client, member):
    client.force_login(member.user)
    assert client.get("/smoelenboek/mijn-profiel/").status_code == 200
    outage.begin()
    data = {**PROFILE_FORM, "approach": "Vraag mij over de tuin."}
    response = outage.post(client, "/smoelenboek/mijn-profiel/", data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.approach == "Vraag mij over de tuin."
    page = client.get("/smoelenboek/mijn-profiel/")
    assert page.status_code == 200
    assert "Uw gegevens zijn opgeslagen." in page.content.decode()


# --- Wagtail admin -------------------------------------------------------------------------


def test_admin_login(outage, client):
    UserFactory(username="redacteur", password=PASSWORD, is_superuser=True, is_staff=True)
    assert client.get("/admin/login/").status_code == 200
    outage.begin()
    response = outage.post(client, "/admin/login/", {"username": "redacteur", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_admin_password_reset(outage, client):
    UserFactory(username="redacteur", email="redacteur@example.org", is_staff=True)
    assert client.get("/admin/password_reset/").status_code == 200
    outage.begin()
    response = outage.post(client, "/admin/password_reset/", {"email": "redacteur@example.org"})
    assert response.status_code == 302
    assert _queued_to("redacteur@example.org").exists()


def test_admin_page_form(outage, client, groen):
    client.force_login(make_volunteer(groen, "anke"))
    url = f"/admin/pages/add/initiatieven/newspage/{groen.pk}/"
    assert client.get(url).status_code == 200
    outage.begin()
    response = outage.post(client, url, news_form(**{"action-publish": "1"}))
    assert response.status_code == 302
    news = NewsPage.objects.get(slug="nieuwe-bomen")
    assert news.live
    assert "Nieuwe bomen" in Client().get("/nieuws/").content.decode()  # and the public sees it


# --- Sessions ------------------------------------------------------------------------------


def test_members_stay_logged_in_through_a_redis_restart(client, member, own_redis):
    port, stop, start = own_redis
    with override_settings(**production_redis_settings(f"redis://127.0.0.1:{port}/0")):
        response = client.post("/accounts/login/", {"login": member.user.email, "password": PASSWORD})
        assert response.status_code == 302
        assert _logged_in(client)
        stop()
        assert _logged_in(client)
        start()  # an empty Redis: it kept nothing
        assert _logged_in(client)
