"""allauth adapter: the error messages in plain Dutch (B1, addressing the reader as "u")."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

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
