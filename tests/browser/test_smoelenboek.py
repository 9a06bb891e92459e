"""The smoelenboek journey on a phone: sign up, confirm the e-mail, wait for approval, beheer
approves in the Wagtail admin, then the new professional finds the welfare coach for
"Samen en sociaal" and taps to mail her. Anonymous visitors only ever see the login page."""

import re

from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail

from smoelenboek.models import Profile
from tests.browser.conftest import open_menu, serious_violations, wider_than_screen
from tests.home.factories import UserFactory

PASSWORD = "Lange-zin-als-wachtwoord-42"


def test_anonymous_visitors_get_the_login_page(live_server, phone):
    samira = Profile.objects.get(name="Samira el Amrani")
    for path in (
        f"/smoelenboek/{samira.pk}/",
        f"/smoelenboek/foto/{samira.pk}/groot.jpg",
        "/smoelenboek/foto/9999/klein.jpg",
    ):
        phone.goto(live_server.url + path)
        assert phone.locator("h1").inner_text() == "Inloggen", path
        assert "/accounts/login/" in phone.url
    assert "Samira" not in phone.content()
    assert wider_than_screen(phone) == []
    assert serious_violations(phone) == []


def test_sign_up_approval_and_finding_the_welfare_coach(live_server, browser, phone):
    samira = Profile.objects.get(name="Samira el Amrani")
    Profile.objects.filter(pk=samira.pk).update(phone_visibility="niemand")  # she shares her e-mail only
    beheerder = UserFactory(username="beheerder", email="beheer@example.org")
    beheerder.groups.add(Group.objects.get(name=settings.SMOELENBOEK_BEHEER_GROUP))
    mail.outbox.clear()

    # 1. Sign up.
    phone.goto(live_server.url + "/")
    open_menu(phone)
    phone.get_by_role("link", name="Inloggen").click()
    phone.get_by_role("link", name="Nog geen account? Meld u aan").click()
    assert phone.locator("h1").inner_text() == "Aanmelden voor het smoelenboek"
    assert serious_violations(phone) == []
    phone.get_by_label("Uw naam").fill("Petra Professional")
    phone.get_by_label("E-mail", exact=False).first.fill("petra@example.org")
    phone.locator("#id_password1").fill(PASSWORD)
    phone.locator("#id_password2").fill(PASSWORD)
    phone.get_by_role("button", name="Aanmelden").click()
    assert phone.locator("h1").inner_text() == "Kijk in uw e-mail"
    assert serious_violations(phone) == []

    # 2. The link in the verification mail.
    message = next(m for m in mail.outbox if m.to == ["petra@example.org"])
    link = re.search(r"(/accounts/confirm-email/\S+)", message.body).group(1)
    phone.goto(live_server.url + link)
    phone.get_by_role("button", name="Ja, dit is mijn e-mailadres").click()

    # 3. Logged in and back on the home page where she tapped "Inloggen", greeted by name.
    assert phone.url == live_server.url + "/"
    assert "U bent ingelogd. Welkom, Petra Professional." in phone.content()
    # The smoelenboek waits for approval; she fills in her profile meanwhile.
    phone.goto(live_server.url + "/smoelenboek/")
    assert phone.locator("h1").inner_text() == "Uw aanmelding wacht op goedkeuring"
    assert "Bedankt voor uw aanmelding, Petra Professional!" in phone.content()
    assert "Samira" not in phone.content()
    assert wider_than_screen(phone) == []
    assert serious_violations(phone) == []
    assert any(m.to == ["beheer@example.org"] for m in mail.outbox)
    phone.get_by_role("link", name="Naar mijn profiel").click()
    phone.get_by_label("Professional", exact=True).check()
    phone.get_by_label("Bij welke organisatie werkt u?").select_option(label="Gemeente Leiden")
    phone.get_by_label("Wat is uw functie?").fill("Beleidsmedewerker gezondheid")
    phone.get_by_label("Ik heb dit gelezen. Ik wil in het smoelenboek staan.").check()
    phone.get_by_role("button", name="Opslaan").click()
    assert "Uw gegevens zijn opgeslagen." in phone.content()
    assert wider_than_screen(phone) == []
    assert serious_violations(phone) == []

    # 4. Beheer approves in the Wagtail admin.
    admin_context = browser.new_context(viewport={"width": 1200, "height": 900})
    admin = admin_context.new_page()
    admin.goto(live_server.url + "/admin/login/")
    admin.fill("input[name=username]", "beheerder")
    admin.fill("input[name=password]", "geheim-wachtwoord-123")
    admin.locator("form button[type=submit]").first.click()
    admin.wait_for_url("**/admin/")
    admin.goto(live_server.url + "/admin/snippets/smoelenboek/profile/?status=aangemeld")
    admin.get_by_role("link", name="Petra Professional").first.click()
    admin.locator("select[name=status]").select_option("goedgekeurd")
    admin.locator("button.action-save").first.click()
    admin.wait_for_url("**/admin/snippets/smoelenboek/profile/")
    admin_context.close()
    petra = Profile.objects.get(name="Petra Professional")
    assert petra.status == "goedgekeurd"
    assert any(m.to == ["petra@example.org"] and "goedgekeurd" in m.body for m in mail.outbox)

    # 5. She finds the welfare coach for "Samen en sociaal" and taps to mail her.
    phone.goto(live_server.url + "/")
    open_menu(phone).get_by_role("link", name="Smoelenboek").click()
    assert phone.locator("h1").inner_text() == "Smoelenboek"
    assert serious_violations(phone) == []
    phone.get_by_label("Wie zoekt u?").select_option("professional")
    phone.get_by_label("Thema", exact=True).select_option(label="Samen en sociaal")
    phone.get_by_label("Organisatie", exact=True).select_option(label="Incluzio")
    phone.get_by_role("button", name="Zoek").last.click()
    assert "We vonden 2 personen." in phone.content()
    phone.get_by_role("link", name=re.compile("Samira el Amrani")).click()
    assert phone.locator("h1").inner_text() == "Samira el Amrani"
    mail_link = phone.get_by_role("link", name=re.compile("Mail Samira el Amrani"))
    assert mail_link.get_attribute("href") == f"mailto:{samira.contact_email}"
    box = mail_link.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    # Only what she chose to show: no phone number.
    assert phone.locator("main a[href^='tel:']").count() == 0
    assert samira.phone not in phone.locator("main").inner_text()
    assert wider_than_screen(phone) == []
    assert serious_violations(phone) == []
    mail_link.click()
    assert phone.url.endswith(f"/smoelenboek/{samira.pk}/")  # a mailto link leaves the page alone


def test_smoelenboek_works_at_320px_without_javascript(live_server, browser, demo_site):
    from allauth.account.models import EmailAddress

    user = UserFactory(email="lid@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Profile.objects.create(
        user=user, site_id=Profile.objects.first().site_id, name="Lid Zonder Script", status="goedgekeurd"
    )
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-mail", exact=False).first.fill("lid@example.org")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    assert page.locator("h1").inner_text() == "Smoelenboek"
    assert "Gezondheidsbevorderaar" in page.content()  # long job titles fit their cards
    for width in (375, 320):  # two columns of cards, then one
        page.set_viewport_size({"width": width, "height": 640})
        assert wider_than_screen(page) == [], width
        cards = "Array.from(document.querySelectorAll('.face > a'))"
        assert page.evaluate(cards + ".filter(a => a.scrollWidth > a.clientWidth).length") == 0, width
    page.get_by_label("Zoek op naam, organisatie, functie of onderwerp").fill("Dierenweide")
    page.get_by_role("button", name="Zoek").last.click()
    assert "Henk de Graaf" in page.content()
    for path in ("/smoelenboek/", "/smoelenboek/mijn-profiel/", "/accounts/password/change/"):
        page.goto(live_server.url + path)
        assert wider_than_screen(page) == [], path
    context.close()


def test_account_pages_and_form_errors_are_accessible(live_server, phone):
    from allauth.account.models import EmailAddress

    for path in ("/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"):
        phone.goto(live_server.url + path)
        phone.locator("main form button[type=submit]").first.click()  # empty form: errors shown
        assert phone.locator(".field-error").count() >= 1, path
        assert wider_than_screen(phone) == [], path
        assert serious_violations(phone) == [], path

    user = UserFactory(email="fouten@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Profile.objects.create(
        user=user, site_id=Profile.objects.first().site_id, name="Fouten Fien", status="goedgekeurd"
    )
    phone.goto(live_server.url + "/accounts/login/")
    phone.get_by_label("E-mail", exact=False).first.fill("fouten@example.org")
    phone.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    phone.get_by_role("button", name="Inloggen").click()
    phone.goto(live_server.url + "/smoelenboek/mijn-profiel/")
    phone.get_by_label("Professional", exact=True).check()
    phone.get_by_label("Alle goedgekeurde leden van het smoelenboek").first.check()
    phone.get_by_label("E-mailadres voor andere leden").fill("")
    phone.get_by_role("button", name="Opslaan").click()
    assert "Kies de organisatie waar u werkt." in phone.content()
    assert "Vul een e-mailadres in." in phone.content()
    assert phone.get_by_label("Uw naam").input_value() == "Fouten Fien"
    assert wider_than_screen(phone) == []
    assert serious_violations(phone) == []
    for path in ("/smoelenboek/mijn-profiel/verwijderen/", "/accounts/email/", "/accounts/password/change/"):
        phone.goto(live_server.url + path)
        assert wider_than_screen(phone) == [], path
        assert serious_violations(phone) == [], path
