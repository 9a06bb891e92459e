from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from home.models import Organisation, Theme
from initiatieven.models import InitiatiefPage

from .models import DAYS, Profile, Role, Visibility
from .photos import process_photo

CONSENT_TEXT = (
    "Alleen goedgekeurde leden van het smoelenboek zien uw naam, foto en wat u invult. "
    "Uw e-mailadres en telefoonnummer ziet alleen wie u daarvoor kiest. "
    "U kunt uw gegevens altijd aanpassen, verbergen, downloaden of laten verwijderen."
)


class SignupNameForm(forms.Form):
    """Extra field on allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    name = forms.CharField(
        label="Uw naam",
        max_length=80,
        help_text="Uw voornaam en achternaam. Zo zien andere leden wie u bent.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def signup(self, request, user):
        from .services import create_profile

        name = self.cleaned_data["name"].strip()
        user.first_name = name[:150]
        user.save(update_fields=["first_name"])
        create_profile(user, request, name=name)


class ProfileForm(forms.ModelForm):
    field_marker = "optional"  # most fields may stay empty: say so at those (home/forms.py)

    upload = forms.FileField(
        label="Foto van uzelf",
        required=False,
        help_text="Een JPG-, PNG- of WebP-foto, kleiner dan 5 MB. Wij maken er een vierkant van.",
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_photo = forms.BooleanField(label="Haal mijn foto weg", required=False)
    available_days = forms.MultipleChoiceField(
        label="Wanneer ben ik bereikbaar?",
        choices=DAYS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(
        label="Ik heb dit gelezen. Ik wil in het smoelenboek staan.",
        required=False,
        widget=forms.CheckboxInput(attrs={"aria-describedby": "consent-text"}),
    )

    class Meta:
        model = Profile
        fields = [
            "name",
            "role",
            "organisation",
            "job_title",
            "groups",
            "themes",
            "approach",
            "available_days",
            "contact_email",
            "email_visibility",
            "phone",
            "phone_visibility",
            "hidden",
        ]
        labels = {
            "name": "Uw naam",
            "role": "Wat bent u?",
            "organisation": "Bij welke organisatie werkt u?",
            "job_title": "Wat is uw functie?",
            "groups": "In welke initiatiefgroepen doet u mee?",
            "themes": "Bij welke thema's kunt u helpen?",
            "approach": "Waarvoor kunnen anderen u benaderen?",
            "contact_email": "E-mailadres voor andere leden",
            "email_visibility": "Wie ziet uw e-mailadres?",
            "phone": "Telefoonnummer",
            "phone_visibility": "Wie ziet uw telefoonnummer?",
            "hidden": "Verberg mij in het smoelenboek",
        }
        help_texts = {
            "organisation": "Alleen voor professionals.",
            "job_title": "Bijvoorbeeld: welzijnscoach of fysiotherapeut. Alleen voor professionals.",
            "approach": "Een paar korte zinnen. Bijvoorbeeld: Ik weet veel over wandelroutes in de wijk.",
            "phone": "Bijvoorbeeld 06 12 34 56 78.",
            "hidden": "Dan ziet niemand u in het smoelenboek. Uw gegevens blijven bewaard.",
        }
        widgets = {
            "role": forms.RadioSelect,
            "groups": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "approach": forms.Textarea(attrs={"rows": 4, "maxlength": 500}),
            "email_visibility": forms.RadioSelect,
            "phone_visibility": forms.RadioSelect,
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = InitiatiefPage.objects.live_in(site).order_by("title")
        self.fields["themes"].queryset = Theme.objects.all()
        self.fields["organisation"].queryset = Organisation.objects.all()
        self.fields["organisation"].empty_label = "Geen organisatie"
        self.fields["role"].choices = Role.choices
        self.fields["email_visibility"].choices = Visibility.choices
        self.fields["phone_visibility"].choices = Visibility.choices
        self.fields["consent"].initial = self.instance.consent_given_at is not None
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.photo_files = None

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            self.photo_files = process_photo(upload)
        return upload

    def clean_approach(self):
        return self.cleaned_data["approach"].strip()

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.PROFESSIONAL and not data.get("organisation"):
            self.add_error("organisation", "Kies de organisatie waar u werkt.")
        email_missing = not data.get("contact_email") and "contact_email" not in self.errors
        if data.get("email_visibility") not in (None, "", Visibility.NOBODY) and email_missing:
            self.add_error("contact_email", "Vul een e-mailadres in. Of kies bij ‘Wie ziet’: Niemand.")
        phone_missing = not data.get("phone") and "phone" not in self.errors
        if data.get("phone_visibility") not in (None, "", Visibility.NOBODY) and phone_missing:
            self.add_error("phone", "Vul een telefoonnummer in. Of kies bij ‘Wie ziet’: Niemand.")
        return data

    def save(self, commit=True):
        profile = super().save(commit=False)
        if self.cleaned_data.get("consent"):
            profile.consent_given_at = profile.consent_given_at or timezone.now()
        else:
            profile.consent_given_at = None
        if profile.role != Role.PROFESSIONAL:
            profile.job_title = ""
            profile.professional_checked = False  # beheer checks again if they become one
        old_files = None
        if self.photo_files or self.cleaned_data.get("remove_photo"):
            old_files = [f.name for f in (profile.photo, profile.thumbnail) if f.name]
            profile.photo = profile.thumbnail = None
        if self.photo_files:
            photo, thumbnail = self.photo_files
            profile.photo.save(photo.name, photo, save=False)
            profile.thumbnail.save(thumbnail.name, thumbnail, save=False)
        profile.save()
        self.save_m2m()
        if old_files:
            storage = Profile._meta.get_field("photo").storage
            for name in old_files:
                storage.delete(name)
        return profile


class DeleteAccountForm(forms.Form):
    """Deleting an account asks for its password, so a phone or computer left logged in is not
    enough to delete someone (compare allauth's own password forms)."""

    password = forms.CharField(
        label="Uw wachtwoord",
        strip=False,
        help_text="Het wachtwoord waarmee u inlogt. Zo weten wij zeker dat u het bent.",
        error_messages={"required": "Vul uw wachtwoord in. Er is niets verwijderd."},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.has_usable_password():
            raise ValidationError(
                "Uw account heeft nog geen wachtwoord. Maak eerst een wachtwoord met "
                "‘Wachtwoord vergeten’. Er is niets verwijderd.",
                code="no_password",
            )
        if not self.user.check_password(password):
            raise ValidationError(
                "Dit wachtwoord klopt niet. Er is niets verwijderd. Probeer het nog een keer.",
                code="incorrect_password",
            )
        return password


class RejectForm(forms.Form):
    """The bulk reject action in the admin asks for one short reason."""

    reason = forms.CharField(
        label="Reden van afwijzen",
        max_length=300,
        help_text="Kort en vriendelijk. Iedereen die u afwijst krijgt deze tekst in een e-mail.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError("Schrijf kort waarom u afwijst.")
        return reason
