"""Deletes what visitors sent through the site's forms once it is older than
PERSONAL_DATA_RETENTION_DAYS. A model takes part by naming its date field in
`retention_date_field` (for example the "Doe mee" messages and the senders of activities).
A model whose rows expire by another rule names them in a classmethod `expired_personal_data()`
that returns a queryset (the newsletter's sign-ups and the activities sent in that nobody
confirmed within 7 days); those go whatever `--days` says. Meant for a daily cron job;
running it twice does no harm."""

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
            expired = getattr(model, "expired_personal_data", None)
            if not field and not expired:
                continue
            # A model may have both (an activity's sender: kept for the retention period once
            # confirmed, a week when nobody confirmed it).
            doomed = model.objects.none()
            if field:
                doomed |= model.objects.filter(**{f"{field}__lt": cutoff})
            if expired:
                doomed |= expired()
            # Rows of this model only (not the rows that go with them, such as chosen themes).
            deleted = doomed.delete()[1].get(model._meta.label, 0)
            if options["verbosity"]:
                self.stdout.write(f"{model._meta.verbose_name_plural}: {deleted} verwijderd")
