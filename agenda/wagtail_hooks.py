from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.snippets import PrivateSnippetViewSet

from .admin_views import import_now
from .models import CalendarSource, EventSubmission, Location


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "site"
    menu_label = "Plekken"
    list_display = ["name", "address"]
    search_fields = ["name", "street"]


class CalendarSourceViewSet(SnippetViewSet):
    model = CalendarSource
    icon = "calendar-alt"
    menu_label = "Agenda's van partners"
    list_display = ["name", "url", "active", "status"]
    list_filter = ["active"]


class EventSubmissionViewSet(PrivateSnippetViewSet):
    model = EventSubmission
    icon = "mail"
    menu_label = "Aangemeld via de site"
    list_display = ["page", "name", "email", "organiser", "created_at"]


class AgendaViewSetGroup(SnippetViewSetGroup):
    items = (LocationViewSet, CalendarSourceViewSet, EventSubmissionViewSet)
    menu_icon = "date"
    menu_label = "Agenda"
    menu_name = "agenda"
    menu_order = 220


register_snippet(AgendaViewSetGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("agenda/ophalen/<int:pk>/", import_now, name="agenda_import_now")]


@hooks.register("register_snippet_listing_buttons")
def import_now_button(snippet, user, next_url=None):
    if isinstance(snippet, CalendarSource) and user.has_perm("agenda.change_calendarsource"):
        yield ListingButton("Nu ophalen", reverse("agenda_import_now", args=[snippet.pk]), priority=30)
