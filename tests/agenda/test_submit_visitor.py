"""A visitor without an account sends in an activity: the answers wait until the link in the
mail is used, then the activity goes to the editors' review exactly as a member's does."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail, signing
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from agenda import submit
from agenda.models import EventPage, EventSubmission
from stevenshof.settings import base
from tests.agenda.test_submit import URL, good_data, png
from tests.home.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def editor():
    user = UserFactory(email="redactie@example.org", first_name="Rob")
    user.groups.add(Group.objects.get(name="Agenda-redactie"))
    return user


def confirm_link(message):
    return re.search(r"http://testserver(/agenda/aanmelden/bevestig/\S+/)", message.body).group(1)


def test_the_form_is_open_to_visitors_and_offers_a_login_that_comes_back(visitor):
    response = visitor.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'for="id_name"' in html and 'for="id_email"' in html and 'for="id_title"' in html
    assert "Een account heeft u niet nodig." in html
    assert "/accounts/login/?next=/agenda/aanmelden/" in html


def test_a_visitor_confirms_and_the_activity_goes_to_the_editors(
    visitor, editor, today, django_capture_on_commit_callbacks
):
    response = visitor.post(URL, {**good_data(today), "image": png()})
    assert response.status_code == 302 and response["Location"] == "/agenda/aanmelden/kijk-in-uw-e-mail/"
    assert "Kijk in uw e-mail" in visitor.get(response["Location"]).content.decode()
    # Nothing for the editors yet: no page, no workflow, not in their list.
    assert not EventPage.objects.filter(title="Samen puzzelen").exists()
    submission = EventSubmission.objects.get()
    assert not submission.confirmed and submission.user is None
    assert submission.answers["title"] == "Samen puzzelen" and submission.picture.name
    assert list(EventSubmission.objects.for_admin(UserFactory(is_superuser=True))) == []
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    assert message.subject == "Bevestig uw activiteit: Samen puzzelen"
    assert message.body.startswith("Beste Anna de Vries,")
    assert message.reply_to == ["redactie@example.org"]  # the Agenda-redactie group
    assert "Antwoord dan op deze e-mail." in message.body

    link = confirm_link(message)
    page_html = visitor.get(link).content.decode()
    assert "Dag Anna de Vries." in page_html and "Samen puzzelen" in page_html
    assert not EventPage.objects.filter(title="Samen puzzelen").exists()  # looking is not confirming
    mail.outbox.clear()
    response = visitor.post(link)
    assert response.status_code == 302 and response["Location"] == "/agenda/aanmelden/bedankt/"

    page = EventPage.objects.get(title="Samen puzzelen")
    assert not page.live and page.has_unpublished_changes
    assert page.repeat == "weekly" and str(page.cost) == "1.50" and page.audience == ["ouderen"]
    assert [t.slug for t in page.themes.all()] == ["samen-en-sociaal"]
    assert page.location.slug == "huis-van-de-buurt" and page.image is not None
    state = page.current_workflow_state
    assert state.workflow.name == "Aangemelde activiteit nakijken" and state.requested_by is None
    submission.refresh_from_db()
    assert submission.confirmed and submission.page == page
    assert submission.answers == {} and not submission.picture  # kept only until the link
    to_sender = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    assert to_sender.subject == "We hebben uw activiteit ontvangen"
    assert to_sender.body.startswith("Beste Anna de Vries,")
    assert to_sender.reply_to == ["redactie@example.org"]
    assert any(m.to == ["redactie@example.org"] for m in mail.outbox)  # Wagtail's workflow mail
    assert list(EventSubmission.objects.for_admin(UserFactory(is_superuser=True))) == [submission]

    # The editor approves: it is in the agenda, and the visitor hears it (Wagtail only tells
    # an account).
    editors = Client()
    editors.force_login(editor)
    task_state = page.current_workflow_state.current_task_state
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        editors.post(f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""})
    page.refresh_from_db()
    assert page.live
    (told,) = [m for m in mail.outbox if m.to == ["anna@example.org"]]
    assert told.subject == "Uw activiteit staat in de agenda"
    assert told.body.startswith("Beste Anna de Vries,") and page.url in told.body
    assert told.reply_to == ["redactie@example.org"]


def test_a_visitor_hears_when_the_editors_reject_it(
    visitor, editor, today, django_capture_on_commit_callbacks
):
    visitor.post(URL, good_data(today))
    visitor.post(confirm_link(mail.outbox[-1]))
    page = EventPage.objects.get(title="Samen puzzelen")
    editors = Client()
    editors.force_login(editor)
    task_state = page.current_workflow_state.current_task_state
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        editors.post(f"/admin/pages/workflow/action/{page.pk}/reject/{task_state.pk}/", {"comment": "Dubbel"})
    page.refresh_from_db()
    assert not page.live
    (told,) = [m for m in mail.outbox if m.to == ["anna@example.org"]]
    assert told.subject == "Uw activiteit komt niet in de agenda"
    assert "Antwoord dan op deze e-mail." in told.body


def test_confirming_twice_or_sending_twice_makes_one_activity(visitor, today):
    visitor.post(URL, good_data(today))
    visitor.post(URL, good_data(today))  # the back button, or a double tap
    assert EventSubmission.objects.count() == 1
    assert len(mail.outbox) == 2  # the link again, nothing else
    link = confirm_link(mail.outbox[-1])
    assert visitor.post(link).status_code == 302
    assert visitor.post(link)["Location"] == "/agenda/aanmelden/bedankt/"
    assert visitor.get(link)["Location"] == "/agenda/aanmelden/bedankt/"
    assert EventPage.objects.filter(title="Samen puzzelen").count() == 1
    # Sending the confirmed form once more makes nothing either.
    assert visitor.post(URL, good_data(today))["Location"] == "/agenda/aanmelden/bedankt/"
    assert EventPage.objects.filter(title="Samen puzzelen").count() == 1
    assert EventSubmission.objects.count() == 1


def test_a_member_skips_the_confirmation_and_sending_twice_makes_one(client, today):
    member = UserFactory(email="lid@example.org", first_name="Lia", last_name="Lid")
    client.force_login(member)
    assert 'value="Lia Lid"' in client.get(URL).content.decode()
    assert client.post(URL, good_data(today, name="Lia Lid"))["Location"] == "/agenda/aanmelden/bedankt/"
    assert client.post(URL, good_data(today, name="Lia Lid"))["Location"] == "/agenda/aanmelden/bedankt/"
    assert EventPage.objects.filter(title="Samen puzzelen").count() == 1
    submission = EventSubmission.objects.get()
    assert submission.confirmed and submission.user == member
    assert not any("Bevestig" in m.subject for m in mail.outbox)
    received = [m for m in mail.outbox if m.subject == "We hebben uw activiteit ontvangen"]
    assert len(received) == 1 and received[0].body.startswith("Beste Lia Lid,")


def test_staff_skip_the_confirmation_too(client, today):
    client.force_login(UserFactory(email="staf@example.org", is_staff=True))
    client.post(URL, good_data(today))
    assert EventPage.objects.filter(title="Samen puzzelen").exists()


def test_reply_to_is_the_editors_address_when_set(visitor, today, settings):
    settings.AGENDA_EDITOR_EMAILS = ["agenda@stevenshof.example"]
    visitor.post(URL, good_data(today))
    assert mail.outbox[-1].reply_to == ["agenda@stevenshof.example"]
    visitor.post(confirm_link(mail.outbox[-1]))
    to_editors = next(m for m in mail.outbox if m.to == ["agenda@stevenshof.example"])
    assert to_editors.reply_to == ["anna@example.org"]  # the editors answer the sender
    to_sender = next(m for m in mail.outbox if m.to == ["anna@example.org"] and "ontvangen" in m.subject)
    assert to_sender.reply_to == ["agenda@stevenshof.example"]


def test_without_any_editor_address_the_mail_does_not_ask_for_a_reply(visitor, today):
    Group.objects.get(name="Agenda-redactie").user_set.clear()
    visitor.post(URL, good_data(today))
    assert mail.outbox[-1].reply_to == []
    assert "Antwoord" not in mail.outbox[-1].body


def test_an_expired_link_offers_a_new_one_and_nothing_is_lost(visitor, today, pinned_clock):
    visitor.post(URL, good_data(today))
    old_link = confirm_link(mail.outbox[-1])
    pinned_clock.shift(datetime.timedelta(days=7, minutes=1))
    response = visitor.get(old_link)
    html = response.content.decode()
    assert response.status_code == 404
    assert "Deze link werkt niet meer" in html and "uw activiteit is nog bewaard" in html
    assert visitor.post(old_link).status_code == 404  # an old link confirms nothing
    assert not EventPage.objects.filter(title="Samen puzzelen").exists()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    response = visitor.post("/agenda/aanmelden/nieuwe-link/", {"token": token})
    assert response["Location"] == "/agenda/aanmelden/kijk-in-uw-e-mail/"
    new_link = confirm_link(mail.outbox[-1])
    assert new_link != old_link
    # The new week counts from now: tonight's purge keeps it.
    call_command("purge_personal_data", verbosity=0)
    assert visitor.post(new_link).status_code == 302
    assert EventPage.objects.filter(title="Samen puzzelen").exists()


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "",
        signing.dumps({"id": 1, "f": "x"}, salt="some.other.salt"),
        signing.dumps({"id": "1"}, salt=submit.TOKEN_SALT),
        signing.dumps([1], salt=submit.TOKEN_SALT),
        "%3Cscript%3E",
    ],
)
def test_a_forged_link_gets_a_calm_page_that_asks_for_the_address(visitor, today, token):
    visitor.post(URL, good_data(today))
    mail.outbox.clear()
    response = (
        visitor.get(f"/agenda/aanmelden/bevestig/{token}/")
        if token
        else visitor.get("/agenda/aanmelden/bevestig/x/")
    )
    html = response.content.decode()
    assert response.status_code == 404
    assert "Deze link werkt niet meer" in html and 'name="email"' in html and 'name="token"' not in html
    assert "<script>" not in html
    assert not EventPage.objects.exists() or not EventPage.objects.filter(title="Samen puzzelen").exists()
    # Asking by address sends the link again (only to that address); a stranger learns nothing.
    assert visitor.post("/agenda/aanmelden/nieuwe-link/", {"email": "ANNA@example.org"}).status_code == 302
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]
    unknown = visitor.post("/agenda/aanmelden/nieuwe-link/", {"email": "niemand@example.org"})
    assert unknown["Location"] == "/agenda/aanmelden/kijk-in-uw-e-mail/"
    assert len(mail.outbox) == 1


def test_a_token_for_another_submission_with_the_same_id_finds_nothing(visitor, today):
    visitor.post(URL, good_data(today))
    submission = EventSubmission.objects.get()
    forged = signing.dumps({"id": submission.pk, "f": "000000000000"}, salt=submit.TOKEN_SALT)
    assert visitor.post(f"/agenda/aanmelden/bevestig/{forged}/").status_code == 404
    submission.refresh_from_db()
    assert not submission.confirmed


def test_asking_for_new_links_is_limited(visitor, today, settings):
    cache.clear()
    settings.ACCOUNT_RATE_LIMITS = {"agenda_resend": base.ACCOUNT_RATE_LIMITS["agenda_resend"]}
    for _ in range(5):
        visitor.post("/agenda/aanmelden/nieuwe-link/", {"email": "anna@example.org"})
    response = visitor.post("/agenda/aanmelden/nieuwe-link/", {"email": "anna@example.org"})
    assert response.status_code == 429 and "Probeer het over een uur opnieuw." in response.content.decode()


def test_the_form_is_limited_per_client_for_visitors_too(visitor, today, settings):
    cache.clear()
    settings.ACCOUNT_RATE_LIMITS = {"agenda_submit": base.ACCOUNT_RATE_LIMITS["agenda_submit"]}
    for i in range(5):
        assert visitor.post(URL, good_data(today, title=f"Puzzel {i}")).status_code == 302
    response = visitor.post(URL, good_data(today, title="Puzzel 6"))
    assert response.status_code == 429
    assert EventSubmission.objects.count() == 5


def test_unconfirmed_ones_are_purged_after_seven_days_with_their_picture(
    visitor, today, pinned_clock, django_capture_on_commit_callbacks
):
    visitor.post(URL, {**good_data(today), "image": png()})
    unconfirmed = EventSubmission.objects.get()
    storage, name = unconfirmed.picture.storage, unconfirmed.picture.name
    assert storage.exists(name)
    visitor.post(URL, good_data(today, title="Bevestigd"))
    visitor.post(confirm_link(mail.outbox[-1]))
    pinned_clock.shift(datetime.timedelta(days=6))
    call_command("purge_personal_data", verbosity=0)
    assert EventSubmission.objects.count() == 2
    pinned_clock.shift(datetime.timedelta(days=1, minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_personal_data", verbosity=0)
    (kept,) = EventSubmission.objects.all()
    assert kept.confirmed and kept.answers == {}
    assert not storage.exists(name)


def test_a_visitors_activity_is_in_the_download_and_goes_with_the_account(visitor, today):
    from allauth.account.models import EmailAddress

    from smoelenboek import privacy

    visitor.post(URL, good_data(today))  # sent without an account, not confirmed yet
    user = UserFactory(email="anna@example.org")
    EmailAddress.objects.create(user=user, email="anna@example.org", verified=True, primary=True)
    data = privacy.export_data(user)
    text = str(data)
    assert "Samen puzzelen" in text and "nog niet bevestigd" in text
    privacy.forget(user)
    assert not EventSubmission.objects.exists()


def test_bad_input_from_a_visitor_keeps_what_was_typed_and_sends_nothing(visitor, today):
    response = visitor.post(URL, good_data(today, email="anna@", name=""))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vul een goed e-mailadres in" in html and "Vul uw naam in." in html
    assert 'value="Samen puzzelen"' in html
    assert mail.outbox == [] and not EventSubmission.objects.exists()


def test_a_title_with_a_line_break_still_gets_its_confirmation_mail(visitor, today):
    visitor.post(URL, good_data(today, title="Samen\r\nBcc: iedereen@example.org"))
    (message,) = mail.outbox
    assert message.subject == "Bevestig uw activiteit: Samen Bcc: iedereen@example.org"
    assert message.recipients() == ["anna@example.org"]
