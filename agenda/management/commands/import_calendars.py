from django.core.management.base import BaseCommand

from agenda.importer import import_source
from agenda.models import CalendarSource
from agenda.tasks import import_calendar


class Command(BaseCommand):
    help = (
        "Haal de agenda's van partners op (iCal) en zet de activiteiten in de wijkagenda. Voor cron: "
        "zet elke bron apart klaar voor de achtergrondtaak (db_worker), of haal ze hier op met --now."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int, help="Alleen deze bron (id).")
        parser.add_argument(
            "--now",
            action="store_true",
            help="Haal de agenda's hier op, een voor een, in plaats van in de achtergrondtaak.",
        )

    def handle(self, *args, **options):
        sources = CalendarSource.objects.filter(active=True)
        if options.get("source"):
            sources = sources.filter(pk=options["source"])
        if not options["now"]:
            # One task per source: a source that fails or hangs never holds up the others.
            count = 0
            for source in sources:
                import_calendar.enqueue(source.pk)
                count += 1
            if options["verbosity"]:
                self.stdout.write(f"{count} agenda('s) klaargezet voor de achtergrondtaak.")
            return
        failed = 0
        for source in sources:
            line = import_source(source)  # never raises: the error is recorded on the source
            if source.last_error:
                failed += 1
                self.stderr.write(line)
            elif options["verbosity"]:
                self.stdout.write(line)
        if failed and options["verbosity"]:
            self.stderr.write(f"{failed} bron(nen) met een fout. Zie de beheeromgeving.")
