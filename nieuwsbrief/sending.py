"""Sending an edition, one batch per run of the send task (nieuwsbrief/tasks.py).

The database keeps every promise, not the cache and not the worker:
- one `Delivery` per reader per edition (a unique constraint), made when sending starts;
- a reader's mail moves queued → claimed → sending → sent only through conditional updates,
  so two workers (or a task that runs twice) never both send it;
- a mail is marked "sending" just before it goes to the mail server. When a worker dies, its
  claimed mails go back in the queue after NIEUWSBRIEF_LEASE_MINUTES; a mail that was "sending"
  at that moment may or may not have arrived, so it is marked failed and never sent again:
  nobody gets an edition twice;
- a reader who unsubscribes is deleted, and a mail for a deleted or unconfirmed reader is
  skipped, checked in the same update that starts it;
- a mail server that does not answer puts the batch back and the task tries again later
  (NIEUWSBRIEF_RETRY_MINUTES); the admin shows the error and the next try. A reader's own
  server that says "later" (4xx) is retried up to NIEUWSBRIEF_MAX_ATTEMPTS times; one that
  refuses the address (5xx) counts as bounced.

`run()` returns when the next run should start (None when there is nothing left to do): the
task enqueues it, so the worker stays free for other tasks between batches and the rate per
minute (NIEUWSBRIEF_RATE_PER_MINUTE) holds."""

import contextlib
import datetime
import logging
import secrets
import smtplib
import time

from django.conf import settings
from django.db import transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from home.cache import bump_content_version

from .mail import Renderer, message_for, newsletter_connection
from .models import Delivery, Edition, EditionStatus, Subscriber, seen_news

logger = logging.getLogger("stevenshof")

_renderers = {}  # the renderer of the edition this worker is sending (its variants stay rendered)


def backoff(attempt):
    minutes = settings.NIEUWSBRIEF_RETRY_MINUTES
    return datetime.timedelta(minutes=minutes[min(max(attempt, 1), len(minutes)) - 1])


def batch_size():
    return max(1, min(settings.NIEUWSBRIEF_BATCH_SIZE, settings.NIEUWSBRIEF_RATE_PER_MINUTE))


def queue(edition):
    """One delivery per confirmed reader of the site; running it again adds nobody twice."""
    readers = Subscriber.objects.of_site(edition.site_id).confirmed().values_list("pk", flat=True)
    Delivery.objects.bulk_create(
        [Delivery(edition=edition, subscriber_id=pk) for pk in readers.iterator()],
        batch_size=1000,
        ignore_conflicts=True,
    )


def _start(edition_pk, token, now):
    """Lock the edition; start it when its time has come. Returns (edition, reason, run_after):
    no edition means stop, with a reason, or run again at run_after (a schedule moved later)."""
    with transaction.atomic():
        edition = Edition.objects.select_for_update().filter(pk=edition_pk).first()
        if edition is None:
            return None, "Deze nieuwsbrief bestaat niet meer.", None
        if token and edition.task_token and token != edition.task_token:
            return None, "Een nieuwere taak verstuurt deze nieuwsbrief.", None
        if edition.status == EditionStatus.SCHEDULED:
            if edition.scheduled_at > now:
                return None, "Nog niet aan de beurt.", edition.scheduled_at
            edition.status = EditionStatus.SENDING
            edition.sending_started_at = now
            queue(edition)
        elif edition.status != EditionStatus.SENDING:
            return None, "Niets te versturen.", None
        edition.heartbeat_at = now
        edition.save(update_fields=["status", "sending_started_at", "heartbeat_at"])
    return edition, "", None


def release_stale(edition, now):
    """Mails of a worker that stopped: back in the queue, or failed when they may have gone."""
    cutoff = now - datetime.timedelta(minutes=settings.NIEUWSBRIEF_LEASE_MINUTES)
    stale = Delivery.objects.filter(edition=edition, claimed_at__lt=cutoff)
    stale.filter(status=Delivery.CLAIMED).update(status=Delivery.QUEUED, claim="", claimed_at=None)
    stale.filter(status=Delivery.SENDING).update(
        status=Delivery.FAILED,
        error="Het versturen stopte halverwege. Misschien is deze mail aangekomen; "
        "we sturen hem niet nog eens, zodat niemand hem twee keer krijgt.",
    )


def _claim(edition, now):
    ready = Delivery.objects.filter(edition=edition, status=Delivery.QUEUED).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    ids = list(ready.order_by("pk").values_list("pk", flat=True)[: batch_size()])
    claim = secrets.token_hex(8)
    Delivery.objects.filter(pk__in=ids, status=Delivery.QUEUED).update(
        status=Delivery.CLAIMED, claim=claim, claimed_at=now
    )
    return claim, list(Delivery.objects.filter(claim=claim, status=Delivery.CLAIMED).order_by("pk"))


def _readers(batch, edition):
    ids = [d.subscriber_id for d in batch if d.subscriber_id]
    readers = {s.pk: s for s in Subscriber.objects.filter(pk__in=ids).confirmed()}
    themes, groups = {}, {}
    for sid, tid in Subscriber.themes.through.objects.filter(subscriber_id__in=ids).values_list(
        "subscriber_id", "theme_id"
    ):
        themes.setdefault(sid, set()).add(tid)
    for sid, gid in Subscriber.groups.through.objects.filter(subscriber_id__in=ids).values_list(
        "subscriber_id", "initiatiefpage_id"
    ):
        groups.setdefault(sid, set()).add(gid)
    return readers, themes, groups, seen_news(ids, edition)


def renderer_for(edition):
    key = (edition.pk, edition.sending_started_at)
    if key not in _renderers:
        _renderers.clear()
        _renderers[key] = Renderer(edition)
    return _renderers[key]


class ServerDown(Exception):
    pass


def _send_one(connection, edition, delivery, reader, interests, renderer, claim):
    """Send one reader's mail. Raises ServerDown when the mail server itself fails."""
    started = Delivery.objects.filter(
        pk=delivery.pk, claim=claim, status=Delivery.CLAIMED, subscriber__confirmed_at__isnull=False
    ).update(status=Delivery.SENDING, attempts=F("attempts") + 1, claimed_at=timezone.now())
    if not started or reader is None:
        mine = Delivery.objects.filter(
            pk=delivery.pk, claim=claim, status__in=[Delivery.CLAIMED, Delivery.SENDING]
        )
        mine.update(status=Delivery.SKIPPED, error="Afgemeld voor het versturen.")
        return "skipped"
    themes, groups, seen = interests
    part, rendered = renderer.for_reader(reader.all_topics, themes, groups, seen)
    mine = Delivery.objects.filter(pk=delivery.pk, claim=claim, status=Delivery.SENDING)
    try:
        message = message_for(edition, reader.token, rendered, reader.email, connection=connection)
        connection.send_messages([message])
    except ValueError as exc:  # a mail Django refuses to make (BadHeaderError): this reader only
        mine.update(status=Delivery.FAILED, error=f"Deze mail kon niet gemaakt worden: {exc}"[:300])
        return Delivery.FAILED
    except smtplib.SMTPRecipientsRefused as exc:
        code = min((answer[0] for answer in exc.recipients.values()), default=550)
        return _failed(mine, delivery, code, exc)
    except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as exc:
        return _failed(mine, delivery, exc.smtp_code, exc)
    except (smtplib.SMTPException, OSError) as exc:
        mine.update(status=Delivery.QUEUED, attempts=F("attempts") - 1, claim="", claimed_at=None)
        raise ServerDown(str(exc) or exc.__class__.__name__) from exc
    mine.update(
        status=Delivery.SENT,
        sent_at=timezone.now(),
        error="",
        news_ids=[n.pk for n in part.news],
    )
    return "sent"


def _failed(mine, delivery, code, exc):
    text = f"{code}: {exc}"[:300]
    if code >= 500:
        status = Delivery.BOUNCED if isinstance(exc, smtplib.SMTPRecipientsRefused) else Delivery.FAILED
        mine.update(status=status, error=text)
        return status
    attempts = delivery.attempts + 1
    if attempts >= settings.NIEUWSBRIEF_MAX_ATTEMPTS:
        mine.update(status=Delivery.FAILED, error=text)
        return Delivery.FAILED
    mine.update(
        status=Delivery.QUEUED, error=text, claim="", claimed_at=None,
        next_attempt_at=timezone.now() + backoff(attempts),
    )
    return "later"


def _server_down(edition, claim, error, now):
    Delivery.objects.filter(claim=claim, status=Delivery.CLAIMED).update(
        status=Delivery.QUEUED, claim="", claimed_at=None
    )
    failures = edition.server_failures + 1
    if failures > settings.NIEUWSBRIEF_MAX_SERVER_FAILURES:
        next_try = None
        message = (
            f"De mailserver werkt niet: {error}. Na {failures - 1} pogingen is het versturen gestopt. "
            "Niemand is vergeten: klik op ‘Opnieuw proberen’ als de mailserver weer werkt."
        )
    else:
        next_try = now + backoff(failures)
        message = (
            f"De mailserver werkt niet: {error}. "
            f"Nieuwe poging om {timezone.localtime(next_try):%H:%M} (poging {failures})."
        )
    Edition.objects.filter(pk=edition.pk).update(
        server_failures=failures, last_error=message, next_retry_at=next_try, heartbeat_at=now
    )
    logger.warning("Nieuwsbrief %s: %s", edition.pk, message)
    return next_try


def _finish(edition, now):
    with transaction.atomic():
        done = Edition.objects.filter(pk=edition.pk, status=EditionStatus.SENDING).update(
            status=EditionStatus.SENT, sent_at=now, next_retry_at=None
        )
    if done:
        bump_content_version()  # the archive shows the new edition
        logger.info("Nieuwsbrief %s sent: %s", edition.pk, edition.stats())


def run(edition_pk, token=""):
    """Send one batch of this edition. Returns (when to run again or None, a summary)."""
    started = time.monotonic()
    now = timezone.now()
    edition, reason, later = _start(edition_pk, token, now)
    if edition is None:
        return later, reason
    release_stale(edition, now)
    claim, batch = _claim(edition, now)
    sent = 0
    if batch:
        renderer = renderer_for(edition)
        readers, themes, groups, seen = _readers(batch, edition)
        connection = newsletter_connection()
        try:
            try:
                connection.open()
            except (smtplib.SMTPException, OSError) as exc:
                raise ServerDown(str(exc) or exc.__class__.__name__) from exc
            for delivery in batch:
                sid = delivery.subscriber_id
                interests = (themes.get(sid, ()), groups.get(sid, ()), seen.get(sid, ()))
                reader = readers.get(sid)
                if _send_one(connection, edition, delivery, reader, interests, renderer, claim) == "sent":
                    sent += 1
        except ServerDown as exc:
            return _server_down(edition, claim, exc, now), f"{sent} verstuurd; de mailserver werkt niet."
        finally:
            with contextlib.suppress(Exception):  # a broken connection cannot be closed politely
                connection.close()
        Edition.objects.filter(pk=edition.pk).update(
            server_failures=0, last_error="", next_retry_at=None, heartbeat_at=timezone.now()
        )
    left = Delivery.objects.filter(
        edition=edition, status__in=[Delivery.QUEUED, Delivery.CLAIMED, Delivery.SENDING]
    )
    if not left.exists():
        _finish(edition, timezone.now())
        return None, f"{sent} verstuurd; klaar."
    if batch:  # more to do: keep to the rate per minute
        pause = len(batch) * 60 / settings.NIEUWSBRIEF_RATE_PER_MINUTE - (time.monotonic() - started)
        return timezone.now() + datetime.timedelta(seconds=max(0, pause)), f"{sent} verstuurd."
    waiting = left.filter(status=Delivery.QUEUED).aggregate(first=Min("next_attempt_at"))["first"]
    if waiting is None:  # only other workers' mails are left: look again when their lease ends
        waiting = now + datetime.timedelta(minutes=settings.NIEUWSBRIEF_LEASE_MINUTES)
    return waiting, "Wacht op een nieuwe poging."
