import gzip
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

# Rebuilt or short-lived data that a restore does not need.
EXCLUDE = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "wagtailsearch.indexentry",
    "wagtailimages.rendition",
    # The audit log may point at deleted pages, which JSON serialisation cannot follow.
    # For a copy that keeps the log too, use pg_dump (docs/deploy.md).
    "wagtailcore.pagelogentry",
    # The background task queue and its results (django-tasks-db): short-lived, and a restore
    # should not run old tasks again.
    "django_tasks_database.dbtaskresult",
]


class Command(BaseCommand):
    help = "Back up the database (as JSON, any database engine) and the uploaded files."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="backups", help="Folder for the backup.")

    def handle(self, *args, output, **options):
        folder = Path(output) / timezone.now().strftime("%Y%m%d-%H%M%S")
        folder.mkdir(parents=True, exist_ok=False)
        with gzip.open(folder / "data.json.gz", "wt", encoding="utf-8") as stream:
            call_command(
                "dumpdata",
                natural_foreign=True,
                natural_primary=False,
                exclude=EXCLUDE,
                stdout=stream,
                verbosity=0,
            )
        media = Path(settings.MEDIA_ROOT)
        with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
            if media.exists():
                for item in media.iterdir():
                    if item.name not in ("images",):  # renditions are made again on demand
                        archive.add(item, arcname=item.name)
        # Files that must never be public (the smoelenboek's member photos) are kept apart.
        private = Path(settings.PRIVATE_MEDIA_ROOT)
        if private.exists():
            with tarfile.open(folder / "private_media.tar.gz", "w:gz") as archive:
                for item in private.iterdir():
                    archive.add(item, arcname=item.name)
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
