"""An admin button "Nu ophalen": import one partner calendar soon instead of waiting for the
scheduled `import_calendars`. The background worker fetches it, never this web request."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from .models import CalendarSource
from .tasks import import_calendar


def import_now(request, pk):
    if not request.user.has_perm("agenda.change_calendarsource"):
        raise PermissionDenied
    source = get_object_or_404(CalendarSource, pk=pk)
    listing = reverse("wagtailsnippets_agenda_calendarsource:list")
    if request.method == "POST":
        import_calendar.enqueue(source.pk)
        messages.success(
            request,
            f"Het ophalen van {source.name} is gestart. Ververs deze pagina over een minuut. "
            "Dan ziet u in de kolom Status of het gelukt is.",
        )
        return redirect(listing)
    return TemplateResponse(request, "agenda/admin/import_now.html", {"source": source, "listing": listing})
