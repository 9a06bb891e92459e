"""Admin panel helpers that several apps share."""

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PublishingPanel
from wagtail.models import Page


def read_only_panels(*names):
    """Panels that show what a resident sent in, which editors may read but not change."""
    return [FieldPanel(name, read_only=True) for name in names]


def promote_panels_for(permission):
    """Wagtail's Promote tab (web address, texts for search engines, site menus) for those
    with `permission` only. A volunteer needs none of it: the web address follows the title
    by itself (home/page_forms.py). Without the permission the fields are left out of the form
    altogether, so what a web editor set there is kept when a volunteer saves."""
    return [
        MultiFieldPanel(
            [
                FieldPanel("slug", permission=permission),
                FieldPanel("seo_title", permission=permission),
                FieldPanel("search_description", permission=permission),
            ],
            heading="Voor zoekmachines",
        ),
        MultiFieldPanel(
            [FieldPanel("show_in_menus", permission=permission)], heading="Voor menu's op de site"
        ),
    ]


def settings_panels_for(permission):
    """Wagtail's settings (publish and unpublish at a set moment) for those with `permission`
    only; the rest of Page.settings_panels (comments) stays for everyone."""
    publishing = PublishingPanel(permission=permission)
    for child in publishing.children:
        child.permission = permission  # leaves the date fields out of the form, not only the view
    return [publishing, *Page.settings_panels[1:]]
