"""Public views of the initiative groups: the "Doe mee" form."""

import logging

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.core.mail import send_mail
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from wagtail.models import Site

from home.models import SiteSettings

from .forms import DoeMeeForm
from .models import JoinRequest, groups_of_site

logger = logging.getLogger("stevenshof")

RATE_LIMIT = 3  # posts per address
RATE_WINDOW = 60  # seconds


def _client_address(request):
    # The visitor's address as allauth sees it: behind nginx, the trusted X-Forwarded-For hop.
    return get_adapter(request).get_client_ip(request)


def _over_rate_limit(request):
    """Count this post for the sender's address; True when it is one too many."""
    key = f"doe-mee-rate:{_client_address(request)}"
    cache.add(key, 0, RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW)
        count = 1
    return count > RATE_LIMIT


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
def doe_mee(request, group=None):
    """The "Doe mee" form, for one group (from its page) or with a choice of group."""
    site = Site.find_for_request(request)
    groups = [] if group else list(groups_of_site(site))
    if request.GET.get("bedankt"):
        return TemplateResponse(request, "initiatieven/doe_mee.html", {"group": group, "sent": True})
    status = 200
    error = ""
    if request.method == "POST":
        form = DoeMeeForm(request.POST, groups=groups, fixed_group=group)
        if form.is_spam:
            # Say thank you and keep nothing: a bot learns nothing from the answer.
            return HttpResponseRedirect("?bedankt=1")
        if _over_rate_limit(request):
            error = "U heeft net al een paar berichten gestuurd. Wacht een minuut en probeer het dan opnieuw."
            status = 429
        elif form.is_valid():
            chosen = form.chosen_group
            join_request = JoinRequest.objects.create(
                group=chosen,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                message=form.cleaned_data["message"],
            )
            if _notify(join_request, chosen, site, request):
                JoinRequest.objects.filter(pk=join_request.pk).update(mail_sent=True)
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


def doe_mee_for_group(request, group):
    return doe_mee(request, group=group)
