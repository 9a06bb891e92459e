"""The guide on paper: gids.pdf (all themes) and a poster per theme, made with WeasyPrint from
the same data as the web pages, with the machinery every printed page shares (home/printing.py:
no fetches from the internet, QR codes, icons, the cache).

Both are cached under the site's content version (home/cache.py), which every publish,
unpublish, delete and theme or organisation change bumps. After a change the background worker
builds the new guide (tasks.py); a visitor gets the one before it until then.
"""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format

from home.cache import content_version
from home.models import Organisation, Theme
from home.printing import cached, icon_img, pdf_response, qr_svg, render_pdf, serve, store
from initiatieven.models import InitiatiefPage

STYLESHEETS = ("guide/pdf.css",)


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
            "guide_qr": qr_svg(data["guide_full_url"]) if data["guide_full_url"] else "",
            "phone_icon": icon_img("phone"),
        },
    )
    return render_pdf(html, STYLESHEETS)


def build_poster_pdf(index_page, theme, request=None):
    data = guide_data(index_page, request)
    theme = next(t for t in data["themes"] if t.pk == theme.pk)
    html = render_to_string(
        "guide/pdf/poster.html",
        {
            "theme": theme,
            "page": index_page,
            "qr": qr_svg(theme.full_url),
            "printed_on": date_format(timezone.localdate(), "j F Y"),
        },
    )
    return render_pdf(html, STYLESHEETS)


def guide_cache_key(index_page):
    return f"guide:pdf:{index_page.pk}:{content_version()}"


def _latest_key(index_page):
    return f"guide:pdf:{index_page.pk}:latest"


def build_and_store_guide_pdf(index_page):
    """Build the guide for the current content version and keep it (the background worker
    does this after every change, see tasks.py). The links in it use the site's own address."""
    return store(guide_cache_key(index_page), _latest_key(index_page), lambda: build_guide_pdf(index_page))


def cached_guide_pdf(index_page, request=None):
    """The guide of the current content version; right after a change, while the worker builds
    the new one, the one before it (at most one change old)."""
    return serve(guide_cache_key(index_page), _latest_key(index_page), lambda: build_guide_pdf(index_page))


def cached_poster_pdf(index_page, theme, request=None):
    host = request.get_host() if request is not None else ""
    key = f"guide:poster:{index_page.pk}:{theme.slug}:{host}:{content_version()}"
    return cached(key, lambda: build_poster_pdf(index_page, theme, request))


def guide_response(index_page, request):
    return pdf_response(cached_guide_pdf(index_page, request), "wat-kun-je-doen-in-de-stevenshof.pdf")


def poster_response(index_page, theme, request):
    return pdf_response(cached_poster_pdf(index_page, theme, request), f"poster-{theme.slug}.pdf")
