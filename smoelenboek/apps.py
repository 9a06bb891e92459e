from django.apps import AppConfig


class SmoelenboekConfig(AppConfig):
    name = "smoelenboek"
    verbose_name = "Smoelenboek"
