"""Factories for the smoelenboek."""

import factory
from django.utils import timezone

from tests.home.factories import UserFactory


def _default_site():
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


class ProfileFactory(factory.django.DjangoModelFactory):
    """An approved, visible smoelenboek member (with a user) on the default site."""

    user = factory.SubFactory(UserFactory)
    site = factory.LazyFunction(_default_site)
    name = factory.Sequence(lambda n: f"Lid Nummer {n}")
    status = "goedgekeurd"
    role = "bewoner"
    consent_given_at = factory.LazyFunction(timezone.now)
    contact_email = factory.LazyAttribute(lambda p: p.user.email)

    class Meta:
        model = "smoelenboek.Profile"
