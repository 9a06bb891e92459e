"""The district agenda: places, events (with their recurrence), the agenda page and the
partner calendars that are imported.

Occurrences are never stored: agenda/recurrence.py computes them from the fields below."""

import datetime
import re
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import strip_tags
from django.utils.text import slugify
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.fields import intro_field, optional_fk
from home.models import DRAFT_FIELDS, OneLineTitleMixin, SectionIndexMixin
from home.panels import promote_panels_for, read_only_panels, settings_panels_for
from home.personal_data import person_q
from home.storage import private_storage
from home.text import tel_href
from initiatieven.models import WEB_EDITOR_PERMISSION

from . import cards, pages, places, recurrence
from .choices import (
    AUDIENCE_CHOICES,
    MONTH_WEEK_CHOICES,
    REGISTRATION_CHOICES,
    REPEAT_CHOICES,
    WEEKDAY_CHOICES,
)
from .fetching import validate_calendar_url
from .fields import ChoiceListField
from .forms import EventPageForm


def plain_text(html):
    text = re.sub(r"</(p|h2|h3|li)>", "\n", html or "")
    text = re.sub(r"<br\s*/?>", "\n", text)
    text = strip_tags(text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


STEP_FREE_CHOICES = [
    (None, "Weet ik niet"),
    (True, "Ja, zonder drempel of trap"),
    (False, "Nee, er is een drempel of trap"),
]


class Location(index.Indexed, models.Model):
    """A place where activities happen. Made once, used by many events; it has its own page,
    /agenda/plek/<slug>/, with how to get there and in, and its own calendar feed."""

    name = models.CharField("naam", max_length=120, unique=True)
    slug = models.SlugField(
        unique=True,
        max_length=120,
        help_text="Het laatste deel van het adres van de pagina van deze plek: /agenda/plek/…/",
    )
    description = models.TextField(
        "over deze plek", blank=True, max_length=600, help_text="Eén of twee korte zinnen. Mag leeg blijven."
    )
    street = models.CharField(
        "straat en huisnummer", max_length=120, blank=True, help_text="Bijvoorbeeld: Kerkstraat 12."
    )
    postcode = models.CharField(
        "postcode",
        max_length=7,
        blank=True,
        validators=[
            RegexValidator(places.POSTCODE, "Vul een postcode in zoals 2331 AB, of laat het leeg.")
        ],
    )
    city = models.CharField("plaats", max_length=80, blank=True, default="Leiden")
    photo = optional_fk(
        "wagtailimages.Image",
        verbose_name="foto",
        help_text="Een foto van de ingang of het gebouw, zodat mensen het herkennen.",
    )
    entrance = models.CharField(
        "waar is de ingang?",
        max_length=200,
        blank=True,
        help_text="Bijvoorbeeld: aan de achterkant, naast de fietsenstalling.",
    )
    step_free = models.BooleanField(
        "zonder drempel of trap naar binnen?",
        null=True,
        blank=True,
        default=None,
        choices=STEP_FREE_CHOICES,
        help_text="Kan iemand met een rollator of rolstoel zo naar binnen?",
    )
    toilet = models.CharField(
        "toilet", max_length=200, blank=True, help_text="Bijvoorbeeld: er is een aangepast toilet."
    )
    parking = models.CharField(
        "parkeren", max_length=200, blank=True, help_text="Bijvoorbeeld: gratis parkeren voor de deur."
    )
    bus_stop = models.CharField(
        "bushalte",
        max_length=200,
        blank=True,
        help_text="De naam van de halte en de buslijnen, en hoe ver het lopen is.",
    )
    accessibility = models.TextField(
        "meer over toegankelijkheid",
        blank=True,
        max_length=500,
        help_text="Bijvoorbeeld: er is een lift. Er zijn bankjes bij de ingang.",
    )
    latitude = models.DecimalField(
        "breedtegraad",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        "lengtegraad",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("street"), FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")])],
            heading="Adres",
        ),
        MultiFieldPanel(
            [
                FieldPanel("entrance"),
                FieldPanel("step_free", widget=forms.RadioSelect),
                FieldPanel("toilet"),
                FieldPanel("parking"),
                FieldPanel("bus_stop"),
                FieldPanel("accessibility"),
            ],
            heading="Hoe komt u binnen?",
        ),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading="Plek op de kaart"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("street")]

    class Meta:
        ordering = ["name"]
        verbose_name = "plek"
        verbose_name_plural = "plekken"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        self.postcode = places.normal_postcode(self.postcode)
        super().save(*args, **kwargs)

    @property
    def address(self):
        """The address on one line: "Kerkstraat 12, 2331 AB Leiden" (what is known of it)."""
        return places.join_address(self.street, self.postcode, self.city)

    @address.setter
    def address(self, text):
        # Code and tests written for the old one-line field keep working.
        self.street, self.postcode, self.city = places.split_address(text)

    @property
    def has_geo(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def has_access_info(self):
        return bool(
            self.entrance or self.step_free is not None or self.toilet or self.parking or self.bus_stop
            or self.accessibility
        )

    @property
    def map_url(self):
        """A plain link to OpenStreetMap (no map scripts on our pages)."""
        if self.has_geo:
            query = urlencode({"mlat": self.latitude, "mlon": self.longitude})
            return f"https://www.openstreetmap.org/?{query}#map=18/{self.latitude}/{self.longitude}"
        return "https://www.openstreetmap.org/search?" + urlencode({"query": f"{self.name}, {self.address}"})

    @property
    def route_url(self):
        return places.route_url(self)


class AgendaIndexPage(OneLineTitleMixin, RoutablePageMixin, SectionIndexMixin, Page):
    """/agenda/: every upcoming activity of the site, by day, with filters."""

    intro = intro_field()

    subpage_types = ["agenda.EventPage"]
    menu_icon = "calendar-days"
    cache_scopes = ("events",)  # what its changes touch (home/cache.py)

    class Meta:
        verbose_name = "agenda"

    @path("")
    def listing(self, request):
        return pages.agenda_listing(request, self, past=False)

    @path("afgelopen/")
    def past(self, request):
        return pages.agenda_listing(request, self, past=True)

    @path("abonneren/")
    def subscribe(self, request):
        return pages.subscribe(request, self)

    @path("plek/<slug:slug>/", name="place")
    def place(self, request, slug):
        return pages.place_page(request, self, slug)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        urls.append({"location": self.full_url + "abonneren/", "lastmod": self.last_published_at})
        for slug in Location.objects.filter(events__isnull=False).distinct().values_list("slug", flat=True):
            urls.append({"location": self.full_url + self.reverse_subpage("place", kwargs={"slug": slug})})
        return urls


class EventPage(OneLineTitleMixin, Page):
    """One activity, once or recurring."""

    base_form_class = EventPageForm

    summary = models.CharField(
        "in het kort",
        max_length=250,
        help_text="Eén of twee korte zinnen. Wat is het en voor wie?",
    )
    body = RichTextField(
        "meer uitleg", blank=True, features=["bold", "italic", "link", "ul", "ol", "h2", "h3"]
    )
    image = optional_fk("wagtailimages.Image", verbose_name="foto")

    # When: the first (or only) time.
    start_date = models.DateField("datum")
    start_time = models.TimeField("begintijd", null=True, blank=True, help_text="Leeg = de hele dag.")
    end_date = models.DateField(
        "einddatum", null=True, blank=True, help_text="Alleen als het meer dan één dag duurt."
    )
    end_time = models.TimeField("eindtijd", null=True, blank=True)

    # Recurrence.
    repeat = models.CharField("herhalen", max_length=10, choices=REPEAT_CHOICES, blank=True)
    interval = models.PositiveSmallIntegerField(
        "om de hoeveel weken of maanden?",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="1 = elke week of maand, 2 = om de week of om de maand.",
    )
    weekdays = ChoiceListField("op welke dagen?", max_length=40, choices=WEEKDAY_CHOICES, blank=True)
    month_week = models.SmallIntegerField("welke week van de maand?", choices=MONTH_WEEK_CHOICES, default=0)
    repeat_until = models.DateField("herhalen tot en met", null=True, blank=True)
    repeat_count = models.PositiveSmallIntegerField(
        "of: hoe vaak in totaal?",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
    )
    # A rule from an imported partner calendar that our fields cannot express.
    imported_rrule = models.CharField(max_length=500, blank=True, editable=False)
    # The imported rule counts in UTC (its DTSTART and UNTIL were UTC times), not in local time.
    imported_utc = models.BooleanField(default=False, editable=False)

    # Where.
    location = optional_fk(Location, verbose_name="plek", related_name="events")
    online_url = models.URLField(
        "online meedoen via", blank=True, help_text="De link om online mee te doen, als dat kan."
    )

    # Who and what.
    organiser_group = optional_fk(
        "initiatieven.InitiatiefPage",
        verbose_name="organisator: initiatiefgroep",
        related_name="agenda_events",
    )
    organiser_organisation = optional_fk(
        "home.Organisation",
        verbose_name="organisator: organisatie",
        related_name="agenda_events",
    )
    themes = ParentalManyToManyField("home.Theme", verbose_name="thema's", blank=True, related_name="+")
    audience = ChoiceListField("voor wie?", max_length=60, choices=AUDIENCE_CHOICES, blank=True)
    cost = models.DecimalField(
        "kosten in euro",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Leeg of 0 = gratis.",
    )
    cost_note = models.CharField("uitleg over de kosten", max_length=120, blank=True)
    registration = models.CharField("aanmelden", max_length=10, choices=REGISTRATION_CHOICES, blank=True)
    registration_value = models.CharField(
        "website, e-mail of telefoon om aan te melden", max_length=250, blank=True
    )
    cancelled = models.BooleanField(
        "gaat niet door", default=False, help_text="De activiteit blijft zichtbaar met 'Gaat niet door'."
    )

    # Import from a partner calendar (empty for events made by hand).
    import_source = optional_fk("agenda.CalendarSource", editable=False, related_name="events")
    import_uid = models.CharField(max_length=255, blank=True, editable=False, db_index=True)
    import_sequence = models.IntegerField(default=0, editable=False)
    import_stamp = models.CharField(max_length=40, blank=True, editable=False)
    # When something the event's iCal shows changed without a publish of the event: its place,
    # a theme or its organiser was renamed (agenda/signals.py). Feeds read it with
    # last_published_at, so every process and server gives the same DTSTAMP and validators.
    feed_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
            ],
            heading="Wanneer",
        ),
        MultiFieldPanel(
            [
                FieldPanel("repeat"),
                FieldPanel("interval"),
                FieldPanel("weekdays"),
                FieldPanel("month_week"),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
                InlinePanel("exceptions", label="Uitzondering: deze dag niet"),
            ],
            heading="Herhalen",
            classname="collapsed",
        ),
        MultiFieldPanel([FieldPanel("location"), FieldPanel("online_url")], heading="Waar"),
        MultiFieldPanel(
            [
                FieldPanel("organiser_group"),
                FieldPanel("organiser_organisation"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audience"),
            ],
            heading="Wie",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("cost"), FieldPanel("cost_note")]),
                FieldPanel("registration"),
                FieldPanel("registration_value"),
                FieldPanel("cancelled"),
            ],
            heading="Kosten en aanmelden",
        ),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    promote_panels = promote_panels_for(WEB_EDITOR_PERMISSION)
    settings_panels = settings_panels_for(WEB_EDITOR_PERMISSION)
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    search_kind = "activity"  # the site search (home/search/site.py)

    def shows_in_search(self, today):
        """Past activities leave the site search; a series stays until its last date."""
        if self.repeat_until:
            return self.repeat_until >= today
        if self.repeat_count:  # at the latest: the last time if none is skipped
            days = (31 if self.repeat == "monthly" else 7) * (self.interval or 1) * self.repeat_count
            return self.start_date + datetime.timedelta(days=days) >= today
        if self.imported_rrule:
            until = re.search(r"UNTIL=(\d{8})", self.imported_rrule)
            return until is None or datetime.datetime.strptime(until[1], "%Y%m%d").date() >= today
        return (self.end_date or self.start_date) >= today

    @property
    def search_meta(self):
        return recurrence.describe(self) or recurrence.dutch_date(self.start_date)

    parent_page_types = ["agenda.AgendaIndexPage", "initiatieven.InitiatiefPage"]
    subpage_types = []
    menu_icon = "calendar-days"
    cache_scopes = ("events",)  # what its changes touch (home/cache.py)
    add_label = "Nieuwe activiteit"  # the button on a group volunteer's dashboard

    class Meta:
        verbose_name = "activiteit"
        verbose_name_plural = "activiteiten"

    # --- derived facts -------------------------------------------------------------------
    @property
    def all_day(self):
        return self.start_time is None

    @property
    def is_free(self):
        return not self.cost

    @property
    def is_recurring(self):
        return bool(self.repeat or self.imported_rrule)

    @property
    def organiser(self):
        return self.organiser_group or self.organiser_organisation

    @property
    def feed_modified(self):
        """When what the event's iCal shows last changed: its last publish, a later save without
        one, or a later change of its place, themes or organiser."""
        stamps = [self.last_published_at, self.feed_changed_at]
        stamps = [stamp for stamp in stamps if stamp is not None]
        if stamps:
            return max(stamps)
        # Live without a publish (made in code): a stamp from the page's own data.
        return (
            self.first_published_at
            or self.latest_revision_created_at
            or datetime.datetime(self.start_date.year, 1, 1, tzinfo=datetime.UTC)
        )

    @property
    def sequence(self):
        """The iCalendar SEQUENCE: rises with every change (seconds since the first publish)."""
        if self.import_source_id:
            return self.import_sequence
        if not self.first_published_at:
            return 0
        return max(0, int((self.feed_modified - self.first_published_at).total_seconds()))

    @property
    def ical_uid(self):
        """Never changes: the page id plus the site's host name (Google keys on it)."""
        if self.import_uid:
            return self.import_uid
        return f"event-{self.pk}@{settings.AGENDA_UID_DOMAIN}"

    def duration(self):
        """Length of one occurrence as a timedelta (days for all-day events)."""
        end_date = self.end_date or self.start_date
        if self.all_day:
            return datetime.timedelta(days=(end_date - self.start_date).days + 1)
        start = datetime.datetime.combine(self.start_date, self.start_time)
        if self.end_time is None:
            end = (
                start + datetime.timedelta(hours=1)
                if self.end_date is None
                else (datetime.datetime.combine(end_date, self.start_time))
            )
        else:
            end = datetime.datetime.combine(end_date, self.end_time)
        return max(end - start, datetime.timedelta(0))

    @cached_property
    def exception_dates(self):
        return sorted({e.date for e in self.exceptions.all()})

    # --- as plain text (calendar apps, "add to calendar" links) --------------------------
    def event_description(self):
        parts = [self.summary]
        body = plain_text(self.body)
        if body:
            parts.append(body)
        facts = []
        if self.cancelled:
            facts.insert(0, "Gaat niet door.")
        if self.organiser:
            facts.append(f"Organisator: {self.organiser}")
        facts.append("Kosten: gratis" if self.is_free else f"Kosten: € {self.cost:.2f}".replace(".", ","))
        if self.registration:
            facts.append(f"Aanmelden: {self.registration_value}")
        else:
            facts.append("Aanmelden: niet nodig")
        if self.online_url:
            facts.append(f"Online: {self.online_url}")
        if self.location and self.location.accessibility:
            facts.append(f"Toegankelijk: {self.location.accessibility}")
        parts.append("\n".join(facts))
        return "\n\n".join(parts)

    def location_text(self):
        if self.location:
            return f"{self.location.name}, {self.location.address}"
        if self.online_url:
            return "Online"
        return ""

    # --- validation ----------------------------------------------------------------------
    def clean(self):
        super().clean()
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = "De einddatum ligt vóór de begindatum. Kies een latere einddatum."
        if self.end_time and not self.start_time:
            errors["start_time"] = "Vul ook een begintijd in, of laat de eindtijd leeg."
        if (
            self.start_time
            and self.end_time
            and (self.end_date is None or self.end_date == self.start_date)
            and self.end_time <= self.start_time
        ):
            errors["end_time"] = "De eindtijd ligt vóór de begintijd. Kies een latere eindtijd."
        if self.repeat:
            if not self.repeat_until and not self.repeat_count:
                errors["repeat_until"] = (
                    "Kies tot wanneer het herhaalt, of hoe vaak. Zo blijft de agenda kloppen."
                )
            if self.repeat_until and self.start_date:
                if self.repeat_until < self.start_date:
                    errors["repeat_until"] = "Deze datum ligt vóór de eerste keer. Kies een latere datum."
                elif (self.repeat_until - self.start_date).days > settings.AGENDA_MAX_REPEAT_DAYS:
                    errors["repeat_until"] = "Herhalen kan tot twee jaar vooruit. Kies een eerdere datum."
            if self.end_date and self.end_date != self.start_date and self.repeat == "weekly":
                errors["end_date"] = "Een activiteit die elke week terugkomt, duurt niet langer dan één dag."
        if not errors.keys() & {"start_time", "end_time", "end_date", "repeat_until"}:
            problem = recurrence.nonexistent_time(self)
            if problem:
                errors[problem[0]] = problem[1]
        if self.registration and not self.registration_value:
            errors["registration_value"] = "Vul in hoe mensen zich kunnen aanmelden."
        if self.registration == "email" and self.registration_value:
            try:
                forms.EmailField().clean(self.registration_value)
            except ValidationError:
                errors["registration_value"] = "Vul een goed e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
        if self.registration == "link" and self.registration_value:
            try:
                forms.URLField(assume_scheme="https").clean(self.registration_value)
            except ValidationError:
                errors["registration_value"] = "Vul een goede link in, bijvoorbeeld https://www.voorbeeld.nl."
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        """A revision does not bring back an old feed_changed_at: it is the page's, not a draft's."""
        obj = super().with_content_json(content)
        obj.feed_changed_at = self.feed_changed_at
        return obj

    def save(self, *args, **kwargs):
        # An event under a group's page belongs to that group unless it says otherwise.
        if not self.organiser_group_id and not self.organiser_organisation_id and self.depth:
            parent = self.get_parent()
            if parent is not None and getattr(parent.specific_class, "is_initiatief_group", False):
                self.organiser_group_id = parent.pk
        update_fields = kwargs.get("update_fields")
        if self.pk and (update_fields is None or not set(update_fields) <= DRAFT_FIELDS):
            # Saved without a publish too (a shell, a script): the feeds show the change.
            self.feed_changed_at = timezone.now()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "feed_changed_at"}
        super().save(*args, **kwargs)

    @property
    def registration_href(self):
        value = self.registration_value.strip()
        if self.registration == "email":
            return "mailto:" + value
        if self.registration == "phone":
            return tel_href(value)
        if self.registration == "link":
            return value
        return ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Asked only when the template's fragments are not cached (home/templatetags/fragments.py).
        context["event"] = SimpleLazyObject(lambda: pages.event_context(request, self))
        return context

    def share_card(self):
        """What its share image shows (home/share)."""
        return cards.share_card(self)


class EventException(Orderable):
    """A day on which a recurring event does not happen."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField("datum")

    panels = [FieldPanel("date")]

    class Meta(Orderable.Meta):
        verbose_name = "uitzondering"
        verbose_name_plural = "uitzonderingen"


class FeedStamp(models.Model):
    """When the agenda last changed in a way the live events' own stamps cannot show: an event
    was unpublished, deleted or moved, or a name that events show changed. One row, moved on by
    agenda/signals.py in whichever process made the change (the web, `manage.py shell`, the
    import), and read by the feeds' validators (agenda/feeds.py) from the database, so every
    process and server answers with the same ETag and Last-Modified."""

    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "wijziging van de agenda"
        verbose_name_plural = "wijzigingen van de agenda"

    ONE = 1  # the primary key of the one row

    def __str__(self):
        return f"Agenda gewijzigd op {timezone.localtime(self.changed_at):%d-%m-%Y %H:%M:%S}"

    @classmethod
    def mark(cls):
        """Move the stamp on: to now, and at least one second past the last one (HTTP dates
        count whole seconds, so two changes in one second still give two Last-Modified)."""
        now = timezone.now().replace(microsecond=0)
        later = Greatest(Value(now), F("changed_at") + datetime.timedelta(seconds=1))
        if not cls.objects.filter(pk=cls.ONE).update(changed_at=later):
            cls.objects.get_or_create(pk=cls.ONE, defaults={"changed_at": now})


class CalendarSource(models.Model):
    """The iCal feed of a partner (library, welfare organisation), imported by
    `manage.py import_calendars`."""

    name = models.CharField("naam", max_length=120)
    url = models.URLField(
        "adres van de agenda (iCal)",
        max_length=500,
        validators=[validate_calendar_url],
        help_text="Het https-adres van de iCal-agenda van de partner (eindigt vaak op .ics).",
    )
    organisation = optional_fk("home.Organisation", verbose_name="organisator")
    theme = optional_fk("home.Theme", verbose_name="thema")
    location = optional_fk(
        Location,
        verbose_name="plek",
        help_text="Als de agenda van de partner geen bekende plek noemt.",
    )
    publish = models.BooleanField(
        "meteen publiceren",
        default=False,
        help_text="Uit: de activiteiten komen als concept binnen en de redactie publiceert ze.",
    )
    active = models.BooleanField("actief", default=True)
    last_checked_at = models.DateTimeField("laatst bekeken", null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField("laatst gelukt", null=True, blank=True, editable=False)
    last_error = models.TextField("laatste fout", blank=True, editable=False)
    last_result = models.CharField("laatste resultaat", max_length=200, blank=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("organisation"),
        FieldPanel("theme"),
        FieldPanel("location"),
        FieldRowPanel([FieldPanel("publish"), FieldPanel("active")]),
        *read_only_panels("last_checked_at", "last_success_at", "last_result", "last_error"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "agenda van een partner"
        verbose_name_plural = "agenda's van partners"

    def __str__(self):
        return self.name

    @property
    def status(self):
        """The last result for the listing: when, and how many activities or what went wrong."""
        if self.last_error:
            return f"Mislukt op {_when(self.last_checked_at)}. {self.last_error}"
        if self.last_success_at:
            return f"Gelukt op {_when(self.last_success_at)}. {self.last_result}"
        return "Nog niet opgehaald"


def _when(moment):
    return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M") if moment else "onbekende tijd"


SUBMISSION_CONFIRM_DAYS = 7  # a visitor's link works this long; unconfirmed ones are purged after it


class EventSubmissionQuerySet(models.QuerySet):
    def for_admin(self, user):
        """The senders' names and addresses, for the agenda editors only; a visitor's activity
        that nobody confirmed yet is not theirs to see."""
        if user.has_perm("agenda.change_eventsubmission") or user.has_perm("agenda.view_eventsubmission"):
            return self.filter(confirmed_at__isnull=False)
        return self.none()

    def unconfirmed(self):
        return self.filter(confirmed_at__isnull=True)


class EventSubmission(models.Model):
    """Who sent in an activity through the site's form. Only the agenda editors see this;
    it is never shown on the site."""

    retention_date_field = "created_at"  # deleted after a while by `manage.py purge_personal_data`
    # The sender's own data (home/personal_data.py): in their download, deleted with their account.
    personal_data_heading = "Activiteiten die u aanmeldde"

    page = optional_fk(EventPage, verbose_name="activiteit", related_name="submissions")
    user = optional_fk(settings.AUTH_USER_MODEL, verbose_name="account")
    name = models.CharField("naam", max_length=100)
    email = models.EmailField("e-mail", max_length=200)
    organiser = models.CharField("organisator (zoals ingevuld)", max_length=120)
    place = models.CharField("plek (zoals ingevuld)", max_length=200, blank=True)
    created_at = models.DateTimeField("ontvangen", auto_now_add=True)
    # A visitor without an account confirms by a link in a mail (agenda/submit.py). Until then
    # the answers wait here, and the page is made only when the link is used.
    # Empty only while a visitor's link is unused; whatever else makes a row (a member, the
    # admin, a test) needs no link.
    confirmed_at = models.DateTimeField("bevestigd op", null=True, blank=True, default=timezone.now)
    answers = models.JSONField("antwoorden (tot de bevestiging)", default=dict, blank=True, editable=False)
    picture = models.FileField(
        "foto (tot de bevestiging)", storage=private_storage, upload_to="agenda/", blank=True, editable=False
    )
    # The same form sent twice (a double tap, the back button) is one submission.
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    objects = EventSubmissionQuerySet.as_manager()

    panels = [
        *read_only_panels("page", "name", "email", "organiser", "place"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "aangemelde activiteit"
        verbose_name_plural = "aangemelde activiteiten"
        constraints = [
            models.UniqueConstraint(
                fields=["fingerprint"], condition=~models.Q(fingerprint=""), name="agenda_submission_once"
            )
        ]

    def __str__(self):
        title = self.page.title if self.page else self.answers.get("title", "(verwijderd)")
        return f"{title} - {self.name}"

    @property
    def confirmed(self):
        return self.confirmed_at is not None

    @classmethod
    def personal_data_of(cls, user, emails):
        return cls.objects.filter(person_q(user, emails)).select_related("page")

    @classmethod
    def expired_personal_data(cls):
        """Activities a visitor sent in but did not confirm within SUBMISSION_CONFIRM_DAYS days."""
        cutoff = timezone.now() - datetime.timedelta(days=SUBMISSION_CONFIRM_DAYS)
        return cls.objects.unconfirmed().filter(created_at__lt=cutoff)

    def personal_data(self):
        page = self.page
        if not self.confirmed:
            title, in_agenda = self.answers.get("title", ""), "nee, nog niet bevestigd"
        else:
            title = page.title if page else "(niet meer in de agenda)"
            in_agenda = ("ja" if page.live else "nog niet") if page else "nee"
        return {
            "ontvangen op": self.created_at,
            "bevestigd op": self.confirmed_at,
            "activiteit": title,
            "in de agenda": in_agenda,
            "naam": self.name,
            "e-mailadres": self.email,
            "organisator": self.organiser,
            "plek": self.place,
        }
