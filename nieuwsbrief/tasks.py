"""Background tasks of the newsletter (django-tasks). They run in the worker
(`manage.py db_worker --backend background`), never inside a web request."""

import logging

from django_tasks import task

from . import editions, sending
from .models import Edition

logger = logging.getLogger("stevenshof")


@task(backend="background")
def send_edition(edition_pk, token=""):
    """Send one batch, then queue the next run (at the rate per minute, or after a back-off
    when the mail server does not answer)."""
    run_after, summary = sending.run(edition_pk, token)
    if run_after is not None:
        send_edition.using(run_after=run_after).enqueue(edition_pk, token)
    return summary


def start(edition, when):
    """Schedule the edition (now or later) and queue its send task for that moment."""
    edition = editions.schedule(edition, when)
    send_edition.using(run_after=edition.scheduled_at).enqueue(edition.pk, edition.task_token)
    return edition


def resume(edition):
    """Start a new chain of send tasks (after a worker died, or the editor's "Opnieuw proberen")."""
    Edition.objects.filter(pk=edition.pk).update(server_failures=0, next_retry_at=None)
    send_edition.enqueue(edition.pk, editions.new_chain(edition))


def tick():
    """The weekly round (cron, through `manage.py nieuwsbrief`): make the drafts that are due,
    and start or resume editions whose send task is overdue."""
    made = editions.drafts_due()
    resumed = editions.to_resume()
    for edition in resumed:
        resume(edition)
    return f"{len(made)} concept(en) gemaakt, {len(resumed)} nieuwsbrief(ven) (weer) gestart."


@task(backend="background")
def weekly_round():
    return tick()
