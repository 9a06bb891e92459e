import datetime

import pytest
from django.utils import timezone

from agenda.models import AgendaIndexPage, EventException
from tests.agenda.factories import EventPageFactory


@pytest.fixture
def agenda(db):
    return AgendaIndexPage.objects.get(slug="agenda")


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def make_event(agenda):
    """Create and publish an event (with a revision, as editors do)."""

    def make(parent=None, themes=(), exceptions=(), publish=True, **fields):
        page = EventPageFactory(parent=parent or agenda, **fields)
        if themes:
            page.themes.set(themes)
        for day in exceptions:
            EventException.objects.create(page=page, date=day)
        if publish:
            page.save_revision().publish()
            page.refresh_from_db()
        return page

    return make


def local(year, month, day, hour=0, minute=0):
    from zoneinfo import ZoneInfo

    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture(autouse=True)
def only_loopback_connections(monkeypatch):
    """No agenda test may open a connection outside this machine: should the address filter
    ever let one through, the test fails here instead of sending a packet to 10.x or 169.254.x."""
    from urllib3.util import connection

    real = connection.create_connection

    def create_connection(address, *args, **kwargs):
        import ipaddress

        host = address[0].strip("[]")
        assert ipaddress.ip_address(host).is_loopback, f"connection to {host} attempted"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(connection, "create_connection", create_connection)


@pytest.fixture
def allow_local_server(settings):
    """Let the importer fetch from a test server on 127.0.0.1 at the given port(s): loopback is
    refused otherwise, and only ports 80 and 443 are allowed."""

    def allow(*ports):
        settings.AGENDA_IMPORT_ALLOW_LOOPBACK = True
        settings.AGENDA_IMPORT_PORTS = [80, 443, *ports]

    return allow


@pytest.fixture
def run_worker():
    """The background worker exactly as `manage.py db_worker --backend background --batch` runs
    it, in this process so it sees the test's database: it runs what is queued, then stops. It
    sets its own Ctrl-C handlers; ours come back afterwards."""
    import signal

    from django.core.management import call_command

    def run():
        handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
        try:
            call_command(
                "db_worker",
                *("--backend", "background", "--batch", "--no-reload", "--no-startup-delay"),
                verbosity=0,
            )
        finally:
            for number, handler in handlers.items():
                signal.signal(number, handler)

    return run
