"""Journeys of issue 12 at phone width: a member sends an activity with a file that only looks
like a photo, then a real photo; a group's volunteer adds an activity in the admin and can
only name their own group."""

import datetime
import io

from django.utils import timezone
from PIL import Image

from agenda.models import EventPage
from initiatieven.models import InitiatiefPage
from tests.browser.test_agenda import log_in_on_the_way
from tests.home.factories import UserFactory


def test_a_member_sends_an_activity_with_a_fake_then_a_real_photo(live_server, phone, tmp_path):
    fake = tmp_path / "steal.html"
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30)).save(buffer, format="PNG")
    fake.write_bytes(buffer.getvalue() + b"<script>alert(document.cookie)</script>")
    real = tmp_path / "buurtfeest.jpg"
    Image.new("RGB", (800, 600), (30, 140, 60)).save(real, format="JPEG")

    phone.goto(live_server.url + "/agenda/aanmelden/")
    log_in_on_the_way(phone, "lid@example.org")
    day = timezone.localdate() + datetime.timedelta(days=10)
    phone.get_by_label("Naam van de activiteit").fill("Buurtfeest aan het water")
    phone.get_by_label("Wat gaat u doen?").fill("Muziek, soep en spelletjes voor jong en oud.")
    phone.get_by_label("Datum").first.fill(day.isoformat())
    phone.get_by_label("Wie organiseert het?").fill("Bewonerscommissie")
    phone.get_by_label("Uw naam").fill("Anna de Vries")
    phone.get_by_label("Waar is het?").select_option("huis-van-de-buurt")
    phone.locator("input[type=file]").set_input_files(str(fake))
    phone.get_by_role("button", name="Verstuur").click()
    main = phone.locator("main").inner_text()
    assert "Dit soort bestand kunnen we niet gebruiken." in main
    assert phone.get_by_label("Naam van de activiteit").input_value() == "Buurtfeest aan het water"
    assert not EventPage.objects.filter(title="Buurtfeest aan het water").exists()

    phone.locator("input[type=file]").set_input_files(str(real))
    phone.get_by_role("button", name="Verstuur").click()
    main = phone.locator("main").inner_text()
    assert "ontvangen" in main.lower(), main
    image = EventPage.objects.get(title="Buurtfeest aan het water").image
    assert image.file.name.endswith(".jpg") and "buurtfeest" not in image.file.name
    # The stored file is a picture (the live server's own media handler serves it here; the
    # headers of stevenshof/media.py and nginx are tested in tests/stevenshof).
    response = phone.request.get(live_server.url + image.file.url)
    assert response.headers["content-type"] == "image/jpeg"


def test_a_volunteer_can_only_name_their_own_group(live_server, phone):
    groen = InitiatiefPage.objects.get(slug="groen")
    volunteer = UserFactory(username="anke", password="geheim-wachtwoord-123")
    volunteer.groups.add(groen.editor_group)
    phone.goto(live_server.url + "/admin/login/")
    phone.fill("input[name=username]", "anke")
    phone.fill("input[name=password]", "geheim-wachtwoord-123")
    phone.click("button[type=submit]")
    phone.wait_for_url("**/admin/")
    phone.goto(f"{live_server.url}/admin/pages/add/agenda/eventpage/{groen.pk}/")
    options = phone.locator("select[name=organiser_group] option").all_inner_texts()
    assert options == ["Geen groep", groen.title]
