from django.apps import AppConfig


class KanalenConfig(AppConfig):
    name = "kanalen"
    verbose_name = "Kanalen van de wijk"
