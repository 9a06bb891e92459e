from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from home import routing
from home import views as home_views
from stevenshof.admin_login import RateLimitedLoginView, RateLimitedPasswordResetView, django_admin_login
from stevenshof.media import serve_media

urlpatterns = [
    # One login for both admins: Django's admin login has no rate limit, so it sends people to the
    # Wagtail admin's (same session, same next page).
    path("django-admin/login/", django_admin_login),
    path("django-admin/", admin.site.urls),
    # Before Wagtail's own login and password reset views, which have no rate limit.
    path("admin/login/", RateLimitedLoginView.as_view(), name="wagtailadmin_login"),
    path(
        "admin/password_reset/", RateLimitedPasswordResetView.as_view(), name="wagtailadmin_password_reset"
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("zoeken/", home_views.search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("health/", home_views.health, name="health"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("accounts/", include("allauth.urls")),
    path("smoelenboek/", include("smoelenboek.urls")),
    path("nieuwsbrief/", include("nieuwsbrief.urls")),
    path("", include("kanalen.urls")),
    # Feeds and routes of the agenda, the initiatives and the guide come before Wagtail's catch-all.
    path("", include("home.share.urls")),
    path("", include("agenda.urls")),
    path("", include("initiatieven.urls")),
    path("", include("initiatieven.guide.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
if settings.SERVE_MEDIA:
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_media)]

# Wagtail's pages, through its own serve view with the route remembered per worker (home/routing.py).
urlpatterns += [re_path(serve_pattern, routing.serve, name="wagtail_serve"), path("", include(wagtail_urls))]
