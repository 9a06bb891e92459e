"""A member's privacy on a 360 px phone: log in, download all their data (a ZIP with a page to
read, the photo and the JSON), then delete the account, first with a wrong password (nothing is
deleted) and then with the right one, and end logged out on a truthful confirmation."""

import io
import zipfile

import pytest
from allauth.account.models import EmailAddress
from PIL import Image

from agenda.models import EventSubmission
from initiatieven.models import InitiatiefPage, JoinRequest
from smoelenboek.models import Profile
from tests.browser.conftest import open_menu, serious_violations, wider_than_screen
from tests.smoelenboek.conftest import add_photo
from tests.smoelenboek.factories import ProfileFactory

PASSWORD = "geheim-wachtwoord-123"  # noqa: S105 - UserFactory's password
NARROW_PHONE = {"width": 360, "height": 740}


@pytest.fixture
def narrow_phone(browser, demo_site):
    context = browser.new_context(viewport=NARROW_PHONE, locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


def test_download_then_delete_the_account(live_server, narrow_phone, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    phone = narrow_phone
    profile = add_photo(ProfileFactory(name="Wendy Wijkbewoner", user__email="wendy@example.org"))
    user = profile.user
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    group = InitiatiefPage.objects.live().first()
    JoinRequest.objects.create(group=group, name="Wendy", email=user.email, message="Ik kom graag helpen.")
    EventSubmission.objects.create(name="Wendy Wijkbewoner", email=user.email, organiser="Buurtclub")
    photo_files = [profile.photo.name, profile.thumbnail.name]

    # 1. Log in.
    phone.goto(live_server.url + "/accounts/login/")
    phone.get_by_label("E-mail", exact=False).first.fill(user.email)
    phone.get_by_label("Wachtwoord").fill(PASSWORD)
    phone.get_by_role("button", name="Inloggen").click()
    phone.goto(live_server.url + "/smoelenboek/mijn-profiel/")
    assert phone.locator("h1").inner_text() == "Mijn profiel"

    # 2. Download all data: a ZIP with a page to read, the photo and the JSON.
    with phone.expect_download() as download_info:
        phone.get_by_role("link", name="Download al mijn gegevens (ZIP-bestand)").click()
    download = download_info.value
    assert download.suggested_filename == "mijn-gegevens-stevenshof-vitaal.zip"
    archive = zipfile.ZipFile(io.BytesIO(open(download.path(), "rb").read()))  # noqa: SIM115
    assert {"uw-gegevens.html", "foto.jpg", "gegevens.json"} <= set(archive.namelist())
    assert Image.open(io.BytesIO(archive.read("foto.jpg"))).format == "JPEG"
    page = archive.read("uw-gegevens.html").decode()
    assert "Wendy Wijkbewoner" in page and "Ik kom graag helpen." in page and "Buurtclub" in page

    # The readable page opens in the browser too, with the photo beside it.
    folder = tmp_path / "download"
    archive.extractall(folder)
    phone.goto((folder / "uw-gegevens.html").as_uri())
    assert phone.locator("h1").inner_text() == "Uw gegevens bij Stevenshof Vitaal"
    assert phone.locator("img").evaluate("img => img.naturalWidth") == 600
    assert wider_than_screen(phone) == []
    assert serious_violations(phone) == []

    # 3. Delete the account: a wrong password first deletes nothing.
    phone.goto(live_server.url + "/smoelenboek/mijn-profiel/")
    phone.get_by_role("link", name="Verwijder mijn account").click()
    assert phone.locator("h1").inner_text() == "Account verwijderen"
    assert wider_than_screen(phone) == []
    assert serious_violations(phone) == []
    phone.get_by_label("Uw wachtwoord").fill("niet-mijn-wachtwoord")
    phone.get_by_role("button", name="Verwijder mijn account").click()
    assert "Dit wachtwoord klopt niet. Er is niets verwijderd." in phone.locator("main").inner_text()
    assert phone.get_by_label("Uw wachtwoord").input_value() == ""  # a password is never sent back
    assert Profile.objects.filter(pk=profile.pk).exists()
    assert wider_than_screen(phone) == []
    assert serious_violations(phone) == []

    # 4. The right password: everything goes, she is logged out and reads what happened.
    phone.get_by_label("Uw wachtwoord").fill(PASSWORD)
    phone.get_by_role("button", name="Verwijder mijn account").click()
    assert phone.locator("h1").inner_text() == "Uw account is verwijderd"
    main = phone.locator("main").inner_text()
    assert "U bent uitgelogd." in main and "uw profiel in het smoelenboek en uw foto" in main
    assert wider_than_screen(phone) == []
    assert serious_violations(phone) == []
    open_menu(phone)
    assert phone.get_by_role("link", name="Inloggen").count() >= 1  # the header: logged out
    assert not Profile.objects.filter(pk=profile.pk).exists()
    assert not JoinRequest.objects.filter(email=user.email).exists()
    assert not EventSubmission.objects.filter(email=user.email).exists()
    assert not any(profile.photo.storage.exists(name) for name in photo_files)

    # Logged out for real: the smoelenboek asks to log in; the confirmation does not come back.
    phone.goto(live_server.url + "/smoelenboek/")
    assert phone.locator("h1").inner_text() == "Inloggen"
    phone.goto(live_server.url + "/smoelenboek/account-verwijderd/")
    assert phone.url == live_server.url + "/"
