"""Issue 14, walked on a 360 px phone: Mevrouw de Vries looks for something to do in the coming
week on a Sunday evening, filters, calls the organiser and finds the door; Ahmed subscribes to one
group's activities."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import serious_violations, wider_than_screen

SMALL_PHONE = {"width": 360, "height": 740}


@pytest.fixture
def small_phone(browser, demo_site):
    context = browser.new_context(viewport=SMALL_PHONE, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def sunday_evening(pinned_clock):
    """The next Sunday, 21:00 in Leiden (the calendar week ends in three hours)."""
    today = timezone.localdate()
    sunday = today + datetime.timedelta(days=(6 - today.weekday()) or 7)
    moment = timezone.make_aware(datetime.datetime.combine(sunday, datetime.time(21)))
    pinned_clock.move_to(moment)
    assert timezone.localdate().weekday() == 6
    return sunday


def first_result_on_first_screen(page):
    """The first result starts on the first screen, and no filter form comes before it."""
    page.evaluate("window.scrollTo(0, 0)")
    top = page.locator(".agenda-item").first.bounding_box()["y"]
    return top < SMALL_PHONE["height"] and not page.locator(".agenda-filters__form").is_visible()


def test_mevrouw_de_vries_finds_something_this_week_calls_and_finds_the_door(
    live_server, small_phone, sunday_evening
):
    from agenda.models import Location

    # The editors filled in the Huis van de Buurt (the demo leaves out what it does not know).
    place = Location.objects.get(slug="huis-van-de-buurt")
    place.street, place.postcode = "Kerkstraat 12", "2331 AB"
    place.entrance, place.step_free = "Aan de voorkant, bij de fietsen.", True
    place.bus_stop = "Halte Kerkstraat, 2 minuten lopen."
    place.save()
    phone = small_phone

    # Her old link ("Deze week") now means the coming seven days, also on a Sunday evening.
    phone.goto(live_server.url + "/agenda/?wanneer=week&voor=ouderen&gratis=on")
    assert "We vonden niets" not in phone.locator("main").inner_text()
    assert phone.locator(".agenda-item").count() > 0

    # From the plain agenda: one filter in the panel, then the results come first.
    phone.goto(live_server.url + "/agenda/")
    phone.get_by_text("Zoek uit").click()
    phone.get_by_label("Voor wie").select_option("ouderen")
    phone.get_by_label("Alleen gratis").check()
    phone.get_by_role("button", name="Toon activiteiten").click()
    phone.wait_for_url(re.compile(r".*voor=ouderen.*"))
    assert phone.locator("details.agenda-filters").get_attribute("open") is None  # folded
    assert "Filters: Ouderen, Alleen gratis" in phone.locator("summary").inner_text()
    assert first_result_on_first_screen(phone)

    # One tap: the coming seven days, with the filters kept.
    phone.get_by_role("link", name="Komende 7 dagen").click()
    phone.wait_for_url(re.compile(r".*wanneer=7-dagen.*"))
    assert "voor=ouderen" in phone.url and "gratis=on" in phone.url
    expect(phone.get_by_role("link", name="Komende 7 dagen")).to_have_attribute("aria-current", "true")
    items = phone.locator(".agenda-item")
    assert items.count() > 0
    assert all("Gratis" in text for text in items.all_inner_texts())
    assert "De komende 7 dagen:" in phone.locator(".agenda-count").inner_text()
    assert first_result_on_first_screen(phone)
    assert wider_than_screen(phone) == []
    assert serious_violations(phone) == []

    # The activity: who to call, where the door is.
    phone.get_by_role("link", name="Spreekuur van het sociaal wijkteam").first.click()
    phone.wait_for_url("**/spreekuur-sociaal-wijkteam/")
    phone.wait_for_load_state()
    assert phone.locator("h1").inner_text() == "Spreekuur van het sociaal wijkteam"
    call = phone.locator('a[href^="tel:"]', has_text="Bel").first
    expect(call).to_be_visible()
    assert call.get_attribute("href") == "tel:0710000103"
    expect(phone.get_by_role("link", name="Sociaal wijkteam Leiden")).to_be_visible()
    main = phone.locator("main").inner_text()
    assert "Kerkstraat 12, 2331 AB Leiden" in main
    assert "Aan de voorkant, bij de fietsen." in main and "zonder drempel" in main
    route = phone.get_by_role("link", name=re.compile("^Route")).first.get_attribute("href")
    assert route.startswith("https://www.openstreetmap.org/directions?to=")
    assert wider_than_screen(phone) == []
    assert serious_violations(phone) == []
    # At 320 px the number stays on one line.
    phone.set_viewport_size({"width": 320, "height": 740})
    assert call.bounding_box()["height"] < 60
    assert wider_than_screen(phone) == []
    phone.set_viewport_size(SMALL_PHONE)

    # The place's own page, with everything about it.
    phone.get_by_role("link", name="Huis van de Buurt").first.click()
    phone.wait_for_url("**/agenda/plek/huis-van-de-buurt/")
    phone.wait_for_load_state()
    assert phone.locator("h1").inner_text() == "Huis van de Buurt"
    main = phone.locator("main").inner_text()
    assert "Kerkstraat 12, 2331 AB Leiden" in main and "Halte Kerkstraat" in main
    assert "Activiteiten op deze plek" in main and "Zet in uw agenda-app" in main
    assert wider_than_screen(phone) == []
    assert serious_violations(phone) == []


def test_ahmed_sees_the_walk_once_and_subscribes_to_the_group(live_server, small_phone):
    phone = small_phone
    phone.goto(live_server.url + "/initiatieven/beweeglint/")
    walk = phone.get_by_role("link", name="Samen wandelen langs het Beweeglint", exact=True)
    assert walk.count() == 1  # weekly, listed once
    assert "Elke donderdag, 10:00" in phone.locator("main").inner_text()
    box = phone.locator(".agenda-subscribe-box")
    expect(box.get_by_role("heading", name="Zet in uw agenda-app")).to_be_visible()
    webcal = box.get_by_role("link", name=re.compile("^iPhone, iPad of Mac")).get_attribute("href")
    host = live_server.url.split("://", 1)[1]
    assert webcal == f"webcal://{host}/agenda/groep/beweeglint.ics"
    feed = phone.request.get(live_server.url + "/agenda/groep/beweeglint.ics").text()
    assert "SUMMARY:Samen wandelen langs het Beweeglint" in feed and "RRULE:FREQ=WEEKLY" in feed
    assert wider_than_screen(phone) == []
    assert serious_violations(phone) == []

    # The walk's own page: Google gets every Thursday, Outlook leads to the file.
    walk.click()
    google = phone.get_by_role("link", name=re.compile("^Google Agenda")).get_attribute("href")
    assert "recur=RRULE%3AFREQ%3DWEEKLY" in google and "BYDAY%3DTH" in google
    outlook = phone.get_by_role("link", name=re.compile("^Outlook"))
    assert outlook.get_attribute("href").endswith(".ics")
    assert "Outlook kan dat alleen met dit bestand" in phone.locator("main").inner_text()
