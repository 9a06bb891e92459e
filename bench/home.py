"""Home page speed: median server time and query count, on the demo data and on ten times it.

Run with `make bench` (or `.venv/bin/python bench/home.py`). Uses a throw-away SQLite database."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stevenshof.settings.test")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

RUNS = 30


def measure(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    query_count = len(queries.captured_queries)  # read now: each request resets the log
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200
    return statistics.median(times) * 1000, query_count


def grow(factor):
    """Add (factor - 1) times the demo's themes, organisations and pages."""
    from home.models import HomePage, Organisation, StandardPage, Theme

    home = HomePage.objects.first()
    themes, organisations = Theme.objects.count(), Organisation.objects.count()
    pages = home.get_children().count()
    for i in range(themes * (factor - 1)):
        Theme.objects.create(name=f"Extra thema {i}", slug=f"extra-{i}", description="Extra.", icon="users")
    for i in range(organisations * (factor - 1)):
        Organisation.objects.create(name=f"Extra organisatie {i}", slug=f"extra-org-{i}")
    for i in range(pages * (factor - 1)):
        page = StandardPage(title=f"Extra pagina {i}", slug=f"extra-pagina-{i}", show_in_menus=True)
        home.add_child(instance=page)


def main():
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    client = Client()
    print(f"{'data':<12}{'median ms':>10}{'queries':>9}")
    for label, factor in (("demo", 1), ("demo x10", 10)):
        if factor > 1:
            grow(factor)
        ms, queries = measure(client, "/")
        print(f"{label:<12}{ms:>10.1f}{queries:>9}")


if __name__ == "__main__":
    main()
