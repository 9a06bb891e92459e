"""Load test: gunicorn with production settings on PostgreSQL and Redis (127.0.0.1), driven
by wrk. For every public page it prints requests per second, p50 latency and the ratio to a
static file served by whitenoise just before it in the same run (the figure we steer by):

- uncached: the page cache off (PAGE_CACHE_SECONDS=0), what a visitor gets after a publish,
  with a filter nobody asked for yet, or logged in;
- member: the same server, as an approved member logged in;
- cached: the page cache on, anonymous (a hit).

Then it adds 2,000 events and times the whole-agenda feed just after an event is published
(by a separate process, as an editor in the admin would), the figure issue 15 asks under 300 ms.

    apt-get install wrk        # once
    .venv/bin/python bench/load.py [--seconds 5] [--connections 8] [--workers 2] [--only agenda]

The bench database (BENCH_DATABASE_URL, default stevenshof_bench) is made anew on every run and
the Redis database (BENCH_REDIS_URL, default db 5) emptied: use ones of their own. Only loopback
addresses are used. Each wrk run is bounded by --seconds."""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PORT = int(os.environ.get("BENCH_PORT", "8190"))
BASE = f"http://127.0.0.1:{PORT}"
LUA = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %f %f %f %d %d\\n", summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, errors, summary.requests))
end
"""
FILTERED_AGENDA = (  # the first that answers 200
    "/agenda/?voor=ouderen&gratis=on&wanneer=week",
    "/agenda/?wanneer=week",
    "/agenda/?voor=ouderen",
)
GOAL = 0.05  # issue 15: every public page at this ratio or better, uncached


def recreate_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def empty_redis(url):
    import redis

    redis.Redis.from_url(url).flushdb()


def fetch(path, headers=None):
    request = urllib.request.Request(BASE + path, headers=headers or {})  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback only
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, ""


def first_link(html, pattern):
    match = re.search(pattern, html.split("<main", 1)[-1], re.S)
    return match.group(1) if match else None


def discover():
    """Find the URLs to test from the pages themselves, so the bench follows the site."""
    targets = [("home page", "/")]
    _, _, home = fetch("/")
    static = re.search(r'href="(/static/css/site[^"]+\.css)"', home)
    status, _, agenda = fetch("/agenda/")
    if status == 200:
        targets.append(("agenda", "/agenda/"))
        for path in FILTERED_AGENDA:
            if fetch(path)[0] == 200:
                targets.append(("agenda filter", path))
                break
        feed = re.search(
            r'type="text/calendar"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*type="text/calendar"', agenda
        )
        if feed:
            targets.append(("agenda feed", re.sub(r"^https?://[^/]+", "", feed.group(1) or feed.group(2))))
        item = r'class="agenda-item[^"]*".*?href="(/(?:agenda|initiatieven)/[^"?#]+/)"'
        event = first_link(agenda, item) or first_link(
            agenda, r'href="(/(?:agenda|initiatieven)/[a-z0-9-]+/[a-z0-9-]+/)"'
        )
        if event:
            targets.append(("event page", event))
    # What goes out to partners' websites and waiting-room screens (kanalen/), beside the feeds.
    for label, path in (
        ("embed", "/op-uw-website/agenda/"),
        ("json", "/op-uw-website/agenda.json"),
        ("screen", "/scherm/"),
    ):
        if fetch(path)[0] == 200:
            targets.append((label, path))
    status, _, guide = fetch("/wat-kun-je-doen/")
    if status == 200:
        targets.append(("guide", "/wat-kun-je-doen/"))
        theme = first_link(guide, r'href="(/wat-kun-je-doen/thema/[a-z0-9-]+/)"')
        if theme:
            targets.append(("theme page", theme))
    if fetch("/initiatieven/")[0] == 200:
        targets.append(("groups", "/initiatieven/"))
    if fetch("/initiatieven/groen/")[0] == 200:
        targets.append(("group page", "/initiatieven/groen/"))
    status, _, news = fetch("/nieuws/")
    if status == 200:
        targets.append(("news", "/nieuws/"))
        item = first_link(news, r'href="(/initiatieven/[a-z0-9-]+/[a-z0-9-]+/)"')
        if item:
            targets.append(("news page", item))
    targets.append(("search", "/zoeken/?q=koffie"))
    return targets, static.group(1) if static else None


def run_wrk(path, headers, seconds, connections, script):
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", script]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(command + [BASE + path], capture_output=True, text=True, timeout=seconds + 30)
    match = re.search(r"RESULT (\S+) (\S+) (\S+) (\d+) (\d+)", output.stdout)
    if not match:
        raise RuntimeError(output.stdout + output.stderr)
    rps, p50, p95, errors, total = match.groups()
    return {"rps": float(rps), "p50": float(p50), "p95": float(p95), "errors": int(errors)}


# --- steps that run inside Django, in a process of their own ---------------------------------
def child(step, argument):
    sys.path.insert(0, str(ROOT))
    sys.path.insert(1, str(ROOT / "bench"))
    import django

    django.setup()
    if step == "member":  # a session for one of the demo's approved members, as after a login
        from django.conf import settings
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
        from django.utils.module_loading import import_string

        from smoelenboek.models import Profile, Status

        user = Profile.objects.filter(status=Status.APPROVED).select_related("user").first().user
        store = import_string(settings.SESSION_ENGINE + ".SessionStore")()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        print(json.dumps({"cookie": f"{settings.SESSION_COOKIE_NAME}={store.session_key}"}))
    elif step == "events":
        from _events import add_events

        started = time.perf_counter()
        count = add_events(int(argument), recurring=300)
        print(json.dumps({"events": count, "seconds": time.perf_counter() - started}))
    elif step == "feed":  # publish one event, then time the feed as a calendar app asks for it
        from _events import publish_event

        headers = {"Accept-Encoding": "gzip"}
        fetch(argument, headers)  # as it stands before (every event's VEVENT made once)
        times = []
        for _ in range(5):
            publish_event()
            started = time.perf_counter()
            status, _, _ = fetch(argument, headers)
            times.append((time.perf_counter() - started) * 1000)
            assert status == 200, status
        print(json.dumps({"times": times}))


def in_django(env, step, argument=""):
    output = subprocess.run(
        [sys.executable, __file__, "--child", step, argument], cwd=ROOT, env=env, check=True,
        capture_output=True, text=True,
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


class Server:
    def __init__(self, env, workers):
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "stevenshof.wsgi", "--bind", f"127.0.0.1:{PORT}",
             "--workers", str(workers), "--log-level", "warning"],
            cwd=ROOT, env=env,
        )
        for _ in range(150):
            try:
                if fetch("/health/")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        sys.exit("gunicorn did not start")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--static-seconds", type=int, default=2, help="the static file before each page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--events", type=int, default=2000, help="for the feed after a publish; 0: skip")
    parser.add_argument("--only", help="only the pages whose label or path holds this")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child)
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/stevenshof_bench")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
    load_at_start = os.getloadavg()
    recreate_database(database_url)
    empty_redis(redis_url)
    workdir = Path(tempfile.mkdtemp(prefix="stevenshof-bench-"))
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="stevenshof.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        SECURE_SSL_REDIRECT="false",
        MEDIA_ROOT=str(workdir / "media"),
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    manage = [str(VENV_BIN / "python"), "manage.py"]
    for step in (["migrate", "--noinput"], ["collectstatic", "--noinput", "-v0"], ["load_demo", "-v0"]):
        subprocess.run(manage + step, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    script = workdir / "report.lua"
    script.write_text(LUA)
    member = {"Cookie": in_django(env, "member")["cookie"]}
    results = {}

    def measure(kind, path, headers):
        fetch("/health/")  # the requests wrk left in the workers' queues are answered first
        static = run_wrk(static_path, {}, args.static_seconds, args.connections, str(script))
        fetch(path, headers)  # warm up: renditions, and the page cache when it is on
        result = run_wrk(path, headers, args.seconds, args.connections, str(script))
        result["ratio"] = result["rps"] / static["rps"] if static["rps"] else 0
        result["static"] = static["rps"]
        results[kind, path] = result

    try:
        server = Server(dict(env, PAGE_CACHE_SECONDS="0"), args.workers)
        try:
            targets, static_path = discover()
            if args.only:
                targets = [(label, path) for label, path in targets if args.only in f"{label} {path}"]
            for _label, path in targets:
                measure("uncached", path, {})
                measure("member", path, member)
        finally:
            server.stop()
        server = Server(env, args.workers)
        try:
            for _label, path in targets:
                measure("cached", path, {})
            feed = None
            if args.events:
                made = in_django(env, "events", str(args.events))
                feed = in_django(env, "feed", "/agenda/agenda.ics")["times"]
        finally:
            server.stop()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"gunicorn {args.workers} workers, wrk {args.connections} connections, {args.seconds}s per URL; "
          f"ratio = req/s of the page / req/s of {static_path} served just before it")
    # On a shared machine the load of others moves every figure; the ratios less so.
    print(f"load average at the start {load_at_start[0]:.1f}, at the end {os.getloadavg()[0]:.1f} "
          f"({os.cpu_count()} cores)")
    columns = ("uncached", "member", "cached")
    header = "".join(f"{c + ' ratio':>16}{'p50 ms':>8}" for c in columns)
    print(f"{'page':<14}{'path':<40}{header}{'static/s':>10}")
    for label, path in targets:
        row = f"{label:<14}{path[:39]:<40}"
        for kind in columns:
            result = results[kind, path]
            flag = "!" if kind != "cached" and result["ratio"] < GOAL else " "
            errors = f" E{result['errors']}" if result["errors"] else ""
            row += f"{result['ratio']:>15.3f}{flag}{result['p50']:>8.0f}{errors}"
        print(row + f"{results['uncached', path]['static']:>10.0f}")
    print(f"! = below the goal of {GOAL} uncached (issue 15)")
    if feed:
        print(f"whole-agenda feed with {made['events']} live events, just after a publish: "
              f"median {statistics.median(feed):.0f} ms, slowest {max(feed):.0f} ms (goal: under 300 ms)")


if __name__ == "__main__":
    main()
