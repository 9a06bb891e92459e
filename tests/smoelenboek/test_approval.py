"""From sign-up to a visible entry: verification mail, the beheer group is told, approval in
the Wagtail admin (singly or in bulk), rejection with a reason, and the mails."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail

from smoelenboek.models import Profile, Status
from tests.home.factories import UserFactory
from tests.smoelenboek.factories import ProfileFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Lange-zin-als-wachtwoord-42"


@pytest.fixture
def beheerder(db):
    user = UserFactory(username="beheerder", email="beheer@example.org")
    user.groups.add(Group.objects.get(name=settings.SMOELENBOEK_BEHEER_GROUP))
    return user


@pytest.fixture
def beheer_client(client, beheerder):
    client.force_login(beheerder)
    return client


def _sign_up(client, name="Nieuwe Nina", email="nina@example.org"):
    return client.post(
        "/accounts/signup/",
        {"name": name, "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def _confirm_link(message):
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+)", message.body).group(1)


def test_sign_up_verify_approve_consent_visible(client, beheerder, django_capture_on_commit_callbacks):
    response = _sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    profile = Profile.objects.get(user__email="nina@example.org")
    assert profile.status == Status.PENDING and profile.name == "Nieuwe Nina"
    assert profile.contact_email == "nina@example.org"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.endswith("Bevestig uw e-mailadres")
    link = _confirm_link(mail.outbox[0])

    # The link in the mail shows a button; a GET alone (a mail preview) confirms nothing.
    page = client.get(link)
    assert "Ja, dit is mijn e-mailadres" in page.content.decode()
    assert not EmailAddress.objects.get(email="nina@example.org").verified
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)
    assert EmailAddress.objects.get(email="nina@example.org").verified
    # The beheer group hears of it.
    notice = mail.outbox[-1]
    assert notice.to == ["beheer@example.org"]
    assert "Nieuwe Nina" in notice.body and "/admin/snippets/smoelenboek/profile/" in notice.body

    # Logged in after confirming; the smoelenboek says it waits for approval.
    waiting = client.get("/smoelenboek/")
    assert waiting.status_code == 403
    assert "Uw aanmelding wacht op goedkeuring" in waiting.content.decode()

    # Beheer approves it in the admin.
    admin = client.__class__()
    admin.force_login(beheerder)
    listing = admin.get("/admin/snippets/smoelenboek/profile/?status=aangemeld")
    assert listing.status_code == 200 and "Nieuwe Nina" in listing.content.decode()
    url = f"/admin/bulk/smoelenboek/profile/approve/?next=/admin/&id={profile.pk}"
    assert "Nieuwe Nina" in admin.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(url)
    profile.refresh_from_db()
    assert profile.status == Status.APPROVED and profile.reviewed_by == beheerder
    assert mail.outbox[-1].to == ["nina@example.org"]
    assert "goedgekeurd" in mail.outbox[-1].body

    # Approved, but not visible to others until she gives consent.
    other = ProfileFactory(name="Oude Otto")
    other_client = client.__class__()
    other_client.force_login(other.user)
    assert "Nieuwe Nina" not in other_client.get("/smoelenboek/").content.decode()
    client.post(
        "/smoelenboek/mijn-profiel/",
        {
            "name": "Nieuwe Nina",
            "role": "bewoner",
            "email_visibility": "leden",
            "contact_email": "nina@example.org",
            "phone_visibility": "niemand",
            "consent": "on",
        },
    )
    html = other_client.get("/smoelenboek/").content.decode()
    assert "Nieuwe Nina" in html
    assert "nina@example.org" in other_client.get(f"/smoelenboek/{profile.pk}/").content.decode()


def test_no_login_before_the_email_is_verified(client):
    _sign_up(client)
    client.logout()
    response = client.post("/accounts/login/", {"login": "nina@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert client.get("/smoelenboek/").status_code == 302


def test_sign_up_needs_a_name_and_a_good_password(client):
    response = client.post(
        "/accounts/signup/",
        {"name": "", "email": "geen-naam@example.org", "password1": "123", "password2": "123"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit is een verplicht veld." in html
    assert "Dit wachtwoord is te kort. Gebruik minstens 10 tekens." in html
    assert 'value="geen-naam@example.org"' in html  # nothing typed is lost
    assert not Profile.objects.filter(user__email="geen-naam@example.org").exists()


def test_a_second_sign_up_with_the_same_email_reveals_nothing(client):
    _sign_up(client)
    client.logout()
    mail.outbox.clear()
    response = _sign_up(client, name="Iemand Anders")
    # Same answer as a new sign-up (no "this address exists"), and a mail to the owner.
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    assert Profile.objects.filter(user__email="nina@example.org").count() == 1
    assert "al een account" in mail.outbox[0].body


def test_bulk_approve_mails_each_member(beheer_client, django_capture_on_commit_callbacks):
    waiting = [ProfileFactory(status=Status.PENDING, consent_given_at=None) for _ in range(3)]
    ids = "&".join(f"id={p.pk}" for p in waiting)
    with django_capture_on_commit_callbacks(execute=True):
        response = beheer_client.post(f"/admin/bulk/smoelenboek/profile/approve/?next=/admin/&{ids}")
    assert response.status_code == 302
    assert Profile.objects.filter(pk__in=[p.pk for p in waiting], status=Status.APPROVED).count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.user.email for p in waiting)


def test_bulk_reject_needs_a_reason_and_mails_it(beheer_client, django_capture_on_commit_callbacks):
    waiting = [ProfileFactory(status=Status.PENDING) for _ in range(2)]
    url = "/admin/bulk/smoelenboek/profile/reject/?next=/admin/&" + "&".join(f"id={p.pk}" for p in waiting)
    response = beheer_client.post(url, {"reason": "   "})
    assert response.status_code == 200
    assert Profile.objects.filter(status=Status.REJECTED).count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        beheer_client.post(url, {"reason": "U woont of werkt niet in de Stevenshof."})
    for profile in waiting:
        profile.refresh_from_db()
        assert profile.status == Status.REJECTED
    assert len(mail.outbox) == 2
    assert all("U woont of werkt niet in de Stevenshof." in m.body for m in mail.outbox)


def test_reject_in_the_edit_form_needs_a_reason(beheer_client, django_capture_on_commit_callbacks):
    profile = ProfileFactory(status=Status.PENDING)
    url = f"/admin/snippets/smoelenboek/profile/edit/{profile.pk}/"
    response = beheer_client.post(url, {"status": "afgewezen", "rejection_reason": ""})
    assert response.status_code == 200
    assert "Schrijf kort waarom u afwijst" in response.content.decode()
    profile.refresh_from_db()
    assert profile.status == Status.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        response = beheer_client.post(url, {"status": "afgewezen", "rejection_reason": "Dubbel account."})
    profile.refresh_from_db()
    assert profile.status == Status.REJECTED
    assert "Dubbel account." in mail.outbox[-1].body


def test_approving_in_the_edit_form_mails_once(beheer_client, django_capture_on_commit_callbacks):
    profile = ProfileFactory(status=Status.PENDING)
    url = f"/admin/snippets/smoelenboek/profile/edit/{profile.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        beheer_client.post(url, {"status": "goedgekeurd", "rejection_reason": ""})
        beheer_client.post(url, {"status": "goedgekeurd", "rejection_reason": ""})
    assert len(mail.outbox) == 1


def test_beheer_cannot_add_profiles_and_others_cannot_review(beheer_client, client):
    assert beheer_client.get("/admin/snippets/smoelenboek/profile/add/").status_code in (302, 403)
    outsider = UserFactory(is_staff=True)
    client.force_login(outsider)
    profile = ProfileFactory(status=Status.PENDING)
    client.post(f"/admin/bulk/smoelenboek/profile/approve/?next=/admin/&id={profile.pk}")
    profile.refresh_from_db()
    assert profile.status == Status.PENDING


def test_demo_has_a_pending_member_and_about_thirty_members():
    assert Profile.objects.filter(status=Status.PENDING).count() >= 1
    assert 25 <= Profile.objects.visible().count() <= 35
    assert Profile.objects.filter(role="professional").values("organisation").distinct().count() >= 8


def test_beheer_sees_the_photo_of_a_waiting_member_in_the_admin(beheer_client):
    from .conftest import add_photo

    waiting = add_photo(ProfileFactory(name="Foto Frits", status=Status.PENDING))
    html = beheer_client.get(f"/admin/snippets/smoelenboek/profile/edit/{waiting.pk}/").content.decode()
    assert f'src="/smoelenboek/foto/{waiting.pk}/klein.jpg"' in html
    assert beheer_client.get(f"/smoelenboek/foto/{waiting.pk}/klein.jpg").status_code == 200
    # Without the permission, a pending photo stays hidden, even for a member.
    other = ProfileFactory(name="Gewoon Lid")
    beheer_client.force_login(other.user)
    assert beheer_client.get(f"/smoelenboek/foto/{waiting.pk}/klein.jpg").status_code == 404


def test_loading_the_demo_twice_changes_nothing():
    from django.core.management import call_command

    before = list(Profile.objects.order_by("pk").values_list("pk", "name", "status", "photo"))
    call_command("load_demo", verbosity=0)
    after = list(Profile.objects.order_by("pk").values_list("pk", "name", "status", "photo"))
    assert before == after


def test_the_admin_dashboard_tells_beheer_how_many_wait(beheer_client):
    waiting = Profile.objects.filter(status=Status.PENDING).count()
    html = beheer_client.get("/admin/").content.decode()
    assert f"{waiting} aanmelding" in html and "op goedkeuring" in html
    assert "/admin/snippets/smoelenboek/profile/?status=aangemeld" in html


def test_without_a_beheer_group_member_the_superusers_are_told(client, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(groups__name=settings.SMOELENBOEK_BEHEER_GROUP).delete()
    get_user_model().objects.create_superuser("hoofd", "hoofd@example.org", "Een-lang-wachtwoord-1")
    _sign_up(client)
    link = _confirm_link(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    assert "hoofd@example.org" in mail.outbox[-1].to
