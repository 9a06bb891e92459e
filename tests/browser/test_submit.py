"""A resident sends in an activity, on a phone (360 px): without an account (confirmed by the
link in the mail, then an agenda editor sees it in review), logged in (no link), and every login
or sign-up on the way comes back to where the person was."""

import datetime
import re
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from agenda.models import EventPage, EventSubmission
from smoelenboek.models import Profile, Status
from tests.browser.conftest import open_menu, serious_violations, wider_than_screen
from tests.home.factories import UserFactory

PHONE_360 = {"width": 360, "height": 780}
PASSWORD = "Lange-zin-als-wachtwoord-42"
FORM = "/agenda/aanmelden/"


def _phone(browser):
    context = browser.new_context(viewport=PHONE_360, locale="nl-NL")
    return context, context.new_page()


def _local(live_server, url):
    """A link from a mail (to the site's own address) on the test server."""
    parts = urlsplit(url)
    return live_server.url + parts.path + (f"?{parts.query}" if parts.query else "")


def _fill_activity(page, title, name=None, email=None):
    day = timezone.localdate() + datetime.timedelta(days=10)
    page.get_by_label("Naam van de activiteit").fill(title)
    page.get_by_label("Wat gaat u doen?").fill("We spelen samen een spel. Iedereen is welkom.")
    page.locator("#id_start_date").fill(day.isoformat())
    page.get_by_label("Begintijd").fill("14:00")
    page.get_by_label("Waar is het?").select_option(label="Huis van de Buurt")
    page.get_by_label("Wie organiseert het?").fill("Spelclub Stevenshof")
    if name is not None:
        page.get_by_label("Uw naam").fill(name)
    if email is not None:
        page.get_by_label("Uw e-mailadres").fill(email)
    page.get_by_role("button", name="Verstuur").click()


FACTORY_PASSWORD = "geheim-wachtwoord-123"  # noqa: S105 - UserFactory's test password


def _log_in(page, email):
    page.get_by_label("E-mail", exact=False).first.fill(email)
    page.get_by_label("Wachtwoord").fill(FACTORY_PASSWORD)
    page.locator("main").get_by_role("button", name="Inloggen").click()


def test_a_visitor_sends_an_activity_confirms_it_and_an_editor_sees_it(live_server, browser, demo_site):
    editor = UserFactory(username="redacteur", email="redactie@example.org", first_name="Rob")
    editor.groups.add(Group.objects.get(name="Agenda-redactie"))
    mail.outbox.clear()
    context, page = _phone(browser)

    page.goto(live_server.url + "/agenda/")
    page.locator("main").get_by_role("link", name=re.compile("Activiteit aanmelden")).first.click()
    assert page.url.endswith(FORM)
    assert "Een account heeft u niet nodig." in page.locator("main").inner_text()
    assert wider_than_screen(page) == []
    _fill_activity(page, "Sjoelen voor iedereen", name="Mevrouw de Vries", email="devries@example.org")
    assert page.locator("h1").inner_text() == "Kijk in uw e-mail"
    assert wider_than_screen(page) == []
    assert serious_violations(page) == []
    assert not EventPage.objects.filter(title="Sjoelen voor iedereen").exists()

    (message,) = [m for m in mail.outbox if m.to == ["devries@example.org"]]
    assert message.body.startswith("Beste Mevrouw de Vries,")
    assert message.reply_to == ["redactie@example.org"]
    link = re.search(r"http\S+/agenda/aanmelden/bevestig/\S+/", message.body).group(0)
    page.goto(_local(live_server, link))
    assert page.locator("h1").inner_text() == "Bevestig uw activiteit"
    assert serious_violations(page) == []
    page.get_by_role("button", name="Ja, stuur mijn activiteit").click()
    assert page.locator("h1").inner_text() == "Dank u wel!"
    event = EventPage.objects.get(title="Sjoelen voor iedereen")
    assert not event.live
    # The link again: nothing twice.
    page.goto(_local(live_server, link))
    assert page.locator("h1").inner_text() == "Dank u wel!"
    assert EventPage.objects.filter(title="Sjoelen voor iedereen").count() == 1
    context.close()

    # The editor, on her phone, finds it waiting for her review in the admin.
    context, admin = _phone(browser)
    admin.goto(live_server.url + "/admin/login/")
    admin.fill("input[name=username]", "redacteur")
    admin.fill("input[name=password]", FACTORY_PASSWORD)
    admin.locator("form button[type=submit]").first.click()
    admin.wait_for_url("**/admin/")
    review = admin.locator("main").get_by_role("link", name=re.compile("Sjoelen voor iedereen")).first
    review.click()
    admin.wait_for_url(f"**/admin/pages/{event.pk}/edit/")
    assert "Nakijken door de agenda-redactie" in admin.content()
    context.close()


def test_a_logged_in_member_sends_one_without_a_confirmation(live_server, browser, demo_site):
    user = UserFactory(email="lid@example.org", first_name="Lotte", last_name="Lid")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    mail.outbox.clear()
    context, page = _phone(browser)
    page.goto(live_server.url + FORM)
    page.locator("main").get_by_role("link", name="Log dan eerst in").click()
    _log_in(page, "lid@example.org")
    assert page.url.endswith(FORM)
    assert "Welkom, Lotte." in page.locator("main").inner_text() or "Welkom, Lotte." in page.content()
    assert page.get_by_label("Uw e-mailadres").input_value() == "lid@example.org"
    _fill_activity(page, "Kaartmiddag")
    assert page.locator("h1").inner_text() == "Dank u wel!"
    assert wider_than_screen(page) == []
    event = EventPage.objects.get(title="Kaartmiddag")
    assert event.current_workflow_state.requested_by == user
    assert EventSubmission.objects.get(page=event).user == user
    assert not any("Bevestig" in m.subject for m in mail.outbox)
    context.close()


def test_inloggen_on_an_event_page_comes_back_to_that_page(live_server, browser, demo_site):
    user = UserFactory(email="buur@example.org", first_name="Bram")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    event = EventPage.objects.live().filter(location__isnull=False).first()
    path = event.url
    context, page = _phone(browser)
    page.goto(live_server.url + path)
    open_menu(page)  # on a phone the login link sits behind "Menu"
    page.locator("header").get_by_role("link", name="Inloggen").click()
    assert page.locator("h1").inner_text() == "Inloggen"
    _log_in(page, "buur@example.org")
    assert urlsplit(page.url).path == path
    assert "U bent ingelogd. Welkom, Bram." in page.content()
    assert "buur@example.org" not in page.locator("body").inner_text()
    assert wider_than_screen(page) == []
    context.close()


def test_a_new_member_signs_up_from_the_form_and_is_back_at_the_form(live_server, browser, demo_site):
    mail.outbox.clear()
    context, page = _phone(browser)
    page.goto(live_server.url + FORM)
    page.locator("main").get_by_role("link", name="Log dan eerst in").click()
    page.get_by_role("link", name="Nog geen account? Meld u aan").click()
    assert page.locator("h1").inner_text() == "Aanmelden voor het smoelenboek"
    page.get_by_label("Uw naam").fill("Nina Nieuw")
    page.get_by_label("E-mail", exact=False).first.fill("nina@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    assert page.locator("h1").inner_text() == "Kijk in uw e-mail"

    message = next(m for m in mail.outbox if m.to == ["nina@example.org"])
    assert message.body.startswith("Hallo Nina Nieuw,")
    link = re.search(r"http\S+/accounts/confirm-email/\S+", message.body).group(0)
    page.goto(_local(live_server, link))
    page.get_by_role("button", name="Ja, dit is mijn e-mailadres").click()

    # Back at the form, logged in, while the smoelenboek still waits for approval.
    assert urlsplit(page.url).path == FORM
    assert page.locator("h1").inner_text() == "Activiteit aanmelden"
    assert "Welkom, Nina Nieuw." in page.content()
    assert Profile.objects.get(user__email="nina@example.org").status == Status.PENDING
    assert page.get_by_label("Uw e-mailadres").input_value() == "nina@example.org"
    assert wider_than_screen(page) == []
    assert serious_violations(page) == []
    _fill_activity(page, "Breicafé")
    assert page.locator("h1").inner_text() == "Dank u wel!"
    assert EventPage.objects.filter(title="Breicafé").exists()
    context.close()
