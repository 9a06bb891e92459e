"""Deletes what visitors sent through the site's forms once it is older than
PERSONAL_DATA_RETENTION_DAYS. A model takes part by naming its date field in
`retention_date_field` (for example the "Doe mee" messages and the senders of activities).
Meant for a daily cron job; running it twice does no harm."""

import datetime

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone


class Command(BaseCommand):
    help = "Verwijder berichten en gegevens uit formulieren die ouder zijn dan de bewaartermijn."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=settings.PERSONAL_DATA_RETENTION_DAYS, help="bewaartermijn in dagen"
        )

    def handle(self, *args, days, **options):
        if days < 1:
            self.stderr.write("De bewaartermijn moet minstens één dag zijn.")
            return
        cutoff = timezone.now() - datetime.timedelta(days=days)
        for model in apps.get_models():
            field = getattr(model, "retention_date_field", None)
            if not field:
                continue
            deleted, _ = model.objects.filter(**{f"{field}__lt": cutoff}).delete()
            if options["verbosity"]:
                self.stdout.write(f"{model._meta.verbose_name_plural}: {deleted} verwijderd")
