"""The Wagtail admin's login and password reset, with the same rate limits as the members'
(django-allauth): attempts are counted per address and per user name or e-mail address in the
cache, which is Redis in production, so the limits hold across all workers and servers."""

from allauth.core import ratelimit
from wagtail.admin.views.account import LoginView, PasswordResetView


class RateLimitedLoginView(LoginView):
    def post(self, request, *args, **kwargs):
        key = request.POST.get("username", "").strip().lower()
        if not ratelimit.consume(request, action="login_failed", key=key, dry_run=True):
            return ratelimit.respond_429(request)
        response = super().post(request, *args, **kwargs)
        if not request.user.is_authenticated:
            ratelimit.consume(request, action="login_failed", key=key)
        return response


class RateLimitedPasswordResetView(PasswordResetView):
    """Without a limit, anyone could flood a volunteer's mailbox with reset mails."""

    def post(self, request, *args, **kwargs):
        key = request.POST.get("email", "").strip().lower()
        if not ratelimit.consume(request, action="reset_password", key=key):
            return ratelimit.respond_429(request)
        return super().post(request, *args, **kwargs)
