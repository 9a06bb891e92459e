"""Uploaded files, served by Django where no web server does it (`make run`, the tests).

Production serves /media/ from nginx with the same rules (docs/deploy.md): pictures as
pictures, anything else as a download, never as a page that could run a script, and every
answer with `nosniff` and a policy that allows no script at all. Documents are only served by
Wagtail's own view, which checks the collection's privacy and names the download."""

from csp.decorators import csp
from django.conf import settings
from django.http import Http404
from django.views.static import serve

IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif", "image/avif"}
# No script, no style, no form, no frame: even an HTML file opened here does nothing.
MEDIA_POLICY = {"default-src": ["'none'"], "img-src": ["'self'"], "sandbox": True}


@csp(MEDIA_POLICY)
def serve_media(request, path):
    if path.startswith("documents/"):
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if response["Content-Type"].split(";")[0].strip() not in IMAGE_TYPES:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    return response
