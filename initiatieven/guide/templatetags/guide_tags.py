"""Template tags of the guide "Wat kun je doen in de wijk", for other templates (the home page
theme tiles) and for the guide's own templates."""

from django import template

from home.models import site_for
from home.printing import icon_img
from initiatieven.guide.models import ThemeIndexPage

register = template.Library()

_CACHE_ATTR = "_guide_index_page"


def guide_page(request):
    """The live guide page of the request's site, looked up once per request."""
    if request is None:
        return None
    if not hasattr(request, _CACHE_ATTR):
        site = site_for(request)
        page = None
        if site is not None:
            page = ThemeIndexPage.objects.live().public().in_site(site).first()
        setattr(request, _CACHE_ATTR, page)
    return getattr(request, _CACHE_ATTR)


@register.simple_tag(takes_context=True)
def theme_url(context, theme):
    """`{% theme_url theme %}`: the URL of a theme's page in the guide of the current site, or
    an empty string when the site has no guide (yet). Accepts a Theme or its slug."""
    request = context.get("request")
    page = guide_page(request)
    if page is None or not theme:
        return ""
    slug = getattr(theme, "slug", theme)
    return page.url_for_route("theme", request, slug=slug)


@register.simple_tag(takes_context=True)
def guide_url(context):
    """`{% guide_url %}`: the URL of /wat-kun-je-doen/ on the current site, or ""."""
    request = context.get("request")
    page = guide_page(request)
    return page.get_url(request) if page else ""


@register.simple_tag
def pdf_icon(name, colour="", size=18):
    """`{% pdf_icon theme.icon theme.colour %}`: an icon for the printed guide (WeasyPrint)."""
    return icon_img(name, size=size, colour=colour)
