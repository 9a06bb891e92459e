"""The Wagtail admin's login, with the same rate limits as the members' login (django-allauth):
failed attempts are counted per address and per user name in the cache, which is Redis in
production, so the limit holds across all workers and servers."""

from allauth.core import ratelimit
from wagtail.admin.views.account import LoginView


class RateLimitedLoginView(LoginView):
    def post(self, request, *args, **kwargs):
        key = request.POST.get("username", "").strip().lower()
        if not ratelimit.consume(request, action="login_failed", key=key, dry_run=True):
            return ratelimit.respond_429(request)
        response = super().post(request, *args, **kwargs)
        if not request.user.is_authenticated:
            ratelimit.consume(request, action="login_failed", key=key)
        return response
