"""The "Doe mee" form: a resident tells a group they want to join in. Used by each group's page
(a route of InitiatiefPage) and by /doe-mee/ (views.py), so it does not import the models:
the request is stored through the group (`group.join_requests`)."""

import logging

from django.core.mail import send_mail
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from home.models import SiteSettings, site_for
from home.ratelimit import too_many

from .forms import DoeMeeForm

logger = logging.getLogger("stevenshof")


def _recipient(group, site):
    if group.contact_email:
        return group.contact_email
    if site is not None:
        return SiteSettings.for_site(site).contact_email
    return ""


def _notify(join_request, group, site, request):
    recipient = _recipient(group, site)
    if not recipient:
        return False
    lines = [
        f"Iemand wil meedoen met {group.title}.",
        "",
        f"Naam: {join_request.name}",
        f"E-mail: {join_request.email or '-'}",
        f"Telefoon: {join_request.phone or '-'}",
        "",
        "Bericht:",
        join_request.message or "(geen bericht)",
        "",
        "Neem zelf contact op met deze persoon. U vindt dit bericht ook in de beheeromgeving:",
        request.build_absolute_uri("/admin/"),
    ]
    try:
        send_mail(f"Doe mee met {group.title}: {join_request.name}", "\n".join(lines), None, [recipient])
    except Exception:  # noqa: BLE001 - the request is stored; a mail failure must not lose it
        logger.exception("Doe mee: mail to the contact of group %s failed", group.pk)
        return False
    return True


@never_cache
@csrf_protect
def doe_mee(request, group=None, groups=()):
    """The "Doe mee" form, for one `group` (from its page) or with a choice of `groups`."""
    site = site_for(request)
    groups = [] if group else list(groups)
    if request.GET.get("bedankt"):
        return TemplateResponse(request, "initiatieven/doe_mee.html", {"group": group, "sent": True})
    status = 200
    error = ""
    if request.method == "POST":
        form = DoeMeeForm(request.POST, groups=groups, fixed_group=group)
        if form.is_spam:
            # Say thank you and keep nothing: a bot learns nothing from the answer.
            return HttpResponseRedirect("?bedankt=1")
        if too_many(request, "doe_mee"):
            error = "U heeft net al een paar berichten gestuurd. Wacht een minuut en probeer het dan opnieuw."
            status = 429
        elif form.is_valid():
            chosen = form.chosen_group
            join_request = chosen.join_requests.create(
                user=request.user if request.user.is_authenticated else None,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                message=form.cleaned_data["message"],
            )
            if _notify(join_request, chosen, site, request):
                join_request.mail_sent = True
                join_request.save(update_fields=["mail_sent"])
            return HttpResponseRedirect("?bedankt=1")
        else:
            status = 400
    else:
        initial = {}
        wanted = request.GET.get("groep")
        if wanted:
            initial["group"] = next((str(g.pk) for g in groups if g.slug == wanted), "")
        form = DoeMeeForm(groups=groups, fixed_group=group, initial=initial)
    return TemplateResponse(
        request,
        "initiatieven/doe_mee.html",
        {"form": form, "group": group, "error": error},
        status=status,
    )
