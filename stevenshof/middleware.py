import hashlib
import pickle
import threading
import time
from collections import OrderedDict
from dataclasses import replace

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.cache import cache
from django.http import QueryDict
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils import timezone
from django.utils.cache import patch_vary_headers, set_response_etag


class PermissionsPolicyMiddleware:
    """Tell browsers the site never uses the camera, microphone, location or payment APIs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class StripNulBytesMiddleware:
    """A NUL character in the query string only comes from crafted links, and PostgreSQL refuses
    it in any query: take it out before a view sees the parameters. (Form fields already refuse
    NUL characters themselves.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query_string = request.META.get("QUERY_STRING", "")
        if "%00" in query_string or "\x00" in query_string:
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


class PublicGZipMiddleware(GZipMiddleware):
    """Django's own gzip, for what anyone may see: pages, the iCal feeds (with 2,000 activities
    the whole agenda is 1.4 MB of text/calendar, 66 KB gzipped), JSON, RSS. It sits outside the page
    cache, which keeps one plain copy for every visitor, and outside ConditionalGetMiddleware,
    which compares ETags before compressing (a compressed response gets a weak ETag, W/"...",
    and If-None-Match compares weakly, so 304s keep working).

    BREACH (guessing a secret from the compressed size of pages that also echo the attacker's
    input) is why personal responses stay plain: whatever is marked private or no-store (the
    smoelenboek and account pages, the admin, forms with a member's data). Public pages hold no
    secret but the CSRF token, which Django masks anew for every response, and Django adds
    random bytes to each compressed response besides. docs/deploy.md gives nginx the same rule."""

    COMPRESSIBLE = (
        "text/",
        "application/json",
        "application/ld+json",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/javascript",
        "image/svg+xml",
    )

    def process_response(self, request, response):
        cache_control = response.get("Cache-Control", "").lower()
        if "private" in cache_control or "no-store" in cache_control:
            return response
        if response.status_code == 304:
            # The validators a compressed 200 would have carried.
            if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
                etag = response.get("ETag")
                if etag and etag.startswith('"'):
                    response.headers["ETag"] = "W/" + etag
                patch_vary_headers(response, ("Accept-Encoding",))
            return response
        if not response.get("Content-Type", "").startswith(self.COMPRESSIBLE):
            return response  # pictures, PDFs and downloads are compressed already
        return super().process_response(request, response)


class AnonymousPageCacheMiddleware:
    """A shared cache (Redis in production) of public pages for visitors who are not logged in.

    Only GET/HEAD requests without cookies (a CSRF cookie alone is fine) are served from or
    stored in the cache, and only 200 responses that are not private, set no cookie and hold no CSRF
    token (pages with a POST form do). The key holds the site's
    content version, so a publish, unpublish or delete shows on every server within a tenth of a
    second."""

    SKIP_PREFIXES = ("/admin/", "/django-admin/", "/smoelenboek/", "/accounts/", "/zoeken/", "/health/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = settings.PAGE_CACHE_SECONDS
        if not timeout or not self._cacheable_request(request):
            return self.get_response(request)
        from home.cache import cache_query, content_version

        # The date is part of the key: pages that say "Vandaag" and "Morgen" turn over at midnight.
        today = timezone.localdate()
        query = cache_query(request)
        address = f"{request.method}:{request.get_host()}:{request.path}?{query}:{today}"
        # Hashed: a visitor chooses the path and query, and a cache key has a length limit.
        key = "page:" + hashlib.sha256(address.encode()).hexdigest()
        # Each worker keeps recent pages in its own memory, so a hit costs no trip to the shared
        # cache, which is only asked for the content version a few times a second (see
        # home.cache): a publish on any server shows everywhere within that interval.
        version = content_version()
        stored = self._local_get(key, version)
        if stored is None:
            shared = cache.get(key)
            if shared is not None and shared[0] == version:
                stored = shared[1]
                self._local_put(key, version, stored, timeout)
        if stored is not None:
            response = pickle.loads(stored)  # noqa: S301 - written by this middleware only
            response["X-Cache"] = "HIT"
            return response
        response = self.get_response(request)
        if query and getattr(request, "page_variant", None) != query:
            return response  # a query its view did not declare (see home.cache.page_variant)
        if self._cacheable_response(request, response):
            if not response.has_header("ETag"):
                set_response_etag(response)  # once, instead of on every hit
            stored = pickle.dumps(response, pickle.HIGHEST_PROTOCOL)
            cache.set(key, (version, stored), timeout)
            self._local_put(key, version, stored, timeout)
            response["X-Cache"] = "MISS"
        return response

    LOCAL_PAGES = 300  # pages kept in each worker's memory (a few MB)
    _local = OrderedDict()
    _local_lock = threading.Lock()

    @classmethod
    def clear_local(cls):
        from home.cache import forget_local_version

        with cls._local_lock:
            cls._local.clear()
        forget_local_version()

    def _local_get(self, key, version):
        with self._local_lock:
            found = self._local.get(key)
            if found is None or found[0] != version or found[2] < time.monotonic():
                return None
            self._local.move_to_end(key)
            return found[1]

    def _local_put(self, key, version, stored, timeout):
        with self._local_lock:
            self._local[key] = (version, stored, time.monotonic() + timeout)
            self._local.move_to_end(key)
            while len(self._local) > self.LOCAL_PAGES:
                self._local.popitem(last=False)

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
