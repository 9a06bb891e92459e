"""The share images are drawn by the background worker (`manage.py db_worker --backend
background`) after a publish, never in a visitor's or an editor's request."""

from django_tasks import task
from wagtail.models import Page

from .cards import build, forget


@task(backend="background")
def build_share_image(page_id):
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None:
        forget(page_id)
        return ""
    page = page.specific
    if not hasattr(page, "share_card"):
        return ""
    return build(page.pk, page.share_card())


def queue_share_image(page_id):
    build_share_image.enqueue(page_id)
