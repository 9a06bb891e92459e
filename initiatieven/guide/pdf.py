"""The guide on paper: gids.pdf (all themes) and a poster per theme, made with WeasyPrint from
the same data as the web pages.

Both are cached under the site's content version (home/cache.py), which every publish,
unpublish, delete and theme or organisation change bumps: the next download after a change
builds a fresh PDF, every other download is served from the cache.

WeasyPrint may fetch nothing from the internet: `local_url_fetcher` only opens files inside
the static and media folders, and the stylesheet uses the fonts installed on the server.
"""

import io
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

import segno
from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from home.cache import content_version
from home.models import Organisation, Theme
from initiatieven.models import InitiatiefPage


class BlockedFetch(ValueError):
    pass


def _allowed_roots():
    roots = [Path(settings.MEDIA_ROOT).resolve()]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    roots += [Path(d).resolve() for d in getattr(settings, "STATICFILES_DIRS", [])]
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        folder = Path(config.path).resolve() / "static"
        if folder.is_relative_to(base):
            roots.append(folder)
    return roots


def check_local_url(url):
    """Allow data: URIs and file: URLs inside the static and media folders; refuse everything
    else (http, https, files elsewhere)."""
    if url.startswith("data:"):
        return
    parsed = urlparse(url)
    if parsed.scheme != "file":
        raise BlockedFetch(f"The PDF may not fetch {url}")
    path = Path(unquote(parsed.path)).resolve()
    if not any(path.is_relative_to(root) for root in _allowed_roots()):
        raise BlockedFetch(f"Not a local static or media file: {url}")


def local_url_fetcher():
    """A WeasyPrint URL fetcher that only opens local static and media files."""
    from weasyprint.urls import URLFetcher

    class LocalURLFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            check_local_url(url)
            return super().fetch(url, headers)

    return LocalURLFetcher(allowed_protocols={"file", "data"}, allow_redirects=False, timeout=2)


def _static_path(name):
    found = finders.find(name)
    if not found:
        raise FileNotFoundError(name)
    return found


def _qr_svg(url):
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=6, border=2, xmldecl=False, svgns=True)
    # segno writes the SVG itself from the URL's bits; no user text goes into the markup.
    return mark_safe(buffer.getvalue().decode())  # noqa: S308


THEME_COLOURS = {
    "green": "#1d6b3e", "blue": "#1f5aa6", "purple": "#6b3fa0",
    "red": "#b3261e", "orange": "#a84d00", "teal": "#0f6b6b",
}


def icon_img(name, size=18, colour=""):
    """A Lucide icon as an <img> with a data: URI, in a theme colour. WeasyPrint parses each
    distinct image once, so a repeated icon costs far less than repeated inline SVG."""
    import base64

    import lucide

    svg = lucide._render_icon(name, size)
    svg = svg.replace("currentColor", THEME_COLOURS.get(colour, "#111111"))
    if "xmlns=" not in svg:
        svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    data = base64.b64encode(svg.encode()).decode()
    return format_html('<img class="icon" src="data:image/svg+xml;base64,{}" alt="">', data)


def _render_pdf(html):
    from weasyprint import CSS, HTML

    fetcher = local_url_fetcher()
    stylesheet = CSS(filename=_static_path("guide/pdf.css"), url_fetcher=fetcher)
    return HTML(
        string=html, base_url=Path(settings.BASE_DIR).as_uri() + "/", url_fetcher=fetcher
    ).write_pdf(stylesheets=[stylesheet])


def guide_data(index_page, request=None):
    """Themes in order, each with its live offers, groups and organisations. Five queries."""
    offers = list(index_page.live_offers().for_listing())
    groups = list(InitiatiefPage.objects.live_in(index_page.get_site()).prefetch_related("themes"))
    organisations = list(Organisation.objects.prefetch_related("themes").order_by("name"))
    base = index_page.get_full_url(request) or ""
    themes = []
    for theme in Theme.objects.all():
        theme.guide_offers = [o for o in offers if any(t.pk == theme.pk for t in o.themes.all())]
        theme.guide_groups = [g for g in groups if any(t.pk == theme.pk for t in g.themes.all())]
        theme.guide_organisations = [
            o for o in organisations if any(t.pk == theme.pk for t in o.themes.all())
        ]
        theme.full_url = base + index_page.reverse_subpage("theme", kwargs={"slug": theme.slug})
        themes.append(theme)
    return {"themes": themes, "organisations": organisations, "guide_full_url": base}


def build_guide_pdf(index_page, request=None):
    data = guide_data(index_page, request)
    html = render_to_string(
        "guide/pdf/guide.html",
        {
            **data,
            "page": index_page,
            "printed_on": date_format(timezone.localdate(), "j F Y"),
            "guide_qr": _qr_svg(data["guide_full_url"]) if data["guide_full_url"] else "",
            "phone_icon": icon_img("phone"),
        },
    )
    return _render_pdf(html)


def build_poster_pdf(index_page, theme, request=None):
    data = guide_data(index_page, request)
    theme = next(t for t in data["themes"] if t.pk == theme.pk)
    html = render_to_string(
        "guide/pdf/poster.html",
        {
            "theme": theme,
            "page": index_page,
            "qr": _qr_svg(theme.full_url),
            "printed_on": date_format(timezone.localdate(), "j F Y"),
        },
    )
    return _render_pdf(html)


BUILD_LOCK_SECONDS = 60
WAIT_STEP = 0.25


def _cached(key, build):
    """The cached PDF, or a fresh one. When several visitors ask at once right after a
    change, one builds it and the others wait (up to BUILD_LOCK_SECONDS) for the result.
    While Redis is down the lock is granted to all (stevenshof/redis_cache.py): each builds."""
    pdf = cache.get(key)
    if pdf is not None:
        return pdf
    lock = key + ":building"
    waited = 0.0
    while not cache.add(lock, 1, BUILD_LOCK_SECONDS):
        if waited >= BUILD_LOCK_SECONDS:
            break  # the builder died; build it ourselves
        time.sleep(WAIT_STEP)
        waited += WAIT_STEP
        pdf = cache.get(key)
        if pdf is not None:
            return pdf
    try:
        pdf = build()
        cache.set(key, pdf, settings.GUIDE_PDF_CACHE_SECONDS)
    finally:
        cache.delete(lock)
    return pdf


def guide_cache_key(index_page, request=None):
    host = request.get_host() if request is not None else ""
    return f"guide:pdf:{index_page.pk}:{host}:{content_version()}"


def cached_guide_pdf(index_page, request=None):
    return _cached(guide_cache_key(index_page, request), lambda: build_guide_pdf(index_page, request))


def cached_poster_pdf(index_page, theme, request=None):
    host = request.get_host() if request is not None else ""
    key = f"guide:poster:{index_page.pk}:{theme.slug}:{host}:{content_version()}"
    return _cached(key, lambda: build_poster_pdf(index_page, theme, request))


def _pdf_response(pdf, filename):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def guide_response(index_page, request):
    return _pdf_response(cached_guide_pdf(index_page, request), "wat-kun-je-doen-in-de-stevenshof.pdf")


def poster_response(index_page, theme, request):
    return _pdf_response(cached_poster_pdf(index_page, theme, request), f"poster-{theme.slug}.pdf")
