"""Keep the feeds' validators honest: anything the agenda shows that changes moves the
agenda's change stamp (the page cache itself is keyed on home's content version)."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import post_page_move

from home.cache import bump_content_version
from home.models import Organisation, Theme
from home.signals import connect_to_changes

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
    connect_to_changes(mark_changed, "agenda-changed", (Theme, Organisation, Location))
    # Names shown in every VEVENT (cached per event in agenda.feeds).
    connect_to_changes(_page_changed, "agenda-shared")
    post_page_move.connect(bump_shared, dispatch_uid="agenda-shared-moved")
    post_page_move.connect(mark_changed, dispatch_uid="agenda-changed-moved")
    connect_to_changes(bump_shared, "agenda-shared", (Theme, Organisation, Location), pages=False)
    # Places are our snippet: their changes must also empty the page cache.
    post_save.connect(bump_content_version, sender=Location, dispatch_uid="agenda-bump-location")
    post_delete.connect(bump_content_version, sender=Location, dispatch_uid="agenda-bump-location-del")
