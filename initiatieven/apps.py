from django.apps import AppConfig


class InitiatievenConfig(AppConfig):
    name = "initiatieven"
    verbose_name = "Initiatieven en wat kun je doen"
