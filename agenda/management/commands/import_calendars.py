from django.core.management.base import BaseCommand

from agenda.importer import import_source
from agenda.models import CalendarSource


class Command(BaseCommand):
    help = "Haal de agenda's van partners op (iCal) en zet de activiteiten in de wijkagenda. Voor cron."

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int, help="Alleen deze bron (id).")

    def handle(self, *args, **options):
        sources = CalendarSource.objects.filter(active=True)
        if options.get("source"):
            sources = sources.filter(pk=options["source"])
        failed = 0
        for source in sources:
            line = import_source(source)
            if source.last_error:
                failed += 1
                self.stderr.write(line)
            elif options["verbosity"]:
                self.stdout.write(line)
        if failed and options["verbosity"]:
            self.stderr.write(f"{failed} bron(nen) met een fout. Zie de beheeromgeving.")
