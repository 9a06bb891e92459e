from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from .models import site_for
from .search import site as site_search
from .search.words import Query

PER_KIND = 5  # results shown per kind; "Toon alle" shows every result of one kind
HELP_WORDS = ["koffie", "wandelen", "hulp bij geld", "eenzaam"]


@require_GET
def search(request):
    """One search over the live, public content of the current site (home/search/site.py):
    results grouped by kind, the most useful first; `soort` shows every result of one kind."""
    query = Query(request.GET.get("q", ""))
    site = site_for(request)
    kind = request.GET.get("soort", "")
    if kind not in site_search.KIND_ORDER:
        kind = ""
    groups, themes = [], []
    if query.text and site:
        groups = site_search.search(site, query, kinds={kind} if kind else None)
        if not groups:
            themes = site_search.index_for(site).of_kind("theme")
    for group in groups:
        group.shown = group.results if kind else group.results[:PER_KIND]
    return render(
        request,
        "home/search.html",
        {
            "query": query.text,
            "error": query.error,
            "understood": bool(query),
            "groups": groups,
            "total": sum(group.count for group in groups),
            "kind": kind,
            "themes": themes,
            "help_words": HELP_WORDS,
        },
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
