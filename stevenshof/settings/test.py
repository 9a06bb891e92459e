"""Settings for the test suite (pytest)."""

from .base import *

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
MEDIA_ROOT = BASE_DIR / ".pytest_cache" / "media"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
PAGE_CACHE_SECONDS = 0  # tests that need the page cache switch it on themselves
PRIVATE_MEDIA_ROOT = BASE_DIR / ".pytest_cache" / "private_media"
ACCOUNT_RATE_LIMITS = False  # tests of the limits switch them on themselves
SERVE_MEDIA = True  # no web server in front (stevenshof/media.py)
