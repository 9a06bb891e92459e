"""In production every mail goes through the queue: nothing is lost while the mail server is
down, and the queue retries until it is back."""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.test import override_settings
from django.utils import timezone
from post_office.mail import send_queued
from post_office.models import STATUS, Email

pytestmark = pytest.mark.django_db

# `manage.py send_queued_mail` (cron) loops over post_office's send_queued() and closes the
# database connection between batches, which a test transaction cannot survive; the tests call
# the same send_queued() directly.


def _dead_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _queue_settings(backend):
    return {
        "BACKENDS": {"default": backend},
        "DEFAULT_PRIORITY": "medium",
        "MAX_RETRIES": 6,
        "RETRY_INTERVAL": timedelta(minutes=10),
    }


def test_mail_survives_a_mail_server_outage():
    smtp_down = _queue_settings("django.core.mail.backends.smtp.EmailBackend")
    with override_settings(
        EMAIL_BACKEND="post_office.EmailBackend",
        POST_OFFICE=smtp_down,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=_dead_port(),
        EMAIL_TIMEOUT=1,
    ):
        # The form's request succeeds: the mail is only stored.
        send_mail("Nieuwe aanmelding", "Iemand wil meedoen.", None, ["groen@example.org"])
        email = Email.objects.get(subject="Nieuwe aanmelding")
        assert email.status == STATUS.queued
        send_queued(processes=1, log_level=0)
        email.refresh_from_db()
        assert email.status == STATUS.requeued  # failed, and planned again
        assert email.number_of_retries == 1

    # The mail server is back; the retry is due.
    Email.objects.filter(pk=email.pk).update(scheduled_time=timezone.now() - timedelta(seconds=1))
    with override_settings(
        EMAIL_BACKEND="post_office.EmailBackend",
        POST_OFFICE=_queue_settings("django.core.mail.backends.locmem.EmailBackend"),
    ):
        send_queued(processes=1, log_level=0)
    email.refresh_from_db()
    assert email.status == STATUS.sent
    assert [m.subject for m in mail.outbox] == ["Nieuwe aanmelding"]
