"""The addresses of the printed guide that Wagtail's page URLs cannot hold (they have a dot):
/wat-kun-je-doen/gids.pdf and /wat-kun-je-doen/thema/<slug>/poster.pdf (see urls.py). Every other
page of the guide is a sub-route of the ThemeIndexPage (models.py)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from home.models import Theme, site_for

from . import pdf
from .models import ThemeIndexPage


def _guide_for_path(request, guide_path):
    wanted = "/" + guide_path
    for page in ThemeIndexPage.objects.live().public().in_site(site_for(request)):
        if page.get_url(request) == wanted:
            return page
    raise Http404


@require_GET
def guide_pdf_by_path(request, guide_path):
    return pdf.guide_response(_guide_for_path(request, guide_path), request)


@require_GET
def poster_by_path(request, guide_path, slug):
    guide = _guide_for_path(request, guide_path)
    return pdf.poster_response(guide, get_object_or_404(Theme, slug=slug), request)
