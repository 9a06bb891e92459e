"""Messages from the site's forms are not kept forever: `purge_personal_data` deletes them once
they are older than the retention period, and leaves everything else alone."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from agenda.models import EventSubmission
from initiatieven.models import JoinRequest
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def _aged(obj, days):
    type(obj).objects.filter(pk=obj.pk).update(created_at=timezone.now() - datetime.timedelta(days=days))
    return obj


def test_old_form_messages_are_deleted_and_recent_ones_kept(home_page, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 365
    old_join = _aged(JoinRequest.objects.create(name="Oud Bericht", email="oud@example.org"), 400)
    new_join = _aged(JoinRequest.objects.create(name="Nieuw Bericht", phone="0612345678"), 30)
    old_sender = _aged(EventSubmission.objects.create(name="Oude Afzender", email="a@example.org"), 366)
    new_sender = _aged(EventSubmission.objects.create(name="Nieuwe Afzender", email="b@example.org"), 364)
    page = StandardPageFactory(parent=home_page, title="Blijft staan", slug="blijft-staan")

    out = StringIO()
    call_command("purge_personal_data", stdout=out)

    assert not JoinRequest.objects.filter(pk=old_join.pk).exists()
    assert not EventSubmission.objects.filter(pk=old_sender.pk).exists()
    assert JoinRequest.objects.filter(pk=new_join.pk).exists()
    assert EventSubmission.objects.filter(pk=new_sender.pk).exists()
    assert page.__class__.objects.filter(pk=page.pk).exists()
    assert "1 verwijderd" in out.getvalue()

    call_command("purge_personal_data", stdout=StringIO())  # twice does no harm
    assert JoinRequest.objects.filter(pk=new_join.pk).exists()


def test_a_retention_of_zero_days_deletes_nothing(home_page):
    message = JoinRequest.objects.create(name="Vandaag", email="vandaag@example.org")
    err = StringIO()
    call_command("purge_personal_data", days=0, stdout=StringIO(), stderr=err)
    assert JoinRequest.objects.filter(pk=message.pk).exists()
    assert "minstens één dag" in err.getvalue()
