"""The newsletter's records: who subscribed (and to what), the weekly editions with their items,
one delivery record per recipient per edition, and anonymous unsubscriptions (for the stats).

What is kept about a person: the e-mail address, the chosen themes and groups, when they signed
up and confirmed (their consent), and the send log (`Delivery`). Nothing else."""

import datetime
import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Count, Q
from django.http import HttpResponse
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, PreviewableMixin, Site

from home.fields import optional_fk
from home.personal_data import person_q

WEEKDAYS = [
    (0, "maandag"),
    (1, "dinsdag"),
    (2, "woensdag"),
    (3, "donderdag"),
    (4, "vrijdag"),
    (5, "zaterdag"),
    (6, "zondag"),
]
WEEK_TAKEN = "Er is al een nieuwsbrief voor die week. Er gaat één nieuwsbrief per week uit."
CONFIRM_DAYS = 7  # an unconfirmed sign-up is deleted after this many days (purge_personal_data)


def new_token():
    return secrets.token_urlsafe(24)


def normalise_email(address):
    return (address or "").strip().lower()


@register_setting(icon="mail")
class NewsletterSettings(BaseSiteSetting):
    """When the weekly newsletter goes out. The draft is made a day before."""

    send_weekday = models.PositiveSmallIntegerField(
        "verzenddag", choices=WEEKDAYS, default=3, help_text="Op deze dag gaat de nieuwsbrief uit."
    )
    send_time = models.TimeField(
        "verzendtijd", default=datetime.time(8, 0), help_text="Hoe laat de nieuwsbrief uitgaat."
    )

    panels = [FieldPanel("send_weekday"), FieldPanel("send_time")]

    class Meta:
        verbose_name = "nieuwsbrief"


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def of_site(self, site):
        return self.filter(site=site)

    def for_admin(self, user):
        if user.has_perm("nieuwsbrief.view_subscriber") or user.has_perm("nieuwsbrief.change_subscriber"):
            return self.all()
        return self.none()


class Subscriber(models.Model):
    """One address that (asked to) get the newsletter of one site. Without `confirmed_at` it gets
    nothing but the confirmation mail, and it is deleted after CONFIRM_DAYS days."""

    personal_data_heading = "Uw aanmelding voor de nieuwsbrief"

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField("e-mailadres", max_length=254)
    # The secret in every link of the mails (confirm, change, unsubscribe): no login needed.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    all_topics = models.BooleanField("over alles", default=True)
    themes = models.ManyToManyField("home.Theme", verbose_name="thema's", blank=True, related_name="+")
    groups = models.ManyToManyField(
        "initiatieven.InitiatiefPage", verbose_name="groepen", blank=True, related_name="+"
    )
    created_at = models.DateTimeField("aangemeld op", auto_now_add=True)
    confirmed_at = models.DateTimeField("toestemming gegeven op", null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = "abonnee"
        verbose_name_plural = "abonnees nieuwsbrief"
        constraints = [models.UniqueConstraint(fields=["site", "email"], name="nieuwsbrief_one_per_address")]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    @property
    def confirmed(self):
        return self.confirmed_at is not None

    def topics_text(self):
        if self.all_topics:
            return "alles"
        names = [t.name for t in self.themes.all()] + [g.title for g in self.groups.all()]
        return ", ".join(names) or "alles"

    # --- personal data (home/personal_data.py; purge_personal_data) -----------------------
    @classmethod
    def personal_data_of(cls, user, emails):
        return cls.objects.filter(person_q(None, emails)).prefetch_related("themes", "groups")

    @classmethod
    def expired_personal_data(cls):
        """Sign-ups nobody confirmed within CONFIRM_DAYS days."""
        cutoff = timezone.now() - datetime.timedelta(days=CONFIRM_DAYS)
        return cls.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)

    def personal_data(self):
        log = [
            f"{d.edition.subject}: {d.get_status_display()}"
            + (f" ({timezone.localtime(d.sent_at):%d-%m-%Y %H:%M})" if d.sent_at else "")
            for d in self.deliveries.select_related("edition").order_by("pk")
        ]
        return {
            "aangemeld op": self.created_at,
            "toestemming gegeven op": self.confirmed_at,
            "e-mailadres": self.email,
            "onderwerpen": self.topics_text(),
            "verstuurde nieuwsbrieven": log,
        }


class EditionStatus(models.TextChoices):
    DRAFT = "draft", "concept"
    SCHEDULED = "scheduled", "ingepland"
    SENDING = "sending", "wordt verstuurd"
    SENT = "sent", "verstuurd"


class EditionQuerySet(models.QuerySet):
    def archived(self, site):
        return self.filter(site=site, status=EditionStatus.SENT).order_by("-scheduled_at")


class Edition(PreviewableMixin, ClusterableModel):
    """One weekly newsletter of one site. Made as a draft a day before the send day; the editor
    adds an intro, drops or reorders items, tests, then schedules or sends it. One per week."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+", editable=False)
    week = models.DateField("week van", editable=False, help_text="De maandag van de week.")
    scheduled_at = models.DateTimeField(
        "versturen op", help_text="De nieuwsbrief gaat pas uit als u op ‘Inplannen’ of ‘Nu versturen’ klikt."
    )
    subject = models.CharField("onderwerp van de e-mail", max_length=150)
    intro = models.TextField(
        "uw woorden bovenaan",
        blank=True,
        validators=[MaxLengthValidator(800)],
        help_text="Een paar korte zinnen. Spreek de lezer aan met ‘u’.",
    )
    spotlight_theme = optional_fk(
        "home.Theme", verbose_name="in de kijker", help_text="Een thema uit ‘Wat kun je doen in de wijk’."
    )
    status = models.CharField(
        "status", max_length=10, choices=EditionStatus.choices, default=EditionStatus.DRAFT, editable=False
    )
    created_at = models.DateTimeField("gemaakt op", auto_now_add=True)
    sending_started_at = models.DateTimeField("versturen begonnen op", null=True, blank=True, editable=False)
    sent_at = models.DateTimeField("verstuurd op", null=True, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Only the newest chain of send tasks goes on: a start or a resume sets a new token.
    task_token = models.CharField(max_length=32, blank=True, editable=False)
    server_failures = models.PositiveSmallIntegerField(default=0, editable=False)
    next_retry_at = models.DateTimeField("volgende poging", null=True, blank=True, editable=False)
    last_error = models.TextField("laatste fout", blank=True, editable=False)

    objects = EditionQuerySet.as_manager()

    panels = [
        FieldPanel("subject"),
        FieldPanel("intro", widget=forms.Textarea(attrs={"rows": 4})),
        FieldPanel("spotlight_theme"),
        MultiFieldPanel(
            [InlinePanel("items", label="Onderdeel")],
            heading="Activiteiten en nieuws",
            help_text="Haal weg wat niet mee moet, of zet het in een andere volgorde.",
        ),
        FieldPanel("scheduled_at"),
    ]
    preview_modes = [("html", "Zoals de e-mail aankomt"), ("text", "Alleen tekst")]

    class Meta:
        verbose_name = "nieuwsbrief"
        verbose_name_plural = "nieuwsbrieven"
        ordering = ["-week"]
        constraints = [models.UniqueConstraint(fields=["site", "week"], name="nieuwsbrief_one_per_week")]
        permissions = [("send_edition", "Kan een nieuwsbrief versturen")]

    def __str__(self):
        return self.subject

    def fill_in(self):
        """The site (the default one for an edition made by hand) and the week of the send day."""
        if not self.site_id:
            self.site = Site.objects.filter(is_default_site=True).first()
        if self.scheduled_at:
            first_day = timezone.localtime(self.scheduled_at).date()
            self.week = first_day - datetime.timedelta(days=first_day.weekday())

    def clean(self):
        super().clean()
        if self.pk and not self.is_editable:
            raise ValidationError("Deze nieuwsbrief wordt al verstuurd. U kunt hem niet meer veranderen.")
        self.fill_in()
        if self.scheduled_at and self.week_taken():
            raise ValidationError({"scheduled_at": WEEK_TAKEN})

    def week_taken(self):
        return Edition.objects.filter(site=self.site, week=self.week).exclude(pk=self.pk).exists()

    def save(self, *args, **kwargs):
        # One line: a line break in a subject makes Django refuse to send the mail.
        self.subject = " ".join((self.subject or "").split())
        if not self.site_id or not self.week:
            self.fill_in()
        super().save(*args, **kwargs)

    @property
    def first_day(self):
        return timezone.localtime(self.scheduled_at).date()

    @property
    def last_day(self):
        """The last day the edition covers (a week from the send day)."""
        return self.first_day + datetime.timedelta(days=6)

    @property
    def is_editable(self):
        return self.status in (EditionStatus.DRAFT, EditionStatus.SCHEDULED)

    def stats(self):
        """How the sending went: counts per delivery status, and unsubscriptions since."""
        counts = dict(self.deliveries.values_list("status").annotate(n=Count("pk")))
        waiting = sum(counts.get(s, 0) for s in (Delivery.QUEUED, Delivery.CLAIMED, Delivery.SENDING))
        unsubscribed = 0
        if self.sending_started_at:
            unsubscribed = Unsubscription.objects.filter(
                site_id=self.site_id, created_at__gte=self.sending_started_at
            ).count()
        return {
            "total": sum(counts.values()),
            "sent": counts.get(Delivery.SENT, 0),
            "failed": counts.get(Delivery.FAILED, 0),
            "bounced": counts.get(Delivery.BOUNCED, 0),
            "skipped": counts.get(Delivery.SKIPPED, 0),
            "waiting": waiting,
            "unsubscribed": unsubscribed,
        }

    # --- preview in the admin: exactly what a reader who chose "alles" gets ----------------
    def serve_preview(self, request, mode_name):
        from .mail import preview_message

        self.fill_in()
        subject, text, html = preview_message(self)
        if mode_name == "text":
            return HttpResponse(f"Onderwerp: {subject}\n\n{text}", content_type="text/plain; charset=utf-8")
        return HttpResponse(html)


class EditionItem(Orderable):
    """An activity or a news item in an edition, in the editor's order."""

    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="activiteit of nieuws", on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page", ["agenda.EventPage", "initiatieven.NewsPage"])]

    class Meta(Orderable.Meta):
        verbose_name = "onderdeel"
        verbose_name_plural = "onderdelen"


class Delivery(models.Model):
    """The send log: one edition to one subscriber. The unique pair makes a second record, and
    so a second mail, impossible; the status moves queued → claimed → sending → sent only
    through conditional updates, so two workers never both send it."""

    QUEUED, CLAIMED, SENDING = "queued", "claimed", "sending"
    SENT, FAILED, BOUNCED, SKIPPED = "sent", "failed", "bounced", "skipped"
    STATUS_CHOICES = [
        (QUEUED, "wacht"),
        (CLAIMED, "klaar om te versturen"),
        (SENDING, "bezig"),
        (SENT, "verstuurd"),
        (FAILED, "niet gelukt"),
        (BOUNCED, "geweigerd door de mailserver"),
        (SKIPPED, "niet verstuurd"),
    ]

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="deliveries")
    # SET_NULL: a subscriber who leaves takes their address along; the count stays.
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    news_ids = models.JSONField(default=list, blank=True)  # the news this mail held (not sent again)

    class Meta:
        verbose_name = "verzending"
        verbose_name_plural = "verzendingen"
        constraints = [
            models.UniqueConstraint(fields=["edition", "subscriber"], name="nieuwsbrief_one_mail_per_reader")
        ]
        indexes = [models.Index(fields=["edition", "status"])]

    def __str__(self):
        return f"{self.edition_id}: {self.get_status_display()}"


class Unsubscription(models.Model):
    """That someone unsubscribed, and when: no address, only for the stats."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    edition = models.ForeignKey(Edition, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"afgemeld op {self.created_at:%Y-%m-%d}"


def seen_news(subscriber_ids, before_edition):
    """{subscriber id: set of news page ids} they got in the site's editions before this one."""
    rows = Delivery.objects.filter(
        Q(subscriber_id__in=subscriber_ids),
        status=Delivery.SENT,
        edition__site_id=before_edition.site_id,
        edition__week__lt=before_edition.week,
        edition__week__gte=before_edition.week - datetime.timedelta(weeks=settings.NIEUWSBRIEF_NEWS_WEEKS),
    ).values_list("subscriber_id", "news_ids")
    seen = {}
    for subscriber_id, ids in rows:
        seen.setdefault(subscriber_id, set()).update(ids or [])
    return seen
