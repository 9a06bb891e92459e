"""The life of an edition: made as a draft a day before the send day, scheduled or sent by an
editor, and the weekly round that cron starts (`manage.py nieuwsbrief`).

One edition per site per week: the database's unique constraint says so, whoever asks twice."""

import datetime
import logging
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Site

from agenda import recurrence

from . import digest as digests
from .models import WEEK_TAKEN, Edition, EditionItem, EditionStatus, NewsletterSettings

logger = logging.getLogger("stevenshof")


def monday(day):
    return day - datetime.timedelta(days=day.weekday())


def next_send_moment(site, now=None):
    """The next send moment of this site's weekly newsletter (its settings; default Thursday
    08:00), today's when it is still to come."""
    now = timezone.localtime(now or timezone.now())
    chosen = NewsletterSettings.for_site(site)
    day = now.date() + datetime.timedelta(days=(chosen.send_weekday - now.weekday()) % 7)
    moment = recurrence.aware(datetime.datetime.combine(day, chosen.send_time))
    if moment <= now:
        next_week = day + datetime.timedelta(days=7)
        moment = recurrence.aware(datetime.datetime.combine(next_week, chosen.send_time))
    return moment


def default_subject(first_day):
    last_day = first_day + datetime.timedelta(days=digests.DAYS_COVERED - 1)
    first = recurrence.dutch_date(first_day, weekday=False, year=False)
    last = recurrence.dutch_date(last_day, weekday=False, year=False)
    return f"Deze week in de Stevenshof: {first} tot en met {last}"


def make_draft(site, send_at):
    """The draft edition for the week of `send_at`, with the week's activities and the latest
    news as its items and a theme in the spotlight; the existing one if the week has one."""
    first_day = timezone.localtime(send_at).date()
    week = monday(first_day)
    existing = Edition.objects.filter(site=site, week=week).first()
    if existing is not None:
        return existing, False
    pages = digests.candidates(site, first_day)
    try:
        with transaction.atomic():
            edition = Edition.objects.create(
                site=site,
                week=week,
                scheduled_at=send_at,
                subject=default_subject(first_day),
                spotlight_theme=digests.choose_spotlight(site, first_day),
            )
            EditionItem.objects.bulk_create(
                [EditionItem(edition=edition, page_id=page.pk, sort_order=n) for n, page in enumerate(pages)]
            )
    except IntegrityError:  # made at the same moment by another worker
        return Edition.objects.get(site=site, week=week), False
    logger.info("Nieuwsbrief: draft %s made for %s with %d items", edition.pk, site, len(pages))
    return edition, True


def fill(edition):
    """Give an edition without items the week's pages, and a spotlight if it has none."""
    if edition.items.exists():
        return
    first_day = edition.first_day
    pages = digests.candidates(edition.site, first_day)
    EditionItem.objects.bulk_create(
        [EditionItem(edition=edition, page_id=page.pk, sort_order=n) for n, page in enumerate(pages)]
    )
    if edition.spotlight_theme_id is None:
        edition.spotlight_theme = digests.choose_spotlight(edition.site, first_day)
        Edition.objects.filter(pk=edition.pk).update(spotlight_theme=edition.spotlight_theme)


def drafts_due(now=None):
    """Make the coming edition of every site from a day before its send day on."""
    now = timezone.localtime(now or timezone.now())
    made = []
    for site in Site.objects.all():
        send_at = next_send_moment(site, now)
        if timezone.localtime(send_at).date() - now.date() <= datetime.timedelta(days=1):
            edition, created = make_draft(site, send_at)
            if created:
                made.append(edition)
    return made


# --- scheduling -----------------------------------------------------------------------------
class CannotSend(Exception):
    """Said to the editor, in Dutch."""


def schedule(edition, when):
    """Plan the edition for `when` (now or later). Returns the token for the send task, which
    the caller enqueues with run_after=when. Refused once sending has begun."""
    now = timezone.now()
    with transaction.atomic():
        locked = Edition.objects.select_for_update().get(pk=edition.pk)
        if locked.status not in (EditionStatus.DRAFT, EditionStatus.SCHEDULED):
            raise CannotSend("Deze nieuwsbrief wordt al verstuurd of is al verstuurd.")
        locked.status = EditionStatus.SCHEDULED
        locked.scheduled_at = max(when, now)
        locked.fill_in()
        if locked.week_taken():
            raise CannotSend(WEEK_TAKEN)
        locked.task_token = secrets.token_hex(8)
        locked.last_error = ""
        locked.save(update_fields=["status", "scheduled_at", "week", "task_token", "last_error"])
    return locked


def unschedule(edition):
    with transaction.atomic():
        locked = Edition.objects.select_for_update().get(pk=edition.pk)
        if locked.status != EditionStatus.SCHEDULED:
            raise CannotSend("Deze nieuwsbrief is niet (meer) ingepland.")
        locked.status = EditionStatus.DRAFT
        locked.task_token = ""
        locked.save(update_fields=["status", "task_token"])
    return locked


def to_resume(now=None):
    """Editions whose send task is overdue or whose worker stopped: scheduled ones a few
    minutes past their time (moved earlier in the edit form, or their task lost), and sending
    ones without a sign of life for NIEUWSBRIEF_LEASE_MINUTES."""
    now = now or timezone.now()
    lease = now - datetime.timedelta(minutes=settings.NIEUWSBRIEF_LEASE_MINUTES)
    late = now - datetime.timedelta(minutes=2)
    overdue = Edition.objects.filter(status=EditionStatus.SCHEDULED, scheduled_at__lte=late)
    stalled = Edition.objects.filter(status=EditionStatus.SENDING, heartbeat_at__lte=lease).exclude(
        next_retry_at__gt=now
    )
    return list(overdue) + list(stalled)


def new_chain(edition):
    """Give the edition a new task token: older chains of send tasks stop at their next run."""
    token = secrets.token_hex(8)
    Edition.objects.filter(pk=edition.pk).update(task_token=token)
    return token
