from django.utils.cache import add_never_cache_headers, patch_cache_control


class PrivatePagesMiddleware:
    """Every smoelenboek and account page is personal: search engines must not index it and
    no shared cache (the page cache, a proxy) may store it."""

    PREFIXES = ("/smoelenboek/", "/accounts/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(self.PREFIXES):
            response["X-Robots-Tag"] = "noindex, nofollow"
            if "max-age" in response.get("Cache-Control", ""):
                patch_cache_control(response, private=True)  # photos: the browser may keep them
            else:
                add_never_cache_headers(response)
                patch_cache_control(response, private=True)
        return response
