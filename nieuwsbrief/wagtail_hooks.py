from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.snippets import PrivateSnippetViewSet

from . import admin_views, editions
from .models import Edition, Subscriber


class EditionViewSet(SnippetViewSet):
    model = Edition
    icon = "mail"
    menu_label = "Nieuwsbrieven"
    list_display = ["subject", "scheduled_at", "status"]
    list_filter = ["status"]
    copy_view_enabled = False


class SubscriberViewSet(PrivateSnippetViewSet):
    model = Subscriber
    icon = "user"
    menu_label = "Abonnees"
    list_display = ["email", "topics_text", "created_at", "confirmed_at"]
    search_fields = ["email"]
    add_view_enabled = False
    inspect_view_enabled = True


class NewsletterViewSetGroup(SnippetViewSetGroup):
    items = (EditionViewSet, SubscriberViewSet)
    menu_icon = "mail"
    menu_label = "Nieuwsbrief"
    menu_name = "nieuwsbrief"
    menu_order = 230


register_snippet(NewsletterViewSetGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("nieuwsbrief/<int:pk>/versturen/", admin_views.send_page, name="nieuwsbrief_send"),
        path("nieuwsbrief/<int:pk>/versturen/doe/", admin_views.act, name="nieuwsbrief_act"),
        path("nieuwsbrief/<int:pk>/voorbeeld/<str:mode>/", admin_views.preview, name="nieuwsbrief_preview"),
    ]


@hooks.register("register_snippet_listing_buttons")
def send_button(snippet, user, next_url=None):
    if isinstance(snippet, Edition) and user.has_perm("nieuwsbrief.change_edition"):
        label = "Testen en versturen" if snippet.is_editable else "Hoe ging het versturen?"
        yield ListingButton(label, reverse("nieuwsbrief_send", args=[snippet.pk]), priority=5)


class SendMenuItem(ActionMenuItem):
    name = "action-nieuwsbrief-send"
    label = "Testen en versturen"
    icon_name = "mail"

    def is_shown(self, context):
        return context.get("view") == "edit" and isinstance(context.get("instance"), Edition)

    def get_url(self, parent_context):
        return reverse("nieuwsbrief_send", args=[parent_context["instance"].pk])


@hooks.register("register_snippet_action_menu_item")
def send_menu_item(model):
    if model is Edition:
        return SendMenuItem(order=5)
    return None


@hooks.register("after_create_snippet")
def fill_a_new_edition(request, instance):
    """An edition made by hand starts like the weekly draft: the week's activities and news and
    a theme in the spotlight, unless the editor chose items already."""
    if isinstance(instance, Edition):
        editions.fill(instance)
