from django import template
from wagtail import hooks

from home.models import Theme, site_for

register = template.Library()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """The pages directly under the site root that editors put in the menu, then the
    menu items that other apps register with the `register_main_menu_item` hook
    (for views that are not pages, such as the smoelenboek)."""
    request = context["request"]
    site = site_for(request)
    items = []
    if site:
        root = site.root_page
        # No .specific(): that costs a query per page type; the icon is a class attribute.
        for page in root.get_children().live().public().in_menu():
            icon = getattr(page.specific_class, "menu_icon", "file")
            items.append({"title": page.title, "url": page.get_url(request), "icon": icon})
    for hook in hooks.get_hooks("register_main_menu_item"):
        item = hook(request)
        if item:
            items.append(item)
    current = request.path
    for item in items:
        item["active"] = current.startswith(item["url"]) and item["url"] != "/"
    return {"items": items, "request": request}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": []}
    ancestors = list(page.get_ancestors().filter(depth__gte=2).live())
    request = context["request"]
    if request.path != page.get_url(request):
        # A view below the page (a routable page's /abonneren/, /thema/...): the page itself is
        # the step back.
        ancestors.append(page)
    return {"ancestors": ancestors, "request": request}


@register.simple_tag
def all_themes():
    return list(Theme.objects.all())
