"""Keep the feeds' validators honest: anything the agenda shows that changes moves the
agenda's change stamp (the page cache itself is keyed on home's content version)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.cache import bump_content_version
from home.models import Organisation, Theme

from .feeds import bump_shared, mark_changed
from .models import EventPage, Location


def _page_changed(sender=None, instance=None, **kwargs):
    """A page that is not an event (a group's page) changed: names in the feeds may differ."""
    if instance is None or isinstance(instance, EventPage):
        return
    if instance.content_type_id != _event_type_id():
        bump_shared()


def _event_type_id():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(EventPage).pk


def connect():
    page_published.connect(mark_changed, dispatch_uid="agenda-changed-published")
    page_unpublished.connect(mark_changed, dispatch_uid="agenda-changed-unpublished")
    post_delete.connect(mark_changed, sender=Page, dispatch_uid="agenda-changed-page-delete")
    for model in (Theme, Organisation, Location):
        post_save.connect(mark_changed, sender=model, dispatch_uid=f"agenda-changed-{model.__name__}")
        post_delete.connect(mark_changed, sender=model, dispatch_uid=f"agenda-changed-del-{model.__name__}")
    # Names shown in every VEVENT (cached per event in agenda.feeds).
    page_published.connect(_page_changed, dispatch_uid="agenda-shared-published")
    page_unpublished.connect(_page_changed, dispatch_uid="agenda-shared-unpublished")
    post_delete.connect(_page_changed, sender=Page, dispatch_uid="agenda-shared-page-delete")
    post_page_move.connect(bump_shared, dispatch_uid="agenda-shared-moved")
    post_page_move.connect(mark_changed, dispatch_uid="agenda-changed-moved")
    for model in (Theme, Organisation, Location):
        post_save.connect(bump_shared, sender=model, dispatch_uid=f"agenda-shared-{model.__name__}")
        post_delete.connect(bump_shared, sender=model, dispatch_uid=f"agenda-shared-del-{model.__name__}")
    # Places are our snippet: their changes must also empty the page cache.
    post_save.connect(bump_content_version, sender=Location, dispatch_uid="agenda-bump-location")
    post_delete.connect(bump_content_version, sender=Location, dispatch_uid="agenda-bump-location-del")
