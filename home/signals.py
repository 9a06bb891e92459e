from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from .cache import bump_content_version
from .models import Organisation, SiteSettings, Theme


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


def connect():
    connect_to_changes(bump_content_version, "home-bump", (Theme, Organisation, SiteSettings))
