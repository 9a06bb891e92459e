"""The thematic index "Wat kun je doen in de wijk": offers and the theme index page.

An offer ("aanbod") is a page under the ThemeIndexPage: editors get drafts, preview, revisions
and moderation for free, each offer has its own URL, and every listing is scoped to the site
by the page tree. The theme pages, the organisation pages, the search, the partners overview
and the printable guide are sub-routes of the ThemeIndexPage, rendered by its route methods
(views.py only adds the /gids.pdf addresses that a page URL cannot hold).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, PageManager, PagePermissionTester
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.cache import page_variant
from home.fields import optional_fk
from home.models import OneLineTitleMixin, Organisation, Theme, phone_validator, site_for
from home.text import tel_href
from initiatieven.models import InitiatiefPage

from . import pdf, search
from .choices import JOIN_ICONS, Audience, HowToJoin, Kind, read_filters

# Sub-routes of the ThemeIndexPage; an offer may not use one of these as its slug.
RESERVED_SLUGS = {"thema", "organisaties", "zoeken", "gids.pdf", "gids"}


class OrganisationEditors(models.Model):
    """Gives the members of a user group the right to edit only the offers of their own
    organisations. Web editors (in no such group) keep editing every offer. The group still
    needs the usual page permissions (add, edit, publish) on the guide page."""

    group = models.OneToOneField(
        "auth.Group",
        verbose_name="gebruikersgroep",
        on_delete=models.CASCADE,
        related_name="guide_editors",
        help_text="Bijvoorbeeld: Redacteuren Reos.",
    )
    organisations = models.ManyToManyField(
        "home.Organisation",
        verbose_name="organisaties",
        related_name="+",
        help_text="De leden van de groep mogen alleen het aanbod van deze organisaties aanpassen.",
    )

    panels = [FieldPanel("group"), FieldPanel("organisations", widget=forms.CheckboxSelectMultiple)]

    class Meta:
        verbose_name = "redacteuren van een organisatie"
        verbose_name_plural = "redacteuren van organisaties"

    def __str__(self):
        return str(self.group)


def editor_scope(user):
    """None when the user may edit every offer (superusers, web editors). For the editors of
    an organisation (OrganisationEditors) and the volunteers of an initiative group (the
    group's editor group), a pair of sets: the organisations and the groups whose offers
    this user may edit. Looked up once per user object."""
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return None
    if not hasattr(user, "_guide_scope"):
        group_ids = list(user.groups.values_list("pk", flat=True))
        organisations = set(
            OrganisationEditors.objects.filter(group__in=group_ids)
            .exclude(organisations=None)
            .values_list("organisations", flat=True)
        )
        is_org_editor = OrganisationEditors.objects.filter(group__in=group_ids).exists()
        groups = set(InitiatiefPage.objects.filter(editor_group__in=group_ids).values_list("pk", flat=True))
        user._guide_scope = (organisations, groups) if (is_org_editor or groups) else None
    return user._guide_scope


def may_edit_offer(user, offer):
    scope = editor_scope(user)
    if scope is None:
        return True
    organisations, groups = scope
    return offer.organisation_id in organisations or offer.group_id in groups


class OfferPermissionTester(PagePermissionTester):
    """An organisation's own editors may only change the offers of their organisation."""

    def _own_offer(self):
        return may_edit_offer(self.user, self.page)

    def can_edit(self):
        return self._own_offer() and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self._own_offer() and super().can_delete(ignore_bulk)

    def can_publish(self):
        return self._own_offer() and super().can_publish()

    def can_unpublish(self):
        return self._own_offer() and super().can_unpublish()

    def can_move(self):
        return self._own_offer() and super().can_move()


class OfferPageForm(WagtailAdminPageForm):
    """Limits the provider choice of an organisation's editors and a group's volunteers to
    their own organisations and groups."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scope = editor_scope(self.for_user)
        if scope is not None:
            organisations, groups = scope
            if "organisation" in self.fields:
                field = self.fields["organisation"]
                field.queryset = field.queryset.filter(pk__in=organisations)
            if "group" in self.fields:
                field = self.fields["group"]
                field.queryset = field.queryset.filter(pk__in=groups)

    def clean(self):
        cleaned = super().clean()
        scope = editor_scope(self.for_user)
        if scope is not None:
            organisations, groups = scope
            organisation, group = cleaned.get("organisation"), cleaned.get("group")
            own = (organisation and organisation.pk in organisations) or (group and group.pk in groups)
            if not own:
                self.add_error(
                    "organisation",
                    "U mag alleen aanbod maken van uw eigen organisatie of uw eigen groep. Kies die hier.",
                )
        return cleaned


class OfferPageQuerySet(PageQuerySet):
    def live_in(self, guide):
        """The live, public offers of one guide, and so of its site only."""
        return self.child_of(guide).live().public()

    def filtered(self, filters):
        """Narrowed by a theme page's filters (choices.read_filters)."""
        offers = self
        if filters["voor"]:
            # offers for exactly this audience first, then those for everyone
            offers = offers.filter(audience__in=[filters["voor"], Audience.EVERYONE]).order_by(
                Case(When(audience=filters["voor"], then=0), default=1), "title"
            )
        if filters["soort"]:
            offers = offers.filter(kind=filters["soort"])
        if filters["gratis"]:
            offers = offers.filter(is_free=True)
        return offers

    def for_listing(self):
        """With what an offer card shows, by title unless already ordered."""
        offers = self if self.query.order_by else self.order_by("title")
        return offers.select_related("organisation", "group").prefetch_related("themes")


class OfferPage(OneLineTitleMixin, Page):
    """One standing thing to do or to get help with: Welzijn op Recept, de koffiekar ..."""

    objects = PageManager.from_queryset(OfferPageQuerySet)()

    summary = models.CharField(
        "wat is het?",
        max_length=240,
        help_text="Eén of twee korte zinnen. Bijvoorbeeld: Elke week samen wandelen in de wijk.",
    )
    body = models.TextField(
        "meer uitleg",
        blank=True,
        help_text="Korte zinnen, gewone woorden. Spreek de lezer aan met 'u'.",
    )
    kind = models.CharField(
        "soort", max_length=12, choices=Kind.choices, default=Kind.TAKE_PART,
        help_text="Kan de lezer hier iets doen, of krijgt de lezer hier hulp?",
    )
    audience = models.CharField(
        "voor wie?", max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    audience_note = models.CharField(
        "voor wie (uitleg)", max_length=120, blank=True,
        help_text="Niet verplicht. Bijvoorbeeld: voor 55-plussers.",
    )
    is_free = models.BooleanField("gratis", default=False)
    cost = models.CharField(
        "wat kost het?", max_length=120, blank=True,
        help_text="Bijvoorbeeld: € 2 per keer. Laat leeg als het gratis is.",
    )
    when = models.CharField(
        "wanneer?", max_length=160, blank=True, help_text="Bijvoorbeeld: elke dinsdag om 10.00 uur."
    )
    where = models.CharField(
        "waar?", max_length=160, blank=True, help_text="Bijvoorbeeld: Huis van de Buurt."
    )
    how_to_join = models.CharField(
        "hoe doet u mee?", max_length=12, choices=HowToJoin.choices, blank=True,
    )
    join_note = models.CharField(
        "uitleg bij meedoen", max_length=200, blank=True,
        help_text="Bijvoorbeeld: Bel op werkdagen tussen 9 en 12 uur.",
    )
    phone = models.CharField("telefoon", max_length=20, blank=True, validators=[phone_validator])
    email = models.EmailField("e-mail", blank=True)
    signup_url = models.URLField("link om u aan te melden", blank=True)
    organisation = optional_fk("home.Organisation", verbose_name="organisatie", related_name="offers")
    group = optional_fk("initiatieven.InitiatiefPage", verbose_name="initiatiefgroep", related_name="offers")
    themes = ParentalManyToManyField("home.Theme", verbose_name="thema's", related_name="offers")

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("audience")]),
                FieldPanel("audience_note"),
                FieldRowPanel([FieldPanel("is_free"), FieldPanel("cost")]),
                FieldRowPanel([FieldPanel("when"), FieldPanel("where")]),
            ],
            heading="Voor wie, wat kost het, wanneer en waar",
        ),
        MultiFieldPanel(
            [
                FieldPanel("how_to_join"),
                FieldPanel("join_note"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("signup_url"),
            ],
            heading="Hoe doet u mee?",
        ),
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("group")],
            heading="Wie biedt het aan? Kies een organisatie of een initiatiefgroep.",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        # for the site search: "voor ouderen", "gratis" (properties of the offer's own fields)
        index.SearchField("audience_label"),
        index.SearchField("cost_label"),
        index.FilterField("kind"),
        index.FilterField("audience"),
        index.FilterField("is_free"),
    ]
    search_kind = "offer"  # the site search (home/search/site.py)

    parent_page_types = ["guide.ThemeIndexPage"]
    subpage_types = []
    menu_icon = "hand-helping"
    cache_scopes = ("guide",)  # what its changes touch (home/cache.py)
    template = "guide/offer_page.html"
    base_form_class = OfferPageForm

    def permissions_for_user(self, user):
        return OfferPermissionTester(user, self)

    class Meta:
        verbose_name = "aanbod"
        verbose_name_plural = "aanbod"

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = f"Het adres ‘{self.slug}’ is al in gebruik in de gids. Kies een ander woord."
        if not self.how_to_join:
            errors["how_to_join"] = (
                "Kies hoe iemand meedoet: bellen, binnenlopen, aanmelden of via de huisarts."
            )
        elif self.how_to_join == HowToJoin.CALL and not self.contact_phone:
            errors["phone"] = (
                "U kiest ‘bellen’. Vul dan een telefoonnummer in, hier of bij de organisatie."
            )
        elif self.how_to_join == HowToJoin.SIGN_UP and not (
            self.signup_url or self.email or self.contact_phone
        ):
            errors["signup_url"] = (
                "U kiest ‘aanmelden’. Vul dan een link, een e-mailadres of een telefoonnummer in."
            )
        if self.organisation_id is None and self.group_id is None:
            errors["organisation"] = "Kies wie dit aanbiedt: een organisatie of een initiatiefgroep."
        if self.is_free and self.cost:
            errors["cost"] = "U zet ‘gratis’ aan. Laat dan ‘wat kost het?’ leeg."
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        guide = ThemeIndexPage.objects.filter(pk=self.get_parent().pk).first()
        themes = list(self.themes.all())
        provider_url = ""
        if guide is not None:
            for theme in themes:
                theme.url = guide.url_for_route("theme", request, slug=theme.slug)
            if self.organisation_id:
                provider_url = guide.url_for_route("organisation", request, slug=self.organisation.slug)
        if self.group_id and self.group and self.group.live:
            provider_url = self.group.get_url(request)
        context.update(offer_themes=themes, provider_url=provider_url)
        return context

    # --- what the templates and the PDF show -------------------------------------------
    @property
    def provider(self):
        """The group when a residents' group runs it, else the organisation."""
        return self.group or self.organisation

    @property
    def provider_name(self):
        provider = self.provider
        if provider is None:
            return ""
        return getattr(provider, "name", None) or provider.title

    @property
    def contact_phone(self):
        """The offer's own number, else its organisation's."""
        if self.phone:
            return self.phone
        if self.organisation_id and self.organisation:
            return self.organisation.phone
        return ""

    @property
    def phone_href(self):
        return tel_href(self.contact_phone)

    @property
    def cost_label(self):
        if self.is_free:
            return "Gratis"
        return self.cost or "Vraag naar de prijs"

    @property
    def audience_label(self):
        return self.audience_note or self.get_audience_display()

    @property
    def join_icon(self):
        return JOIN_ICONS.get(self.how_to_join, "info")

    @property
    def join_label(self):
        return self.get_how_to_join_display() if self.how_to_join else ""

    @property
    def join_text(self):
        """The editor's own words on how to join, else the plain label ("Loop binnen")."""
        return self.join_note or self.join_label


class ThemeIndexPage(OneLineTitleMixin, RoutablePageMixin, Page):
    """/wat-kun-je-doen/: the themes, a search, a page per theme, organisations and the
    printable guide."""

    intro = models.TextField(
        "inleiding", max_length=400, blank=True, help_text="Twee of drie korte zinnen."
    )
    print_intro = models.TextField(
        "inleiding van de papieren gids",
        max_length=600,
        blank=True,
        help_text="Staat op de voorkant van de gids op papier. Korte zinnen.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("print_intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["guide.OfferPage"]
    max_count_per_parent = 1
    menu_icon = "compass"
    cache_scopes = ("guide",)  # what its changes touch (home/cache.py)
    template = "guide/index.html"

    class Meta:
        verbose_name = "wat kun je doen in de wijk"
        verbose_name_plural = "wat kun je doen in de wijk"

    # --- what the sub-routes show ---------------------------------------------------------
    def live_offers(self):
        return OfferPage.objects.live_in(self)

    def themes_with_counts(self, request=None):
        """Every theme with the number of live offers it has in this guide (one query)."""
        counts = dict(
            OfferPage.themes.through.objects.filter(offerpage_id__in=self.live_offers().values("pk"))
            .values_list("theme_id")
            .annotate(n=Count("offerpage_id"))
        )
        themes = list(Theme.objects.all())
        for theme in themes:
            theme.offer_count = counts.get(theme.pk, 0)
            theme.url = self.theme_url(theme, request)
        return themes

    def _with_urls(self, request, themes=(), organisations=()):
        for theme in themes:
            theme.url = self.theme_url(theme, request)
        for organisation in organisations:
            organisation.url = self.url_for_route("organisation", request, slug=organisation.slug)

    @path("")
    def index_view(self, request):
        return self.render(
            request,
            context_overrides={
                # Asked only when the template's fragment is not cached.
                "themes": SimpleLazyObject(lambda: self.themes_with_counts(request)),
                "pdf_url": self.pdf_url(request),
                "organisations_url": self.url_for_route("organisations", request),
            },
        )

    @path("zoeken/")
    def search_view(self, request):
        query, error = search.clean_query(request.GET.get("q", ""))
        results = None
        if query:
            results = search.search(query, site=site_for(request), offers=self.live_offers())
            self._with_urls(request, results["themes"], results["organisations"])
        kinds = ("themes", "offers", "organisations", "groups")
        return self.render(
            request,
            template="guide/search.html",
            context_overrides={
                "query": query,
                "error": error,
                "results": results,
                "total": sum(len(results[k]) for k in kinds) if results else 0,
                "guide_url": self.get_url(request),
            },
        )

    @path("thema/<slug:slug>/", name="theme")
    def theme_view(self, request, slug):
        theme = get_object_or_404(Theme, slug=slug)
        filters = read_filters(request.GET)
        page_variant(request, {**filters, "gratis": "1" if filters["gratis"] else ""})
        self._with_urls(request, [theme])

        def listing():
            # Asked only when the template's fragment is not cached (home/templatetags/fragments.py).
            offers = self.live_offers().filter(themes=theme).filtered(filters).for_listing()
            groups = InitiatiefPage.objects.live_in(site_for(request)).filter(themes=theme)
            organisations = list(Organisation.objects.filter(themes=theme).order_by("name"))
            self._with_urls(request, organisations=organisations)
            return {"offers": list(offers), "groups": list(groups), "organisations": organisations}

        return self.render(
            request,
            template="guide/theme.html",
            context_overrides={
                "theme": theme,
                "listing": SimpleLazyObject(listing),
                "filters": filters,
                "filters_active": any(filters.values()),
                "audience_choices": [c for c in Audience.choices if c[0] != Audience.EVERYONE],
                "kind_choices": Kind.choices,
                "poster_url": self.poster_url(theme, request),
                "guide_url": self.get_url(request),
            },
        )

    @path("thema/<slug:slug>/poster/", name="poster")
    def poster_view(self, request, slug):
        return pdf.poster_response(self, get_object_or_404(Theme, slug=slug), request)

    @path("organisaties/", name="organisations")
    def organisations_view(self, request):
        organisations = list(Organisation.objects.prefetch_related("themes").order_by("name"))
        self._with_urls(request, organisations=organisations)
        return self.render(
            request,
            template="guide/organisations.html",
            context_overrides={"organisations": organisations},
        )

    @path("organisaties/<slug:slug>/", name="organisation")
    def organisation_view(self, request, slug):
        organisation = get_object_or_404(
            Organisation.objects.select_related("logo").prefetch_related("themes"), slug=slug
        )
        themes = list(organisation.themes.all())
        self._with_urls(request, themes)
        return self.render(
            request,
            template="guide/organisation.html",
            context_overrides={
                "organisation_ld": organisation.json_ld(),
                "organisation": organisation,
                "offers": list(self.live_offers().filter(organisation=organisation).for_listing()),
                "org_themes": themes,
                "organisations_url": self.url_for_route("organisations", request),
            },
        )

    # Wagtail's page URLs cannot hold a dot; urls.py adds the /gids.pdf address.
    @path("gids/", name="pdf")
    def pdf_view(self, request):
        return pdf.guide_response(self, request)

    def pdf_url(self, request=None):
        """/wat-kun-je-doen/gids.pdf when guide/urls.py is wired in, else .../gids/."""
        from django.urls import NoReverseMatch, reverse

        base = self.get_url(request=request)
        try:
            return reverse("guide:pdf", kwargs={"guide_path": base.lstrip("/")})
        except NoReverseMatch:
            return self.url_for_route("pdf", request)

    def poster_url(self, theme, request=None):
        from django.urls import NoReverseMatch, reverse

        base = self.get_url(request=request)
        try:
            return reverse(
                "guide:poster", kwargs={"guide_path": base.lstrip("/"), "slug": theme.slug}
            )
        except NoReverseMatch:
            return self.url_for_route("poster", request, slug=theme.slug)

    def theme_url(self, theme, request=None):
        return self.url_for_route("theme", request=request, slug=theme.slug)

    def url_for_route(self, name, request=None, **kwargs):
        base = self.get_url(request=request)
        if base is None:
            raise Http404
        return base + self.reverse_subpage(name, kwargs=kwargs)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for theme in Theme.objects.all():
            urls.append({"location": base + self.reverse_subpage("theme", kwargs={"slug": theme.slug})})
        urls.append({"location": base + self.reverse_subpage("organisations")})
        for slug in Organisation.objects.values_list("slug", flat=True):
            urls.append({"location": base + self.reverse_subpage("organisation", kwargs={"slug": slug})})
        return urls
