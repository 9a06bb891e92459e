"""Privacy promises kept: the download holds everything (readable, with the photo and the JSON)
and nothing of anyone else; deleting an account asks for the password and then removes or
anonymises everything that names the person. (A sign-up that tells nobody who has an account:
test_accounts.py.)"""

import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone
from PIL import Image
from post_office.models import STATUS, Email, Log
from wagtail.log_actions import log
from wagtail.models import BaseLogEntry, ModelLogEntry, Revision

from agenda.models import AgendaIndexPage, EventSubmission
from initiatieven.models import InitiatiefPage, JoinRequest
from smoelenboek.models import Profile
from tests.agenda.factories import EventPageFactory
from tests.smoelenboek.factories import ProfileFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Anna-haar-eigen-wachtwoord-7"
DELETE_URL = "/smoelenboek/mijn-profiel/verwijderen/"
ZIP_URL = "/smoelenboek/mijn-profiel/mijn-gegevens.zip"


@pytest.fixture
def anna(member):
    """Anna, an approved member with a photo, a password, a verified address and an unverified
    one, and data in every place the site keeps it."""
    user = member.user
    user.set_password(PASSWORD)
    user.first_name = "Anna"
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    EmailAddress.objects.create(user=user, email="anna.oud@example.org", verified=False, primary=False)
    member.phone = "06 12 34 56 78"
    member.groups.set([InitiatiefPage.objects.live().first()])
    member.save()
    return member


@pytest.fixture
def anna_client(anna):
    client = Client()
    client.force_login(anna.user)
    return client


@pytest.fixture
def traces(anna):
    """What Anna left elsewhere on the site, and what others left next to it."""
    user = anna.user
    group = InitiatiefPage.objects.live().first()
    agenda = AgendaIndexPage.objects.get(slug="agenda")
    published = EventPageFactory(parent=agenda, title="Wandelen in het park", owner=user)
    published.save_revision(user=user).publish()
    draft = EventPageFactory(parent=agenda, title="Breien in de bieb", live=False)
    bert = ProfileFactory(name="Bert Bakker", contact_email="bert@example.org")
    EmailAddress.objects.create(user=bert.user, email=bert.user.email, verified=True, primary=True)
    data = {
        "group": group,
        "published": published,
        "draft": draft,
        "bert": bert,
        # Sent while logged in (linked), and one before she had an account (found by address).
        "submission": EventSubmission.objects.create(
            page=published, user=user, name="Anna Aalbers", email=user.email, organiser="Wijkvereniging"
        ),
        "old_submission": EventSubmission.objects.create(
            page=draft, name="A. Aalbers", email=user.email.upper(), organiser="Zelf"
        ),
        "join": JoinRequest.objects.create(
            group=group, user=user, name="Anna Aalbers", phone="06 12 34 56 78", message="Ik help graag."
        ),
        "old_join": JoinRequest.objects.create(
            group=group, name="Anna", email=user.email, message="Mag ik meedoen met <b>schoffelen</b>?"
        ),
        # The unverified address proves nothing: this message stays Bert's (or whoever's).
        "unverified_join": JoinRequest.objects.create(
            group=group, name="Iemand", email="anna.oud@example.org", message="Niet van Anna bewezen."
        ),
        "bert_join": JoinRequest.objects.create(
            group=group,
            user=bert.user,
            name="Bert Bakker",
            email="bert@example.org",
            message="Bert zijn bericht.",
        ),
        "bert_submission": EventSubmission.objects.create(
            page=published, user=bert.user, name="Bert Bakker", email="bert@example.org", organiser="Bert"
        ),
        # The mail log: to her, about her to others, to Bert, and to a look-alike address.
        "mail_to_anna": Email.objects.create(
            from_email="noreply@stevenshof.nl",
            to=[user.email],
            subject="Stevenshof Vitaal: u staat in het smoelenboek",
            message="Beste Anna Aalbers,\n\nGoed nieuws: uw aanmelding is goedgekeurd.",
            status=STATUS.sent,
        ),
        "mail_about_anna": Email.objects.create(
            from_email="noreply@stevenshof.nl",
            to=["beheer@example.org"],
            subject="Stevenshof Vitaal: nieuwe aanmelding voor het smoelenboek",
            message=f"Naam: Anna Aalbers\nE-mailadres: {user.email}\n",
            status=STATUS.queued,
        ),
        "mail_with_phone": Email.objects.create(
            from_email="noreply@stevenshof.nl",
            to=["groen@example.org"],
            subject="Doe mee met Groen: Anna Aalbers",
            message="Naam: Anna Aalbers\nE-mail: -\nTelefoon: 06 12 34 56 78\n",
            status=STATUS.sent,
        ),
        "moderation_mail": Email.objects.create(
            from_email="noreply@stevenshof.nl",
            to=["redactie@example.org"],
            subject='The page "Breien in de bieb" has been submitted for moderation',
            message='The page "Breien in de bieb" has been submitted for moderation by Anna Aalbers.',
            status=STATUS.sent,
        ),
        "mail_about_a_namesake": Email.objects.create(
            from_email="noreply@stevenshof.nl",
            to=["redactie@example.org"],
            subject="Nieuwe activiteit",
            message="Ingestuurd door Johanna Aalbersma.",
            status=STATUS.sent,
        ),
        "mail_to_bert": Email.objects.create(
            from_email="noreply@stevenshof.nl",
            to=["bert@example.org"],
            subject="Bert zijn eigen mail",
            message="Beste Bert, dit is alleen voor u.",
            status=STATUS.sent,
        ),
        "mail_to_lookalike": Email.objects.create(
            from_email="noreply@stevenshof.nl",
            to=[f"jo{user.email}"],
            subject="Een ander adres dat erop lijkt",
            message="Voor iemand anders.",
            status=STATUS.sent,
        ),
    }
    Log.objects.create(email=data["mail_to_anna"], status=STATUS.sent, message="")
    # The admin's history names her: Wagtail's (as the admin logs an edit of each record, in
    # whichever log Wagtail keeps for it), an entry in Wagtail's shared log, and Django's.
    for instance in (anna, data["join"], data["submission"]):
        log(instance=instance, action="wagtail.edit", user=bert.user)
    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Profile),
        object_id=str(anna.pk),
        label=f"Anna Aalbers ({user.email})",
        action="wagtail.edit",
        timestamp=timezone.now(),
        data={"note": "Anna Aalbers"},
    )
    LogEntry.objects.log_actions(
        user_id=bert.user.pk, queryset=get_user_model().objects.filter(pk=user.pk), action_flag=CHANGE
    )
    return data


def named_in_history(text):
    """The admin's log entries (Wagtail's logs of objects and of pages) whose label holds text."""
    logs = [m for m in apps.get_models() if issubclass(m, BaseLogEntry)]
    return [entry for log_model in logs for entry in log_model.objects.filter(label__icontains=text)]


# --- the download -----------------------------------------------------------------------------


def _zip(client):
    response = client.get(ZIP_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'attachment; filename="mijn-gegevens-stevenshof-vitaal.zip"' in response["Content-Disposition"]
    assert "private" in response["Cache-Control"]
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_download_is_a_zip_with_a_readable_page_the_photo_and_the_json(anna_client, anna, traces):
    archive = _zip(anna_client)
    assert set(archive.namelist()) == {"uw-gegevens.html", "foto.jpg", "foto-klein.jpg", "gegevens.json"}

    photo = Image.open(io.BytesIO(archive.read("foto.jpg")))
    assert photo.format == "JPEG" and photo.size == (600, 600)
    assert Image.open(io.BytesIO(archive.read("foto-klein.jpg"))).size == (240, 240)

    page = archive.read("uw-gegevens.html").decode()
    assert "<h1>Uw gegevens bij Stevenshof Vitaal</h1>" in page
    for heading in (
        "Uw account",
        "Uw profiel in het smoelenboek",
        "Uw groepen",
        "Activiteiten die u aanmeldde",
        "Berichten die u stuurde met Doe mee",
        "E-mails die wij u stuurden",
    ):
        assert f"<h2>{heading}</h2>" in page
    assert '<img src="foto.jpg"' in page
    assert anna.user.email in page and "Anna Aalbers" in page and "06 12 34 56 78" in page
    assert traces["group"].title in page
    assert "Wandelen in het park" in page and "Breien in de bieb" in page  # her activities, by title
    assert "Ik help graag." in page and "Mag ik meedoen met" in page
    assert "u staat in het smoelenboek" in page and "Goed nieuws" in page
    assert "10-06-2026" in page  # dates the Dutch way, not 2026-06-10T…
    assert "True" not in page and "False" not in page and "None" not in page
    assert "&lt;b&gt;schoffelen&lt;/b&gt;" in page  # what people typed is text, never markup

    data = json.loads(archive.read("gegevens.json"))
    assert data["account"]["e-mailadres"] == anna.user.email
    assert data["profiel"]["naam"] == "Anna Aalbers"
    assert data["profiel"]["foto"] == "foto.jpg"
    assert len(data["aangemelde activiteiten"]) == 2
    assert {m["bericht"] for m in data["aanmeldingen 'Doe mee'"]} == {
        "Ik help graag.",
        "Mag ik meedoen met <b>schoffelen</b>?",
    }
    subjects = [m["onderwerp"] for m in data["e-mails aan u"]]
    assert subjects == ["Stevenshof Vitaal: u staat in het smoelenboek"]


def test_the_download_holds_nothing_of_anyone_else(anna_client, anna, traces):
    archive = _zip(anna_client)
    everything = archive.read("uw-gegevens.html").decode() + archive.read("gegevens.json").decode()
    for other in (
        "Bert",
        "bert@example.org",
        "Bert zijn bericht.",
        "Niet van Anna bewezen.",  # sent with her unverified address: not proven hers
        "Een ander adres dat erop lijkt",
        "beheer@example.org",  # the mail about her went to beheer: not hers to see
        "groen@example.org",
        "password",
        anna.user.password,
    ):
        assert other not in everything, other


def test_a_member_without_a_profile_or_photo_gets_a_download_too(client):
    user = get_user_model().objects.create_user("zonder", "zonder@example.org", PASSWORD)
    client.force_login(user)
    archive = _zip(client)
    assert set(archive.namelist()) == {"uw-gegevens.html", "gegevens.json"}
    page = archive.read("uw-gegevens.html").decode()
    assert "U heeft geen profiel in het smoelenboek." in page
    assert json.loads(archive.read("gegevens.json"))["profiel"] is None


def test_the_json_download_still_holds_everything(anna_client, anna, traces):
    data = json.loads(anna_client.get("/smoelenboek/mijn-profiel/mijn-gegevens.json").content)
    assert data["profiel"]["foto"].startswith("data:image/jpeg;base64,")
    assert len(data["aanmeldingen 'Doe mee'"]) == 2


def test_my_profile_offers_the_zip(anna_client):
    html = anna_client.get("/smoelenboek/mijn-profiel/").content.decode()
    assert f'href="{ZIP_URL}"' in html and "ZIP-bestand" in html


# --- deleting the account ---------------------------------------------------------------------


def test_the_delete_page_asks_for_the_password(anna_client):
    html = anna_client.get(DELETE_URL).content.decode()
    assert 'type="password"' in html and 'autocomplete="current-password"' in html
    assert 'name="csrfmiddlewaretoken"' in html and 'method="post"' in html


@pytest.mark.parametrize(
    ("password", "message"),
    [("fout-wachtwoord", "Dit wachtwoord klopt niet."), ("", "Vul uw wachtwoord in.")],
)
def test_a_wrong_password_deletes_nothing_and_says_so(anna_client, anna, traces, password, message):
    response = anna_client.post(DELETE_URL, {"password": password})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "Er is niets verwijderd." in html
    assert Profile.objects.filter(pk=anna.pk).exists()
    assert get_user_model().objects.filter(pk=anna.user_id).exists()
    assert EventSubmission.objects.filter(pk=traces["submission"].pk).exists()
    assert JoinRequest.objects.filter(pk=traces["join"].pk).exists()
    assert Email.objects.filter(pk=traces["mail_to_anna"].pk).exists()
    assert anna.photo.storage.exists(anna.photo.name)
    assert anna_client.get("/smoelenboek/").status_code == 200  # still logged in


def test_the_old_tick_alone_deletes_nothing(anna_client, anna):
    anna_client.post(DELETE_URL, {"confirm": "on"})
    assert Profile.objects.filter(pk=anna.pk).exists()


def test_delete_only_by_post(anna_client, anna):
    anna_client.get(f"{DELETE_URL}?password={PASSWORD}")
    assert Profile.objects.filter(pk=anna.pk).exists()


def test_the_right_password_removes_or_anonymises_everything_that_names_her(
    anna_client, anna, traces, django_capture_on_commit_callbacks
):
    user = anna.user
    storage = anna.photo.storage
    files = [anna.photo.name, anna.thumbnail.name]
    assert all(storage.exists(name) for name in files)
    phone = Client()  # a second device, still logged in
    phone.force_login(user)
    sessions_before = Session.objects.count()
    logs_naming_her = {type(entry).__name__ for entry in named_in_history("Anna Aalbers")}
    assert logs_naming_her == {"PrivateLogEntry", "ModelLogEntry"}

    with django_capture_on_commit_callbacks(execute=True):
        response = anna_client.post(DELETE_URL, {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/smoelenboek/account-verwijderd/"

    # Her account, its addresses, her profile and both photo files.
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not EmailAddress.objects.filter(user_id=user.pk).exists()
    assert not Profile.objects.filter(pk=anna.pk).exists()
    assert not any(storage.exists(name) for name in files)
    # What she sent: linked to her account or sent with her verified address.
    for key in ("submission", "old_submission"):
        assert not EventSubmission.objects.filter(pk=traces[key].pk).exists()
    for key in ("join", "old_join"):
        assert not JoinRequest.objects.filter(pk=traces[key].pk).exists()
    # The activity an editor published stays, without her: no sender, no owner, no revision author.
    published = traces["published"]
    published.refresh_from_db()
    assert published.live and published.owner_id is None
    assert not Revision.objects.filter(user_id=user.pk).exists()
    assert not EventSubmission.objects.filter(page=published, name__icontains="Anna").exists()
    # The mail log: to her, about her (by address and by phone number); the log rows with them.
    for key in ("mail_to_anna", "mail_about_anna", "mail_with_phone", "moderation_mail"):
        assert not Email.objects.filter(pk=traces[key].pk).exists(), key
    assert not Log.objects.filter(email_id=traces["mail_to_anna"].pk).exists()
    # The admin's history stays, without her name or address.
    assert named_in_history("Anna") == [] and named_in_history(user.email) == []
    assert not ModelLogEntry.objects.filter(data__icontains="Anna").exists()
    assert not LogEntry.objects.filter(object_repr__icontains=user.username).exists()
    # Her other session is gone too.
    assert Session.objects.count() < sessions_before
    assert phone.get("/smoelenboek/").status_code == 302

    # Nobody else's data went with it.
    bert = traces["bert"]
    assert Profile.objects.filter(pk=bert.pk).exists()
    for key in ("bert_join", "unverified_join"):
        assert JoinRequest.objects.filter(pk=traces[key].pk).exists(), key
    assert EventSubmission.objects.filter(pk=traces["bert_submission"].pk).exists()
    for key in ("mail_to_bert", "mail_to_lookalike", "mail_about_a_namesake"):
        assert Email.objects.filter(pk=traces[key].pk).exists(), key
    assert traces["draft"].__class__.objects.filter(pk=traces["draft"].pk).exists()


def test_after_deleting_she_is_logged_out_and_reads_what_happened(anna_client, anna):
    response = anna_client.post(DELETE_URL, {"password": PASSWORD}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Uw account is verwijderd</h1>" in html
    assert "U bent uitgelogd." in html
    assert "uw profiel in het smoelenboek en uw foto" in html
    assert "Activiteiten die u aanmeldde, blijven in de agenda" in html
    assert "reservekopieën" in html  # the backups: said honestly
    assert "al uw gegevens zijn verwijderd" not in html
    assert "_auth_user_id" not in anna_client.session
    assert anna_client.get("/smoelenboek/").status_code == 302
    # The confirmation is shown once, right after deleting; otherwise it is no page at all.
    assert anna_client.get("/smoelenboek/account-verwijderd/")["Location"] == "/"
    assert Client().get("/smoelenboek/account-verwijderd/")["Location"] == "/"


def test_wrong_passwords_are_limited(anna_client, anna, settings):
    settings.ACCOUNT_RATE_LIMITS = {"delete_account": "5/h/user"}
    for _ in range(5):
        assert anna_client.post(DELETE_URL, {"password": "fout"}).status_code == 400
    response = anna_client.post(DELETE_URL, {"password": PASSWORD})  # even the right one now
    assert response.status_code == 429
    html = response.content.decode()
    assert "U heeft het te vaak geprobeerd." in html and "Er is niets verwijderd." in html
    assert Profile.objects.filter(pk=anna.pk).exists()


def test_a_staff_account_cannot_delete_itself_here(client):
    profile = ProfileFactory(user__is_staff=True)
    profile.user.set_password(PASSWORD)
    profile.user.save()
    client.force_login(profile.user)
    client.post(DELETE_URL, {"password": PASSWORD})
    assert Profile.objects.filter(pk=profile.pk).exists()


def test_deleting_an_account_in_the_wagtail_admin_forgets_the_same(
    anna, traces, client, django_capture_on_commit_callbacks
):
    storage = anna.photo.storage
    files = [anna.photo.name, anna.thumbnail.name]
    admin = ProfileFactory(user__is_superuser=True, user__is_staff=True).user
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/users/delete/{anna.user_id}/")
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=anna.user_id).exists()
    assert not any(storage.exists(name) for name in files)
    for model, key in ((JoinRequest, "join"), (JoinRequest, "old_join"), (EventSubmission, "submission")):
        assert not model.objects.filter(pk=traces[key].pk).exists(), key
    assert not Email.objects.filter(pk=traces["mail_about_anna"].pk).exists()
    assert named_in_history("Anna") == []
    assert JoinRequest.objects.filter(pk=traces["bert_join"].pk).exists()


def test_the_privacy_page_says_what_downloading_and_deleting_do(client):
    html = client.get("/privacy/").content.decode()
    assert "ZIP-bestand" in html and "uw foto" in html
    assert "We vragen dan eerst uw wachtwoord." in html
    assert "uw berichten via Doe mee" in html and "de e-mails aan u of over u" in html
    assert "reservekopieën" in html
