"""`{% share_data as share %}` for the head tags (templates/components/share_meta.html) and
`{% share_links as share %}` for the "Deel" buttons (templates/components/share_buttons.html)."""

import logging
from urllib.parse import quote

from django import template
from django.templatetags.static import static
from django.urls import reverse

from home.cache import SCOPES, cached_fragment, fragment_key

from ..cards import DEFAULT_IMAGE, HEIGHT, WIDTH

logger = logging.getLogger(__name__)
register = template.Library()

SITE_NAME = "Stevenshof Vitaal"
DEFAULT_DESCRIPTION = "Wat is er te doen in de Stevenshof? De wijkagenda, initiatieven en nieuws uit de wijk."
DEFAULT_ALT = "Stevenshof Vitaal: wat is er te doen in de Stevenshof?"


def _absolute(request, url):
    if not url or url.startswith(("http://", "https://")):
        return url or ""
    return request.build_absolute_uri(url) if request is not None else url


def _page_url(context):
    page, request = context.get("page"), context.get("request")
    if page is not None and hasattr(page, "get_full_url"):
        return page.get_full_url(request) or ""
    # The address without its query: a search or a filter is not part of what is shared (and a
    # member's search words stay out of the page's head).
    return request.build_absolute_uri(request.path) if request is not None else ""


def _image(page, request):
    """(url, alt, width, height) of the page's share picture: its share card (activities, news),
    else its own photo, else the site's picture. Never an error: a page shows without it."""
    try:
        if page is not None and hasattr(page, "share_card"):
            card = page.share_card()
            url = reverse("share:image", kwargs={"page_id": page.pk, "digest": card.digest()})
            return _absolute(request, url), card.description(), WIDTH, HEIGHT
        photo = getattr(page, "image", None) if page is not None else None
        if photo is not None and hasattr(photo, "get_rendition"):
            rendition = photo.get_rendition("fill-1200x630|format-jpeg")
            alt = getattr(page, "image_alt", "") or photo.title
            return _absolute(request, rendition.url), alt, rendition.width, rendition.height
    except Exception:
        logger.exception("No share picture for page %s", getattr(page, "pk", None))
    return _absolute(request, static(DEFAULT_IMAGE)), DEFAULT_ALT, WIDTH, HEIGHT


@register.simple_tag(takes_context=True)
def share_data(context):
    page, request = context.get("page"), context.get("request")
    if page is None or request is None or getattr(request, "is_preview", False) or not hasattr(page, "pk"):
        return _share_data(page, context)
    # Made once per change of what it shows, like a {% fragment %}: the page's own scopes (its
    # publish, its place, theme or group, a new picture bump them) and the site's.
    scopes = (*getattr(page, "cache_scopes", SCOPES), "settings")
    key = fragment_key(request, "share-meta", scopes, [page.pk, request.path])
    return cached_fragment(key, lambda: _share_data(page, context))


def _share_data(page, context):
    request = context.get("request")
    image_url, alt, width, height = _image(page, request)
    title = description = ""
    if page is not None and hasattr(page, "title"):
        title = getattr(page, "seo_title", "") or page.title
        description = (
            getattr(page, "search_description", "")
            or getattr(page, "intro", "")
            or getattr(page, "summary", "")
        )
    return {
        "site_name": SITE_NAME,
        "url": _page_url(context),
        "title": title,
        "description": description or DEFAULT_DESCRIPTION,
        "type": getattr(page, "share_type", "website"),
        "image": image_url,
        "image_alt": alt,
        "image_width": width,
        "image_height": height,
    }


@register.simple_tag(takes_context=True)
def share_links(context):
    """Plain links that share the page, percent-encoded; no script of theirs is loaded."""
    page = context.get("page")
    url = _page_url(context)
    title = getattr(page, "title", "") or SITE_NAME
    return {
        "url": url,
        "title": title,
        "whatsapp": "https://wa.me/?text=" + quote(f"{title} {url}", safe=""),
        "facebook": "https://www.facebook.com/sharer/sharer.php?u=" + quote(url, safe=""),
        "email": "mailto:?subject=" + quote(title, safe="") + "&body=" + quote(f"{title}\n{url}", safe=""),
    }
