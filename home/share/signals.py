from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from .cards import forget


def _published(sender=None, instance=None, **kwargs):
    """A page with a share card gets its picture drawn by the worker, not in the editor's
    request."""
    if instance is not None and hasattr(instance.specific_class, "share_card"):
        from .tasks import build_share_image

        build_share_image.enqueue(instance.pk)


def _gone(sender=None, instance=None, **kwargs):
    """An unpublished or deleted page's picture goes too: its address showed what it said."""
    if hasattr(instance.specific_class or object, "share_card"):
        forget(instance.pk)


def connect():
    page_published.connect(_published, dispatch_uid="share-image-published")
    page_unpublished.connect(_gone, dispatch_uid="share-image-unpublished")
    post_delete.connect(_gone, sender=Page, dispatch_uid="share-image-deleted")
