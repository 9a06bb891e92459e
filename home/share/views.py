import logging

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse
from django.views.decorators.http import require_GET
from wagtail.models import Page

from .cards import DEFAULT_IMAGE, stored_name

logger = logging.getLogger(__name__)

A_YEAR = 365 * 24 * 3600
REQUEUE_SECONDS = 300


@require_GET
def share_image(request, page_id, digest):
    """A page's share image by the name its current card has. Until the worker has drawn it
    (right after a change of a theme or place, or when a worker missed it) the site's default
    image, for a few minutes only, and the worker is asked to draw it. Never an error: a link
    preview is made once and kept by the app that made it."""
    name = stored_name(page_id, digest)
    try:
        if default_storage.exists(name):
            response = FileResponse(default_storage.open(name), content_type="image/png")
            response["Cache-Control"] = f"public, max-age={A_YEAR}, immutable"
            return response
        if (
            cache.add(f"share:queued:{page_id}", 1, REQUEUE_SECONDS)
            and Page.objects.live().filter(pk=page_id).exists()
        ):
            from .tasks import queue_share_image

            queue_share_image(page_id)
    except Exception:
        logger.exception("Share image %s could not be served", name)
    return default_image_response()


def default_image_response():
    with open(finders.find(DEFAULT_IMAGE), "rb") as file:
        response = HttpResponse(file.read(), content_type="image/png")
    response["Cache-Control"] = f"public, max-age={REQUEUE_SECONDS}"
    return response
