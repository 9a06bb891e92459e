"""What every printed page of the site shares (the guide's gids.pdf and posters, the agenda's
week poster and flyers): WeasyPrint that fetches nothing from the internet, QR codes, Lucide
icons for paper, and a PDF cache that a visitor never waits for after a change.

WeasyPrint may fetch nothing from the internet: `local_url_fetcher` only opens files inside
the static and media folders, and the stylesheets use the fonts installed on the server.

A PDF is kept in the cache under a key that names what it shows (the content version, the day).
After a change the background worker builds the new one (`store`); until it has, a visitor gets
the one before it at once (`serve`, stale-while-rebuild). Only when there is none at all (the
first visitor ever, an emptied cache, no worker) is it built in the request, by one visitor
while the others wait for it.
"""

import base64
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
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from home.icons import THEME_COLOURS


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


def static_path(name):
    found = finders.find(name)
    if not found:
        raise FileNotFoundError(name)
    return found


def qr_svg(url):
    """A QR code of `url` as inline SVG, for WeasyPrint."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=6, border=2, xmldecl=False, svgns=True)
    # segno writes the SVG itself from the URL's bits; no user text goes into the markup.
    return mark_safe(buffer.getvalue().decode())  # noqa: S308


def icon_img(name, size=18, colour=""):
    """A Lucide icon as an <img> with a data: URI, in a theme colour. WeasyPrint parses each
    distinct image once, so a repeated icon costs far less than repeated inline SVG."""
    import lucide

    svg = lucide._render_icon(name, size)
    svg = svg.replace("currentColor", THEME_COLOURS.get(colour, "#111111"))
    if "xmlns=" not in svg:
        svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    data = base64.b64encode(svg.encode()).decode()
    return format_html('<img class="icon" src="data:image/svg+xml;base64,{}" alt="">', data)


def render_document(html, stylesheets):
    """The laid-out pages of `html` with the named static stylesheets (`.pages`, `.write_pdf()`)."""
    from weasyprint import CSS, HTML

    fetcher = local_url_fetcher()
    sheets = [CSS(filename=static_path(name), url_fetcher=fetcher) for name in stylesheets]
    base_url = Path(settings.BASE_DIR).as_uri() + "/"
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(stylesheets=sheets)


def render_pdf(html, stylesheets):
    """The PDF of `html`, with the named static stylesheets."""
    return render_document(html, stylesheets).write_pdf()


BUILD_LOCK_SECONDS = 60
WAIT_STEP = 0.25


def cached(key, build):
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


def store(key, latest_key, build):
    """Build the PDF for `key` unless it is there, and keep it as the latest one too. The
    background worker calls this after a change."""
    pdf = cache.get(key)
    if pdf is None:
        pdf = build()
        cache.set(key, pdf, settings.GUIDE_PDF_CACHE_SECONDS)
    cache.set(latest_key, pdf, settings.GUIDE_PDF_CACHE_SECONDS)
    return pdf


def serve(key, latest_key, build, rebuild=None):
    """The PDF for `key`; while it is not built yet, the latest one at once (and `rebuild()`
    asks the worker for the new one, at most once a minute per key); with neither, built here."""
    pdf = cache.get(key)
    if pdf is not None:
        return pdf
    pdf = cache.get(latest_key)
    if pdf is not None:
        if rebuild is not None and cache.add(key + ":queued", 1, BUILD_LOCK_SECONDS):
            rebuild()
        return pdf
    return cached(key, lambda: store(key, latest_key, build))


def pdf_response(pdf, filename):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
