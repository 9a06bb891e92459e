"""Admin hooks of the guide "Wat kun je doen in de wijk".

- Organisation editors: a snippet links a user group to organisations; its members edit
  only those organisations' offers (see OfferPermissionTester in guide_models.py).
- The B1 check: a small panel under every long text field of the page and snippet editors
  (guide-b1.js asks /admin/gids/b1-check/ while the editor types), and a message after saving.
  It advises; it never blocks publishing.
"""

import json

from django.contrib import messages
from django.db.models import Q
from django.http import JsonResponse
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import guide_b1
from .guide_models import OfferPage, OrganisationEditors, ThemeIndexPage, editor_scope

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
    return JsonResponse(guide_b1.analyse(text))


@hooks.register("register_admin_urls")
def register_b1_url():
    return [path("gids/b1-check/", b1_check_view, name="guide_b1_check")]


@hooks.register("insert_editor_js")
def b1_editor_js():
    from django.urls import reverse

    return format_html(
        '<link rel="stylesheet" href="{}"><script src="{}" data-b1-url="{}" defer></script>',
        static("initiatieven/guide-b1.css"),
        static("initiatieven/guide-b1.js"),
        reverse("guide_b1_check"),
    )


def b1_messages(request, instance):
    """After saving: one advisory message per long text field that is not green."""
    for label, text in guide_b1.long_text_fields(instance):
        result = guide_b1.analyse(text)
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


# --- the editors of each organisation ------------------------------------------------------------
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
