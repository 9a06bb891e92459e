import datetime

from django import template
from django.urls import reverse
from django.utils import timezone

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
    return {"logged_in": bool(user and user.is_authenticated)}


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
