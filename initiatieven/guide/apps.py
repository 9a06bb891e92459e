from django.apps import AppConfig


class GuideConfig(AppConfig):
    """ "Wat kun je doen in de wijk": offers, theme pages and the printable guide. Its models
    moved here from initiatieven (guide/migrations/0001 keeps their rows)."""

    name = "initiatieven.guide"
    label = "guide"
    verbose_name = "Wat kun je doen in de wijk"

    def ready(self):
        from home.models import Organisation, Theme
        from home.signals import connect_to_changes

        from .tasks import queue_guide_pdfs

        # Every change the guide may show (a publish anywhere, a theme, an organisation) has the
        # worker build the new gids.pdf, so no visitor waits for it.
        connect_to_changes(queue_guide_pdfs, "guide-pdf", (Theme, Organisation))
