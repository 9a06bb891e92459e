from django.core.management.base import BaseCommand

from nieuwsbrief.tasks import tick, weekly_round


class Command(BaseCommand):
    help = (
        "De ronde van de nieuwsbrief, voor cron (elke 10 minuten): maak het concept een dag voor de "
        "verzenddag, en start of hervat nieuwsbrieven waarvan de taak te laat is. Zet de ronde klaar "
        "voor de achtergrondtaak (db_worker), of doe hem hier met --now."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Doe de ronde hier, niet in de achtergrondtaak."
        )

    def handle(self, *args, **options):
        if options["now"]:
            line = tick()
        else:
            weekly_round.enqueue()
            line = "De ronde van de nieuwsbrief is klaargezet voor de achtergrondtaak."
        if options["verbosity"]:
            self.stdout.write(line)
