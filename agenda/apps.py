from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = "Wijkagenda"

    def ready(self):
        from . import signals

        signals.connect()
