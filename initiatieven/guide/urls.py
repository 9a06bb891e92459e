"""Addresses of the printed guide that Wagtail's page URLs cannot hold (they have a dot):
/wat-kun-je-doen/gids.pdf and /wat-kun-je-doen/thema/<slug>/poster.pdf. Without them the guide
links to its own sub-routes /wat-kun-je-doen/gids/ and .../poster/ instead."""

from django.urls import re_path

from . import views

app_name = "guide"

urlpatterns = [
    re_path(r"^(?P<guide_path>(?:[\w\-]+/)+)gids\.pdf$", views.guide_pdf_by_path, name="pdf"),
    re_path(
        r"^(?P<guide_path>(?:[\w\-]+/)+)thema/(?P<slug>[\w\-]+)/poster\.pdf$",
        views.poster_by_path,
        name="poster",
    ),
]
