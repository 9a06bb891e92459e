from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Basis van de site"

    def ready(self):
        from . import signals

        signals.connect()
