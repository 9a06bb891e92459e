from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .cache import SCOPES, bump, bump_content_version
from .models import DRAFT_FIELDS, Organisation, SiteSettings, Theme

# What each shared snippet shows up in (see home/cache.py SCOPES).
SNIPPET_SCOPES = {
    Theme: ("home", "events", "news", "groups", "guide"),
    Organisation: ("events", "guide"),
    SiteSettings: ("settings",),
    Site: SCOPES,
    # A section made private (or public again) leaves (or joins) every listing, menu and feed.
    PageViewRestriction: SCOPES,
}
IMAGE_SCOPES = ("home", "pages", "events", "news", "groups", "guide")  # a new focal point, a new file


def connect_to_changes(receiver, uid, models=(), pages=True):
    """Call `receiver` when a page is published, unpublished or deleted (unless pages=False) and
    when one of `models` is saved or deleted. Shared with the agenda so both caches hear the same
    events; `uid` keeps every connection single."""
    if pages:
        page_published.connect(receiver, dispatch_uid=f"{uid}-published")
        page_unpublished.connect(receiver, dispatch_uid=f"{uid}-unpublished")
        post_delete.connect(receiver, sender=Page, dispatch_uid=f"{uid}-page-delete")
    for model in models:
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-{model.__name__}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-del-{model.__name__}")


def page_scopes(page, structure=False):
    """The scopes a change of this page touches: those its type names (all of them when it names
    none), and the menu when the page is in it or above others (the breadcrumbs), or when the
    tree itself changed (an unpublish, a move, a delete)."""
    specific_class = page.specific_class or type(page)
    scopes = list(getattr(specific_class, "cache_scopes", SCOPES))
    if structure or page.depth <= 3 or not page.is_leaf():
        scopes.append("menu")
    return scopes


def _page_saved(sender=None, instance=None, raw=False, update_fields=None, **kwargs):
    """Every save of a page but a draft's (a publish, the import, `page.save()` in a shell)."""
    if raw or not isinstance(instance, Page):
        return
    if update_fields is not None and set(update_fields) <= DRAFT_FIELDS:
        return
    bump(*page_scopes(instance))
    # A page saved without a publish (a shell, a script) changes what visitors see too.
    bump_content_version()


def _page_left(sender=None, instance=None, **kwargs):
    """Unpublished, deleted or moved: gone from listings, menus and breadcrumbs."""
    page = instance if instance is not None else kwargs.get("page")
    if isinstance(page, Page):
        bump(*page_scopes(page, structure=True))


def _snippet_changed(sender=None, instance=None, raw=False, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= {"file_size", "file_hash"}:
        return  # an image's size or hash filled in while it is shown
    if not raw:
        bump(*SNIPPET_SCOPES.get(sender, IMAGE_SCOPES))


def connect():
    connect_to_changes(
        bump_content_version, "home-bump", (Theme, Organisation, SiteSettings, PageViewRestriction)
    )
    # The scoped versions of cached fragments (home/cache.py).
    post_save.connect(_page_saved, dispatch_uid="home-scopes-page-saved")
    page_unpublished.connect(_page_left, dispatch_uid="home-scopes-unpublished")
    post_delete.connect(_page_left, sender=Page, dispatch_uid="home-scopes-deleted")
    post_page_move.connect(_page_left, dispatch_uid="home-scopes-moved")
    for model in [*SNIPPET_SCOPES, get_image_model()]:
        post_save.connect(_snippet_changed, sender=model, dispatch_uid=f"home-scopes-{model.__name__}")
        post_delete.connect(_snippet_changed, sender=model, dispatch_uid=f"home-scopes-del-{model.__name__}")
