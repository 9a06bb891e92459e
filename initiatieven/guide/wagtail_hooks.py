"""Admin hooks of the guide "Wat kun je doen in de wijk".

Organisation editors: a snippet links a user group to organisations; its members edit only
those organisations' offers (see OfferPermissionTester in models.py). The B1 check, which runs
on every page and snippet, lives in home/wagtail_hooks.py.
"""

from django.db.models import Q
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import OfferPage, OrganisationEditors, ThemeIndexPage, editor_scope


class OrganisationEditorsViewSet(SnippetViewSet):
    model = OrganisationEditors
    icon = "group"
    menu_label = "Redacteuren van organisaties"
    menu_name = "guide-organisation-editors"
    add_to_settings_menu = True
    list_display = ["group"]


register_snippet(OrganisationEditorsViewSet)


@hooks.register("construct_explorer_page_queryset")
def own_offers_first(parent_page, pages, request):
    """In the page explorer, an organisation's editors see only the offers they may edit."""
    if not isinstance(parent_page.specific_deferred, ThemeIndexPage):
        return pages
    scope = editor_scope(request.user)
    if scope is None:
        return pages
    organisations, groups = scope
    own = OfferPage.objects.filter(
        Q(organisation__in=organisations) | Q(group__in=groups)
    ).values("pk")
    return pages.filter(pk__in=own)


@hooks.register("register_site_search")
def themes_and_organisations(site, today):
    """The themes and organisations in the site search (home/search/site.py): their pages are
    routes of the site's guide. Three queries, whatever their number."""
    from home.models import Organisation, Theme
    from home.search.site import Document
    from home.search.words import SUMMARY, TEXT

    guide = ThemeIndexPage.objects.live().public().in_site(site).first()
    if guide is None:
        return []
    base = guide.relative_url(site)
    documents = [
        Document.of(
            "theme", theme.name, base + guide.reverse_subpage("theme", kwargs={"slug": theme.slug}),
            [(theme.description, SUMMARY)], summary=theme.description, pk=theme.pk,
        )
        for theme in Theme.objects.all()
    ]
    documents += [
        Document.of(
            "organisation", organisation.name,
            base + guide.reverse_subpage("organisation", kwargs={"slug": organisation.slug}),
            [(organisation.description, SUMMARY), (organisation.address, TEXT)],
            summary=organisation.description, pk=organisation.pk,
        )
        for organisation in Organisation.objects.all()
    ]
    return documents
