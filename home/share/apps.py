from django.apps import AppConfig


class ShareConfig(AppConfig):
    """Sharing a page: its share image (Open Graph), the head tags and the "Deel" buttons."""

    name = "home.share"
    label = "share"
    verbose_name = "Delen"

    def ready(self):
        from . import signals

        signals.connect()
