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


# --- guide "Wat kun je doen in de wijk" (initiatieven/guide_models.py) ---------------------------
class ThemeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Wat kun je doen in de wijk"
    slug = factory.Sequence(lambda n: f"wat-kun-je-doen-{n}")
    intro = "Kies een onderwerp."

    class Meta:
        model = "initiatieven.ThemeIndexPage"


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
        model = "initiatieven.OfferPage"
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):  # noqa: N805
        if extracted:
            obj.themes = list(extracted)
            if create:
                obj.save()
