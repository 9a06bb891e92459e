"""The site's URLs with the guide's /gids.pdf addresses wired in, as the lead will do in
initiatieven/urls.py (`urlpatterns += guide_urls.urlpatterns`)."""

from django.urls import include, path

from initiatieven import guide_urls
from stevenshof import urls as site_urls

urlpatterns = [
    path("", include((guide_urls.urlpatterns, "initiatieven"))),
    *site_urls.urlpatterns,
]
