from django.apps import AppConfig


class SmoelenboekConfig(AppConfig):
    name = "smoelenboek"
    verbose_name = "Smoelenboek"

    def ready(self):
        from . import signals

        signals.connect()
