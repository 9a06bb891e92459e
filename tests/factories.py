"""Factories for pages and snippets. Page factories need a `parent=` page."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from home.models import Organisation, StandardPage, Theme


class ThemeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")
    description = "Een korte uitleg van het thema."
    icon = "users"
    colour = "green"

    class Meta:
        model = Theme


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.Sequence(lambda n: f"organisatie-{n}")
    description = "Wij helpen mensen in de wijk."

    class Meta:
        model = Organisation


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Pagina {n}")
    intro = "Een korte inleiding."

    class Meta:
        model = StandardPage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-123")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


# --- initiatieven ----------------------------------------------------------------------------
from initiatieven.models import InitiatiefPage, NewsPage  # noqa: E402


class InitiatiefPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Groep {n}")
    intro = "Wij doen iets goeds voor de wijk."
    contact_name = "Jan"
    contact_email = factory.Sequence(lambda n: f"groep{n}@example.org")

    class Meta:
        model = InitiatiefPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Bericht {n}")
    intro = "Een kort bericht uit de wijk."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Het bericht.</p>")])

    class Meta:
        model = NewsPage


# --- guide "Wat kun je doen in de wijk" (initiatieven/guide/models.py) ---------------------------
class ThemeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Wat kun je doen in de wijk"
    slug = factory.Sequence(lambda n: f"wat-kun-je-doen-{n}")
    intro = "Kies een onderwerp."

    class Meta:
        model = "guide.ThemeIndexPage"


class OfferPageFactory(wagtail_factories.PageFactory):
    """An offer; pass `parent=` (a ThemeIndexPage) and `themes=[...]`."""

    title = factory.Sequence(lambda n: f"Aanbod {n}")
    slug = factory.Sequence(lambda n: f"aanbod-{n}")
    summary = "Samen iets leuks doen in de wijk."
    kind = "meedoen"
    audience = "iedereen"
    is_free = True
    how_to_join = "binnenlopen"
    organisation = factory.SubFactory(OrganisationFactory)

    class Meta:
        model = "guide.OfferPage"
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):  # noqa: N805
        if extracted:
            obj.themes = list(extracted)
            if create:
                obj.save()


# --- agenda ---------------------------------------------------------------------------------
def _today():
    from django.utils import timezone

    return timezone.localdate()


def _days(n):
    from datetime import timedelta

    return timedelta(days=n)


def _time(hour, minute=0):
    from datetime import time

    return time(hour, minute)


class LocationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Plek {n}")
    slug = factory.Sequence(lambda n: f"plek-{n}")
    address = "Stevenshof 1, 2331 Leiden"
    latitude = "52.146000"
    longitude = "4.449000"

    class Meta:
        model = "agenda.Location"


class EventPageFactory(wagtail_factories.PageFactory):
    """An EventPage; pass `parent=` (the agenda or a group page). One-off at 10:00-11:00 unless
    told otherwise."""

    title = factory.Sequence(lambda n: f"Activiteit {n}")
    summary = "Een korte uitleg van de activiteit."
    start_date = factory.LazyFunction(lambda: _today() + _days(1))
    start_time = factory.LazyFunction(lambda: _time(10))
    end_time = factory.LazyFunction(lambda: _time(11))
    location = factory.SubFactory(LocationFactory)

    class Meta:
        model = "agenda.EventPage"


# --- smoelenboek ---------------------------------------------------------------------------


def _default_site():
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


def _now():
    from django.utils import timezone

    return timezone.now()


class ProfileFactory(factory.django.DjangoModelFactory):
    """An approved, visible smoelenboek member (with a user) on the default site."""

    user = factory.SubFactory(UserFactory)
    site = factory.LazyFunction(_default_site)
    name = factory.Sequence(lambda n: f"Lid Nummer {n}")
    status = "goedgekeurd"
    role = "bewoner"
    consent_given_at = factory.LazyFunction(_now)
    contact_email = factory.LazyAttribute(lambda p: p.user.email)

    class Meta:
        model = "smoelenboek.Profile"
