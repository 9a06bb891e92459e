import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stevenshof.settings.production")

application = get_wsgi_application()

# Import every urls.py (Wagtail's admin among them) and compile their patterns now, as each
# worker starts, instead of in the first request that misses the page cache: behind the page
# cache a worker can answer hits for hours before that, and then one visitor waited seconds.
from django.urls import get_resolver  # noqa: E402 - needs the application set up

get_resolver().reverse_dict  # noqa: B018 - evaluated for its side effect
