from django.urls import path

from . import feeds, views

app_name = "initiatieven"

urlpatterns = [
    path("doe-mee/", views.doe_mee, name="doe_mee"),
    path("nieuws/rss/", feeds.NewsFeed(), name="news_rss"),
    path("nieuws/atom/", feeds.AtomNewsFeed(), name="news_atom"),
    path("initiatieven/<slug:slug>/rss/", feeds.NewsFeed(), name="group_news_rss"),
    path("initiatieven/<slug:slug>/atom/", feeds.AtomNewsFeed(), name="group_news_atom"),
]
