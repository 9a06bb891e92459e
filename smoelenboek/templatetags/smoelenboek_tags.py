from django import template
from django.urls import reverse

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
