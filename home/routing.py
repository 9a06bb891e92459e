"""Wagtail's page lookup, remembered by each worker.

Wagtail finds a page by walking the tree from the site's root, two queries per level of the
path, and looks the site up by host name with one more; for /initiatieven/groen/ that is half a
dozen queries before the page does any work. Each worker remembers instead, for a path, which
page answered it, and fetches only that page (one query). What it remembers is checked against
the database on every request, so a change in any process (a publish, a move, an unpublish, a
delete) shows at once:

- the page is fetched by its id: deleted, it is not found; unpublished, its own route() says 404;
- its url_path must still be the path asked for: renamed or moved, Wagtail's own walk runs
  again (and is remembered anew);
- the site for a host name is kept under the content versions of the sites and the menu
  (home/cache.py), read from the database.

Wagtail's serve view does the rest as always (private pages, hooks, previews); it finds the
route already made on the request (`_wagtail_route_for_request`, `_wagtail_site`)."""

import pickle
import threading
from collections import OrderedDict

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.http.request import split_domain_port
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from .cache import versions

MAX_ROUTES = 2000  # paths remembered per worker (a few hundred bytes each)
_routes = OrderedDict()  # (site id, path) -> (page id, content type id, path components used)
_sites = {}  # (host, port) -> (versions it was read under, the pickled Site with its root page)
_lock = threading.Lock()


def forget():
    """Forget every remembered route and site (tests; never needed for correctness)."""
    with _lock:
        _routes.clear()
        _sites.clear()


def _site(request, found):
    host = (split_domain_port(request._get_raw_host())[0], request.get_port())
    stamp = (found["settings"], found["menu"])
    with _lock:
        remembered = _sites.get(host)
    if remembered is not None and remembered[0] == stamp:
        return pickle.loads(remembered[1])  # noqa: S301 - pickled by this module; a copy per request
    site = Site._find_for_request(request)
    if site is not None:
        with _lock:
            _sites[host] = (stamp, pickle.dumps(site, pickle.HIGHEST_PROTOCOL))
    return site


def find_site(request):
    """Wagtail's `Site.find_for_request`, remembered by this worker (see above) and kept on the
    request where Wagtail looks for it; None when no site matches the host."""
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = _site(request, versions(request))
    return request._wagtail_site


def _remembered_route(request, site, components):
    key = (site.pk, "/".join(components))
    with _lock:
        entry = _routes.get(key)
    if entry is None:
        return None
    page_id, content_type_id, used = entry
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.objects.filter(pk=page_id).first() if model else None
    expected = site.root_page.url_path + "".join(f"{component}/" for component in components[:used])
    if page is None or page.url_path != expected:
        with _lock:
            _routes.pop(key, None)
        return None
    try:
        return page.route(request, components[used:])
    except Http404:
        return False


def _remember(site, components, result):
    page = result[0]
    used = page.depth - site.root_page.depth
    if used < 0 or used > len(components):
        return
    with _lock:
        _routes[(site.pk, "/".join(components))] = (page.pk, page.content_type_id, used)
        while len(_routes) > MAX_ROUTES:
            _routes.popitem(last=False)


def prepare(request, path):
    """Set the site and the route on the request as Wagtail would find them."""
    if hasattr(request, "_wagtail_route_for_request"):
        return
    site = find_site(request)
    if site is None:
        return
    components = [component for component in path.split("/") if component]
    result = _remembered_route(request, site, components)
    if result is None:
        result = Page.route_for_request(request, path)  # Wagtail's own walk
        if result is not None:
            _remember(site, components, result)
        return
    request._wagtail_route_for_request = result or None


def serve(request, path):
    """Wagtail's serve view, with the route prepared from what this worker remembers."""
    prepare(request, path)
    return wagtail_views.serve(request, path)
