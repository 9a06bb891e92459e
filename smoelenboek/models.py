"""Who is who: the member profile, with its approval state, consent and privacy choices.

Personal data stays inside this app: no other app reads these models."""

import base64

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import BooleanField, Case, Q, Value, When
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel

from home.fields import optional_fk
from home.models import phone_validator
from home.panels import read_only_panels
from home.search.words import SUMMARY, TEXT, TITLE, Query, analyse

from .storage import private_storage


class Status(models.TextChoices):
    PENDING = "aangemeld", "Aangemeld (wacht op goedkeuring)"
    APPROVED = "goedgekeurd", "Goedgekeurd"
    REJECTED = "afgewezen", "Afgewezen"


class Role(models.TextChoices):
    RESIDENT = "bewoner", "Bewoner"
    VOLUNTEER = "vrijwilliger", "Vrijwilliger"
    PROFESSIONAL = "professional", "Professional"


class Visibility(models.TextChoices):
    MEMBERS = "leden", "Alle goedgekeurde leden van het smoelenboek"
    PROFESSIONALS = "prof", "Alleen professionals"
    NOBODY = "niemand", "Niemand"


# The fields a member shares with a chosen audience: key -> the field that holds the value;
# the audience is in f"{key}_visibility". Ask `Profile.objects.shown_to(viewer)` who sees them.
CONTACT_FIELDS = {"email": "contact_email", "phone": "phone"}


def audiences_of(viewer):
    """The visibility levels whose fields `viewer` (a Profile, or None) may see."""
    if viewer is None or not viewer.is_approved:
        return []
    if viewer.is_professional:
        return [Visibility.MEMBERS, Visibility.PROFESSIONALS]
    return [Visibility.MEMBERS]


DAYS = [
    ("ma", "maandag"),
    ("di", "dinsdag"),
    ("wo", "woensdag"),
    ("do", "donderdag"),
    ("vr", "vrijdag"),
    ("za", "zaterdag"),
    ("zo", "zondag"),
]
DAY_NAMES = dict(DAYS)


class ProfileQuerySet(models.QuerySet):
    def for_site(self, site):
        return self.filter(site=site)

    def for_admin(self, user):
        """Every sign-up, for those who review them (beheer); nothing for other admin users."""
        if user.has_perm("smoelenboek.change_profile") or user.has_perm("smoelenboek.view_profile"):
            return self.all()
        return self.none()

    def visible(self):
        """Entries every approved member may see: approved, consent given, not hidden."""
        return self.filter(
            status=Status.APPROVED,
            consent_given_at__isnull=False,
            hidden=False,
            user__is_active=True,
        )

    def shown_to(self, viewer):
        """The one answer to "may `viewer` see field F of profile P?": every profile gets, for
        each contact field (CONTACT_FIELDS), a `shows_<key>` that is True when it holds a value
        and its owner shares it with everyone the viewer belongs to (all approved members, or
        professionals only). Pages read `profile.shows_email`; a search over a contact field
        filters on it (`shows_email=True, contact_email__icontains=...`)."""
        audiences = audiences_of(viewer)
        flags = {}
        for key, field in CONTACT_FIELDS.items():
            if not audiences:
                flags[f"shows_{key}"] = Value(False, output_field=BooleanField())
                continue
            shared = Q(**{f"{key}_visibility__in": audiences}) & ~Q(**{field: ""})
            flags[f"shows_{key}"] = Case(
                When(shared, then=Value(True)), default=Value(False), output_field=BooleanField()
            )
        return self.annotate(**flags)

    def search(self, text, viewer=None):
        """These profiles that answer `text` (words or a home.search.words.Query), best first,
        matched with the site's one understanding of words, and only on what the viewer may see
        of each profile (Profile.search_fields_for; contact fields only after `shown_to`, which
        decides who sees them). Three queries, whatever the number."""
        query = text if isinstance(text, Query) else Query(text)
        if not query:
            return self.none()
        profiles = list(self.select_related("organisation").prefetch_related("themes"))
        ranked = query.rank(profiles, lambda profile: analyse(profile.search_fields_for(viewer)))
        order = Case(*(When(pk=p.pk, then=n) for n, p in enumerate(ranked)), default=len(ranked))
        return self.filter(pk__in=[p.pk for p in ranked]).order_by(order, "name", "pk")


class Profile(models.Model):
    """One member of the smoelenboek of one site."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="smoelenboek_profile"
    )
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name="site", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    rejection_reason = models.CharField(
        "reden van afwijzen",
        max_length=300,
        blank=True,
        help_text="Kort en vriendelijk. Deze tekst krijgt de persoon in een e-mail.",
    )
    reviewed_at = models.DateTimeField("beoordeeld op", null=True, blank=True)
    reviewed_by = optional_fk(settings.AUTH_USER_MODEL, verbose_name="beoordeeld door")

    name = models.CharField("naam", max_length=80)
    role = models.CharField("wat bent u?", max_length=12, choices=Role.choices, default=Role.RESIDENT)
    organisation = optional_fk(
        "home.Organisation",
        verbose_name="organisatie",
        related_name="smoelenboek_profiles",
    )
    job_title = models.CharField("functie", max_length=80, blank=True)
    groups = models.ManyToManyField(
        "initiatieven.InitiatiefPage",
        verbose_name="initiatiefgroepen",
        blank=True,
        related_name="smoelenboek_profiles",
    )
    themes = models.ManyToManyField(
        "home.Theme", verbose_name="thema's", blank=True, related_name="smoelenboek_profiles"
    )
    approach = models.TextField("waarvoor kunt u mij benaderen?", max_length=500, blank=True)
    available_days = models.JSONField("wanneer ben ik bereikbaar", default=list, blank=True)

    contact_email = models.EmailField("e-mailadres", blank=True)
    email_visibility = models.CharField(
        "wie ziet mijn e-mailadres?", max_length=8, choices=Visibility.choices, default=Visibility.NOBODY
    )
    phone = models.CharField("telefoonnummer", max_length=20, blank=True, validators=[phone_validator])
    phone_visibility = models.CharField(
        "wie ziet mijn telefoonnummer?",
        max_length=8,
        choices=Visibility.choices,
        default=Visibility.NOBODY,
    )

    photo = models.FileField("foto", storage=private_storage, upload_to="smoelenboek/", blank=True)
    thumbnail = models.FileField(
        "kleine foto", storage=private_storage, upload_to="smoelenboek/", blank=True
    )

    # Set by beheer (the role is what the member says): only then does this member see what
    # others share with professionals only.
    professional_checked = models.BooleanField(
        "professional (gecontroleerd)",
        default=False,
        help_text=(
            "Zet dit aan als u weet dat deze persoon als professional in de wijk werkt. "
            "Alleen dan ziet deze persoon wat leden alleen met professionals delen."
        ),
    )

    consent_given_at = models.DateTimeField("toestemming gegeven op", null=True, blank=True)
    hidden = models.BooleanField("verborgen", default=False)
    created_at = models.DateTimeField("aangemeld op", auto_now_add=True)
    updated_at = models.DateTimeField("laatst gewijzigd", auto_now=True)

    objects = ProfileQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("rejection_reason"), FieldPanel("professional_checked")],
            heading="Beoordelen",
        ),
        MultiFieldPanel(
            [
                HelpPanel(template="smoelenboek/admin/photo_panel.html", heading="Foto"),
                *read_only_panels("name", "role", "organisation", "job_title", "approach"),
            ],
            heading="Wat de persoon zelf invulde",
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "lid van het smoelenboek"
        verbose_name_plural = "leden van het smoelenboek"

    def __str__(self):
        return self.name or self.user.get_username()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    def clean(self):
        if self.status == Status.REJECTED and not self.rejection_reason.strip():
            raise ValidationError(
                {"rejection_reason": "Schrijf kort waarom u afwijst. De persoon krijgt dit in een e-mail."}
            )

    @admin.display(description="e-mailadres")
    def account_email(self):
        return self.user.email

    @property
    def status_changed(self):
        return getattr(self, "_loaded_status", None) != self.status

    @property
    def is_approved(self):
        return self.status == Status.APPROVED

    @property
    def is_visible(self):
        return (
            self.status == Status.APPROVED
            and self.consent_given_at is not None
            and not self.hidden
            and self.user.is_active
        )

    @property
    def is_professional(self):
        """A professional as beheer checked it, approved: sees what is shared with professionals."""
        return self.is_approved and self.role == Role.PROFESSIONAL and self.professional_checked

    def search_fields_for(self, viewer=None):
        """(text, weight) of what the directory search may match for `viewer`: what the viewer
        sees of this profile, nothing more. Contact details go through shows_email and
        shows_phone, the one check of who sees which field, so a new visibility level
        carries over to the search."""
        fields = [
            (self.name, TITLE),
            (self.job_title, TITLE),
            (self.organisation.name if self.organisation else "", SUMMARY),
            (" ".join(theme.name for theme in self.themes.all()), SUMMARY),
            (self.get_role_display(), SUMMARY),
            (self.approach, TEXT),
        ]
        # Annotated by ProfileQuerySet.shown_to; without it no contact field is searched.
        if getattr(self, "shows_email", False):
            fields.append((self.contact_email, TEXT))
        if getattr(self, "shows_phone", False):
            # As written ("06 12 34") and as one number ("061234"): either may be typed.
            fields.append((f"{self.phone} {''.join(c for c in self.phone if c.isdigit())}", TEXT))
        return fields

    @property
    def day_names(self):
        return [DAY_NAMES[d] for d, _ in DAYS if d in (self.available_days or [])]

    @property
    def initials(self):
        parts = [p for p in self.name.split() if p[:1].isalpha()]
        if not parts:
            return "?"
        return (parts[0][0] + (parts[-1][0] if len(parts) > 1 else "")).upper()

    def review(self, status, by=None, reason=""):
        """Approve or reject; the signal handler mails the member after the commit."""
        self.status = status
        self.rejection_reason = reason if status == Status.REJECTED else ""
        self.reviewed_at = timezone.now()
        self.reviewed_by = by
        self.save()

    def delete_photo_files(self):
        for field in (self.photo, self.thumbnail):
            if field.name:
                field.storage.delete(field.name)

    def photo_bytes(self, size="groot"):
        """The stored JPEG of the photo (or the small one), or None."""
        field = self.thumbnail if size == "klein" else self.photo
        if not field.name:
            return None
        try:
            with field.storage.open(field.name, "rb") as handle:
                return handle.read()
        except FileNotFoundError:
            return None

    def personal_data(self, photo=None):
        """Everything this profile holds, for the member's own download (smoelenboek/privacy.py).
        `photo` says how the photo appears: a file name in the ZIP, or else inline as data."""
        if photo is None:
            data = self.photo_bytes()
            photo = "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii") if data else None
        return {
            "naam": self.name,
            "status": self.get_status_display(),
            "reden van afwijzen": self.rejection_reason,
            "wat bent u": self.get_role_display(),
            "organisatie": self.organisation.name if self.organisation else "",
            "functie": self.job_title,
            "initiatiefgroepen": [g.title for g in self.groups.all()],
            "thema's": [t.name for t in self.themes.all()],
            "waarvoor kunt u mij benaderen": self.approach,
            "bereikbaar op": self.day_names,
            "e-mailadres in het smoelenboek": self.contact_email,
            "wie ziet mijn e-mailadres": self.get_email_visibility_display(),
            "telefoonnummer": self.phone,
            "wie ziet mijn telefoonnummer": self.get_phone_visibility_display(),
            "door het beheer bevestigd als professional": self.professional_checked,
            "foto": photo,
            "toestemming gegeven op": self.consent_given_at,
            "verborgen": self.hidden,
            "aangemeld op": self.created_at,
            "laatst gewijzigd": self.updated_at,
        }
