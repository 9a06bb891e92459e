"""Settings shared by every environment. Environment-specific files import from here."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The proxies (nginx) whose X-Forwarded-For is believed; see smoelenboek/adapter.py.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")

INSTALLED_APPS = [
    "home",
    "home.share",
    "initiatieven",
    "initiatieven.guide",
    "agenda",
    "smoelenboek",
    "nieuwsbrief",
    "kanalen",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "lucide",
    "csp",
    "post_office",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",  # Django's widget templates for FORM_RENDERER below
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "stevenshof.middleware.StripNulBytesMiddleware",
    # Compresses public responses, after the ETags are compared and outside the page cache,
    # which keeps one plain copy for every visitor (see its docstring for what stays plain).
    "stevenshof.middleware.PublicGZipMiddleware",
    # Outside the page cache, so a cached page or feed still answers If-None-Match with a 304.
    "django.middleware.http.ConditionalGetMiddleware",
    "stevenshof.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "stevenshof.middleware.SiteCSPMiddleware",
    "stevenshof.middleware.PermissionsPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Content Security Policy: no inline or third-party scripts. Inline styles stay allowed
# because the Wagtail admin sets style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": [
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"

ROOT_URLCONF = "stevenshof.urls"
WSGI_APPLICATION = "stevenshof.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Every form field is drawn with one template, components/form_field.html (see home/forms.py).
FORM_RENDERER = "home.forms.SiteFormRenderer"

# Database: SQLite by default (make run), PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The background worker writes to the same SQLite file as the web server (make run):
    # a transaction takes its write lock when it begins and waits for the other, instead of
    # failing with "database is locked" halfway.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)

# Cache: local memory by default, Redis when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis, except that a lock asked for while Redis is down is granted (fail open).
            "BACKEND": "stevenshof.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "stevenshof"),
            # A Redis outage degrades the cache instead of failing the request. A Redis that
            # answers does so in a millisecond; one that hangs costs this much per cache call
            # (a login makes about 30), while a stopped one refuses at once.
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.25},
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background tasks (django-tasks). "default" runs Wagtail's own tasks (search index, reference
# index, image and file clean-up) at once, as before, so they never wait for a worker.
# "background" is the database queue for slow work such as fetching partner calendars; the worker
# `manage.py db_worker --backend background` runs it (`make run` starts one; docs/deploy.md).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# Anonymous public pages are cached this long; 0 switches the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# How long a worker may trust the content version it read (see home/cache.py).
PAGE_CACHE_VERSION_SECONDS = float(os.environ.get("PAGE_CACHE_VERSION_SECONDS", "0.1"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# The project's own Dutch for words of Wagtail, Django and allauth (allauth's Dutch says "je"
# where this site says "u"); the compiled django.mo is committed.
LOCALE_PATHS = [PROJECT_DIR / "locale"]

STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Django serves uploads itself only where no web server does (make run, the tests); see
# stevenshof/media.py and the nginx block in docs/deploy.md.
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "") == "1"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploads: keep requests small; image and document limits are set below.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
# The mail queue (django-post-office): in production every mail is stored first and sent by
# `manage.py send_queued_mail` (cron, every minute), which retries when the mail server is down.
POST_OFFICE = {
    "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"},
    "DEFAULT_PRIORITY": "medium",
    "MAX_RETRIES": 6,
    "RETRY_INTERVAL": timedelta(minutes=10),
    "MESSAGE_ID_ENABLED": True,
    "LOG_LEVEL": 1,  # keep a log of failures only
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Stevenshof Vitaal <noreply@stevenshof.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = "Stevenshof Vitaal"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# One language and one time zone: the admin's account page then asks for neither.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands")]
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
WAGTAILADMIN_USER_LOGIN_FORM = "stevenshof.admin_login.LoginForm"
WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands")]
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # Dutch stemming on PostgreSQL: "wandelen" finds "wandeling".
        "SEARCH_CONFIG": "dutch",
    }
}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "[%(asctime)s] %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"stevenshof": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests from the admin
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin calls no outside servers


# --- agenda (wijkagenda) -------------------------------------------------------------------
# The iCal feeds keep each event's VEVENT in a cache of their own, so they never push cached
# pages out of a small local-memory cache (Redis keeps them under their own key prefix).
CACHES["agenda"] = {**CACHES["default"], "KEY_PREFIX": CACHES["default"].get("KEY_PREFIX", "") + "-agenda"}
if "redis" not in CACHES["agenda"]["BACKEND"]:
    # A local-memory cache needs a LOCATION of its own, or it shares the default's storage.
    CACHES["agenda"].update(LOCATION="agenda", OPTIONS={"MAX_ENTRIES": 20_000})
# The waiting-room screen (kanalen/): seconds each item shows, and between two fetches of new content.
KANALEN_SCREEN_ROTATE_SECONDS = 15
KANALEN_SCREEN_REFRESH_SECONDS = 5 * 60
AGENDA_FEED_PAST_DAYS = 30  # events that ended longer ago drop out of the feeds
AGENDA_FEED_REFRESH_HOURS = 6  # REFRESH-INTERVAL / X-PUBLISHED-TTL hint for calendar apps
AGENDA_MAX_REPEAT_DAYS = 2 * 366  # a recurrence never runs longer than this
AGENDA_MAX_OCCURRENCES = 500  # nor more often than this
# Messages from the site's forms ("Doe mee", activities sent in) are deleted after this many
# days by `manage.py purge_personal_data` (daily cron job).
PERSONAL_DATA_RETENTION_DAYS = int(os.environ.get("PERSONAL_DATA_RETENTION_DAYS", "365"))
AGENDA_EDITORS_GROUP = "Agenda-redactie"  # who gets an e-mail about a new activity
AGENDA_EDITOR_EMAILS = [e for e in os.environ.get("AGENDA_EDITOR_EMAILS", "").split(",") if e]
AGENDA_UID_DOMAIN = os.environ.get("AGENDA_UID_DOMAIN", "stevenshofvitaal.nl")  # never change it
# Partner calendars are fetched by the background worker (agenda/tasks.py, agenda/fetching.py).
AGENDA_IMPORT_TIMEOUT = 10  # seconds to connect, and at most between two parts of the answer
AGENDA_IMPORT_DEADLINE = 20  # seconds for the whole fetch, redirects included; then it is stopped
AGENDA_IMPORT_PORTS = [80, 443]  # the usual web ports only: no other services on a partner's host
# Only for tests against a local server; loopback and private addresses are always refused in
# production (settings/production.py).
AGENDA_IMPORT_ALLOW_LOOPBACK = False
AGENDA_IMPORT_MAX_BYTES = 2 * 1024 * 1024
AGENDA_IMPORT_MAX_EVENTS = 1000
AGENDA_IMPORT_FILE_DIRS = [BASE_DIR / "agenda" / "demo_feeds"]  # file:// sources may only be read from here


# --- initiatieven (groups, news) ----------------------------------------------------------


# --- wat kun je doen in de wijk (the guide) -----------------------------------------------
# The printed guide (gids.pdf) and the posters are cached this long per content version; any
# publish or theme/organisation change makes a new version, so this only bounds memory use.
GUIDE_PDF_CACHE_SECONDS = int(os.environ.get("GUIDE_PDF_CACHE_SECONDS", str(7 * 24 * 3600)))


# --- smoelenboek (accounts, profiles) -----------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Every page under these prefixes is personal: noindex and Cache-Control private.
MIDDLEWARE = [*MIDDLEWARE, "smoelenboek.middleware.PrivatePagesMiddleware"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "smoelenboek:directory"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "smoelenboek.forms.SignupNameForm"
# A sign-up for a known address hashes the password too, so the time tells nobody who has an account.
ACCOUNT_FORMS = {"signup": "smoelenboek.signup.SignupForm"}
ACCOUNT_ADAPTER = "smoelenboek.adapter.AccountAdapter"
ACCOUNT_USER_DISPLAY = "smoelenboek.adapter.greeting_name"  # greeted by name, never by e-mail address
ACCOUNT_CHANGE_EMAIL = True  # one e-mail address per account; changing it needs a new confirmation
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # a link preview in a mail program must not confirm
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Stevenshof Vitaal: "
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_NOTIFICATIONS = True  # mail the member when the password or e-mail changes
# Members choose their own passwords: at least 10 characters, with a Dutch message.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "smoelenboek.validators.DutchMinimumLengthValidator", "OPTIONS": {"min_length": 10}}
    if v["NAME"].endswith("MinimumLengthValidator")
    else v
    for v in AUTH_PASSWORD_VALIDATORS
]
# Rate limits are counted in the cache (Redis in production), so they hold across workers.
# The site's own forms use the same limiter (home/ratelimit.py), under their own action names.
ACCOUNT_RATE_LIMITS = {
    "doe_mee": "3/m/ip",  # "Doe mee" with a group
    "agenda_submit": "5/h/ip",  # "Activiteit aanmelden"
    "agenda_resend": "5/h/ip",  # a new confirmation link for a sent-in activity
    "delete_account": "5/h/user,10/h/ip",  # "Verwijder mijn account" asks for the password
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "5/h/ip",
    "nieuwsbrief": "5/h/ip",  # "Ontvang de nieuwsbrief"
    "reset_password": "10/h/ip,3/h/key",
    "reset_password_from_key": "20/h/ip",
    "confirm_email": "1/3m/key",
    "manage_email": "10/h/user",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
}

# Member photos live outside MEDIA_ROOT and are only served by a view that checks access.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
SMOELENBOEK_PHOTO_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
SMOELENBOEK_PHOTO_MAX_PIXELS = 30_000_000
SMOELENBOEK_BEHEER_GROUP = "Smoelenboek-beheer"


# --- nieuwsbrief (the weekly newsletter) --------------------------------------------------
# The newsletter's own mail backend: empty = EMAIL_BACKEND (the mail queue of post_office is
# skipped, see nieuwsbrief/mail.py). In production an ESP through django-anymail goes here.
NIEUWSBRIEF_EMAIL_BACKEND = os.environ.get("NIEUWSBRIEF_EMAIL_BACKEND", "")
NIEUWSBRIEF_RATE_PER_MINUTE = int(os.environ.get("NIEUWSBRIEF_RATE_PER_MINUTE", "300"))
# Mails per run of the send task (at most the rate per minute).
NIEUWSBRIEF_BATCH_SIZE = int(os.environ.get("NIEUWSBRIEF_BATCH_SIZE", "100"))
NIEUWSBRIEF_MAX_ATTEMPTS = 5  # tries per reader when their mail server answers "later"
NIEUWSBRIEF_RETRY_MINUTES = [1, 5, 15, 60, 240]  # back-off after a failure; the last one repeats
NIEUWSBRIEF_MAX_SERVER_FAILURES = 12  # then sending pauses until an editor clicks "Opnieuw proberen"
NIEUWSBRIEF_LEASE_MINUTES = 10  # a batch unfinished after this long belongs to a worker that died
NIEUWSBRIEF_NEWS_WEEKS = 2  # news this many weeks old or newer may go in an edition
