import time

from django import template
from django.template.loader import render_to_string
from wagtail import hooks
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

from home.cache import cached_fragment, fragment_key
from home.models import Theme, site_for

register = template.Library()


def _page_items(request):
    """The pages directly under the site root that editors put in the menu, kept under the
    menu's content version (home/cache.py): asked once per change of the tree."""

    def make():
        items = []
        site = site_for(request)
        if site:
            root = site.root_page
            # No .specific(): that costs a query per page type; the icon is a class attribute.
            for page in root.get_children().live().public().in_menu():
                icon = getattr(page.specific_class, "menu_icon", "file")
                items.append({"title": page.title, "url": page.get_url(request), "icon": icon})
        return items

    return cached_fragment(fragment_key(request, "menu-items", ["menu"], []), make)


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """The pages directly under the site root that editors put in the menu, then the
    menu items that other apps register with the `register_main_menu_item` hook
    (for views that are not pages, such as the smoelenboek)."""
    request = context["request"]
    items = [dict(item) for item in _page_items(request)]
    for hook in hooks.get_hooks("register_main_menu_item"):
        item = hook(request)
        if item:
            items.append(item)
    current = request.path
    for item in items:
        item["active"] = current.startswith(item["url"]) and item["url"] != "/"
    return {"items": items, "request": request}


def _ancestors(page, request):
    if page is None or page.depth <= 2:
        return []
    ancestors = list(page.get_ancestors().filter(depth__gte=2).live())
    if request.path != page.get_url(request):
        # A view below the page (a routable page's /abonneren/, /thema/...): the page itself is
        # the step back.
        ancestors.append(page)
    return ancestors


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    """The trail of pages above this one, drawn once per change of the tree (titles, moves)."""
    page = context.get("page")
    request = context["request"]
    if page is None or page.depth <= 2:
        return ""

    def render():
        return render_to_string(
            "components/breadcrumbs.html", {"ancestors": _ancestors(page, request), "request": request}
        )

    if getattr(request, "is_preview", False):
        return render()
    # The page's own scopes too: its title is the last step below a routable page's sub-route.
    scopes = ["menu", *getattr(page, "cache_scopes", ())]
    return cached_fragment(fragment_key(request, "breadcrumbs", scopes, [page.pk, request.path]), render)


@register.simple_tag
def all_themes():
    return list(Theme.objects.all())


_could_edit = {}  # user id -> (may use the admin, monotonic time until which that is trusted)
COULD_EDIT_SECONDS = 300


@register.simple_tag(takes_context=True)
def editor_userbar(context, position="bottom-right"):
    """Wagtail's userbar, asked only for someone logged in, and whether they may use the admin
    remembered by each worker for a few minutes: a member gets pages without the two permission
    queries on every request. Showing it a little longer or later is harmless, the admin checks
    every request itself."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    now = time.monotonic()
    known = _could_edit.get(user.pk)
    if known is None or known[1] < now:
        if len(_could_edit) > 10_000:
            _could_edit.clear()
        known = _could_edit[user.pk] = (user.has_perm("wagtailadmin.access_admin"), now + COULD_EDIT_SECONDS)
    if not known[0]:
        return ""
    return wagtailuserbar(context, position)
