"""A volunteer posts news with a photo from a phone; residents see it on the group page
and in the news overview. Public pages pass axe-core at phone width."""

import io
import re

from PIL import Image as PILImage
from playwright.sync_api import expect

from initiatieven.demo import VOLUNTEER_PASSWORD, load_volunteers
from tests.browser.conftest import serious_violations, wider_than_screen


def _photo(tmp_path):
    path = tmp_path / "plantdag.png"
    image = PILImage.new("RGB", (800, 600), (40, 140, 60))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_volunteer_posts_news_with_a_photo_on_a_phone(live_server, phone, tmp_path):
    load_volunteers()
    page = phone
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("vrijwilliger-groen")
    page.locator("#id_password").fill(VOLUNTEER_PASSWORD)
    page.locator("button[type=submit]").click()

    # The dashboard panel starts a news item in the right place.
    page.get_by_role("heading", name="Groen", exact=True).wait_for()
    assert page.get_by_role("heading", name="Voeding", exact=True).count() == 0
    page.get_by_role("link", name="Nieuw bericht").click()
    page.wait_for_url("**/admin/pages/add/initiatieven/newspage/**")

    page.locator("#id_title").fill("Tien nieuwe bomen in de wijk")
    page.locator("#id_intro").fill("Buren plantten samen tien bomen. Kom ze bekijken!")

    # Upload a photo in the chooser.
    page.get_by_role("button", name="Kies een afbeelding").click()
    modal = page.locator(".modal-dialog")
    modal.wait_for()
    upload_tab = modal.get_by_role("tab", name="Uploaden")
    if upload_tab.count():
        upload_tab.click()
    modal.locator("input[type=file]").first.set_input_files(str(_photo(tmp_path)))
    modal.locator("input[name=image-chooser-upload-title]").fill("Plantdag met buren")
    modal.locator("button[type=submit]").filter(has_text="Upload").first.click()
    modal.wait_for(state="hidden")
    page.locator("#id_image_alt").fill("Buren planten samen een boom")

    page.locator(".public-DraftEditor-content").first.click()
    page.keyboard.type("Zaterdag plantten we met twintig buren tien bomen. Dank aan iedereen!")

    # Draftail saves what was typed into its hidden field a moment later.
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile("twintig buren"))
    page.get_by_role("button", name="Publiceren").first.click()
    # The add form's own address matches "/admin/pages/…/" too: wait for the page that was made.
    page.wait_for_url(re.compile(r"/admin/pages/\d+/(edit/)?$"))
    expect(page.get_by_text("Tien nieuwe bomen in de wijk").first).to_be_visible()

    # Residents see it on the group page and in the news overview.
    page.goto(live_server.url + "/initiatieven/groen/")
    news_link = page.get_by_role("link", name="Tien nieuwe bomen in de wijk")
    assert news_link.count() == 1
    page.goto(live_server.url + "/nieuws/")
    assert page.get_by_role("link", name="Tien nieuwe bomen in de wijk").count() == 1
    page.get_by_role("link", name="Tien nieuwe bomen in de wijk").click()
    assert page.locator("h1").inner_text() == "Tien nieuwe bomen in de wijk"
    assert page.locator("img[alt='Buren planten samen een boom']").count() == 1
    assert page.get_by_role("link", name="Naar de pagina van Groen").count() == 1


def test_public_pages_are_accessible_on_a_phone(live_server, phone):
    for path in (
        "/initiatieven/",
        "/initiatieven/?thema=sport-en-bewegen",
        "/initiatieven/groen/",
        "/initiatieven/groen/doe-mee/",
        "/doe-mee/",
        "/nieuws/",
        "/nieuws/?groep=voeding",
        "/initiatieven/dierenweide/lammetjes-geboren/",
    ):
        phone.goto(live_server.url + path)
        assert wider_than_screen(phone) == [], path
        assert serious_violations(phone) == [], path


def test_doe_mee_form_with_keyboard_and_errors(live_server, phone):
    phone.goto(live_server.url + "/initiatieven/groen/")
    phone.get_by_role("link", name="Doe mee met Groen").click()
    phone.get_by_label("Uw naam").fill("Piet Buur")
    phone.get_by_role("button", name="Verstuur").click()
    assert phone.get_by_role("alert").count() >= 1
    assert "Vul uw e-mailadres of uw telefoonnummer in" in phone.content()
    assert phone.get_by_label("Uw naam").input_value() == "Piet Buur"
    assert serious_violations(phone) == []
    phone.get_by_label("Uw telefoonnummer").fill("06 12 34 56 78")
    phone.get_by_role("button", name="Verstuur").click()
    assert phone.locator("h1").inner_text() == "Dank u wel!"
