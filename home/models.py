import functools

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils.text import slugify
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.models.audit_log import BaseLogEntry, ModelLogEntryManager
from wagtail.models.pages import COMMENTS_RELATION_NAME
from wagtail.search import index

from .blocks import BodyBlock, HomeSectionBlock
from .fields import optional_fk
from .icons import COLOUR_CHOICES, ICON_CHOICES

# Saves that only keep an editor's draft (save_revision, locking): nothing a visitor sees.
DRAFT_FIELDS = frozenset(
    {COMMENTS_RELATION_NAME, "draft_title", "has_unpublished_changes", "latest_revision",
     "latest_revision_created_at", "locked", "locked_at", "locked_by"}
)


def site_for(request):
    """The site a request is for; the default site when the host matches none (tests, health
    checks), so a listing is never empty just because of an unknown host name."""
    from .routing import find_site  # routing imports the cache, which imports these models

    found = find_site(request) if request is not None else None
    return found or Site.objects.filter(is_default_site=True).first()

phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{8,20}$",
    "Vul een telefoonnummer in met alleen cijfers, spaties of streepjes, bijvoorbeeld 071 123 45 67.",
)


class NamedSlugMixin:
    """A model known by its name, whose slug follows the name unless an editor set one;
    found in search by its name and description."""

    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("description"),
        index.AutocompleteField("name"),
    ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)


class SectionIndexMixin:
    """The one index page of a section (/agenda/, /nieuws/, ...) a site has, right under its home
    page, with a short intro field of its own (home.fields.intro_field)."""

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1


class Theme(NamedSlugMixin, index.Indexed, models.Model):
    """A theme of what there is to do in the district, shared by every app."""

    name = models.CharField("naam", max_length=60, unique=True)
    slug = models.SlugField(unique=True, max_length=60)
    description = models.CharField(
        "uitleg in één zin",
        max_length=200,
        help_text="Eén korte zin in eenvoudige woorden. Bijvoorbeeld: Samen sporten en wandelen.",
    )
    icon = models.CharField(
        "icoon", max_length=40, choices=ICON_CHOICES, help_text="Het plaatje bij het thema."
    )
    colour = models.CharField("kleur", max_length=20, choices=COLOUR_CHOICES, default="green")
    sort_order = models.PositiveIntegerField("volgorde", default=0, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("icon"), FieldPanel("colour")]),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "thema"
        verbose_name_plural = "thema's"


class Organisation(NamedSlugMixin, index.Indexed, ClusterableModel):
    """An organisation that works in the district: library, GP practice, welfare, municipality."""

    name = models.CharField("naam", max_length=120, unique=True)
    slug = models.SlugField(unique=True, max_length=120)
    description = models.TextField(
        "wat doet deze organisatie?", blank=True, help_text="Een paar korte zinnen in B1-taal."
    )
    logo = optional_fk("wagtailimages.Image", verbose_name="logo")
    website = models.URLField("website", blank=True)
    phone = models.CharField("telefoon", max_length=20, blank=True, validators=[phone_validator])
    email = models.EmailField("e-mail", blank=True)
    address = models.CharField("bezoekadres", max_length=200, blank=True)
    opening_hours = models.CharField("openingstijden", max_length=200, blank=True)
    themes = ParentalManyToManyField(Theme, verbose_name="thema's", blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("address"),
                FieldPanel("opening_hours"),
            ],
            heading="Contact",
        ),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"

    def json_ld(self):
        """schema.org data for search engines (escape it when it goes into a page)."""
        data = {"@context": "https://schema.org", "@type": "Organization", "name": self.name}
        for key, value in (
            ("description", self.description), ("url", self.website), ("telephone", self.phone),
            ("email", self.email),
        ):
            if value:
                data[key] = value
        if self.address:
            data["address"] = {"@type": "PostalAddress", "streetAddress": self.address}
        return data


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details and social links in the footer of every page."""

    contact_email = models.EmailField("e-mail", blank=True)
    contact_phone = models.CharField(
        "telefoon", max_length=20, blank=True, validators=[phone_validator]
    )
    address = models.CharField("adres", max_length=200, blank=True)
    facebook_url = models.URLField("Facebook-pagina", blank=True)
    instagram_url = models.URLField("Instagram", blank=True)
    newsletter_url = models.URLField("aanmelden voor de nieuwsbrief", blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("address")],
            heading="Contact",
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("instagram_url"), FieldPanel("newsletter_url")],
            heading="Sociale media en nieuwsbrief",
        ),
    ]

    class Meta:
        verbose_name = "contact en sociale media"


class OneLineTitleMixin:
    """Titles are one line. A title pasted with a line break (or sent in, or imported) would
    otherwise end up in the subject of the editors' notification mails, where Django refuses
    it and the mail is never sent. Wagtail runs clean() on every publish, save_revision() and
    admin form, and minimal_clean() when a draft is saved."""

    def _one_line_titles(self):
        self.title = " ".join((self.title or "").split())
        self.seo_title = " ".join((self.seo_title or "").split())

    def clean(self):
        self._one_line_titles()
        super().clean()

    def minimal_clean(self):
        self._one_line_titles()
        super().minimal_clean()


class HomePage(OneLineTitleMixin, Page):
    """The root page of a district's site. Its first screen on a phone holds what people come
    for, in a fixed order: the next activities, one number to call for help, and how to join in.
    The editors' blocks (`sections`) follow below."""

    welcome_title = models.CharField("welkomstkop", max_length=100)
    events_heading = models.CharField(
        "kop", max_length=80, default="Vandaag en morgen in de wijk"
    )
    events_count = models.PositiveSmallIntegerField(
        "aantal activiteiten",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text="Drie past op het eerste scherm van een telefoon.",
    )
    help_heading = models.CharField("kop", max_length=80, default="Hulp nodig?")
    help_text = models.CharField(
        "tekst",
        max_length=160,
        blank=True,
        help_text="Eén korte zin: wie neemt op, en waarvoor kunt u bellen?",
    )
    help_phone = models.CharField(
        "telefoonnummer",
        max_length=20,
        blank=True,
        validators=[phone_validator],
        help_text="Eén nummer. Leeg: het nummer uit ‘Contact en sociale media’.",
    )
    help_theme = optional_fk(
        "home.Theme",
        verbose_name="meer hulp bij dit thema",
        help_text="Onder het nummer staat een link naar dit thema.",
    )
    join_heading = models.CharField("kop", max_length=80, default="Doe mee")
    join_text = models.CharField("tekst", max_length=160, blank=True, help_text="Eén korte zin.")
    join_page = optional_fk("wagtailcore.Page", verbose_name="knop naar pagina")
    join_button = models.CharField("tekst op de knop", max_length=40, default="Kies een groep")
    hero_image = optional_fk(
        "wagtailimages.Image",
        verbose_name="foto",
        help_text="Staat onder de eerste blokken, naast de welkomsttekst.",
    )
    welcome_text = models.TextField(
        "welkomsttekst", max_length=500, help_text="Twee of drie korte zinnen."
    )
    sections = StreamField(
        HomeSectionBlock(),
        verbose_name="blokken op de voorpagina",
        blank=True,
        help_text="Zet de blokken in de volgorde die u wilt. Ze staan onder de welkomsttekst.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("welcome_title"),
        MultiFieldPanel(
            [FieldPanel("events_heading"), FieldPanel("events_count")],
            heading="Eerste scherm: activiteiten uit de agenda",
        ),
        MultiFieldPanel(
            [
                FieldPanel("help_heading"),
                FieldPanel("help_text"),
                FieldPanel("help_phone"),
                FieldPanel("help_theme"),
            ],
            heading="Eerste scherm: hulp",
        ),
        MultiFieldPanel(
            [
                FieldPanel("join_heading"),
                FieldPanel("join_text"),
                FieldPanel("join_page"),
                FieldPanel("join_button"),
            ],
            heading="Eerste scherm: meedoen",
        ),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("welcome_text")], heading="Welkom"
        ),
        FieldPanel("sections"),
    ]
    search_fields = Page.search_fields + [index.SearchField("welcome_text")]

    parent_page_types = ["wagtailcore.Page"]
    menu_icon = "house"
    cache_scopes = ("home",)  # what its changes touch (home/cache.py)

    class Meta:
        verbose_name = "voorpagina"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A callable, which the template calls only when its fragment is not cached
        # (home/templatetags/fragments.py).
        context["help_phone"] = functools.cache(
            lambda: self.help_phone or getattr(SiteSettings.for_request(request), "contact_phone", "")
        )
        return context


class StandardPage(OneLineTitleMixin, Page):
    """A plain content page: Over ons, Privacy, Nieuw in de wijk."""

    intro = models.TextField("inleiding", max_length=400, blank=True)
    body = StreamField(BodyBlock(), verbose_name="inhoud", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    menu_icon = "info"
    cache_scopes = ("pages",)  # what its changes touch (home/cache.py)

    class Meta:
        verbose_name = "gewone pagina"


class PrivateLogEntryManager(ModelLogEntryManager):
    def viewable_by_user(self, user):
        """Wagtail shows a log entry to anyone with a permission on the model; these entries
        name people, so each is shown only to those who may see its record (see snippets.py)."""
        if user.is_superuser:
            return self.all()
        from .snippets import private_snippet_models

        visible = Q(pk__in=[])
        for model in private_snippet_models():
            ids = model.objects.for_admin(user).annotate(key=Cast("pk", models.CharField())).values("key")
            visible |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
        return self.filter(visible)


class PrivateLogEntry(BaseLogEntry):
    """The history of records that hold personal data (sign-ups, "Doe mee" messages, senders
    of activities), kept apart from Wagtail's shared log so that the site history report only
    names them to those who may see them."""

    object_id = models.CharField(max_length=255, db_index=True)

    objects = PrivateLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = "logregel met persoonsgegevens"
        verbose_name_plural = "logregels met persoonsgegevens"


class ContentVersion(models.Model):
    """The version of one part of the site's content (a scope: "news", "events", "menu" ...),
    the key under which fragments showing that part are cached (home/cache.py). A change bumps
    the scopes it touches in the database, in whichever process makes it (the admin, `manage.py
    shell`, the import, the background worker), and every process reads all versions in one
    query per request, so a cached fragment never outlives what it shows."""

    scope = models.CharField(max_length=40, primary_key=True)
    version = models.BigIntegerField()

    class Meta:
        verbose_name = "inhoudsversie"
        verbose_name_plural = "inhoudsversies"

    def __str__(self):
        return f"{self.scope}: {self.version}"
