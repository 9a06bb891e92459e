from dataclasses import replace

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.cache import cache
from django.utils.cache import set_response_etag


class PermissionsPolicyMiddleware:
    """Tell browsers the site never uses the camera, microphone, location or payment APIs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class AnonymousPageCacheMiddleware:
    """A shared cache (Redis in production) of public pages for visitors who are not logged in.

    Only GET/HEAD requests without cookies (a CSRF cookie alone is fine) are served from or
    stored in the cache, and only 200 responses that are not private, set no cookie and hold no CSRF
    token (pages with a POST form do). The key holds the site's
    content version, so a publish, unpublish or delete shows at once on every server."""

    SKIP_PREFIXES = ("/admin/", "/django-admin/", "/smoelenboek/", "/accounts/", "/zoeken/", "/health/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if not timeout or not self._cacheable_request(request):
            return self.get_response(request)
        from home.cache import VERSION_KEY, content_version

        key = f"page:{request.method}:{request.get_host()}:{request.get_full_path()}"
        # One round trip to the cache: the content version and the stored page together.
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or content_version()
        stored = found.get(key)
        if stored is not None and stored[0] == version:
            response = stored[1]
            response["X-Cache"] = "HIT"
            return response
        response = self.get_response(request)
        if self._cacheable_response(request, response):
            if not response.has_header("ETag"):
                set_response_etag(response)  # once, instead of on every hit
            cache.set(key, (version, response), timeout)
            response["X-Cache"] = "MISS"
        return response

    def _cacheable_request(self, request):
        if request.method not in ("GET", "HEAD"):
            return False
        if request.path.startswith(self.SKIP_PREFIXES):
            return False
        return all(name == settings.CSRF_COOKIE_NAME for name in request.COOKIES)

    def _cacheable_response(self, request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False  # the page holds this visitor's CSRF token
        cache_control = response.get("Cache-Control", "").lower()
        # "Vary: Cookie" is not a reason to skip: only cookie-less requests reach this point.
        return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


class SiteCSPMiddleware(CSPMiddleware):
    """The strict policy everywhere, except that the Wagtail admin (behind a login) may run
    the few inline scripts its inline panels and date pickers still print."""

    ADMIN_PREFIX = "/admin/"

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(self.ADMIN_PREFIX):
            update = dict(parts.update or {})
            update["script-src"] = [*update.get("script-src", []), "'unsafe-inline'"]
            parts = replace(parts, update=update)
        return parts
