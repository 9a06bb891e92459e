"""Who is active in the district: the initiative groups and their news.

The thematic index "Wat kun je doen in de wijk" lives in guide_models.py and is imported at
the bottom, so Django sees one models module for the app.
"""

from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class InitiatiefIndexPage(Page):
    """/initiatieven/: all initiative groups."""

    intro = models.TextField("inleiding", max_length=400, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["initiatieven.InitiatiefPage"]
    max_count_per_parent = 1
    menu_icon = "group"

    class Meta:
        verbose_name = "overzicht initiatieven"


class InitiatiefPage(Page):
    """One initiative group: its own page, run by its own volunteers."""

    # Duck-typed marker other apps use to recognise a group without importing this module.
    is_initiatief_group = True

    intro = models.CharField(
        "in één zin", max_length=200, help_text="Eén korte zin: wat doet de groep?"
    )
    themes = ParentalManyToManyField("home.Theme", verbose_name="thema's", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("themes")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["initiatieven.InitiatiefIndexPage"]
    menu_icon = "group"

    class Meta:
        verbose_name = "initiatiefgroep"
        verbose_name_plural = "initiatiefgroepen"


from .guide_models import *  # noqa: E402, F401, F403
