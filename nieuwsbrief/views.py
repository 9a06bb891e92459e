"""The newsletter's public pages: sign up, confirm, change the choices, download or delete
what is kept, unsubscribe (a page with one button, and the one-click POST of RFC 8058), and the
archive of sent editions. Every link in a mail carries the subscriber's secret token: nobody
needs to log in."""

import datetime
import json
import logging

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from home.models import site_for
from home.ratelimit import too_many
from initiatieven.models import InitiatiefPage

from . import digest as digests
from . import mail
from .forms import SignupForm, TopicsForm
from .models import CONFIRM_DAYS, Edition, Subscriber, Unsubscription

logger = logging.getLogger("stevenshof")

RATE_MESSAGE = "U heeft zich net al een paar keer aangemeld. Wacht even en probeer het dan opnieuw."


def _subscriber(request, token):
    return Subscriber.objects.filter(site=site_for(request), token=token).first()


def _is_expired(subscriber):
    return not subscriber.confirmed and (
        timezone.now() - subscriber.created_at > datetime.timedelta(days=CONFIRM_DAYS)
    )


# --- sign-up --------------------------------------------------------------------------------
# No CSRF token: the sign-up block sits on cached public pages (a token would keep them out of
# the page cache), and a forged sign-up achieves nothing a direct post could not: it only sends
# a confirmation mail. The honeypot and the rate limit guard it.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    site = site_for(request)
    status = 200
    error = ""
    if request.method == "POST":
        form = SignupForm(request.POST, site=site)
        if form.is_spam:
            return HttpResponseRedirect(reverse("nieuwsbrief:thanks"))  # a bot learns nothing
        if too_many(request, "nieuwsbrief"):
            error, status = RATE_MESSAGE, 429
        elif form.is_valid():
            subscribe(site, form)
            return HttpResponseRedirect(reverse("nieuwsbrief:thanks"))
        else:
            status = 400
    else:
        initial = {}
        wanted = request.GET.get("groep")
        if wanted:
            initial["groups"] = list(form_groups(site).filter(slug=wanted).values_list("pk", flat=True))
        form = SignupForm(site=site, initial=initial)
    return TemplateResponse(request, "nieuwsbrief/signup.html", {"form": form, "error": error}, status=status)


def form_groups(site):
    return InitiatiefPage.objects.live_in(site)


def subscribe(site, form):
    """Store a new sign-up, or leave a known one as it is, and mail the address. The answer on
    the screen is the same in every case: a stranger learns nothing about the address."""
    email = form.cleaned_data["email"]
    try:
        with transaction.atomic():
            subscriber, created = Subscriber.objects.get_or_create(site=site, email=email)
    except IntegrityError:  # the same address at the same moment
        subscriber, created = Subscriber.objects.get(site=site, email=email), False
    if not subscriber.confirmed:
        # Only an unconfirmed sign-up takes the choices: nobody changes a subscriber's choices
        # by typing their address.
        form.save_to(subscriber)
        if not created:
            subscriber.created_at = timezone.now()  # a new week to confirm
            Subscriber.objects.filter(pk=subscriber.pk).update(created_at=subscriber.created_at)
    try:
        mail.send_confirmation(subscriber)
    except Exception:  # noqa: BLE001 - the sign-up is stored; signing up again sends it again
        logger.exception("Nieuwsbrief: confirmation mail for subscriber %s failed", subscriber.pk)


@never_cache
def thanks(request):
    return TemplateResponse(request, "nieuwsbrief/thanks.html", {})


# --- confirm --------------------------------------------------------------------------------
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """A page with one button: a link preview or a virus scanner that opens the link does not
    confirm on someone's behalf."""
    subscriber = _subscriber(request, token)
    if subscriber is None or _is_expired(subscriber):
        return TemplateResponse(request, "nieuwsbrief/link_invalid.html", {}, status=404)
    if request.method == "POST" and not subscriber.confirmed:
        unconfirmed = Subscriber.objects.filter(pk=subscriber.pk, confirmed_at__isnull=True)
        unconfirmed.update(confirmed_at=timezone.now())
        subscriber.refresh_from_db()
        return TemplateResponse(
            request, "nieuwsbrief/confirm.html", {"subscriber": subscriber, "just_confirmed": True}
        )
    return TemplateResponse(request, "nieuwsbrief/confirm.html", {"subscriber": subscriber})


# --- change, download, unsubscribe ----------------------------------------------------------
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    subscriber = _subscriber(request, token)
    if subscriber is None:
        return TemplateResponse(request, "nieuwsbrief/link_invalid.html", {}, status=404)
    if not subscriber.confirmed:
        return HttpResponseRedirect(reverse("nieuwsbrief:confirm", args=[token]))
    site = site_for(request)
    saved = False
    status = 200
    if request.method == "POST":
        form = TopicsForm(request.POST, site=site)
        if form.is_valid():
            form.save_to(subscriber)
            return HttpResponseRedirect(reverse("nieuwsbrief:manage", args=[token]) + "?opgeslagen=1")
        status = 400
    else:
        initial = {}
        if not subscriber.all_topics:
            initial = {"themes": list(subscriber.themes.all()), "groups": list(subscriber.groups.all())}
        form = TopicsForm(site=site, initial=initial)
        saved = bool(request.GET.get("opgeslagen"))
    context = {"form": form, "subscriber": subscriber, "saved": saved}
    return TemplateResponse(request, "nieuwsbrief/manage.html", context, status=status)


@never_cache
def data(request, token):
    """Everything kept about this subscriber, as a JSON file."""
    subscriber = _subscriber(request, token)
    if subscriber is None:
        raise Http404
    body = json.dumps(subscriber.personal_data(), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="nieuwsbrief-gegevens.json"'
    return response


def unsubscribe_now(subscriber, edition_id=None):
    """Delete the subscriber with what is kept about them; a send in progress skips them."""
    edition = None
    if edition_id:
        edition = Edition.objects.filter(pk=edition_id, site_id=subscriber.site_id).first()
    with transaction.atomic():
        Subscriber.objects.filter(pk=subscriber.pk).delete()
        Unsubscription.objects.create(site_id=subscriber.site_id, edition=edition)


# RFC 8058: a mail program posts "List-Unsubscribe=One-Click" here, without cookies or a token
# of ours; the secret in the address is the proof.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    subscriber = _subscriber(request, token)
    if request.method == "POST":
        if subscriber is not None:
            edition_id = request.GET.get("uitgave", "")
            unsubscribe_now(subscriber, int(edition_id) if edition_id.isdigit() else None)
        return TemplateResponse(request, "nieuwsbrief/unsubscribed.html", {})
    if subscriber is None:
        return TemplateResponse(request, "nieuwsbrief/unsubscribed.html", {"unknown": True})
    return TemplateResponse(request, "nieuwsbrief/unsubscribe.html", {"subscriber": subscriber})


# --- the archive ----------------------------------------------------------------------------
def archive(request):
    site = site_for(request)
    editions = list(Edition.objects.archived(site))
    return TemplateResponse(
        request, "nieuwsbrief/archive.html", {"editions": editions, "form": SignupForm(site=site)}
    )


def edition(request, pk):
    site = site_for(request)
    sent = get_object_or_404(Edition.objects.archived(site).select_related("site"), pk=pk)
    return TemplateResponse(
        request, "nieuwsbrief/edition.html", {"edition": sent, "digest": digests.build(sent)}
    )
