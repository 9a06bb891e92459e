from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = "Wijkagenda"

    def ready(self):
        from home.models import Organisation, Theme
        from home.signals import connect_to_changes

        from . import signals
        from .models import Location
        from .tasks import queue_prints

        signals.connect()
        # The week poster and flyers are built by the worker after a change (posters.py).
        connect_to_changes(queue_prints, "agenda-prints", (Theme, Organisation, Location))
