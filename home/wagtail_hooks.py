"""Admin hooks of home: the shared snippets (themes, organisations) and the B1 check.

The B1 check: a small panel under every long text field of the page and snippet editors
(home/b1.js asks /admin/b1-check/ while the editor types), and a message after saving. It
advises; it never blocks publishing.
"""

import json

from django.contrib import messages
from django.db.models import Q
from django.http import JsonResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import b1, snippets
from .models import Organisation, PrivateLogEntry, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Thema's"
    menu_order = 200
    add_to_admin_menu = True
    sort_order_field = "sort_order"
    list_display = ["name", "description", "icon"]
    search_fields = ["name", "description"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Organisaties"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "website", "phone"]
    list_filter = ["themes"]
    search_fields = ["name", "description"]


register_snippet(ThemeViewSet)
register_snippet(OrganisationViewSet)


# --- the B1 check ------------------------------------------------------------------------
MAX_REQUEST_BYTES = 100_000


@require_POST
def b1_check_view(request):
    """Analyse the posted text: {"text": "..."} -> the B1 figures as JSON."""
    if len(request.body) > MAX_REQUEST_BYTES:
        return JsonResponse({"error": "De tekst is te lang om te controleren."}, status=413)
    try:
        text = json.loads(request.body or b"{}").get("text", "")
    except (ValueError, AttributeError):
        return JsonResponse({"error": "Dit verzoek kunnen we niet lezen."}, status=400)
    if not isinstance(text, str):
        return JsonResponse({"error": "Dit verzoek kunnen we niet lezen."}, status=400)
    return JsonResponse(b1.analyse(text))


@hooks.register("register_admin_urls")
def register_b1_url():
    return [path("b1-check/", b1_check_view, name="b1_check")]


@hooks.register("insert_editor_js")
def b1_editor_js():
    return format_html(
        '<link rel="stylesheet" href="{}"><script src="{}" data-b1-url="{}" defer></script>',
        static("home/b1.css"),
        static("home/b1.js"),
        reverse("b1_check"),
    )


def b1_messages(request, instance):
    """After saving: one advisory message per long text field that is not green."""
    for label, text in b1.long_text_fields(instance):
        result = b1.analyse(text)
        if result["light"] in ("orange", "red"):
            messages.warning(
                request,
                f"B1-check ‘{label}’: {result['label']}. {result['advice']} "
                f"(Leesgemak {result['flesch_douma']}, gemiddeld "
                f"{result['average_sentence_length']} woorden per zin.) U kunt de tekst toch publiceren.",
            )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def b1_after_page_save(request, page):
    b1_messages(request, page.specific)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def b1_after_snippet_save(request, instance):
    b1_messages(request, instance)


# --- Records and pages a user may not see stay out of every admin screen ------------------


@hooks.register("register_bulk_action", order=10)  # after Wagtail's own delete, which it replaces
class PrivateDeleteBulkAction(snippets.PrivateDeleteBulkAction):
    pass


@hooks.register("register_log_actions")
def log_private_records_apart(actions):
    for model in snippets.private_snippet_models():
        actions.register_model(model, PrivateLogEntry)


@hooks.register("construct_page_chooser_queryset")
def hide_unpublished_pages_of_others(pages, request):
    """The page chooser lists titles. A page that was never published (a group's draft news)
    is only listed for those who may edit it."""
    user = request.user
    if user.is_superuser:
        return pages
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))
