"""Who is active in the district: the initiative groups and their news.

The guide "Wat kun je doen in de wijk" is a nested app of its own: initiatieven/guide/.
"""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.blocks import BodyBlock
from home.cache import page_variant
from home.fields import intro_field, optional_fk
from home.models import OneLineTitleMixin, SectionIndexMixin, Theme, phone_validator, site_for
from home.page_forms import AutoSlugPageForm
from home.panels import promote_panels_for, settings_panels_for
from home.personal_data import person_q
from home.share.cards import ShareCard

from . import join

NEWS_PER_PAGE = 10
IMAGE_HELP = (
    "Kies een foto of zet een nieuwe foto erbij. Gebruik JPG, PNG of WebP, "
    "kleiner dan 5 MB."
)
ALT_HELP = (
    "Beschrijf in een paar woorden wat er op de foto te zien is. Voor mensen die de foto "
    "niet kunnen zien. Bijvoorbeeld: Drie buren planten een boom."
)


# Web editors run the whole site: they choose which groups' news is checked first, see every
# "Doe mee" message, and may move or delete a group's page, and set a page's
# web address and search engine texts (home/panels.py).
WEB_EDITOR_PERMISSION = "initiatieven.choose_moderation"


def _page_number(request):
    return request.GET.get("pagina") or request.GET.get("page")


def news_of_site(site):
    """The live, public news of one site, newest first, with what a card needs."""
    queryset = NewsPage.objects.live().public()
    if site is not None:
        queryset = queryset.in_site(site)
    # News under a group page that is offline stays offline too.
    offline_groups = Q(pk__in=[])
    for group_path in InitiatiefPage.objects.not_live().values_list("path", flat=True):
        offline_groups |= Q(path__startswith=group_path)
    queryset = queryset.exclude(offline_groups)
    return (
        queryset.select_related("image")
        .prefetch_related("image__renditions")
        .order_by("-date", "-first_published_at", "-pk")
    )


def _has_content(stream):
    """True when a body holds more than empty text boxes."""
    return any(
        block.block_type != "paragraph" or strip_tags(block.value.source).strip() for block in stream
    )


def attach_groups(news_items):
    """Set `group` on each news item from one query for all their parents (the group pages)."""
    news_items = list(news_items)
    if not news_items:
        return news_items
    steplen = Page.steplen
    parent_paths = {item.path[:-steplen] for item in news_items}
    groups = {
        g.path: g
        for g in InitiatiefPage.objects.filter(path__in=parent_paths).prefetch_related("themes")
    }
    for item in news_items:
        item.__dict__["group"] = groups.get(item.path[:-steplen])
    return news_items


class InitiatiefIndexPage(OneLineTitleMixin, SectionIndexMixin, Page):
    """/initiatieven/: all initiative groups."""

    intro = intro_field("Een paar korte zinnen bovenaan de pagina. Wat vindt de lezer hier?")

    subpage_types = ["initiatieven.InitiatiefPage"]
    menu_icon = "users"
    cache_scopes = ("groups",)  # what its changes touch (home/cache.py)

    class Meta:
        verbose_name = "overzicht initiatieven"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Asked only when the template's fragment is not cached (home/templatetags/fragments.py).
        context["listing"] = SimpleLazyObject(lambda: self.listing(request))
        return context

    def listing(self, request):
        groups = InitiatiefPage.objects.live_in(site_for(request)).for_cards().child_of(self)
        themes = list(Theme.objects.filter(initiatiefpage__in=groups).distinct())
        selected = None
        slug = request.GET.get("thema", "")
        if slug:
            selected = next((t for t in themes if t.slug == slug), None)
            groups = groups.filter(themes=selected) if selected else groups.none()
        if selected or not slug:
            page_variant(request, {"thema": slug})
        return {
            "groups": list(groups),
            "themes": themes,
            "selected_theme": selected,
            "theme_not_found": bool(slug and selected is None),
        }


class InitiatiefPageQuerySet(PageQuerySet):
    def live_in(self, site):
        """The live, public groups of one site: the one way to ask for "our groups"."""
        return self.live().public().in_site(site)

    def edited_by(self, user):
        """The groups whose volunteers (the group's editor group) this user is one of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(editor_group__in=user.groups.all())

    def organisable_by(self, user):
        """The groups a user may name as the organiser of an activity: any group for web and
        agenda editors, only their own for a group's volunteers."""
        if is_web_editor(user) or user.groups.filter(name=settings.AGENDA_EDITORS_GROUP).exists():
            return self.all()
        return self.edited_by(user)

    def for_cards(self):
        """With what a group card shows, in the editors' order of the page tree."""
        return self.select_related("image").prefetch_related("themes", "image__renditions").order_by("path")


class InitiatiefPage(OneLineTitleMixin, RoutablePageMixin, Page):
    """One initiative group: its own page, run by its own volunteers."""

    objects = PageManager.from_queryset(InitiatiefPageQuerySet)()

    # Duck-typed marker other apps use to recognise a group without importing this module.
    is_initiatief_group = True

    intro = models.CharField(
        "in één zin", max_length=200, help_text="Eén korte zin: wat doet de groep?"
    )
    themes = ParentalManyToManyField("home.Theme", verbose_name="thema's", blank=True)
    image = optional_fk(
        "wagtailimages.Image",
        verbose_name="foto",
        help_text=IMAGE_HELP + " Deze foto staat bovenaan en op de kaart van de groep.",
    )
    image_alt = models.CharField(
        "wat staat er op de foto?", max_length=200, blank=True, help_text=ALT_HELP
    )
    goal = models.TextField(
        "wat wil de groep bereiken?",
        max_length=600,
        blank=True,
        help_text="Twee of drie korte zinnen. Schrijf zoals u praat.",
    )
    body = StreamField(
        BodyBlock(),
        verbose_name="meer over de groep",
        blank=True,
        help_text="Tekst, foto's, een citaat of een video. Gebruik korte zinnen.",
    )
    results = models.TextField(
        "wat hebben we al bereikt?",
        blank=True,
        help_text="Zet elk resultaat op een eigen regel. Bijvoorbeeld: 40 nieuwe bomen in de wijk.",
    )
    meeting_time = models.CharField(
        "wanneer komt de groep bij elkaar?",
        max_length=200,
        blank=True,
        help_text="Bijvoorbeeld: elke eerste dinsdag van de maand, van 19.30 tot 21.00 uur.",
    )
    meeting_place = models.CharField(
        "waar komt de groep bij elkaar?",
        max_length=200,
        blank=True,
        help_text="Bijvoorbeeld: Huis van de Buurt.",
    )
    contact_name = models.CharField(
        "naam contactpersoon",
        max_length=100,
        blank=True,
        help_text="Alleen de voornaam is ook goed. Deze naam staat op de pagina.",
    )
    contact_email = models.EmailField(
        "e-mail contactpersoon",
        blank=True,
        help_text=(
            "Hier komen de berichten van het formulier 'Doe mee'. "
            "Dit adres staat niet op de pagina, zodat het geen spam krijgt."
        ),
    )
    contact_phone = models.CharField(
        "telefoon van de groep",
        max_length=20,
        blank=True,
        validators=[phone_validator],
        help_text=(
            "Dit nummer staat op de pagina van de groep en bij haar activiteiten, zodat mensen "
            "kunnen bellen. Laat het leeg als de groep niet gebeld wil worden."
        ),
    )
    moderation = models.BooleanField(
        "nieuws eerst laten nakijken",
        default=False,
        help_text=(
            "Aan: vrijwilligers sturen nieuws eerst naar de redactie. Die kijkt het na en zet het "
            "online. Uit: vrijwilligers zetten nieuws zelf online."
        ),
    )
    editor_group = models.OneToOneField(
        "auth.Group",
        verbose_name="redactiegroep",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="initiatief",
    )
    collection = optional_fk(
        "wagtailcore.Collection",
        verbose_name="map met foto's en documenten",
        editable=False,
    )

    content_panels = [
        FieldPanel("title", help_text="De naam van de groep. Kort, bijvoorbeeld: Groen."),
        FieldPanel("intro"),
        FieldPanel(
            "themes",
            widget=forms.CheckboxSelectMultiple,
            help_text="Kies een of meer onderwerpen die bij de groep passen. Zo vinden bewoners de groep.",
        ),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading="Foto"),
        FieldPanel("goal"),
        FieldPanel("body"),
        FieldPanel("results"),
        InlinePanel("photos", label="Foto's van de groep", heading="Foto's"),
        MultiFieldPanel(
            [FieldPanel("meeting_time"), FieldPanel("meeting_place")],
            heading="Wanneer en waar",
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading="Contactpersoon",
        ),
    ]
    base_form_class = AutoSlugPageForm
    promote_panels = promote_panels_for(WEB_EDITOR_PERMISSION)
    settings_panels = settings_panels_for(WEB_EDITOR_PERMISSION) + [
        FieldPanel("moderation", permission=WEB_EDITOR_PERMISSION),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("goal"),
        index.SearchField("body"),
    ]
    search_kind = "group"  # the site search (home/search/site.py)

    parent_page_types = ["initiatieven.InitiatiefIndexPage"]
    subpage_types = ["initiatieven.NewsPage", "agenda.EventPage"]
    menu_icon = "users"
    cache_scopes = ("groups", "news", "events", "guide")  # its name shows with all of them
    # A copied group gets its own editor group and collection (made by signals.py).
    exclude_fields_in_copy = ["editor_group", "collection"]

    class Meta:
        verbose_name = "initiatiefgroep"
        verbose_name_plural = "initiatiefgroepen"
        permissions = [
            ("choose_moderation", "Kan kiezen of nieuws van een groep eerst nagekeken wordt"),
        ]

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": "Beschrijf wat er op de foto staat. Zo weet iedereen wat erop staat."}
            )

    @property
    def result_list(self):
        return [line.strip(" -•\t") for line in self.results.splitlines() if line.strip(" -•\t")]

    @property
    def editor_group_name(self):
        return f"Redactie {self.title}"[:150]

    def latest_news(self, count=3):
        items = news_of_site(None).child_of(self)[:count]
        items = list(items)
        for item in items:
            item.__dict__["group"] = self
        return items

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Asked only when the template's fragment is not cached (home/templatetags/fragments.py).
        context["news"] = SimpleLazyObject(lambda: self.latest_news(3))
        context["news_index_url"] = SimpleLazyObject(lambda: self._news_index_url(request))
        context["photo_list"] = SimpleLazyObject(
            lambda: list(self.photos.select_related("image").prefetch_related("image__renditions"))
        )
        return context

    def _news_index_url(self, request):
        index = NewsIndexPage.objects.live().in_site(site_for(request)).first()
        return index.get_url(request) if index else ""

    @path("doe-mee/", name="doe_mee")
    def doe_mee(self, request):
        return join.doe_mee(request, group=self)


class InitiatiefPhoto(Orderable):
    """A photo of what the group did, shown in a row on the group page."""

    page = ParentalKey(InitiatiefPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="foto",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=IMAGE_HELP,
    )
    alt = models.CharField("wat staat er op de foto?", max_length=200, help_text=ALT_HELP)
    caption = models.CharField(
        "onderschrift",
        max_length=200,
        blank=True,
        help_text="Een korte zin onder de foto. Mag leeg blijven.",
    )

    panels = [FieldPanel("image"), FieldPanel("alt"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "foto"
        verbose_name_plural = "foto's"


class NewsIndexPage(OneLineTitleMixin, SectionIndexMixin, Page):
    """/nieuws/: all news of the site, newest first."""

    intro = intro_field("Een paar korte zinnen bovenaan de pagina.")

    subpage_types = []
    menu_icon = "newspaper"
    cache_scopes = ("news",)  # what its changes touch (home/cache.py)

    class Meta:
        verbose_name = "overzicht nieuws"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Asked only when the template's fragment is not cached (home/templatetags/fragments.py).
        context["listing"] = SimpleLazyObject(lambda: self.listing(request))
        return context

    def listing(self, request):
        site = site_for(request)
        news = news_of_site(site)
        groups = list(InitiatiefPage.objects.live_in(site).for_cards())
        themes = list(Theme.objects.filter(initiatiefpage__in=[g.pk for g in groups]).distinct())
        group_slug = request.GET.get("groep", "")
        theme_slug = request.GET.get("thema", "")
        selected_group = next((g for g in groups if g.slug == group_slug), None) if group_slug else None
        selected_theme = next((t for t in themes if t.slug == theme_slug), None) if theme_slug else None
        not_found = bool((group_slug and not selected_group) or (theme_slug and not selected_theme))
        if not_found:
            news = news.none()
        if selected_group:
            news = news.child_of(selected_group)
        if selected_theme:
            paths = [g.path for g in groups if selected_theme in g.themes.all()]
            condition = Q(pk__in=[])
            for group_path in paths:
                condition |= Q(path__startswith=group_path)
            news = news.filter(condition)
        page_obj = Paginator(news, NEWS_PER_PAGE).get_page(_page_number(request))
        number = _page_number(request)
        if not not_found and (number is None or number == str(page_obj.number)):
            page_name = "pagina" if request.GET.get("pagina") else "page"
            page_variant(request, {"groep": group_slug, "thema": theme_slug, page_name: number})
        page_obj.object_list = attach_groups(page_obj.object_list)
        extra = {}
        if selected_group:
            extra["groep"] = selected_group.slug
        if selected_theme:
            extra["thema"] = selected_theme.slug
        return {
            "page_obj": page_obj,
            "groups": groups,
            "themes": themes,
            "selected_group": selected_group,
            "selected_theme": selected_theme,
            "filter_not_found": not_found,
            "extra": ("&" + urlencode(extra)) if extra else "",
        }


class NewsPage(OneLineTitleMixin, Page):
    """A news item of one group. It lives under its group's page."""

    date = models.DateField(
        "datum",
        default=timezone.localdate,
        help_text="De datum van het bericht. Meestal is dat vandaag.",
    )
    intro = models.CharField(
        "korte samenvatting",
        max_length=250,
        help_text="Eén of twee korte zinnen. Deze tekst staat in het overzicht en bij het delen.",
    )
    image = optional_fk("wagtailimages.Image", verbose_name="foto", help_text=IMAGE_HELP)
    image_alt = models.CharField(
        "wat staat er op de foto?", max_length=200, blank=True, help_text=ALT_HELP
    )
    body = StreamField(
        BodyBlock(),
        verbose_name="bericht",
        blank=True,  # checked in clean(), with a clearer message than the generic one
        # A new news item starts with a text box ready to type in, no block menu to find first.
        default=[("paragraph", "")],
        help_text="Schrijf hier uw bericht. Gebruik korte zinnen. U kunt ook een foto of video toevoegen.",
    )

    content_panels = [
        FieldPanel("title", help_text="De kop van uw bericht. Kort en duidelijk."),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading="Foto"),
        FieldPanel("body"),
        FieldPanel("date"),
    ]
    promote_panels = promote_panels_for(WEB_EDITOR_PERMISSION)
    settings_panels = settings_panels_for(WEB_EDITOR_PERMISSION)
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    search_kind = "news"  # the site search (home/search/site.py)

    parent_page_types = ["initiatieven.InitiatiefPage"]
    subpage_types = []
    menu_icon = "newspaper"
    cache_scopes = ("news",)  # what its changes touch (home/cache.py)
    add_label = "Nieuw bericht"  # the button on a volunteer's dashboard (wagtail_hooks.py)
    base_form_class = AutoSlugPageForm

    class Meta:
        verbose_name = "nieuwsbericht"
        verbose_name_plural = "nieuwsberichten"

    def clean(self):
        super().clean()
        errors = {}
        if self.image_id and not self.image_alt.strip():
            errors["image_alt"] = "Beschrijf wat er op de foto staat. Zo weet iedereen wat erop staat."
        if not _has_content(self.body):
            errors["body"] = "Schrijf een bericht. Zet er minstens een stukje tekst in."
        if errors:
            raise ValidationError(errors)

    @property
    def group(self):
        if "group" not in self.__dict__:
            parent = self.get_parent()
            self.__dict__["group"] = parent.specific if parent else None
        return self.__dict__["group"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Asked only when the template's fragments are not cached (home/templatetags/fragments.py).
        context["group"] = SimpleLazyObject(lambda: self.group)
        return context

    share_type = "article"  # og:type

    def share_card(self):
        """What its share image shows (home/share): the date, the group and its theme."""
        group = self.group
        theme = next(iter(group.themes.all()), None) if hasattr(group, "themes") else None
        with translation.override(settings.LANGUAGE_CODE):
            lines = [("calendar-days", date_format(self.date, "j F Y"))]
        if group is not None and hasattr(group, "themes"):
            lines.append(("users", group.title))
        return ShareCard(
            title=self.title,
            lines=tuple(lines),
            icon=theme.icon if theme else "newspaper",
            colour=theme.colour if theme else "green",
        )


def is_web_editor(user):
    return user.is_superuser or user.has_perm(WEB_EDITOR_PERMISSION)


class JoinRequestQuerySet(models.QuerySet):
    def for_admin(self, user):
        """Web editors see every message; a group's volunteers see only their own group's."""
        if is_web_editor(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(group__editor_group__in=user.groups.all())


class JoinRequest(models.Model):
    """A message sent with the "Doe mee" form. Stored before any mail is sent, so nothing is
    lost when the mail server is down."""

    retention_date_field = "created_at"  # deleted after a while by `manage.py purge_personal_data`
    # The sender's own data (home/personal_data.py): in their download, deleted with their account.
    personal_data_heading = "Berichten die u stuurde met Doe mee"

    group = models.ForeignKey(
        InitiatiefPage,
        verbose_name="groep",
        null=True,
        on_delete=models.SET_NULL,
        related_name="join_requests",
    )
    user = optional_fk(settings.AUTH_USER_MODEL, verbose_name="account")  # when sent logged in
    name = models.CharField("naam", max_length=100)
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField("telefoon", max_length=20, blank=True)
    message = models.TextField("bericht", max_length=2000, blank=True)
    created_at = models.DateTimeField("verstuurd op", auto_now_add=True)
    mail_sent = models.BooleanField("mail verstuurd", default=False)
    handled = models.BooleanField(
        "afgehandeld", default=False, help_text="Zet dit aan als iemand contact heeft gehad."
    )

    objects = JoinRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "aanmelding 'Doe mee'"
        verbose_name_plural = "aanmeldingen 'Doe mee'"

    def __str__(self):
        group = self.group.title if self.group else "onbekende groep"
        return f"{self.name} voor {group}"

    @classmethod
    def personal_data_of(cls, user, emails):
        return cls.objects.filter(person_q(user, emails)).select_related("group")

    def personal_data(self):
        return {
            "verstuurd op": self.created_at,
            "groep": self.group.title if self.group else "(groep bestaat niet meer)",
            "naam": self.name,
            "e-mailadres": self.email,
            "telefoonnummer": self.phone,
            "bericht": self.message,
        }

