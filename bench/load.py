"""Load test: gunicorn with production settings on PostgreSQL and Redis (127.0.0.1), driven
by wrk. Prints requests per second and p50/p95 latency per page, next to a static file served
by whitenoise in the same run; the ratio page/static is the figure we steer by.

    apt-get install wrk        # once
    .venv/bin/python bench/load.py [--seconds 5] [--connections 8] [--workers 2]

Only loopback addresses are used. Each wrk run is bounded by --seconds."""

import argparse
import os
import re
import secrets
import shutil
import signal
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


def ensure_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def fetch(path, headers=None):
    request = urllib.request.Request(BASE + path, headers=headers or {})  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback only
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, ""


def discover():
    """Find the URLs to test from the pages themselves, so the bench follows the site."""
    targets = [("home page", "/", {})]
    _, _, home = fetch("/")
    static = re.search(r'href="(/static/css/site[^"]+\.css)"', home)
    _, _, agenda = fetch("/agenda/")
    if agenda:
        targets.append(("agenda", "/agenda/", {}))
        listing = agenda.split("<main", 1)[-1]
        item = r'class="agenda-item[^"]*".*?href="(/(?:agenda|initiatieven)/[^"?#]+/)"'
        event = re.search(item, listing, re.S)
        event = event or re.search(r'href="(/(?:agenda|initiatieven)/[a-z0-9-]+/[a-z0-9-]+/)"', listing)
        if event:
            targets.append(("event page", event.group(1), {}))
        feed = re.search(
            r'type="text/calendar"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*type="text/calendar"', agenda
        )
        if feed:
            feed_url = re.sub(r"^https?://[^/]+", "", feed.group(1) or feed.group(2))
            targets.append(("agenda feed", feed_url, {}))
            _, headers, _ = fetch(feed_url)
            if headers.get("ETag"):
                targets.append(("feed 304", feed_url, {"If-None-Match": headers["ETag"]}))
    # What goes out to partners' websites and waiting-room screens (kanalen/), beside the feeds.
    for label, path in (
        ("embed", "/op-uw-website/agenda/"),
        ("json", "/op-uw-website/agenda.json"),
        ("screen", "/scherm/"),
    ):
        status, headers, _ = fetch(path)
        if status == 200:
            targets.append((label, path, {}))
            if label == "json" and headers.get("ETag"):
                targets.append(("json 304", path, {"If-None-Match": headers["ETag"]}))
    status, _, guide = fetch("/wat-kun-je-doen/")
    if status == 200:
        theme = re.search(r'href="(/wat-kun-je-doen/thema/[a-z0-9-]+/)"', guide.split("<main", 1)[-1])
        if theme:
            targets.append(("theme page", theme.group(1), {}))
    pages = (("groups", "/initiatieven/"), ("group page", "/initiatieven/groen/"), ("news", "/nieuws/"))
    for label, path in pages:
        if fetch(path)[0] == 200:
            targets.append((label, path, {}))
    if static:
        targets.append(("static css", static.group(1), {}))
    return targets


def run_wrk(path, headers, seconds, connections, script):
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "-s", script]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(command + [BASE + path], capture_output=True, text=True, timeout=seconds + 30)
    match = re.search(r"RESULT (\S+) (\S+) (\S+) (\d+) (\d+)", output.stdout)
    if not match:
        raise RuntimeError(output.stdout + output.stderr)
    rps, p50, p95, errors, total = match.groups()
    return float(rps), float(p50), float(p95), int(errors), int(total)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/stevenshof_bench")
    ensure_database(database_url)
    workdir = Path(tempfile.mkdtemp(prefix="stevenshof-bench-"))
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="stevenshof.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
        SECURE_SSL_REDIRECT="false",
        MEDIA_ROOT=str(workdir / "media"),
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    manage = [str(VENV_BIN / "python"), "manage.py"]
    for step in (["migrate", "--noinput"], ["collectstatic", "--noinput", "-v0"], ["load_demo", "-v0"]):
        subprocess.run(manage + step, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "stevenshof.wsgi", "--bind", f"127.0.0.1:{PORT}",
         "--workers", str(args.workers), "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    try:
        for _ in range(100):
            try:
                if fetch("/health/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            sys.exit("gunicorn did not start")
        script = workdir / "report.lua"
        script.write_text(LUA)
        targets = discover()
        results = {}
        for label, path, headers in targets:
            fetch(path, headers)  # warm the cache, as a real visitor before you would
            results[label] = run_wrk(path, headers, args.seconds, args.connections, str(script))
        static_rps = results.get("static css", (None,))[0]
        print(f"gunicorn {args.workers} workers, wrk {args.connections} connections, {args.seconds}s per URL")
        print(f"{'page':<14}{'path':<44}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}{'ratio':>8}")
        for label, path, _ in targets:
            rps, p50, p95, errors, _total = results[label]
            ratio = f"{rps / static_rps:.2f}" if static_rps else "-"
            print(f"{label:<14}{path[:43]:<44}{rps:>9.0f}{p50:>9.1f}{p95:>9.1f}{errors:>8}{ratio:>8}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
