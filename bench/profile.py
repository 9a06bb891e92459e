"""Where a page's time goes: renders each path a number of times in this process under
pyinstrument (dev extra) and prints the call tree, with the page cache off. Uses a throw-away
SQLite database with the demo unless DATABASE_URL says otherwise.

    .venv/bin/python bench/profile.py [--runs 20] [--html DIR] / /agenda/ /nieuws/ ..."""

import argparse
from pathlib import Path

import _common  # noqa: F401  (sets up Django: before any Django import)
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pyinstrument import Profiler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*", default=["/"])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--html", help="also write one HTML profile per path into this folder")
    parser.add_argument("--flat", action="store_true", help="functions by their own time, not the tree")
    parser.add_argument("--total", action="store_true", help="with --flat: time including callees")
    parser.add_argument("--no-load", action="store_true", help="the database already holds the demo")
    args = parser.parse_args()
    settings.PAGE_CACHE_SECONDS = 0
    if not args.no_load:
        call_command("migrate", verbosity=0)
        call_command("load_demo", verbosity=0)
    client = Client(HTTP_HOST="localhost")
    for path in args.paths:
        assert client.get(path).status_code == 200, path  # renditions and caches made once
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        query_count = len(queries.captured_queries)  # read now: each request resets the log
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(args.runs):
            client.get(path)
        profiler.stop()
        session = profiler.last_session
        per_request = session.duration / args.runs * 1000
        print(f"==== {path}: {per_request:.1f} ms a request, {query_count} queries")
        print(profiler.output_text(
            flat=args.flat, flat_time="total" if args.total else "self", show_all=args.flat
        ))
        if args.html:
            name = path.strip("/").replace("/", "_").replace("?", "_") or "home"
            Path(args.html).mkdir(parents=True, exist_ok=True)
            (Path(args.html) / f"{name}.html").write_text(profiler.output_html())


if __name__ == "__main__":
    main()
