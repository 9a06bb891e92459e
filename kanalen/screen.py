"""What a waiting-room screen shows: items in turn (activities, news, offers of the guide), each
with a QR code to its page, and the activities of the next days.

Activities come from agenda.recurrence through kanalen.selection.upcoming, news from
initiatieven.models.news_of_site, offers from OfferPage.objects.live_in(guide): the one way
each is asked on the site."""

import datetime
import functools
import operator
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from agenda import recurrence
from agenda.templatetags.agenda_tags import euro
from initiatieven.guide.models import OfferPage, ThemeIndexPage
from initiatieven.models import news_of_site

from . import selection as sel
from .qr import qr_svgs

NEWS_ITEMS = 4
OFFER_ITEMS = 4
NEXT_DAYS = 3  # today and the two days after it
NEXT_DAYS_ITEMS = 8


@dataclass
class Item:
    kind: str  # "activiteit", "nieuws", "gids"
    label: str
    title: str
    url: str
    facts: list = field(default_factory=list)  # [(lucide icon, text)]
    text: str = ""
    qr: str = ""


@dataclass
class Content:
    items: list
    next_days: list  # [{"heading", "items": [occurrence]}]


def build(request, selection):
    # One look at the agenda serves the items and the next days: both start now.
    occurrences = sel.upcoming(
        selection.site,
        selection.filters,
        max(selection.limit * 3, NEXT_DAYS_ITEMS),
        include_cancelled=False,
    )
    items = []
    for kind in selection.show:
        if kind == "activiteiten":
            items += _activities(request, selection, occurrences)
        elif kind == "nieuws":
            items += _news(request, selection)
        elif kind == "gids":
            items += _offers(request, selection)
    codes = qr_svgs([(item.url, f"QR-code naar {item.title}") for item in items])
    for item, code in zip(items, codes, strict=True):
        item.qr = code
    return Content(items=items, next_days=_next_days(occurrences[:NEXT_DAYS_ITEMS]))


def _when(occ):
    day = recurrence.day_heading(occ.day)
    if occ.all_day:
        return f"{day}, de hele dag"
    if occ.end > occ.start and not occ.multi_day:
        return f"{day}, {occ.start:%H:%M} tot {occ.end:%H:%M} uur"
    return f"{day}, {occ.start:%H:%M} uur"


def _activities(request, selection, occurrences):
    seen = set()
    items = []
    for occ in occurrences:
        event = occ.event
        if event.pk in seen:  # an activity that comes back is shown once, at its next time
            continue
        seen.add(event.pk)
        facts = [("calendar-days", _when(occ))]
        if event.location_id:
            facts.append(("map-pin", event.location.name))
        elif event.online_url:
            facts.append(("monitor", "Online"))
        facts.append(("euro", euro(event.cost)))
        items.append(
            Item("activiteit", "Activiteit", event.title, event.get_full_url(request), facts, event.summary)
        )
        if len(items) >= selection.limit:
            break
    return items


def _news(request, selection):
    news = news_of_site(selection.site)
    groups = selection.filters.get("groep") or []
    if groups:  # the news of the chosen groups: the pages under theirs
        news = news.filter(functools.reduce(operator.or_, (Q(path__startswith=g.path) for g in groups)))
    return [
        Item("nieuws", "Nieuws", page.title, page.get_full_url(request), [], page.intro)
        for page in news[:NEWS_ITEMS]
    ]


def _offers(request, selection):
    guide = ThemeIndexPage.objects.live().descendant_of(selection.site.root_page, inclusive=True).first()
    if guide is None:
        return []
    offers = OfferPage.objects.live_in(guide)
    label = "Wat kunt u doen in de wijk"
    if selection.guide_theme is not None:
        offers = offers.filter(themes=selection.guide_theme)
        label = selection.guide_theme.name
    offers = offers.order_by("-last_published_at", "title")[:OFFER_ITEMS]
    return [
        Item("gids", label, offer.title, offer.get_full_url(request), [], offer.summary) for offer in offers
    ]


def _next_days(occurrences):
    today = timezone.localdate()
    last = today + datetime.timedelta(days=NEXT_DAYS - 1)
    days = []
    for occ in occurrences:
        day = max(occ.day, today)
        if day > last:
            break
        if not days or days[-1]["date"] != day:
            days.append({"date": day, "heading": recurrence.day_heading(day, today), "items": []})
        days[-1]["items"].append(occ)
    return days
