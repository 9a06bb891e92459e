from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Organisation, Theme


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
