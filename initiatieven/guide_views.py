"""The views of "Wat kun je doen in de wijk". Each is a sub-route of the ThemeIndexPage
(guide_models.py), so it knows its site and its place in the page tree."""

from django.db.models import Case, Count, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET
from wagtail.models import Site

from home.models import Organisation, Theme

from . import guide_search
from .guide_models import Audience, Kind, OfferPage


def live_offers(index_page):
    """The live, public offers of this guide (and so of this site only)."""
    return OfferPage.objects.child_of(index_page).live().public()


def site_groups(request, index_page):
    from .models import InitiatiefPage

    site = Site.find_for_request(request) or index_page.get_site()
    return InitiatiefPage.objects.live().public().in_site(site).order_by("title")


def offer_list(queryset):
    if not queryset.query.order_by:
        queryset = queryset.order_by("title")
    return queryset.select_related("organisation", "group").prefetch_related("themes")


def themes_with_counts(index_page):
    """Every theme with the number of live offers it has in this guide (one query)."""
    offer_ids = live_offers(index_page).values("pk")
    counts = dict(
        OfferPage.themes.through.objects.filter(offerpage_id__in=offer_ids)
        .values_list("theme_id")
        .annotate(n=Count("offerpage_id"))
    )
    themes = list(Theme.objects.all())
    for theme in themes:
        theme.offer_count = counts.get(theme.pk, 0)
    return themes


def index(request, page):
    themes = themes_with_counts(page)
    for theme in themes:
        theme.url = page.url_for_route("theme", request, slug=theme.slug)
    return page.render(
        request,
        template="initiatieven/guide/index.html",
        context_overrides={"themes": themes, "pdf_url": page.pdf_url(request),
                           "organisations_url": page.url_for_route("organisations", request)},
    )


# --- theme page and its filters ---------------------------------------------------------------
FILTER_KINDS = {Kind.TAKE_PART.value, Kind.HELP.value}
FILTER_AUDIENCES = {value for value, _label in Audience.choices if value != Audience.EVERYONE}


def read_filters(params):
    """The theme page's filters from the query string. Unknown values are ignored, so an old or
    hand-made link still shows a page (with all offers)."""
    audience = params.get("voor", "")
    kind = params.get("soort", "")
    return {
        "voor": audience if audience in FILTER_AUDIENCES else "",
        "soort": kind if kind in FILTER_KINDS else "",
        "gratis": params.get("gratis") == "1",
    }


def apply_filters(offers, filters):
    if filters["voor"]:
        # offers for exactly this audience first, then those for everyone
        offers = offers.filter(audience__in=[filters["voor"], Audience.EVERYONE]).order_by(
            Case(When(audience=filters["voor"], then=0), default=1), "title"
        )
    if filters["soort"]:
        offers = offers.filter(kind=filters["soort"])
    if filters["gratis"]:
        offers = offers.filter(is_free=True)
    return offers


def theme(request, page, slug):
    theme = get_object_or_404(Theme, slug=slug)
    filters = read_filters(request.GET)
    all_offers = live_offers(page).filter(themes=theme)
    offers = list(offer_list(apply_filters(all_offers, filters)))
    groups = list(site_groups(request, page).filter(themes=theme))
    organisations = list(Organisation.objects.filter(themes=theme).order_by("name"))
    for organisation in organisations:
        organisation.url = page.url_for_route("organisation", request, slug=organisation.slug)
    theme.url = page.url_for_route("theme", request, slug=theme.slug)
    active = any(filters.values())
    return page.render(
        request,
        template="initiatieven/guide/theme.html",
        context_overrides={
            "theme": theme,
            "offers": offers,
            "groups": groups,
            "organisations": organisations,
            "filters": filters,
            "filters_active": active,
            "audience_choices": [c for c in Audience.choices if c[0] != Audience.EVERYONE],
            "kind_choices": Kind.choices,
            "poster_url": page.poster_url(theme, request),
            "guide_url": page.get_url(request),
        },
    )


# --- search -----------------------------------------------------------------------------------
def search(request, page):
    query, error = guide_search.clean_query(request.GET.get("q", ""))
    results = None
    if query:
        results = guide_search.search(
            query,
            offers=live_offers(page),
            themes=Theme.objects.all(),
            organisations=Organisation.objects.all(),
            groups=site_groups(request, page),
        )
        for theme in results["themes"]:
            theme.url = page.url_for_route("theme", request, slug=theme.slug)
        for organisation in results["organisations"]:
            organisation.url = page.url_for_route("organisation", request, slug=organisation.slug)
    total = sum(len(results[k]) for k in ("themes", "offers", "organisations", "groups")) if results else 0
    return page.render(
        request,
        template="initiatieven/guide/search.html",
        context_overrides={"query": query, "error": error, "results": results, "total": total,
                           "guide_url": page.get_url(request)},
    )


# --- organisations ----------------------------------------------------------------------------
def organisations(request, page):
    orgs = list(Organisation.objects.prefetch_related("themes").order_by("name"))
    for organisation in orgs:
        organisation.url = page.url_for_route("organisation", request, slug=organisation.slug)
    return page.render(
        request,
        template="initiatieven/guide/organisations.html",
        context_overrides={"organisations": orgs},
    )


def organisation_json_ld(org):
    """schema.org data for search engines (shown with json_script, so it is escaped)."""
    data = {"@context": "https://schema.org", "@type": "Organization", "name": org.name}
    for key, value in (
        ("description", org.description), ("url", org.website), ("telephone", org.phone),
        ("email", org.email),
    ):
        if value:
            data[key] = value
    if org.address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": org.address}
    return data


def organisation(request, page, slug):
    org = get_object_or_404(
        Organisation.objects.select_related("logo").prefetch_related("themes"), slug=slug
    )
    offers = list(offer_list(live_offers(page).filter(organisation=org)))
    themes = list(org.themes.all())
    for theme_ in themes:
        theme_.url = page.url_for_route("theme", request, slug=theme_.slug)
    return page.render(
        request,
        template="initiatieven/guide/organisation.html",
        context_overrides={
            "organisation_ld": organisation_json_ld(org),
            "organisation": org,
            "offers": offers,
            "org_themes": themes,
            "organisations_url": page.url_for_route("organisations", request),
        },
    )


# --- paper --------------------------------------------------------------------------------------
def guide_pdf(request, page):
    from .guide_pdf import cached_guide_pdf

    pdf = cached_guide_pdf(page, request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="wat-kun-je-doen-in-de-stevenshof.pdf"'
    return response


def poster(request, page, slug):
    from .guide_pdf import cached_poster_pdf

    theme_ = Theme.objects.filter(slug=slug).first()
    if theme_ is None:
        raise Http404
    pdf = cached_poster_pdf(page, theme_, request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="poster-{theme_.slug}.pdf"'
    return response



# --- /wat-kun-je-doen/gids.pdf (guide_urls.py) ----------------------------------------------------
def _guide_for_path(request, guide_path):
    from .guide_models import ThemeIndexPage

    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    wanted = "/" + guide_path
    for page in ThemeIndexPage.objects.live().public().in_site(site):
        if page.get_url(request) == wanted:
            return page
    raise Http404


@require_GET
def guide_pdf_by_path(request, guide_path):
    return guide_pdf(request, _guide_for_path(request, guide_path))


@require_GET
def poster_by_path(request, guide_path, slug):
    return poster(request, _guide_for_path(request, guide_path), slug)
