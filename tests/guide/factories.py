"""Factories for the guide "Wat kun je doen in de wijk". Page factories need a `parent=` page."""

import factory
import wagtail_factories

from tests.home.factories import OrganisationFactory


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
