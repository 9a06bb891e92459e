"""The "Doe mee" form: a resident tells a group they want to join in."""

from django import forms

from home.models import phone_validator


class DoeMeeForm(forms.Form):
    field_marker = None  # the labels say what may stay empty (home/forms.py)

    group = forms.ChoiceField(
        label="Bij welke groep wilt u meedoen?",
        error_messages={
            "required": "Kies een groep.",
            "invalid_choice": "Kies een groep uit de lijst.",
        },
    )
    name = forms.CharField(
        label="Uw naam",
        max_length=100,
        error_messages={"required": "Vul uw naam in.", "max_length": "Uw naam is te lang."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Uw e-mailadres",
        required=False,
        error_messages={
            "invalid": "Dit e-mailadres klopt niet. Een e-mailadres ziet er zo uit: naam@voorbeeld.nl."
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label="Uw telefoonnummer",
        max_length=20,
        required=False,
        validators=[phone_validator],
        error_messages={"max_length": "Dit telefoonnummer is te lang."},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
    )
    message = forms.CharField(
        label="Uw bericht (mag leeg blijven)",
        required=False,
        max_length=2000,
        error_messages={"max_length": "Uw bericht is te lang. Gebruik maximaal 2000 tekens."},
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    # Honeypot: hidden from people (CSS and aria-hidden); bots fill in every field.
    website = forms.CharField(label="Laat dit veld leeg", required=False)

    def __init__(self, *args, groups=None, fixed_group=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_group = fixed_group
        self.groups = {str(g.pk): g for g in (groups or [])}
        if fixed_group is not None:
            del self.fields["group"]  # the form on a group's own page needs no choice
        else:
            self.fields["group"].choices = [("", "Kies een groep")] + [
                (pk, g.title) for pk, g in self.groups.items()
            ]
        for name in ("email", "phone"):
            self.fields[name].widget.attrs["aria-describedby"] = "contact-help"

    def clean_name(self):
        # One line only: the name goes into the subject of the mail to the group.
        return " ".join(self.cleaned_data["name"].split())

    @property
    def is_spam(self):
        return bool(self.data.get("website"))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone") and not (
            self.errors.get("email") or self.errors.get("phone")
        ):
            message = "Vul uw e-mailadres of uw telefoonnummer in. Anders kan de groep u niet antwoorden."
            self.add_error("email", message)
        return cleaned

    @property
    def chosen_group(self):
        return self.fixed_group or self.groups.get(self.cleaned_data.get("group", ""))
