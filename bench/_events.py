"""Many events for the agenda benches (bench/agenda.py, bench/load.py): one-offs and weekly
series spread over the coming half year, with the demo's themes, places and organisations.
Needs Django set up. Not a bench of its own (make bench skips bench/_*.py)."""

import datetime
import random

from django.db import transaction
from django.utils import timezone


def add_events(total, recurring):
    from agenda.models import AgendaIndexPage, EventPage, Location
    from home.models import Organisation, Theme

    rnd = random.Random(4)
    agenda = AgendaIndexPage.objects.get(slug="agenda")
    themes = list(Theme.objects.all())
    organisations = list(Organisation.objects.all())
    places = list(Location.objects.all())
    today = timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        for i in range(total):
            is_recurring = i < recurring
            start = today + datetime.timedelta(days=rnd.randint(-20, 180))
            page = EventPage(
                title=f"Activiteit {i}",
                slug=f"bench-{i}",
                summary="Een activiteit om de snelheid te meten.",
                start_date=start,
                start_time=datetime.time(rnd.randint(8, 20), rnd.choice((0, 30))),
                end_time=datetime.time(21, 45),
                location=rnd.choice(places),
                organiser_organisation=rnd.choice(organisations),
                audience=[rnd.choice(["kinderen", "ouderen", "iedereen"])],
                cost=None if rnd.random() < 0.7 else 2,
                repeat="weekly" if is_recurring else "",
                weekdays=[rnd.choice(["MO", "TU", "WE", "TH", "FR"])] if is_recurring else [],
                repeat_until=start + datetime.timedelta(days=180) if is_recurring else None,
                first_published_at=now,
                last_published_at=now,
            )
            agenda.add_child(instance=page)
            page.themes.add(rnd.choice(themes))
    return EventPage.objects.live().count()


def publish_event(slug="bench-1"):
    """Publish one event as an editor does (a new revision, with every signal a publish sends),
    its title changed so that the feed really holds something new."""
    from agenda.models import EventPage

    page = EventPage.objects.get(slug=slug)
    page.title = f"Activiteit {timezone.now():%H:%M:%S.%f}"
    page.save_revision().publish()
