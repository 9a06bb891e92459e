"""The agenda on paper: the week poster and the flyers, read back with pypdf."""

import datetime
import io
import re

import pytest
from django.core.cache import cache
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader
from wagtail.models import Site

from agenda import posters
from agenda.models import EventPage
from home import printing

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # builds real PDFs with WeasyPrint


def _text(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.split())


def _site():
    return Site.objects.get(is_default_site=True)


def test_the_poster_holds_the_weeks_activities(client, make_event, today):
    early = make_event(
        title="Vroege vogelwandeling",
        start_date=today + datetime.timedelta(days=1),
        start_time=datetime.time(5),
        end_time=datetime.time(6),
    )
    make_event(title="Te laat voor deze week", start_date=today + datetime.timedelta(days=7))
    make_event(
        title="Afgelast uitje",
        start_date=today + datetime.timedelta(days=1),
        start_time=datetime.time(5, 30),
        cancelled=True,
    )
    response = client.get("/agenda/deze-week.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader, text = _text(response.content)
    assert len(reader.pages) == 1  # one A4 for the notice board
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert "Deze week in de Stevenshof" in text
    week = posters.week(_site(), today)
    titles = [occ.event.title for occ in week]
    assert "Vroege vogelwandeling" in titles and "Afgelast uitje" not in titles
    assert "Te laat voor deze week" not in titles
    more = re.search(r"En nog (\d+) activiteit", text)
    # Every activity of the week: on the poster, or counted behind the agenda's QR code.
    on_poster = len(week) - (int(more.group(1)) if more else 0)
    assert on_poster >= 1
    assert all(occ.event.title in text for occ in week[:on_poster])
    assert "Te laat voor deze week" not in text and "Afgelast uitje" not in text
    assert "Scan de code" in text and "/agenda/" in text
    assert early.title in text  # the earliest of the week comes first


def test_the_poster_of_an_empty_week_says_so(today):
    pdf = posters.build_poster(_site(), today + datetime.timedelta(days=3000))
    _reader, text = _text(pdf)
    assert "Deze week staat er niets in de agenda" in text


def test_the_flyer_holds_title_date_place_and_a_qr_code(client, make_event, today, monkeypatch):
    asked = []
    real = printing.qr_svg
    monkeypatch.setattr(posters, "qr_svg", lambda url: asked.append(url) or real(url))
    day = today + datetime.timedelta(days=2)
    event = make_event(title="Samen soep koken", start_date=day)
    response = client.get(f"/agenda/activiteit/{event.pk}/flyer.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader, text = _text(response.content)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (420, 595)  # A5
    assert "Samen soep koken" in text
    assert f"{day.day} " in text and str(day.year) in text and "10:00 tot 11:00 uur" in text
    assert event.location.name in text
    assert asked == [event.full_url]  # the QR code leads to the activity's page
    assert "Scan de code" in text
    # The QR code is drawn as vector squares on the page.
    content = reader.pages[0].get_contents().get_data()
    assert content.count(b" re") > 100 or content.count(b" l\n") > 100


def test_flyer_of_an_unknown_or_unpublished_activity_is_not_found(client, make_event):
    event = make_event(title="Nog niet klaar", publish=False, live=False)
    assert client.get(f"/agenda/activiteit/{event.pk}/flyer.pdf").status_code == 404
    assert client.get("/agenda/activiteit/999999/flyer.pdf").status_code == 404


@pytest.mark.parametrize(
    "title",
    ["W" * 255, "Koffie ☕ en taart 🎂 met de buren", "مقهى اللغة: نتحدث الهولندية معًا"],
)
def test_bad_input_still_prints(client, make_event, title):
    event = make_event(title=title, location=None, online_url="")  # no place, no theme
    response = client.get(f"/agenda/activiteit/{event.pk}/flyer.pdf")
    assert response.status_code == 200
    _reader, text = _text(response.content)
    assert "Dat hoort u bij het aanmelden." in text


def test_after_a_change_the_worker_builds_the_poster_and_visitors_get_the_old_one(
    client, make_event, today, run_worker
):
    first = client.get("/agenda/deze-week.pdf").content
    event = make_event(title="Wekelijkse sjoelavond", start_date=today)
    DBTaskResult.objects.all().delete()
    cache.delete(f"agenda:poster:queued:{_site().pk}")
    page = EventPage.objects.get(pk=event.pk)
    page.title = "Sjoelen op de vroege ochtend"
    page.start_time = datetime.time(6)
    page.save_revision().publish()
    queued = DBTaskResult.objects.filter(task_path="agenda.tasks.build_poster_pdf")
    assert queued.count() == 1
    assert client.get("/agenda/deze-week.pdf").content == first  # at once, the one before
    run_worker()
    _reader, text = _text(client.get("/agenda/deze-week.pdf").content)
    assert "Sjoelen op de vroege ochtend" in text


def test_the_worker_makes_a_new_activitys_flyer_so_no_visitor_waits_for_it(
    client, make_event, today, run_worker, monkeypatch
):
    """Issue #17: printed things are built on publish or by the worker, never in the request."""
    DBTaskResult.objects.all().delete()
    event = make_event(title="Buurtlunch in de tuin", start_date=today + datetime.timedelta(days=3))
    assert DBTaskResult.objects.filter(task_path="agenda.tasks.build_flyer_pdf").exists()
    run_worker()

    def built_in_the_request(event):
        raise AssertionError("the flyer was built in the request")

    monkeypatch.setattr(posters, "build_flyer", built_in_the_request)
    response = client.get(f"/agenda/activiteit/{event.pk}/flyer.pdf")
    assert response.status_code == 200
    assert "Buurtlunch in de tuin" in _text(response.content)[1]
