from django.apps import AppConfig


class GuideConfig(AppConfig):
    """ "Wat kun je doen in de wijk": offers, theme pages and the printable guide. Its models
    moved here from initiatieven (guide/migrations/0001 keeps their rows)."""

    name = "initiatieven.guide"
    label = "guide"
    verbose_name = "Wat kun je doen in de wijk"
