"""The Wagtail admin's login and password reset, with the same rate limits as the members'
(django-allauth): attempts are counted per address, and per address and user name, in the
cache, which is Redis in production, so the limits hold across all workers and servers."""

from allauth.account.adapter import get_adapter
from allauth.core import ratelimit
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.admin.views.account import LoginView, PasswordResetView


class LoginForm(WagtailLoginForm):
    """Wagtail's login form declares its password field without a label, which Django then
    shows as the English field name "Password"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "Wachtwoord"
        self.fields["password"].widget.attrs["placeholder"] = "Uw wachtwoord"


class RateLimitedLoginView(LoginView):
    def post(self, request, *args, **kwargs):
        # Per client and user name, as for members (smoelenboek/adapter.py): a stranger's wrong
        # passwords do not lock the editor out on their own device.
        client = get_adapter().get_client_ip(request)
        key = f"{client}:{request.POST.get('username', '').strip().lower()}"
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


def django_admin_login(request):
    """Django's admin login has no rate limit: send people to the Wagtail admin's instead. A
    logged-in user who still lands here may not use the Django admin (sending them on would
    loop between the two logins)."""
    if request.user.is_authenticated:
        raise PermissionDenied
    url, query = reverse("wagtailadmin_login"), request.META.get("QUERY_STRING", "")
    return redirect(f"{url}?{query}" if query else url)
