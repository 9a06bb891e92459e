"""allauth's sign-up form (ACCOUNT_FORMS["signup"]), made to take as long for an address that
already has an account as for a new one.

With ACCOUNT_PREVENT_ENUMERATION allauth already gives both the same answer and sends a mail in
both cases (a confirmation to a new address, "you already have an account" to a known one), and
both mails go the same way (EMAIL_BACKEND: the mail queue in production). But only a new account
hashes its password, and hashing is almost all the time a sign-up takes (about half a second on
purpose): without this, the answer for a known address came more than ten times sooner, so the
time alone told who has an account. Here a known address hashes the password too, and throws the
hash away.

A module of its own: allauth's forms module imports smoelenboek.forms (the SignupNameForm base),
so smoelenboek.forms cannot import allauth's forms back."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))  # the work set_password() does
        return super().try_save(request)
