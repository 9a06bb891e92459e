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
