"""Newsletter speed: the time to build and queue the week's edition for 5,000 subscribers with
varied interests (goal: under 30 s), and the send rate through a local SMTP server (aiosmtpd on
127.0.0.1) with one background worker (`manage.py db_worker`, a process of its own). Uses a
throw-away SQLite database and the demo district.

    .venv/bin/python bench/nieuwsbrief.py [--subscribers 5000] [--send 5000]"""

import argparse
import datetime
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

import _common  # noqa: F401  (sets up Django: before any Django import)
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent


def add_subscribers(count):
    from wagtail.models import Site

    from home.models import Theme
    from initiatieven.models import InitiatiefPage
    from nieuwsbrief.models import Subscriber, new_token

    rnd = random.Random(16)
    site = Site.objects.get(is_default_site=True)
    themes = list(Theme.objects.values_list("pk", flat=True))
    groups = list(InitiatiefPage.objects.live().values_list("pk", flat=True))
    now = timezone.now()
    with transaction.atomic():
        Subscriber.objects.bulk_create(
            [
                Subscriber(
                    site=site, email=f"lezer{n}@example.org", token=new_token(), confirmed_at=now,
                    all_topics=rnd.random() < 0.4,
                )
                for n in range(count)
            ],
            batch_size=1000,
        )
        theme_rows, group_rows = [], []
        ThemeRow, GroupRow = Subscriber.themes.through, Subscriber.groups.through
        for pk in Subscriber.objects.filter(all_topics=False).values_list("pk", flat=True):
            for theme in rnd.sample(themes, rnd.randint(1, min(3, len(themes)))):
                theme_rows.append(ThemeRow(subscriber_id=pk, theme_id=theme))
            for group in rnd.sample(groups, rnd.randint(0, min(2, len(groups)))):
                group_rows.append(GroupRow(subscriber_id=pk, initiatiefpage_id=group))
        Subscriber.themes.through.objects.bulk_create(theme_rows, batch_size=1000)
        Subscriber.groups.through.objects.bulk_create(group_rows, batch_size=1000)


def build_and_queue():
    """The draft (the week's pages), scheduled now, the deliveries queued, and every reader's
    variant worked out and rendered once, as the sending does."""
    from wagtail.models import Site

    from nieuwsbrief import editions, sending, tasks
    from nieuwsbrief.models import Subscriber, seen_news

    site = Site.objects.get(is_default_site=True)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    send_at = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(8)))
    times = {}
    start = time.perf_counter()
    edition, _ = editions.make_draft(site, send_at)
    times["draft (the week's activities and news)"] = time.perf_counter() - start
    start = time.perf_counter()
    edition = tasks.start(edition, timezone.now())
    edition, _reason, _later = sending._start(edition.pk, edition.task_token, timezone.now())
    times["queue (one delivery per reader)"] = time.perf_counter() - start
    start = time.perf_counter()
    renderer = sending.renderer_for(edition)
    readers = list(Subscriber.objects.of_site(site).confirmed())
    ids = [r.pk for r in readers]
    themes, groups = {}, {}
    for sid, tid in Subscriber.themes.through.objects.values_list("subscriber_id", "theme_id"):
        themes.setdefault(sid, set()).add(tid)
    for sid, gid in Subscriber.groups.through.objects.values_list("subscriber_id", "initiatiefpage_id"):
        groups.setdefault(sid, set()).add(gid)
    seen = seen_news(ids, edition)
    for reader in readers:
        renderer.for_reader(reader.all_topics, themes.get(reader.pk, ()), groups.get(reader.pk, ()),
                            seen.get(reader.pk, ()))
    times["every reader's mail worked out and rendered"] = time.perf_counter() - start
    return edition, times, len(renderer._cache)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Counter:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.count += len(envelope.rcpt_tos)
        return "250 OK"


def send_with_one_worker(edition, limit):
    from aiosmtpd.controller import Controller

    from nieuwsbrief.models import Delivery

    if limit is not None:  # send only part of the edition: the rest is left out of the queue
        extra = Delivery.objects.filter(edition=edition).order_by("pk").values_list("pk", flat=True)[limit:]
        Delivery.objects.filter(pk__in=list(extra)).update(status=Delivery.SKIPPED)
    counter = Counter()
    port = free_port()
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE=settings.SETTINGS_MODULE,
        NIEUWSBRIEF_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        NIEUWSBRIEF_RATE_PER_MINUTE="1000000",  # no rate limit: measure how fast it can go
    )
    command = [sys.executable, "manage.py", "db_worker", "--backend", "background", "--batch",
               "--no-reload", "--no-startup-delay", "--interval", "0.05"]
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    took = time.perf_counter() - start
    controller.stop()
    return counter.count, took


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=5000)
    parser.add_argument("--send", type=int, default=None, help="send only this many (default: all)")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    start = time.perf_counter()
    add_subscribers(args.subscribers)
    print(f"{args.subscribers} subscribers (40% 'alles', the others 1-3 themes and 0-2 groups), "
          f"made in {time.perf_counter() - start:.1f} s")
    edition, times, variants = build_and_queue()
    for label, seconds in times.items():
        print(f"  {label:<48}{seconds:>7.2f} s")
    total = sum(times.values())
    print(f"build and queue the edition for {args.subscribers} subscribers: {total:.1f} s "
          f"(goal: under 30 s; {variants} different mails)")
    sent, took = send_with_one_worker(edition, args.send)
    print(f"sent {sent} mails through a local SMTP server with one worker in {took:.1f} s "
          f"(worker start included): {sent / took:.0f} mails/s, {sent / took * 60:.0f} per minute")


if __name__ == "__main__":
    main()
