import tarfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction


class Command(BaseCommand):
    help = "Restore a backup made by backup_site. Replaces ALL current content."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A folder made by backup_site.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, folder, yes, **options):
        folder = Path(folder)
        data = folder / "data.json.gz"
        media = folder / "media.tar.gz"
        if not data.exists() or not media.exists():
            raise CommandError(f"{folder} holds no backup (data.json.gz and media.tar.gz).")
        if not yes and input("This replaces everything in the database. Type 'yes': ") != "yes":
            raise CommandError("Stopped; nothing changed.")
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(data), verbosity=0)
            self._empty_search_index()
        media_root = Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(media) as archive:
            archive.extractall(media_root, filter="data")
        private = folder / "private_media.tar.gz"
        if private.exists():
            private_root = Path(settings.PRIVATE_MEDIA_ROOT)
            private_root.mkdir(parents=True, exist_ok=True)
            with tarfile.open(private) as archive:
                archive.extractall(private_root, filter="data")
        call_command("update_index", verbosity=0)  # the index is rebuilt, not restored
        cache.clear()
        self.stdout.write(self.style.SUCCESS(f"Restored from {folder}"))

    def _empty_search_index(self):
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
            cursor.execute("DELETE FROM wagtailsearch_indexentry")
            if "wagtailsearch_indexentry_fts" in tables:
                # SQLite's full-text shadow table is not emptied by flush; stale rows there
                # would clash with the index that update_index builds.
                cursor.execute("DELETE FROM wagtailsearch_indexentry_fts")
