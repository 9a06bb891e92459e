"""The editor's side in the Wagtail admin: the edition as a snippet, its preview exactly as it
arrives (HTML and text), a test to oneself, schedule or send (once), the stats afterwards, and
the weekly round that cron starts."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from nieuwsbrief.models import Edition
from tests.home.factories import UserFactory

from .factories import EditionFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = UserFactory(email="redactie@example.org", is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


@pytest.fixture
def edition():
    edition = EditionFactory(intro="Welkom bij de eerste nieuwsbrief.")
    return edition


def test_listing_edit_and_preview(client, editor, edition):
    listing = client.get("/admin/snippets/nieuwsbrief/edition/").content.decode()
    assert edition.subject in listing
    assert "Testen en versturen" in listing
    edit = client.get(f"/admin/snippets/nieuwsbrief/edition/edit/{edition.pk}/")
    assert edit.status_code == 200
    assert "Testen en versturen" in edit.content.decode()
    html = client.get(f"/admin/nieuwsbrief/{edition.pk}/voorbeeld/html/")
    assert html["Content-Type"].startswith("text/html")
    assert "Welkom bij de eerste nieuwsbrief." in html.content.decode()
    assert 'width="600"' in html.content.decode()
    text = client.get(f"/admin/nieuwsbrief/{edition.pk}/voorbeeld/tekst/")
    assert text["Content-Type"].startswith("text/plain")
    assert text.content.decode().startswith(f"Onderwerp: {edition.subject}")


def test_the_send_page_and_a_test_to_oneself(client, editor, edition):
    page = client.get(f"/admin/nieuwsbrief/{edition.pk}/versturen/").content.decode()
    assert "Stuur een test naar mij" in page and "Nu versturen" in page and "Inplannen" in page
    response = client.post(f"/admin/nieuwsbrief/{edition.pk}/versturen/doe/", {"action": "test"}, follow=True)
    assert "De test is verstuurd naar redactie@example.org" in response.content.decode()
    (test,) = mail.outbox
    assert test.subject == f"[Test] {edition.subject}"
    assert test.to == ["redactie@example.org"]
    assert test.alternatives[0][1] == "text/html"
    assert Edition.objects.get(pk=edition.pk).status == "draft"


def test_send_now_once_then_the_stats(client, editor, edition, run_worker, settings):
    settings.NIEUWSBRIEF_RATE_PER_MINUTE = 100_000
    readers = SubscriberFactory.create_batch(3)
    act = f"/admin/nieuwsbrief/{edition.pk}/versturen/doe/"
    client.post(act, {"action": "send_now"})
    client.post(act, {"action": "send_now"})  # a double click before the worker started: one chain
    run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in readers)
    client.post(f"/nieuwsbrief/afmelden/{readers[0].token}/")
    page = client.get(f"/admin/nieuwsbrief/{edition.pk}/versturen/").content.decode()
    assert "Hoe ging het versturen?" in page
    assert "<th scope=\"row\">Verstuurd</th><td>3</td>" in page
    assert "<th scope=\"row\">Afgemeld sinds het versturen</th><td>1</td>" in page
    third = client.post(act, {"action": "send_now"}, follow=True).content.decode()
    assert "wordt al verstuurd of is al verstuurd" in third
    assert len(mail.outbox) == 3


def test_schedule_and_unschedule(client, editor, edition):
    act = f"/admin/nieuwsbrief/{edition.pk}/versturen/doe/"
    when = timezone.localtime(edition.scheduled_at)
    client.post(act, {"action": "schedule", "when": when.strftime("%Y-%m-%dT%H:%M")})
    edition.refresh_from_db()
    assert edition.status == "scheduled"
    task = DBTaskResult.objects.get(task_path="nieuwsbrief.tasks.send_edition")
    assert task.run_after == edition.scheduled_at
    client.post(act, {"action": "unschedule"})
    edition.refresh_from_db()
    assert edition.status == "draft"


def test_a_mail_server_that_is_down_shows_in_the_admin(client, editor, edition, run_worker, settings):
    settings.NIEUWSBRIEF_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nobody listens
    SubscriberFactory()
    client.post(f"/admin/nieuwsbrief/{edition.pk}/versturen/doe/", {"action": "send_now"})
    run_worker()
    page = client.get(f"/admin/nieuwsbrief/{edition.pk}/versturen/").content.decode()
    assert "De mailserver werkt niet" in page
    assert "Nieuwe poging om" in page
    assert "<th scope=\"row\">Wacht nog</th><td>1</td>" in page


def test_an_editor_without_the_send_permission_may_test_but_not_send(client, edition):
    user = UserFactory(email="schrijver@example.org")
    for codename in ("access_admin", "change_edition"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    client.force_login(user)
    act = f"/admin/nieuwsbrief/{edition.pk}/versturen/doe/"
    refused = client.post(act, {"action": "send_now"})
    assert refused.status_code in (302, 403) and refused.get("Location", "/admin/") == "/admin/"
    assert "Nu versturen" not in client.get(f"/admin/nieuwsbrief/{edition.pk}/versturen/").content.decode()
    assert Edition.objects.get(pk=edition.pk).status == "draft"


def test_one_edition_per_week_also_by_hand(edition):
    from django.core.exceptions import ValidationError

    other = Edition(subject="Nog een", scheduled_at=edition.scheduled_at + datetime.timedelta(hours=2))
    with pytest.raises(ValidationError, match="één nieuwsbrief per week"):
        other.full_clean()


def test_the_cron_command_queues_the_round_or_runs_it(fixed_week):
    out = StringIO()
    call_command("nieuwsbrief", stdout=out)
    assert DBTaskResult.objects.filter(task_path="nieuwsbrief.tasks.weekly_round").count() == 1
    # The pinned Wednesday is a day before the default send day (Thursday 08:00).
    call_command("nieuwsbrief", "--now", stdout=out)
    assert "1 concept(en) gemaakt" in out.getvalue()
    edition = Edition.objects.get()
    moment = timezone.localtime(edition.scheduled_at)
    assert (moment.weekday(), moment.time()) == (3, datetime.time(8))
    assert edition.items.exists()


def test_an_edition_made_by_hand_starts_with_the_weeks_pages(client, editor):
    when = timezone.localtime(timezone.now() + datetime.timedelta(days=14)).replace(hour=8, minute=0)
    response = client.post(
        "/admin/snippets/nieuwsbrief/edition/add/",
        {
            "subject": "Extra nieuwsbrief",
            "intro": "",
            "spotlight_theme": "",
            "scheduled_at": when.strftime("%Y-%m-%d %H:%M"),
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    edition = Edition.objects.get(subject="Extra nieuwsbrief")
    assert edition.items.exists()
    assert edition.site.is_default_site


def test_a_subject_pasted_with_a_line_break_becomes_one_line(edition):
    edition.subject = "Deze week\nin de wijk "
    edition.save()
    assert Edition.objects.get(pk=edition.pk).subject == "Deze week in de wijk"
