"""The editor's screen for one edition in the Wagtail admin: the preview exactly as it arrives
(HTML and text), a test to oneself, schedule or send, and how the sending went."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import editions, mail, tasks
from .models import Edition, EditionStatus


def _edition(request, pk, permission="nieuwsbrief.change_edition"):
    if not request.user.has_perm(permission):
        raise PermissionDenied
    return get_object_or_404(Edition.objects.select_related("site", "spotlight_theme"), pk=pk)


def send_page(request, pk):
    edition = _edition(request, pk)
    moment = timezone.localtime(edition.scheduled_at)
    context = {
        "edition": edition,
        "stats": edition.stats(),
        "may_send": request.user.has_perm("nieuwsbrief.send_edition"),
        "schedule_value": moment.strftime("%Y-%m-%dT%H:%M"),
        "edit_url": reverse("wagtailsnippets_nieuwsbrief_edition:edit", args=[edition.pk]),
        "header_title": f"Versturen: {edition.subject}",
        "page_title": "Nieuwsbrief versturen",
        "stalled": edition.status == EditionStatus.SENDING and edition in editions.to_resume(),
    }
    return TemplateResponse(request, "nieuwsbrief/admin/send.html", context)


def preview(request, pk, mode):
    """The mail as a reader who chose "alles" gets it (the frames of the send page)."""
    edition = _edition(request, pk)
    response = edition.serve_preview(request, "text" if mode == "tekst" else "html")
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


@require_POST
def act(request, pk):
    action = request.POST.get("action", "")
    back = redirect("nieuwsbrief_send", pk=pk)
    if action == "test":
        edition = _edition(request, pk)
        if not request.user.email:
            messages.error(request, "Uw account heeft geen e-mailadres. Zet er een in uw profiel.")
            return back
        try:
            mail.send_test(edition, request.user.email)
        except Exception as exc:  # noqa: BLE001 - tell the editor, in their own screen
            messages.error(request, f"De test is niet verstuurd: de mailserver werkt niet ({exc}).")
        else:
            messages.success(request, f"De test is verstuurd naar {request.user.email}.")
        return back
    edition = _edition(request, pk, "nieuwsbrief.send_edition")
    try:
        if action == "send_now":
            tasks.start(edition, timezone.now())
            messages.success(request, "De nieuwsbrief wordt nu verstuurd. Hieronder ziet u hoe het gaat.")
        elif action == "schedule":
            when = _moment(request.POST.get("when", ""))
            if when is None:
                messages.error(request, "Kies een datum en tijd, bijvoorbeeld morgen om 08:00.")
                return back
            edition = tasks.start(edition, when)
            moment = timezone.localtime(edition.scheduled_at)
            messages.success(request, f"De nieuwsbrief is ingepland voor {moment:%d-%m-%Y %H:%M}.")
        elif action == "unschedule":
            editions.unschedule(edition)
            messages.success(request, "De nieuwsbrief is niet meer ingepland. Hij is weer een concept.")
        elif action == "resume":
            if edition.status != EditionStatus.SENDING:
                raise editions.CannotSend("Deze nieuwsbrief wordt niet verstuurd.")
            tasks.resume(edition)
            messages.success(request, "We proberen het opnieuw.")
        else:
            messages.error(request, "Dat kan hier niet.")
    except editions.CannotSend as exc:
        messages.error(request, str(exc))
    return back


def _moment(value):
    try:
        naive = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    return timezone.make_aware(naive) if timezone.is_naive(naive) else naive


