from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published

from .cards import forget


def _published(sender=None, instance=None, **kwargs):
    """A page with a share card gets its picture drawn by the worker, not in the editor's
    request."""
    if instance is not None and hasattr(instance.specific_class, "share_card"):
        from .tasks import build_share_image

        build_share_image.enqueue(instance.pk)


def _deleted(sender=None, instance=None, **kwargs):
    if hasattr(instance.specific_class or object, "share_card"):
        forget(instance.pk)


def connect():
    page_published.connect(_published, dispatch_uid="share-image-published")
    post_delete.connect(_deleted, sender=Page, dispatch_uid="share-image-deleted")
