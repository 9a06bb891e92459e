"""Addresses of the printed guide that Wagtail's page URLs cannot hold (they have a dot):
/wat-kun-je-doen/gids.pdf and /wat-kun-je-doen/thema/<slug>/poster.pdf.

initiatieven/urls.py adds them (`urlpatterns += guide_urls.urlpatterns`). Without them the
guide would link to its own sub-routes /wat-kun-je-doen/gids/ and .../poster/ instead.
"""

from django.urls import re_path

from . import guide_views

urlpatterns = [
    re_path(r"^(?P<guide_path>(?:[\w\-]+/)+)gids\.pdf$", guide_views.guide_pdf_by_path, name="guide_pdf"),
    re_path(
        r"^(?P<guide_path>(?:[\w\-]+/)+)thema/(?P<slug>[\w\-]+)/poster\.pdf$",
        guide_views.poster_by_path,
        name="guide_poster",
    ),
]
