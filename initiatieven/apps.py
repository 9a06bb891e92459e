from django.apps import AppConfig


class InitiatievenConfig(AppConfig):
    name = "initiatieven"
    verbose_name = "Initiatieven en wat kun je doen"

    def ready(self):
        from . import guide_signals, signals  # noqa: F401
