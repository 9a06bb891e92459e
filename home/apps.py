from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Basis van de site"

    def ready(self):
        from django.conf import settings
        from PIL import Image

        from . import icons, signals

        signals.connect()
        icons.draw_each_icon_once()
        # Every decode anywhere (Django's ImageField, Willow, our own checks) refuses a picture
        # of more than twice the admin's pixel limit instead of only warning about it.
        Image.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
