"""The agenda's printed pages as downloads. Here, not in posters.py, because the worker's tasks
import posters.py and these views queue those tasks."""

from django.http import Http404
from django.views.decorators.http import require_GET

from home.models import site_for
from home.printing import pdf_response

from . import posters, tasks
from .queries import site_events


@require_GET
def poster(request):
    site = site_for(request)
    pdf = posters.poster_pdf(site, lambda: tasks.build_poster_pdf.enqueue(site.pk))
    return pdf_response(pdf, "deze-week-in-de-stevenshof.pdf")


@require_GET
def flyer(request, pk):
    event = site_events(site_for(request)).filter(pk=pk).first()
    if event is None:
        raise Http404
    pdf = posters.flyer_pdf(event, lambda: tasks.build_flyer_pdf.enqueue(event.pk))
    return pdf_response(pdf, f"flyer-{event.slug}.pdf")
