"""allauth adapter: the error messages in plain Dutch (B1, addressing the reader as "u"), the
way back to where a person was, and the name a person is greeted by.

Where a person returns after logging in or signing up: the `next` of the link they followed
(every login and sign-up link on the site carries the page it is on, see `login_next`). allauth
keeps it through the sign-up and, when the confirmation link is opened in the same browser,
through the e-mail confirmation (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION); the confirmation link
carries it too, for a mail opened in another browser. allauth checks every `next` with
`is_safe_url` (Django's url_has_allowed_host_and_scheme): another site's address is ignored."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

# Pages from which coming back makes no sense: the login and sign-up pages themselves.
NO_RETURN_PREFIXES = ("/accounts/",)


def safe_next(request, url):
    """`url` when it is a path on this site to return to after a login, else ""."""
    if not url or not url.startswith("/") or url.startswith(NO_RETURN_PREFIXES):
        return ""
    allowed = url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False)
    return url if allowed else ""


def login_next(request):
    """The `?next=` for a login or sign-up link on the page of `request` ("" on the account pages)."""
    here = safe_next(request, request.get_full_path())
    return urlencode({"next": here}) if here else ""


def greeting_name(user):
    """The name a person is greeted by (ACCOUNT_USER_DISPLAY): the first name, else the name of
    their smoelenboek profile; never the e-mail address ("" when there is no name)."""
    if user is None or not getattr(user, "pk", None):
        return ""
    name = (user.first_name or "").strip()
    if not name:
        profile = getattr(user, "smoelenboek_profile", None)  # None when there is no profile
        name = (profile.name or "").strip() if profile else ""
    return "" if "@" in name else name


DUTCH_ERRORS = {
    "account_inactive": "Dit account is niet actief. Neem contact op met het beheer.",
    "cannot_remove_primary_email": "Dit is uw belangrijkste e-mailadres. Dat kunt u niet weghalen.",
    "duplicate_email": "Dit e-mailadres hoort al bij uw account.",
    "email_password_mismatch": "Het e-mailadres of het wachtwoord klopt niet. Probeer het nog een keer.",
    "email_taken": "Er is al een account met dit e-mailadres. Bent u uw wachtwoord vergeten?",
    "enter_current_password": "Vul uw wachtwoord van nu in.",
    "incorrect_code": "Deze code klopt niet.",
    "incorrect_password": "Dit wachtwoord klopt niet.",
    "invalid_or_expired_key": "Deze link werkt niet meer. Vraag een nieuwe link aan.",
    "invalid_login": "Inloggen lukt niet. Probeer het nog een keer.",
    "invalid_password_reset": "Deze link werkt niet meer. Vraag een nieuwe link aan.",
    "max_email_addresses": "U kunt niet meer dan %d e-mailadressen toevoegen.",
    "too_many_login_attempts": (
        "U heeft te vaak een verkeerd wachtwoord ingevuld. Wacht 5 minuten en probeer het dan opnieuw. "
        "Wachtwoord vergeten? Vraag dan een nieuw wachtwoord aan."
    ),
    "unknown_email": "Dit e-mailadres kennen wij niet.",
    "unverified_primary_email": "Bevestig eerst uw e-mailadres.",
    "select_only_one": "Kies er maar één.",
    "same_as_current": "Vul iets anders in dan wat er nu staat.",
    "rate_limited": "U probeert het te vaak achter elkaar. Wacht even en probeer het dan opnieuw.",
}


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {**DefaultAccountAdapter.error_messages, **DUTCH_ERRORS}

    def get_email_confirmation_url(self, request, emailconfirmation):
        """The link in the confirmation mail carries the page to return to, so that the way
        back holds in another browser too (the same browser keeps it in the session)."""
        url = super().get_email_confirmation_url(request, emailconfirmation)
        if request is None:
            return url
        here = safe_next(request, request.POST.get("next") or request.GET.get("next") or "")
        return f"{url}?{urlencode({'next': here})}" if here else url

    def get_client_ip(self, request):
        # X-Forwarded-For says who the client is only when our own proxy (nginx) sent the
        # request; anyone reaching gunicorn directly could write any address in it.
        if request.META.get("REMOTE_ADDR") not in settings.TRUSTED_PROXIES:
            return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - not a bind address
        return super().get_client_ip(request)

    def _get_login_attempts_cache_key(self, request, **credentials):
        # Failed logins count per client and account: five wrong passwords from one address
        # lock that address out of the account, not the account's owner on their own device.
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{self.get_client_ip(request)}:{account}"
