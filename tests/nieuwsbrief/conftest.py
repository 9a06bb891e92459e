import datetime

import pytest
from wagtail.models import Page, Site

from agenda.models import AgendaIndexPage
from home.models import HomePage
from initiatieven.models import InitiatiefIndexPage
from tests.agenda.factories import EventPageFactory
from tests.guide.factories import OfferPageFactory, ThemeIndexPageFactory
from tests.home.factories import ThemeFactory
from tests.initiatieven.factories import InitiatiefPageFactory, NewsPageFactory

# The fixed week of the digest tests: the draft is made on Wednesday 10 June 2026, the edition
# goes out on Thursday 11 June at 08:00 and covers Thursday 11 to Wednesday 17 June.
WEDNESDAY = datetime.datetime.fromisoformat("2026-06-10T10:00+02:00")
THURSDAY_8 = datetime.datetime.fromisoformat("2026-06-11T08:00+02:00")


def day(text):
    return datetime.date.fromisoformat(text)


@pytest.fixture
def fixed_week(pinned_clock):
    pinned_clock.move_to(WEDNESDAY)
    return WEDNESDAY


@pytest.fixture
def district(db, fixed_week):
    """A second site with a known week: its own agenda, two groups with news, a guide."""
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Testwijk", slug="testwijk", welcome_title="Hoi", welcome_text="Hoi")
    )
    site = Site.objects.create(hostname="testwijk.test", port=80, root_page=home)
    agenda = home.add_child(instance=AgendaIndexPage(title="Agenda", slug="agenda"))
    index = home.add_child(instance=InitiatiefIndexPage(title="Initiatieven", slug="initiatieven"))
    green, sport = ThemeFactory(name="Testgroen"), ThemeFactory(name="Testsport")
    groen = InitiatiefPageFactory(parent=index, title="Groen", slug="groen")
    groen.themes = [green]
    groen.save()
    beweeg = InitiatiefPageFactory(parent=index, title="Beweeg", slug="beweeg")
    beweeg.themes = [sport]
    beweeg.save()

    def event(parent=agenda, themes=(), **fields):
        page = EventPageFactory(parent=parent, **fields)
        if themes:
            page.themes = list(themes)
            page.save()
        return page

    events = {
        "koffie": event(title="Koffie-ochtend", start_date=day("2026-06-11"), themes=[green]),
        "wandelen": event(
            parent=beweeg, title="Samen wandelen", start_date=day("2026-06-02"),
            start_time=datetime.time(14), end_time=datetime.time(16),
            repeat="weekly", weekdays=["TU", "TH"], repeat_until=day("2026-12-31"),
        ),
        "feest": event(title="Buurtfeest", start_date=day("2026-06-13"), start_time=None, end_time=None,
                       cancelled=True),
        "yoga": event(title="Stoelyoga", start_date=day("2026-06-01"), start_time=datetime.time(9, 30),
                      end_time=datetime.time(10, 30), repeat="weekly", weekdays=["MO"],
                      repeat_until=day("2026-12-31"), themes=[sport]),
        "gisteren": event(title="Al geweest", start_date=day("2026-06-10")),
        "te-laat": event(title="Volgende week", start_date=day("2026-06-18")),
    }
    news = {
        "bomen": NewsPageFactory(parent=groen, title="Nieuwe bomen", date=day("2026-06-08")),
        "sport": NewsPageFactory(parent=beweeg, title="Beweegtuin open", date=day("2026-06-09")),
        "oud": NewsPageFactory(parent=groen, title="Oud nieuws", date=day("2026-05-01")),
    }
    guide = ThemeIndexPageFactory(parent=home, slug="wat-kun-je-doen")
    offer = OfferPageFactory(parent=guide, title="Moestuin", themes=[green])
    return {
        "site": site, "home": home, "themes": {"green": green, "sport": sport},
        "groups": {"groen": groen, "beweeg": beweeg}, "events": events, "news": news,
        "guide": guide, "offer": offer,
    }


# --- a real SMTP server on 127.0.0.1 that fails on purpose ---------------------------------
class Inbox:
    """What the SMTP server received, and how it misbehaves: `refuse` maps an address to the
    answer for it ("550 ..." for good, "451 ..." for later)."""

    def __init__(self):
        self.messages = []  # (recipients, raw message)
        self.refuse = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append((list(envelope.rcpt_tos), envelope.content.decode("utf-8", "replace")))
        return "250 Message accepted for delivery"

    def received_by(self, address):
        return [raw for rcpts, raw in self.messages if address in rcpts]


class SMTPServer:
    def __init__(self):
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.inbox = Inbox()
        self.controller = None

    def start(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1 for the newsletter (aiosmtpd); `.stop()` makes it
    "down", `.start()` brings it back on the same port."""
    server = SMTPServer()
    server.start()
    settings.NIEUWSBRIEF_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()
