"""Development: `make run`. Safe defaults, never for a public server."""

from .base import *

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-secret-key-not-for-production"
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))  # edits show at once while developing
SERVE_MEDIA = True  # no web server in front (stevenshof/media.py)
# Links in the admin's mails lead to this server, also on another port (`PORT=8123 make run`).
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
)
