from django.urls import path

from . import feeds, posters, submit

app_name = "agenda"

urlpatterns = [
    path("agenda/agenda.ics", feeds.feed, {"kind": "all"}, name="feed"),
    path("agenda/thema/<slug:slug>.ics", feeds.feed, {"kind": "theme"}, name="theme_feed"),
    path("agenda/groep/<slug:slug>.ics", feeds.feed, {"kind": "group"}, name="group_feed"),
    path(
        "agenda/organisatie/<slug:slug>.ics", feeds.feed, {"kind": "organisation"}, name="organisation_feed"
    ),
    path("agenda/activiteit/<int:pk>.ics", feeds.feed, {"kind": "event"}, name="event_feed"),
    path("agenda/activiteit/<int:pk>/flyer.pdf", posters.flyer, name="flyer"),
    path("agenda/deze-week.pdf", posters.poster, name="poster"),
    path("agenda/aanmelden/", submit.submit_event, name="submit"),
    path("agenda/aanmelden/bedankt/", submit.submit_done, name="submit_done"),
    path("agenda/aanmelden/kijk-in-uw-e-mail/", submit.check_mail, name="submit_check_mail"),
    path("agenda/aanmelden/bevestig/<str:token>/", submit.confirm, name="submit_confirm"),
    path("agenda/aanmelden/nieuwe-link/", submit.resend, name="submit_resend"),
]
