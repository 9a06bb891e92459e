"""Admin hooks of the initiatieven app (the guide's are in guide/wagtail_hooks.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import capfirst
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.models import Page
from wagtail.snippets.models import register_snippet

from home.panels import read_only_panels
from home.snippets import PrivateSnippetViewSet

from .models import InitiatiefPage, JoinRequest, NewsPage, is_web_editor

# --- Dashboard: a volunteer's own group, its news and activities -------------------------

DASHBOARD_ITEMS = 10  # the latest of each group; the rest is one tap away in the page list


def page_state(page):
    """Where a page is, in the words of the volunteer's dashboard: (label, is_live) pairs."""
    states = []
    if page.live:
        states.append(("Op de site", True))
    if page.workflow_in_progress:
        states.append(("Bij de redactie", False))
    elif not page.live:
        states.append(("Nog niet op de site", False))
    elif page.has_unpublished_changes:
        states.append(("Wijziging nog niet op de site", False))
    return states


class GroupPagesPanel(Component):
    """On a volunteer's dashboard, per group: "Nieuw bericht" and "Nieuwe activiteit", then the
    group's news and activities, latest first, each with where it is (on the site, not yet, with
    the editors). One column, readable on a phone."""

    name = "initiatieven_group_pages"
    template_name = "initiatieven/admin/group_panel.html"
    order = 50  # above Wagtail's own panels

    def __init__(self, groups, user):
        self.groups = groups
        self.user = user

    def _adds(self, group):
        if not group.permissions_for_user(self.user).can_add_subpage():
            return []
        return [
            {
                "label": getattr(model, "add_label", f"Nieuw: {model._meta.verbose_name}"),
                "url": reverse(
                    "wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, group.pk)
                ),
            }
            for model in InitiatiefPage.creatable_subpage_models()
            if model.can_create_at(group)
        ]

    def get_context_data(self, parent_context=None):
        items = []
        for group in self.groups:
            pages = (
                Page.objects.child_of(group)
                .select_related("content_type")
                .prefetch_workflow_states()
                .order_by("-latest_revision_created_at", "-pk")[:DASHBOARD_ITEMS]
            )
            items.append(
                {
                    "group": group,
                    "adds": self._adds(group),
                    "pages": [
                        {
                            "page": page,
                            "kind": capfirst(page.content_type.model_class()._meta.verbose_name),
                            "states": page_state(page),
                            "edit_url": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                        }
                        for page in pages
                    ],
                    "explore_url": reverse("wagtailadmin_explore", args=(group.pk,)),
                    "edit_url": reverse("wagtailadmin_pages:edit", args=(group.pk,)),
                    "join_url": reverse("wagtailsnippets_initiatieven_joinrequest:list"),
                }
            )
        return {"items": items}


def _volunteer_groups(request):
    return list(InitiatiefPage.objects.edited_by(request.user).order_by("title"))


@hooks.register("construct_homepage_panels")
def add_group_pages_panel(request, panels):
    groups = _volunteer_groups(request)
    if groups:
        panels.append(GroupPagesPanel(groups, request.user))
        if not is_web_editor(request.user):
            # Their own pages are listed above, with where each one is.
            panels[:] = [p for p in panels if getattr(p, "name", "") != "recent_edits"]


@hooks.register("construct_homepage_summary_items", order=100)  # after Wagtail adds its own
def no_site_figures_for_volunteers(request, summary_items):
    """"4 Pagina's, 0 Afbeeldingen" tells a volunteer nothing they need."""
    if not is_web_editor(request.user) and _volunteer_groups(request):
        summary_items.clear()


@hooks.register("construct_main_menu")
def no_reports_or_software_help_for_volunteers(request, menu_items):
    """Wagtail's reports (locked pages, workflows, site history) and its help menu (the
    software's English guide) are for the web editors, not for a group's volunteers."""
    if not is_web_editor(request.user) and _volunteer_groups(request):
        menu_items[:] = [item for item in menu_items if item.name not in ("reports", "help")]


# --- Action menu: the safest, clearest button first -----------------------------------------


@hooks.register("construct_page_action_menu")
def publish_first_for_news(menu_items, request, context):
    """For a group's news and activities, a volunteer's main button is "Publiceren" (or "Stuur
    naar de redactie" when the group's news is moderated), not "Bewaar concept"."""
    page = context.get("page")
    parent = context.get("parent_page")
    if parent is None and page is not None and page.pk:
        parent = page.get_parent()
    in_group = parent is not None and parent.specific_class is InitiatiefPage
    if not (isinstance(page, NewsPage) or in_group):
        return
    for name in ("action-publish", "action-submit"):
        for index, item in enumerate(menu_items):
            if item.name == name:
                menu_items.insert(0, menu_items.pop(index))
                return


# --- Group pages are not deleted or moved by volunteers ------------------------------------


def _refuse_for_group_page(request, page, verb):
    if page.specific_class is InitiatiefPage and not is_web_editor(request.user):
        messages.error(
            request,
            f"U kunt de pagina van een groep niet {verb}. Vraag dit aan de redactie van de site.",
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_delete_page")
def refuse_delete_group_page(request, page):
    return _refuse_for_group_page(request, page, "verwijderen")


@hooks.register("before_move_page")
def refuse_move_group_page(request, page, destination):
    refused = _refuse_for_group_page(request, page, "verplaatsen")
    if refused is None and not page.permissions_for_user(request.user).can_move_to(destination):
        # Wagtail checks this when the move is done; we check it before the question is asked.
        raise PermissionDenied
    return refused


# --- "Doe mee" requests: each group sees only its own (JoinRequest.objects.for_admin) -------


class YesNoColumn(Column):
    """A yes/no field as the words "Ja" and "Nee" (Wagtail shows True/False)."""

    def get_value(self, instance):
        return "Ja" if super().get_value(instance) else "Nee"


class JoinRequestViewSet(PrivateSnippetViewSet):
    model = JoinRequest
    icon = "mail"
    menu_label = "Doe mee"
    menu_name = "doe-mee"
    menu_order = 220
    add_to_admin_menu = True
    list_display = [
        "name",
        "group",
        "created_at",
        YesNoColumn("mail_sent", label="Mail verstuurd", sort_key="mail_sent"),
        YesNoColumn("handled", label="Afgehandeld", sort_key="handled"),
    ]
    list_filter = ["handled", "mail_sent"]
    inspect_view_enabled = False
    panels = [
        *read_only_panels("group", "name", "email", "phone", "message", "created_at", "mail_sent"),
        FieldPanel("handled"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("group")


register_snippet(JoinRequestViewSet)
