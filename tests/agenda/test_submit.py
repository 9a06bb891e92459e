"""The form "Activiteit aanmelden": good and bad paths."""

import datetime
import io
import os

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from agenda.models import EventPage, EventSubmission
from stevenshof.settings import base
from tests.home.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/agenda/aanmelden/"


@pytest.fixture
def client(client):
    """Activities are sent in by logged-in members and partners."""
    client.force_login(UserFactory(email="partner@example.org"))
    return client


def good_data(today, **changes):
    data = {
        "title": "Samen puzzelen",
        "summary": "We maken samen een grote puzzel. Koffie staat klaar.",
        "body": "Neem gerust een vriend mee.",
        "start_date": (today + datetime.timedelta(days=7)).isoformat(),
        "start_time": "14:00",
        "end_time": "16:00",
        "repeat": "weekly",
        "repeat_until": (today + datetime.timedelta(days=70)).isoformat(),
        "place": "huis-van-de-buurt",
        "themes": ["samen-en-sociaal"],
        "audience": ["ouderen"],
        "cost": "1,50",
        "organiser": "Puzzelclub",
        "name": "Anna de Vries",
        "email": "anna@example.org",
        "website": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def png(size=(20, 20)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 100, 50)).save(buffer, format="PNG")
    return SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")


def test_the_form_page_is_reachable_and_labelled(client):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'for="id_title"' in html and 'for="id_email"' in html
    assert "private" in response.get("Cache-Control", "") or "no-cache" in response.get("Cache-Control", "")


def test_a_good_submission_becomes_a_draft_in_the_editors_workflow(client, today):
    editor = UserFactory(email="redactie@example.org")
    editor.groups.add(Group.objects.get(name="Agenda-redactie"))
    response = client.post(URL, {**good_data(today), "image": png()})
    assert response.status_code == 302 and response["Location"] == "/agenda/aanmelden/bedankt/"
    page = EventPage.objects.get(title="Samen puzzelen")
    assert not page.live and page.has_unpublished_changes
    assert page.get_latest_revision() is not None
    assert page.get_parent().slug == "agenda"
    assert page.repeat == "weekly" and page.interval == 1 and page.repeat_until
    assert page.audience == ["ouderen"] and str(page.cost) == "1.50"
    assert [t.slug for t in page.themes.all()] == ["samen-en-sociaal"]
    assert page.location.slug == "huis-van-de-buurt" and page.image is not None
    assert "&lt;" not in page.body and "Neem gerust een vriend mee." in page.body
    submission = EventSubmission.objects.get(page=page)
    assert submission.email == "anna@example.org" and submission.organiser == "Puzzelclub"
    assert submission.user.email == "partner@example.org"  # so deleting that account finds it
    # In moderation: the agenda editors' review task waits for it, and Wagtail mails them.
    state = page.current_workflow_state
    assert state.workflow.name == "Aangemelde activiteit nakijken"
    assert state.requested_by.email == "partner@example.org"
    reviewers = state.current_task_state.task.specific.groups.all()
    assert list(reviewers) == [Group.objects.get(name="Agenda-redactie")]
    to_editor = next(m for m in mail.outbox if m.to == ["redactie@example.org"])
    assert "Samen puzzelen" in to_editor.subject
    assert f"/admin/pages/{page.pk}/edit/" in to_editor.body
    to_sender = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    assert "We hebben uw activiteit ontvangen" in to_sender.subject
    # Not in the public agenda yet.
    assert b"Samen puzzelen" not in client.get("/agenda/").content
    assert client.get("/agenda/aanmelden/bedankt/").status_code == 200


def test_an_editor_approves_it_and_it_is_in_the_agenda(client, today):
    from django.test import Client

    editor = UserFactory(email="redactie@example.org")
    editor.groups.add(Group.objects.get(name="Agenda-redactie"))
    client.post(URL, good_data(today))
    page = EventPage.objects.get(title="Samen puzzelen")
    task_state = page.current_workflow_state.current_task_state
    mail.outbox.clear()

    editors = Client()
    editors.force_login(editor)
    approve = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"
    response = editors.post(approve, {"comment": ""})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert b"Samen puzzelen" in Client().get("/agenda/").content
    # The member who sent it in hears that it was approved.
    assert any(m.to == ["partner@example.org"] for m in mail.outbox)


def test_a_sent_in_form_knows_the_member(client):
    html = client.get(URL).content.decode()
    assert 'value="partner@example.org"' in html


def test_extra_addresses_outside_the_admin_get_a_mail_too(client, today, settings):
    settings.AGENDA_EDITOR_EMAILS = ["agenda@bibliotheek.example"]
    client.post(URL, good_data(today))
    page = EventPage.objects.get(title="Samen puzzelen")
    to_extra = next(m for m in mail.outbox if m.to == ["agenda@bibliotheek.example"])
    assert "Anna" in to_extra.body and f"/admin/pages/{page.pk}/edit/" in to_extra.body


def test_html_in_the_text_is_kept_as_text(client, today):
    client.post(URL, good_data(today, body="<script>alert(1)</script>", title="<b>Vet</b>"))
    page = EventPage.objects.get(title="<b>Vet</b>")
    assert "<script>" not in page.body and "&lt;script&gt;" in page.body


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end_time": "13:00"}, "end_time", "De eindtijd ligt vóór de begintijd."),
        ({"start_date": "2020-01-01"}, "start_date", "Deze datum is al voorbij."),
        ({"start_date": "morgen"}, "start_date", "Vul een goede datum in"),
        ({"repeat_until": ""}, "repeat_until", "Het komt vaker terug. Vul in tot en met welke datum."),
        ({"repeat_until": "2020-01-01"}, "repeat_until", "Deze datum ligt vóór de eerste keer."),
        ({"repeat_until": "2099-01-01"}, "repeat_until", "Herhalen kan tot twee jaar vooruit."),
        ({"summary": "x" * 251}, "summary", "Deze tekst is te lang."),
        ({"title": "x" * 81}, "title", "De naam is te lang."),
        ({"title": ""}, "title", "Vul de naam van de activiteit in."),
        ({"online_url": "niet een link", "place": ""}, "online_url", "Deze link klopt niet."),
        ({"online_url": "javascript:alert(1)"}, "online_url", "Deze link klopt niet."),
        ({"place": ""}, "place", "Kies een plek, of vul een link in"),
        ({"place": "anders"}, "place_other", "Vul de plek of het adres in."),
        ({"email": "anna@"}, "email", "Vul een goed e-mailadres in"),
        ({"cost": "veel"}, "cost", "Vul een bedrag in"),
        ({"cost": "-2"}, "cost", "niet minder dan 0"),
        ({"themes": ["bestaat-niet"]}, "themes", ""),
    ],
)
def test_bad_input_gets_a_clear_dutch_message_and_keeps_what_was_typed(
    client, today, changes, field, message
):
    response = client.post(URL, good_data(today, **changes))
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    assert "Er gaat nog iets mis." in html
    assert 'aria-invalid="true"' in html
    assert 'value="Anna de Vries"' in html  # what was typed stays
    assert not EventPage.objects.filter(title="Samen puzzelen").exists()
    assert mail.outbox == []


def test_an_image_that_is_too_large_or_not_an_image(client, today):
    fake = SimpleUploadedFile("foto.jpg", b"this is not an image", content_type="image/jpeg")
    response = client.post(URL, {**good_data(today), "image": fake})
    assert "Dit bestand is geen foto." in " ".join(response.context["form"].errors["image"])
    noise = PILImage.frombytes("RGB", (1400, 1300), os.urandom(1400 * 1300 * 3))
    big = io.BytesIO()
    noise.save(big, format="PNG", compress_level=0)
    assert big.tell() > 5 * 1024 * 1024
    upload = SimpleUploadedFile("groot.png", big.getvalue())
    response = client.post(URL, {**good_data(today), "image": upload})
    assert "Deze foto is te groot." in " ".join(response.context["form"].errors["image"])
    gif = io.BytesIO()
    PILImage.new("RGB", (5, 5)).save(gif, format="GIF")
    response = client.post(URL, {**good_data(today), "image": SimpleUploadedFile("a.gif", gif.getvalue())})
    assert "Dit soort bestand kunnen we niet gebruiken." in " ".join(response.context["form"].errors["image"])
    assert not EventPage.objects.filter(title="Samen puzzelen").exists()


def test_the_honeypot_stops_bots(client, today):
    response = client.post(URL, good_data(today, website="http://spam.example"))
    assert response.status_code == 400
    assert not EventPage.objects.filter(title="Samen puzzelen").exists()
    assert mail.outbox == []


def test_the_rate_limit(client, today, settings, pinned_clock):
    cache.clear()
    settings.ACCOUNT_RATE_LIMITS = {"agenda_submit": base.ACCOUNT_RATE_LIMITS["agenda_submit"]}  # 5 an hour
    for i in range(5):
        assert client.post(URL, good_data(today, title=f"Puzzel {i}")).status_code == 302
    response = client.post(URL, good_data(today, title="Puzzel 6"))
    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw." in response.content.decode()
    assert not EventPage.objects.filter(title="Puzzel 6").exists()
    pinned_clock.shift(3601)
    assert client.post(URL, good_data(today, title="Puzzel 7")).status_code == 302


def test_biweekly_and_monthly_and_online(client, today):
    client.post(URL, good_data(today, title="Om de week", repeat="biweekly"))
    page = EventPage.objects.get(title="Om de week")
    assert page.repeat == "weekly" and page.interval == 2
    client.post(
        URL, good_data(today, title="Online", repeat="", place="", online_url="https://meet.example/a")
    )
    page = EventPage.objects.get(title="Online")
    assert page.location is None and page.online_url == "https://meet.example/a" and not page.repeat


def test_a_title_with_a_line_break_becomes_one_line_and_every_mail_goes_out(client, today, settings):
    """A line break in a title stopped the editors' notification mails (BadHeaderError)."""
    settings.AGENDA_EDITOR_EMAILS = ["redactie@example.org"]
    title = "Samen puzzelen\r\nBcc: iedereen@example.org"
    response = client.post(URL, good_data(today, title=title))
    assert response.status_code == 302
    page = EventPage.objects.get(title="Samen puzzelen Bcc: iedereen@example.org")
    assert page.get_latest_revision_as_object().title == page.title
    subjects = [message.subject for message in mail.outbox]
    assert "Nieuwe activiteit aangemeld: Samen puzzelen Bcc: iedereen@example.org" in subjects
    assert all("\n" not in subject for subject in subjects)
    assert all("iedereen@example.org" not in message.recipients() for message in mail.outbox)


def test_every_page_title_is_one_line(home_page):
    from tests.home.factories import StandardPageFactory

    page = StandardPageFactory(parent=home_page, title="Koffie", slug="koffie")
    page.title = "Koffie\nochtend"
    page.seo_title = "Koffie\r\nochtend in de wijk"
    page.save_revision().publish()
    page.refresh_from_db()
    assert (page.title, page.seo_title) == ("Koffie ochtend", "Koffie ochtend in de wijk")


def test_a_time_the_clock_skips_is_refused_with_the_date(client, pinned_clock):
    """Sunday 28 March 2027 the clock goes from 02:00 to 03:00."""
    from zoneinfo import ZoneInfo

    pinned_clock.move_to(datetime.datetime(2027, 3, 1, 10, tzinfo=ZoneInfo("Europe/Amsterdam")))
    client.force_login(UserFactory(email="maart@example.org"))  # the first login has expired by now
    today = datetime.date(2027, 3, 1)
    once = good_data(today, start_date="2027-03-28", start_time="02:30", end_time="03:30", repeat="")
    response = client.post(URL, once)
    assert response.status_code == 400
    message = " ".join(response.context["form"].errors["start_time"])
    assert "Op zondag 28 maart 2027 bestaat 02:30 niet" in message
    fortnightly = {"start_time": "01:30", "end_time": "02:15", "repeat": "biweekly"}
    response = client.post(URL, good_data(today, start_date="2027-03-14", **fortnightly))
    assert response.status_code == 400
    message = " ".join(response.context["form"].errors["end_time"])
    assert "Deze activiteit is ook op zondag 28 maart 2027. Dan bestaat 02:15 niet" in message
    assert not EventPage.objects.filter(title="Samen puzzelen").exists()
    # A week earlier the series skips that Sunday, and that is fine.
    assert client.post(URL, good_data(today, start_date="2027-03-07", **fortnightly)).status_code == 302
