"""Agenda speed: median server time to build the whole-agenda iCal feed and to render /agenda/
with 2,000 events (300 of them recurring): cold (empty cache), just after one event was
published (page cache purged, per-event VEVENT cache still warm) and cached (anonymous page
cache), plus the number of queries. Uses a throw-away SQLite database.

    .venv/bin/python bench/agenda.py [--events 2000] [--recurring 300] [--runs 7]"""

import argparse
import statistics
import time

import _common  # noqa: F401  (sets up Django: before any Django import)
from django.conf import settings

# The test settings have one small local-memory cache; give the feeds their own, as base.py does.
from django.test.utils import override_settings

override_settings(
    CACHES={
        **settings.CACHES,
        "agenda": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "agenda",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
    }
).enable()

from _events import add_events  # noqa: E402
from django.core.cache import cache, caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from stevenshof.middleware import AnonymousPageCacheMiddleware  # noqa: E402


def publish_one():
    """What a publish does to the caches: one event changes, the content version moves."""
    from agenda.feeds import mark_changed
    from agenda.models import EventPage
    from home.cache import bump_content_version

    EventPage.objects.filter(slug="bench-1").update(last_published_at=timezone.now())
    bump_content_version()
    mark_changed()


def measure(client, path, runs, state):
    times = []
    queries = 0
    for run in range(runs):
        if state == "cold":
            cache.clear()
            caches["agenda"].clear()
            AnonymousPageCacheMiddleware.clear_local()  # each worker's own copies too
        elif state == "publish":
            client.get(path)
            publish_one()
        else:
            client.get(path)  # make sure it is in the cache
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, path
        if run == 0:
            queries = len(captured.captured_queries)
            x_cache = response.get("X-Cache", "-")
    return statistics.median(times) * 1000, queries, x_cache


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--recurring", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    started = time.perf_counter()
    count = add_events(args.events, args.recurring)
    took = time.perf_counter() - started
    print(f"{count} live events ({args.recurring} recurring added), made in {took:.0f} s")
    settings.PAGE_CACHE_SECONDS = 600
    client = Client()
    for path in ("/agenda/agenda.ics", "/agenda/"):
        size = len(client.get(path).content)
        gzipped = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
        assert gzipped["Content-Encoding"] == "gzip", path
        print(f"{path}: {size / 1024:.0f} KiB, {len(gzipped.content) / 1024:.0f} KiB gzipped")
    print(f"{'page':<28}{'state':<8}{'median ms':>10}{'queries':>9}")
    print("cold: empty cache; publish: just after one event was published; cached: page cache hit")
    paths = (
        "/agenda/agenda.ics",
        "/agenda/",
        "/agenda/?voor=ouderen&gratis=on&wanneer=week",
        # what goes out to partners' websites and waiting-room screens (kanalen/)
        "/op-uw-website/agenda/?fotos=1",
        "/op-uw-website/agenda.json",
        "/scherm/?toon=activiteiten,nieuws,gids",
    )
    for path in paths:
        for label in ("cold", "publish", "cached"):
            ms, queries, state = measure(client, path, args.runs * (4 if label == "cached" else 1), label)
            print(f"{path[:27]:<28}{label:<8}{ms:>10.1f}{queries:>9}   X-Cache {state}")


if __name__ == "__main__":
    main()
