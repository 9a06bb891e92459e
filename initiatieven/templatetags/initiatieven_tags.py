"""Template tags other templates (the home page) use to show the groups and their news.

    {% load initiatieven_tags %}
    {% latest_news 3 %}          the newest news of the current site, as cards
    {% initiatief_groups %}      all initiative groups of the current site, as cards
    {% news_feed_links %}        <link rel="alternate"> tags of the news feeds (for extra_head)
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from home.models import site_for

from ..models import InitiatiefPage, NewsIndexPage, attach_groups, news_of_site

register = template.Library()


def _site(context):
    request = context.get("request")
    return site_for(request)


@register.inclusion_tag("initiatieven/tags/latest_news.html", takes_context=True)
def latest_news(context, count=3, heading="Nieuws uit de wijk"):
    site = _site(context)
    items = attach_groups(news_of_site(site)[: int(count)])
    index = NewsIndexPage.objects.live()
    if site is not None:
        index = index.in_site(site)
    return {
        "items": items,
        "heading": heading,
        "index": index.first(),
        "request": context.get("request"),
    }


@register.inclusion_tag("initiatieven/tags/groups.html", takes_context=True)
def initiatief_groups(context, heading="Doe mee met een groep"):
    groups = list(InitiatiefPage.objects.live_in(_site(context)).for_cards())
    return {"groups": groups, "heading": heading, "request": context.get("request")}


@register.simple_tag
def news_feed_links():
    """The RSS and Atom feeds of all news, announced to browsers and feed readers."""
    return format_html(
        '<link rel="alternate" type="application/rss+xml" title="{}" href="{}">\n'
        '<link rel="alternate" type="application/atom+xml" title="{}" href="{}">',
        "Nieuws uit de Stevenshof (RSS)",
        reverse("initiatieven:news_rss"),
        "Nieuws uit de Stevenshof (Atom)",
        reverse("initiatieven:news_atom"),
    )
