"""Factories for the newsletter: subscribers and editions of the default site."""

import datetime

import factory
from django.utils import timezone
from wagtail.models import Site

from nieuwsbrief.models import Edition, Subscriber


def default_site():
    return Site.objects.get(is_default_site=True)


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber who wants everything; `confirmed_at=None` for an unconfirmed one."""

    site = factory.LazyFunction(default_site)
    email = factory.Sequence(lambda n: f"lezer{n}@example.org")
    confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Subscriber
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.themes.set(extracted)
            obj.all_topics = False
            obj.save(update_fields=["all_topics"])

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.groups.set(extracted)
            obj.all_topics = False
            obj.save(update_fields=["all_topics"])


class EditionFactory(factory.django.DjangoModelFactory):
    """A draft edition sent tomorrow at 08:00 (pass `scheduled_at=` for another moment)."""

    site = factory.LazyFunction(default_site)
    scheduled_at = factory.LazyFunction(
        lambda: timezone.make_aware(
            datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=1), datetime.time(8))
        )
    )
    week = factory.LazyAttribute(
        lambda e: timezone.localtime(e.scheduled_at).date()
        - datetime.timedelta(days=timezone.localtime(e.scheduled_at).weekday())
    )
    subject = factory.Sequence(lambda n: f"Deze week in de Stevenshof ({n})")

    class Meta:
        model = Edition
