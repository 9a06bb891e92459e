"""Keep the feeds honest, in whichever process a change is made (the admin, `manage.py shell`,
the import): what they show is read from the database (agenda/feeds.py), and these receivers
write the two stamps the rows themselves cannot hold.

- `EventPage.feed_changed_at`: a name or place an event shows changed without a publish of the
  event (its place, a theme, its organisation or group was renamed). It moves the event's
  DTSTAMP, LAST-MODIFIED and SEQUENCE, so calendar apps see the change, and its cached VEVENT.
- `FeedStamp`: something took events out of a feed or changed a feed's name (an unpublish, a
  delete, a move, a publish that changes a theme or organiser). It moves the validators.

The page cache itself is keyed on home's content version."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.signals import page_published, post_page_move, workflow_approved, workflow_rejected

from home.cache import bump, bump_content_version
from home.models import Organisation, Theme
from home.signals import connect_to_changes

from .feeds import mark_changed
from .models import EventPage, EventSubmission, Location


def _touch(events):
    """The events' iCal shows something new: move their own stamp."""
    events.update(feed_changed_at=timezone.now())


def _page_changed(sender=None, instance=None, **kwargs):
    """A page was published, unpublished or deleted. A deleted page, an event, or a page above
    events (their addresses, a group's feed) moves the feeds' validators; a news item or an
    offer does not."""
    if not isinstance(instance, Page) or kwargs.get("raw"):
        return
    deleted = sender is Page
    shown = isinstance(instance, EventPage) or _is_group(instance)
    if deleted or shown or EventPage.objects.descendant_of(instance).exists():
        mark_changed()


def _is_group(page):
    return getattr(page.specific_class, "is_initiatief_group", False)


def _group_published(sender=None, instance=None, **kwargs):
    """A group's name is shown as the organiser of its events."""
    if instance is not None and _is_group(instance):
        _touch(EventPage.objects.filter(organiser_group_id=instance.pk))


def _place_changed(sender=None, instance=None, **kwargs):
    if not kwargs.get("raw"):
        _touch(EventPage.objects.filter(location_id=instance.pk))


def _theme_changed(sender=None, instance=None, **kwargs):
    if not kwargs.get("raw"):
        _touch(EventPage.objects.filter(themes=instance.pk))


def _organisation_changed(sender=None, instance=None, **kwargs):
    if not kwargs.get("raw"):
        _touch(EventPage.objects.filter(organiser_organisation_id=instance.pk))


def _place_changed_scopes(sender=None, instance=None, raw=False, **kwargs):
    """A place's name and address show in the agenda's cached fragments (home/cache.py)."""
    if not raw:
        bump("events")
def _submission_deleted(sender=None, instance=None, **kwargs):
    """An unconfirmed activity's picture goes with it (purge, account deletion), once that holds."""
    name = instance.picture.name
    if name:
        transaction.on_commit(lambda: instance.picture.storage.delete(name))


def _decided(approved):
    def receiver(sender=None, instance=None, **kwargs):
        from .submit import tell_visitors  # submit.py imports the models; loaded once ready

        page = instance.content_object
        if isinstance(page, Page) and page.specific_class is EventPage:
            transaction.on_commit(lambda: tell_visitors(page.specific, approved))

    return receiver


_approved, _rejected = _decided(True), _decided(False)


def connect():
    workflow_approved.connect(_approved, dispatch_uid="agenda-submission-approved")
    workflow_rejected.connect(_rejected, dispatch_uid="agenda-submission-rejected")
    post_delete.connect(_submission_deleted, sender=EventSubmission, dispatch_uid="agenda-submission-picture")
    connect_to_changes(_page_changed, "agenda-changed")
    connect_to_changes(mark_changed, "agenda-changed-names", (Theme, Organisation, Location), pages=False)
    post_page_move.connect(mark_changed, dispatch_uid="agenda-changed-moved")
    post_save.connect(mark_changed, sender=Site, dispatch_uid="agenda-changed-site")
    # The events that show a name: on a save, and before a delete (after it the links are gone).
    page_published.connect(_group_published, dispatch_uid="agenda-group-published")
    for model, receiver in (
        (Location, _place_changed),
        (Theme, _theme_changed),
        (Organisation, _organisation_changed),
    ):
        post_save.connect(receiver, sender=model, dispatch_uid=f"agenda-touch-{model.__name__}")
        pre_delete.connect(receiver, sender=model, dispatch_uid=f"agenda-touch-del-{model.__name__}")
    # Places are our snippet: their changes must also empty the page cache.
    post_save.connect(bump_content_version, sender=Location, dispatch_uid="agenda-bump-location")
    post_delete.connect(bump_content_version, sender=Location, dispatch_uid="agenda-bump-location-del")
    post_save.connect(_place_changed_scopes, sender=Location, dispatch_uid="agenda-scopes-location")
    post_delete.connect(_place_changed_scopes, sender=Location, dispatch_uid="agenda-scopes-location-del")
