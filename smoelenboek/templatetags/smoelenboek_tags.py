import datetime

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from smoelenboek.adapter import login_next, safe_next

register = template.Library()


@register.simple_tag
def member_photo_url(profile, size="groot"):
    """URL of a member's photo through the access-checking view (never a public file URL)."""
    if not profile.photo:
        return ""
    return reverse("smoelenboek:photo", args=[profile.pk, "klein" if size == "klein" else "groot"])


@register.inclusion_tag("smoelenboek/tags/account_link.html", takes_context=True)
def smoelenboek_account_link(context):
    """The small "Inloggen" / "Mijn profiel" link in the site header."""
    request = context.get("request")
    user = getattr(request, "user", None)
    logged_in = bool(user and user.is_authenticated)
    # The login link comes back to this page (smoelenboek/adapter.py).
    return {"logged_in": logged_in, "next": "" if logged_in or request is None else login_next(request)}


@register.simple_tag(takes_context=True)
def next_field(context):
    """The hidden `next` of the login, sign-up and confirm forms, only when it is a page of this
    site (allauth's own `redirect_field` repeats whatever the address says)."""
    request = context.get("request")
    if request is None:
        return ""
    here = safe_next(request, request.POST.get("next") or request.GET.get("next") or "")
    return format_html('<input type="hidden" name="next" value="{}">', here) if here else ""


@register.filter
def readable(value):
    """A value of the data download as a person reads it: dates the Dutch way, ja/nee, lists."""
    if value is None or value == "" or value == []:
        return "(niets)"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d-%m-%Y om %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, dict):
        return ", ".join(f"{key}: {readable(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return "; ".join(readable(item) for item in value)
    return str(value)
