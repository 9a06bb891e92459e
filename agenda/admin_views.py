"""An admin button "Nu ophalen": import one partner calendar at once instead of waiting for
the scheduled `import_calendars`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from .importer import import_source
from .models import CalendarSource


def import_now(request, pk):
    if not request.user.has_perm("agenda.change_calendarsource"):
        raise PermissionDenied
    source = get_object_or_404(CalendarSource, pk=pk)
    listing = reverse("wagtailsnippets_agenda_calendarsource:list")
    if request.method == "POST":
        line = import_source(source)
        if source.last_error:
            messages.error(request, line)
        else:
            messages.success(request, line)
        return redirect(listing)
    return TemplateResponse(request, "agenda/admin/import_now.html", {"source": source, "listing": listing})
