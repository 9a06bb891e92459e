from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Page

from .models import site_for

MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 10


@require_GET
def search(request):
    """Search over the live, public pages of the current site only."""
    query = request.GET.get("q", "").strip()
    error = ""
    results = Page.objects.none()
    if len(query) > MAX_QUERY_LENGTH:
        error = f"Uw zoekwoord is te lang. Gebruik maximaal {MAX_QUERY_LENGTH} tekens."
        query = query[:MAX_QUERY_LENGTH]
    site = site_for(request)
    if query and site:
        pages = Page.objects.live().public().in_site(site).exclude(depth__lte=1)
        results = pages.specific().search(query, operator="or")
    page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "home/search.html",
        {"query": query, "page_obj": page_obj, "error": error},
    )


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /smoelenboek/",
        "Disallow: /accounts/",
        "Disallow: /zoeken/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
@never_cache
def health(request):
    """For load balancers: 200 when the database and the cache answer, 503 otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except DatabaseError:
        checks["database"] = "error"
    try:
        key = "health-check"
        cache.set(key, "ok", 10)
        checks["cache"] = "ok" if cache.get(key) == "ok" else "error"
    except Exception:  # noqa: BLE001 - any cache failure means unhealthy
        checks["cache"] = "error"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)
