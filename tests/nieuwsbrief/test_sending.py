"""Sending an edition through a real SMTP server on 127.0.0.1 (aiosmtpd) that fails on purpose:
batches at the rate per minute, a server that is down (the task tries again, the edition says
why), a reader's server that refuses or says "later", a worker that dies halfway (resumed
without sending anyone the edition twice), a reader who unsubscribes during the sending, and
two workers at once."""

import datetime
import json
import os
import sqlite3
import subprocess
import sys
import time
from email import message_from_string, policy
from pathlib import Path

import pytest
from django.core.mail.backends import smtp
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from nieuwsbrief import editions, tasks
from nieuwsbrief.models import Delivery, Edition

from .factories import SubscriberFactory, default_site

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def _edition():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    send_at = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(8)))
    edition, _ = editions.make_draft(default_site(), send_at)
    return edition


def _send_now(edition):
    return tasks.start(edition, timezone.now())


def _fresh(edition):
    return Edition.objects.get(pk=edition.pk)


def test_batches_keep_to_the_rate_and_each_reader_gets_one_mail(
    smtp_server, run_worker, pinned_clock, settings
):
    settings.NIEUWSBRIEF_BATCH_SIZE = 3
    settings.NIEUWSBRIEF_RATE_PER_MINUTE = 3
    readers = SubscriberFactory.create_batch(7)
    unconfirmed = SubscriberFactory(confirmed_at=None)
    edition = _send_now(_edition())
    inbox = smtp_server.inbox

    run_worker()
    assert len(inbox.messages) == 3  # one batch; the next waits a minute
    assert _fresh(edition).status == "sending"
    pinned_clock.shift(datetime.timedelta(seconds=61))
    run_worker()
    assert len(inbox.messages) == 6
    pinned_clock.shift(datetime.timedelta(seconds=61))
    run_worker()
    assert len(inbox.messages) == 7

    edition = _fresh(edition)
    assert edition.status == "sent" and edition.sent_at
    assert edition.stats() | {} == {
        "total": 7, "sent": 7, "failed": 0, "bounced": 0, "skipped": 0, "waiting": 0, "unsubscribed": 0
    }
    assert inbox.received_by(unconfirmed.email) == []
    for reader in readers:
        (raw,) = inbox.received_by(reader.email)
        message = message_from_string(raw, policy=policy.default)
        assert message["List-Unsubscribe"].strip() == (
            f"<http://localhost/nieuwsbrief/afmelden/{reader.token}/?uitgave={edition.pk}>"
        )
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message.get_content_type() == "multipart/alternative"
        assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    # Nothing is sent twice: running the worker or the task again finds nothing to do.
    tasks.send_edition.enqueue(edition.pk, edition.task_token)
    run_worker()
    assert len(inbox.messages) == 7


def test_a_mail_server_that_is_down_makes_the_task_try_again(smtp_server, run_worker, pinned_clock, settings):
    settings.NIEUWSBRIEF_RATE_PER_MINUTE = 100_000
    readers = SubscriberFactory.create_batch(4)
    smtp_server.stop()
    edition = _send_now(_edition())
    run_worker()

    edition = _fresh(edition)
    assert edition.status == "sending"
    assert edition.last_error.startswith("De mailserver werkt niet")
    assert "Nieuwe poging om" in edition.last_error
    assert edition.next_retry_at > timezone.now()
    assert set(Delivery.objects.filter(edition=edition).values_list("status", flat=True)) == {"queued"}
    assert DBTaskResult.objects.filter(status="READY", run_after__gt=timezone.now()).exists()

    smtp_server.start()
    pinned_clock.shift(datetime.timedelta(seconds=61))
    run_worker()
    edition = _fresh(edition)
    assert edition.status == "sent"
    assert edition.last_error == ""
    assert all(len(smtp_server.inbox.received_by(r.email)) == 1 for r in readers)


def test_refused_addresses_bounce_and_later_is_retried(smtp_server, run_worker, pinned_clock, settings):
    settings.NIEUWSBRIEF_RATE_PER_MINUTE = 100_000
    gone, busy, fine = SubscriberFactory.create_batch(3)
    smtp_server.inbox.refuse = {gone.email: "550 5.1.1 Dit adres bestaat niet", busy.email: "451 4.2.0 Later"}
    edition = _send_now(_edition())
    run_worker()

    statuses = dict(Delivery.objects.filter(edition=edition).values_list("subscriber__email", "status"))
    assert statuses == {gone.email: "bounced", busy.email: "queued", fine.email: "sent"}
    later = Delivery.objects.get(edition=edition, subscriber=busy)
    assert later.attempts == 1 and later.error.startswith("451")
    assert later.next_attempt_at > timezone.now()

    del smtp_server.inbox.refuse[busy.email]
    pinned_clock.shift(datetime.timedelta(seconds=61))
    run_worker()
    edition = _fresh(edition)
    assert edition.status == "sent"
    stats = edition.stats()
    assert (stats["sent"], stats["bounced"], stats["failed"]) == (2, 1, 0)
    assert len(smtp_server.inbox.received_by(busy.email)) == 1


class WorkerDied(BaseException):
    pass


def test_a_worker_that_dies_halfway_is_resumed_without_sending_anyone_twice(
    smtp_server, run_worker, pinned_clock, settings, monkeypatch
):
    settings.NIEUWSBRIEF_RATE_PER_MINUTE = 100_000
    readers = SubscriberFactory.create_batch(5)
    real_send = smtp.EmailBackend.send_messages
    calls = []

    def dies_after_the_third(self, messages):
        sent = real_send(self, messages)
        calls.append(1)
        if len(calls) == 3:
            raise WorkerDied  # the mail went out, but the worker never wrote that down
        return sent

    monkeypatch.setattr(smtp.EmailBackend, "send_messages", dies_after_the_third)
    edition = _send_now(_edition())
    run_worker()
    assert len(smtp_server.inbox.messages) == 3
    counts = dict(Delivery.objects.filter(edition=edition).values_list("status").annotate(n=models_count()))
    assert counts == {"sent": 2, "sending": 1, "claimed": 2}

    # The cron round finds the edition without a sign of life once the lease is over.
    assert tasks.tick().endswith("0 nieuwsbrief(ven) (weer) gestart.")
    pinned_clock.shift(datetime.timedelta(minutes=settings.NIEUWSBRIEF_LEASE_MINUTES + 1))
    assert "1 nieuwsbrief(ven) (weer) gestart" in tasks.tick()
    run_worker()

    edition = _fresh(edition)
    assert edition.status == "sent"
    for reader in readers:
        assert len(smtp_server.inbox.received_by(reader.email)) == 1, reader.email
    stats = edition.stats()
    assert (stats["sent"], stats["failed"]) == (4, 1)
    unknown = Delivery.objects.get(edition=edition, status="failed")
    assert "Misschien is deze mail aangekomen" in unknown.error


def models_count():
    from django.db.models import Count

    return Count("pk")


def test_who_unsubscribes_while_an_edition_is_sending_does_not_get_it(
    client, smtp_server, run_worker, pinned_clock, settings
):
    settings.NIEUWSBRIEF_BATCH_SIZE = 2
    settings.NIEUWSBRIEF_RATE_PER_MINUTE = 2
    readers = SubscriberFactory.create_batch(4)
    edition = _send_now(_edition())
    run_worker()
    assert len(smtp_server.inbox.messages) == 2
    leaving = readers[3]
    client.post(f"/nieuwsbrief/afmelden/{leaving.token}/?uitgave={edition.pk}")
    pinned_clock.shift(datetime.timedelta(seconds=61))
    run_worker()

    assert smtp_server.inbox.received_by(leaving.email) == []
    assert len(smtp_server.inbox.received_by(readers[2].email)) == 1
    stats = _fresh(edition).stats()
    assert (stats["sent"], stats["skipped"], stats["unsubscribed"]) == (3, 1, 1)


def test_an_edition_cannot_be_scheduled_twice_or_changed_once_sending(smtp_server, settings):
    from django.core.exceptions import ValidationError

    settings.NIEUWSBRIEF_RATE_PER_MINUTE = 100_000
    SubscriberFactory()
    edition = _send_now(_edition())
    tasks.send_edition.call(edition.pk, edition.task_token)
    with pytest.raises(editions.CannotSend):
        _send_now(edition)
    with pytest.raises(ValidationError):
        _fresh(edition).full_clean()
    assert len(smtp_server.inbox.messages) == 1


@pytest.mark.slow
def test_two_workers_never_send_anyone_the_edition_twice(transactional_db, smtp_server, tmp_path):
    """Two real worker processes (`manage.py db_worker`) on one database, with the send task
    queued three times (a retried task), share the work and send each reader one mail."""
    # Committed for real, like the multi-server tests: the demo is loaded here, after the backup
    # test's flush, and flushed again afterwards (no demo snapshot to restore).
    call_command("load_demo", verbosity=0)
    readers = SubscriberFactory.create_batch(30)
    edition = _send_now(_edition())
    for _ in range(2):
        tasks.send_edition.enqueue(edition.pk, edition.task_token)
    # The workers are processes of their own: on SQLite they get a copy of the test database,
    # on PostgreSQL the test database itself (this test commits for real).
    if connection.vendor == "sqlite":
        database = tmp_path / "db.sqlite3"
        copy = sqlite3.connect(database)
        connection.ensure_connection()
        connection.connection.backup(copy)
        copy.close()
        url = f"sqlite:///{database}"
    else:
        db = connection.settings_dict
        url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="stevenshof.settings.test",
        DATABASE_URL=url,
        NIEUWSBRIEF_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_server.port),
        NIEUWSBRIEF_BATCH_SIZE="2",
        NIEUWSBRIEF_RATE_PER_MINUTE="100000",
    )
    command = [sys.executable, "manage.py", "db_worker", "--backend", "background", "--batch",
               "--no-reload", "--no-startup-delay", "--interval", "0.05"]
    workers = [subprocess.Popen(command, cwd=ROOT, env=env) for _ in range(2)]  # noqa: S603
    deadline = time.monotonic() + 180
    for worker in workers:
        assert worker.wait(timeout=max(1, deadline - time.monotonic())) == 0
    for reader in readers:
        assert len(smtp_server.inbox.received_by(reader.email)) == 1, reader.email
    assert len(smtp_server.inbox.messages) == 30
    if connection.vendor == "sqlite":
        result = sqlite3.connect(database)

        def query(sql, params=()):
            return [tuple(row) for row in result.execute(sql, params).fetchall()]
    else:

        def query(sql, params=()):
            with connection.cursor() as cursor:
                cursor.execute(sql.replace("?", "%s"), params)
                return [tuple(row) for row in cursor.fetchall()]

    statuses = query(
        "SELECT status, count(*) FROM nieuwsbrief_delivery WHERE edition_id = ? GROUP BY status", [edition.pk]
    )
    edition_status = query("SELECT status FROM nieuwsbrief_edition WHERE id = ?", [edition.pk])
    runs = query("SELECT worker_ids FROM django_tasks_database_dbtaskresult")
    assert statuses == [("sent", 30)]
    assert edition_status == [("sent",)]
    ids = [json.loads(value) if isinstance(value, str) else value for (value,) in runs]
    assert len({worker for value in ids for worker in value}) == 2, "both workers took part"


def test_a_schedule_moved_later_in_the_edit_form_sends_at_the_new_time(run_worker, pinned_clock, settings):
    from django.core import mail

    settings.NIEUWSBRIEF_RATE_PER_MINUTE = 100_000
    SubscriberFactory()
    edition = tasks.start(_edition(), timezone.now() + datetime.timedelta(minutes=5))
    later = edition.scheduled_at + datetime.timedelta(hours=1)
    Edition.objects.filter(pk=edition.pk).update(scheduled_at=later)
    pinned_clock.shift(datetime.timedelta(minutes=6))
    run_worker()  # the task of the old time finds it is not yet time, and waits for the new one
    assert mail.outbox == [] and _fresh(edition).status == "scheduled"
    pinned_clock.shift(datetime.timedelta(hours=1))
    run_worker()
    assert len(mail.outbox) == 1 and _fresh(edition).status == "sent"
