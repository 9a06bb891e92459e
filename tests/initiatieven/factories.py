"""Factories for the initiative groups and their news. Page factories need a `parent=` page."""

import factory
import wagtail_factories

from initiatieven.models import InitiatiefPage, NewsPage


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
