"""The sign-up form and the form to change what a subscriber gets."""

from django import forms

from home.models import Theme
from initiatieven.models import InitiatiefPage

from . import addresses

EMAIL_MESSAGES = {
    "required": "Vul uw e-mailadres in.",
    "invalid": "Dit e-mailadres klopt niet. Een e-mailadres ziet er zo uit: naam@voorbeeld.nl.",
    "max_length": "Dit e-mailadres is te lang.",
}
EVERYTHING_HELP = "Kiest u niets? Dan krijgt u alles."


class TopicsForm(forms.Form):
    """Themes and groups; nothing chosen means everything."""

    field_marker = None  # the labels say what may stay empty (home/forms.py)

    themes = forms.ModelMultipleChoiceField(
        label="Over welke thema's wilt u mail? (mag leeg blijven)",
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=EVERYTHING_HELP,
        error_messages={"invalid_choice": "Kies uit de lijst.", "invalid_pk_value": "Kies uit de lijst."},
    )
    groups = forms.ModelMultipleChoiceField(
        label="Over welke groepen wilt u mail? (mag leeg blijven)",
        queryset=InitiatiefPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Kies uit de lijst.", "invalid_pk_value": "Kies uit de lijst."},
    )

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.all()
        self.fields["groups"].queryset = InitiatiefPage.objects.live_in(site).order_by("title")

    def save_to(self, subscriber):
        themes, groups = self.cleaned_data["themes"], self.cleaned_data["groups"]
        subscriber.all_topics = not themes and not groups
        subscriber.save(update_fields=["all_topics"])
        subscriber.themes.set(themes)
        subscriber.groups.set(groups)


class SignupForm(TopicsForm):
    email = forms.EmailField(
        label="Uw e-mailadres",
        max_length=254,
        error_messages=EMAIL_MESSAGES,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # Honeypot: hidden from people (CSS and aria-hidden); bots fill in every field.
    website = forms.CharField(label="Laat dit veld leeg", required=False)

    field_order = ["email", "themes", "groups"]

    @property
    def is_spam(self):
        return bool(self.data.get("website"))

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        message = addresses.problem(email)
        if message:
            raise forms.ValidationError(message)
        return email.lower()
