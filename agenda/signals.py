"""Keep the feeds' validators honest: anything the agenda shows that changes moves the
agenda's change stamp (the page cache itself is keyed on home's content version)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from home.cache import bump_content_version
from home.models import Organisation, Theme

from .feeds import mark_changed
from .models import Location


def connect():
    page_published.connect(mark_changed, dispatch_uid="agenda-changed-published")
    page_unpublished.connect(mark_changed, dispatch_uid="agenda-changed-unpublished")
    post_delete.connect(mark_changed, sender=Page, dispatch_uid="agenda-changed-page-delete")
    for model in (Theme, Organisation, Location):
        post_save.connect(mark_changed, sender=model, dispatch_uid=f"agenda-changed-{model.__name__}")
        post_delete.connect(mark_changed, sender=model, dispatch_uid=f"agenda-changed-del-{model.__name__}")
    # Places are our snippet: their changes must also empty the page cache.
    post_save.connect(bump_content_version, sender=Location, dispatch_uid="agenda-bump-location")
    post_delete.connect(bump_content_version, sender=Location, dispatch_uid="agenda-bump-location-del")
