from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CalendarSource, EventSubmission, Location


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "site"
    menu_label = "Plekken"
    list_display = ["name", "address"]
    search_fields = ["name", "address"]


class CalendarSourceViewSet(SnippetViewSet):
    model = CalendarSource
    icon = "calendar-alt"
    menu_label = "Agenda's van partners"
    list_display = ["name", "url", "active", "status"]
    list_filter = ["active"]


class EventSubmissionViewSet(SnippetViewSet):
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
