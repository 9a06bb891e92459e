"""A resident on a phone: signs up for the newsletter on the home page, confirms from the mail,
receives the edition (read at phone width, without scrolling sideways) and unsubscribes from it
with one click."""

import datetime
import re
from urllib.parse import urlsplit

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from nieuwsbrief import editions, sending, tasks
from nieuwsbrief.models import Subscriber
from tests.browser.conftest import serious_violations, wider_than_screen
from tests.nieuwsbrief.factories import default_site


def _local(live_server, url):
    """A link from a mail (to the site's own address) on the test server."""
    parts = urlsplit(url)
    return live_server.url + parts.path + (f"?{parts.query}" if parts.query else "")


def test_subscribe_confirm_receive_and_unsubscribe_on_a_phone(live_server, phone, settings):
    settings.NIEUWSBRIEF_RATE_PER_MINUTE = 100_000
    page = phone
    page.goto(live_server.url + "/")
    block = page.locator(".nb-block")
    block.get_by_label("Uw e-mailadres").fill("buur@example.org")
    block.get_by_role("button", name="Meld mij aan").click()
    expect(page.get_by_role("heading", name="Kijk in uw e-mail")).to_be_visible()
    assert serious_violations(page) == []

    (confirmation,) = [m for m in mail.outbox if m.to == ["buur@example.org"]]
    assert confirmation.to == ["buur@example.org"]
    link = re.search(r"http\S+/nieuwsbrief/bevestig/\S+/", confirmation.body).group(0)
    page.goto(_local(live_server, link))
    page.get_by_role("button", name="Ja, ik wil de nieuwsbrief").click()
    expect(page.get_by_role("heading", name="U bent aangemeld")).to_be_visible()
    assert Subscriber.objects.get(email="buur@example.org").confirmed

    # The weekly edition: made as a draft, sent by the background task.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    edition, _ = editions.make_draft(
        default_site(), timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(8)))
    )
    edition.intro = "Goedemorgen! Dit is de nieuwsbrief van deze week."
    edition.save()
    edition = tasks.start(edition, timezone.now())
    while sending.run(edition.pk, edition.task_token)[0] is not None:
        pass
    newsletter = mail.outbox[-1]
    assert newsletter.to == ["buur@example.org"]
    html = newsletter.alternatives[0][0]
    page.set_content(html)
    intro = page.get_by_role("paragraph").filter(has_text="Goedemorgen! Dit is de nieuwsbrief")
    expect(intro).to_be_visible()
    expect(page.get_by_role("heading", name="Activiteiten deze week")).to_be_visible()
    assert wider_than_screen(page) == []

    unsubscribe = page.get_by_role("link", name="Afmelden").get_attribute("href")
    page.goto(_local(live_server, unsubscribe))
    page.get_by_role("button", name="Meld mij af").click()
    expect(page.get_by_role("heading", name="U bent afgemeld")).to_be_visible()
    assert not Subscriber.objects.filter(email="buur@example.org").exists()
