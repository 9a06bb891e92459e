"""RSS and Atom feeds of the news: all news of the current site, and per group."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from home.models import site_for

from .models import InitiatiefPage, NewsIndexPage, attach_groups, news_of_site

FEED_ITEMS = 20


class NewsFeed(Feed):
    description = "Het laatste nieuws van de initiatiefgroepen in de Stevenshof."

    def get_object(self, request, slug=None):
        site = site_for(request)
        group = None
        if slug is not None:
            group = InitiatiefPage.objects.live_in(site).filter(slug=slug).first()
            if group is None:
                raise Http404("Deze groep bestaat niet.")
        return {"site": site, "group": group, "request": request}

    def title(self, obj):
        name = obj["site"].site_name if obj["site"] and obj["site"].site_name else "Stevenshof Vitaal"
        if obj["group"]:
            return f"Nieuws van {obj['group'].title} | {name}"
        return f"Nieuws | {name}"

    def link(self, obj):
        if obj["group"]:
            return obj["group"].get_full_url(obj["request"])
        index = NewsIndexPage.objects.live()
        if obj["site"] is not None:
            index = index.in_site(obj["site"])
        index = index.first()
        return index.get_full_url(obj["request"]) if index else "/nieuws/"

    def items(self, obj):
        news = news_of_site(obj["site"])
        if obj["group"]:
            news = news.child_of(obj["group"])
        items = attach_groups(news[:FEED_ITEMS])
        for item in items:
            item.__dict__["feed_link"] = item.get_full_url(obj["request"])
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.feed_link

    def item_pubdate(self, item):
        # The date the site shows on the news item; the publishing time when it went online that day.
        published = item.first_published_at
        if published and timezone.localdate(published) == item.date:
            return published
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time.min))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.group.title] if item.group else []


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
