import os
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Laad de voorbeeldinhoud van de Stevenshof. Twee keer draaien kan geen kwaad."

    def handle(self, *args, **options):
        self.demo_logins = []
        self.verbosity = options["verbosity"]
        with transaction.atomic():
            # home first (it owns the site root), then every other app with a demo module,
            # in the order of INSTALLED_APPS; home does not import the other apps.
            configs = sorted(apps.get_app_configs(), key=lambda c: c.name != "home")
            for config in configs:
                module_name = f"{config.name}.demo"
                ours = str(config.path).startswith(str(settings.BASE_DIR))
                if not ours or not find_spec(module_name):
                    continue
                import_module(module_name).load(self)
            import_module("home.demo").finish(self)
        if self.demo_logins and self.verbosity:
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS("Inloggen op de demo (alleen voor ontwikkeling):"))
            port = os.environ.get("PORT", "8000")
            for label, url, username, password in self.demo_logins:
                self.stdout.write(
                    f"  {label}: http://127.0.0.1:{port}{url}"
                    f"  gebruiker {username}  wachtwoord {password}"
                )
