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
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.models import Page
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


@hooks.register("insert_global_admin_css")
def admin_css():
    """A few rules for the admin on a phone (the page list, a volunteer's dashboard)."""
    return format_html('<link rel="stylesheet" href="{}">', static("home/admin.css"))


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
                f"(Leesgemak {b1.decimal(result['flesch_douma'])}, gemiddeld "
                f"{b1.decimal(result['average_sentence_length'])} woorden per zin.) "
                "U kunt de tekst toch publiceren.",
            )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def b1_after_page_save(request, page):
    if is_page_form_post(request):  # not after an autosave, whose messages nobody would see
        b1_messages(request, page.specific)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def b1_after_snippet_save(request, instance):
    b1_messages(request, instance)


# --- After saving a page: one Dutch sentence that says where it is now -------------------


def is_page_form_post(request):
    """A page form sent by its buttons, not the editor's autosave (which asks for JSON)."""
    return request.method == "POST" and request.accepts("text/html")


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def say_where_the_page_is(request, page):
    """Instead of Wagtail's "Page '…' created and published" (or a publish that quietly became
    a saved draft): whether the page is on the site now, waiting for the editors (the workflow
    of home/workflows.py), or saved but not yet on the site. One sentence, in Dutch."""
    if not is_page_form_post(request):
        return
    action = page_form_action(request.POST)
    if action is None:  # a moderator's approve or reject: Wagtail's own message says it
        return
    page = Page.objects.get(pk=page.pk).specific  # fresh: the views change it after their copy
    if action == "publish":
        permissions = page.permissions_for_user(request.user)
        if not permissions.can_publish() and permissions.can_submit_for_moderation():
            # Here the editors publish (a moderated group). A "Publiceren" from a screen that
            # was opened before that was switched on goes to them, as "Stuur naar de redactie".
            page.get_workflow().start(page, request.user)
            action = "submit"
    text, buttons = page_saved_message(action, page)
    storage = messages.get_messages(request)
    # Django has no public way to take back a queued message; Wagtail's are the successes.
    storage._queued_messages = [m for m in storage._queued_messages if m.level != messages.SUCCESS]
    admin_messages.success(request, text, buttons=buttons)


def page_form_action(post):
    """Which button of the page editor was used: "publish", "submit", "save", or None for the
    moderators' workflow actions."""
    if "action-workflow-action" in post or "action-cancel-workflow" in post:
        return None
    if "action-submit" in post or "action-restart-workflow" in post:
        return "submit"
    return "publish" if "action-publish" in post else "save"


def page_saved_message(action, page):
    """(sentence, buttons) for what `action` did with `page`."""
    name = f"‘{page.get_admin_display_title()}’"
    workflow_state = page.current_workflow_state
    waiting = workflow_state is not None and workflow_state.status in (
        workflow_state.STATUS_IN_PROGRESS,
        workflow_state.STATUS_NEEDS_CHANGES,
    )
    if action == "submit" and waiting:
        return (
            f"{name} is naar de redactie gestuurd. U krijgt bericht als de redactie ernaar heeft gekeken.",
            [],
        )
    if action == "publish":
        scheduled = page.scheduled_revision
        if scheduled is not None and scheduled.approved_go_live_at > timezone.now():
            moment = timezone.localtime(scheduled.approved_go_live_at)
            when = f"{date_format(moment, 'j F')} om {date_format(moment, 'H:i')}"
            return f"{name} komt op {when} op de site.", []
        if page.live and not page.has_unpublished_changes:
            url = page.get_url()
            buttons = [admin_messages.button(url, "Bekijk op de site")] if url else []
            return f"{name} staat nu op de site.", buttons
    if waiting:
        return f"Uw wijzigingen in {name} zijn bewaard. De redactie kijkt er nog naar.", []
    if page.live:
        return f"Uw wijzigingen in {name} zijn bewaard, maar staan nog niet op de site.", []
    return f"{name} is bewaard, maar staat nog niet op de site.", []


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
