"""Factories for the agenda. Page factories need a `parent=` page."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone


class LocationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Plek {n}")
    slug = factory.Sequence(lambda n: f"plek-{n}")
    street = "Stevenshof 1"
    postcode = "2331"
    city = "Leiden"
    latitude = "52.146000"
    longitude = "4.449000"

    class Meta:
        model = "agenda.Location"


class EventPageFactory(wagtail_factories.PageFactory):
    """An EventPage; pass `parent=` (the agenda or a group page). One-off at 10:00-11:00 unless
    told otherwise."""

    title = factory.Sequence(lambda n: f"Activiteit {n}")
    summary = "Een korte uitleg van de activiteit."
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=1))
    start_time = datetime.time(10)
    end_time = datetime.time(11)
    location = factory.SubFactory(LocationFactory)

    class Meta:
        model = "agenda.EventPage"
