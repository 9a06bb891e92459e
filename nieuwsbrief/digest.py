"""What an edition holds: the coming week's activities by day (an activity that comes more than
once that week is listed once, with its days), the latest news, a theme of the guide in the
spotlight; and the part of it one reader chose.

Occurrences come from agenda/recurrence.py, events from agenda.queries.site_events, news from
initiatieven.models.news_of_site and offers from OfferPage.objects.live_in(guide): the one way
each question is asked on the site."""

import datetime
from dataclasses import dataclass, field, replace

from django.conf import settings

from agenda import recurrence
from agenda.queries import overlapping, site_events
from home.models import Theme
from initiatieven.guide.models import OfferPage, ThemeIndexPage
from initiatieven.models import attach_groups, news_of_site

DAYS_COVERED = 7
MAX_NEWS = 6
MAX_OFFERS = 3
WEEKDAY_NAMES = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


def and_list(words):
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " en " + words[-1]


def time_text(occ):
    if occ.all_day:
        return "hele dag"
    if occ.end > occ.start:
        return f"{occ.start:%H:%M} tot {occ.end:%H:%M} uur"
    return f"{occ.start:%H:%M} uur"


@dataclass
class EventEntry:
    event: object
    occurrences: list
    theme_ids: frozenset
    group_id: int | None
    url: str = ""

    @property
    def pk(self):
        return self.event.pk

    @property
    def title(self):
        return self.event.title

    @property
    def summary(self):
        return self.event.summary

    @property
    def cancelled(self):
        return self.event.cancelled

    @property
    def first(self):
        return self.occurrences[0]

    @property
    def repeats(self):
        return len(self.occurrences) > 1

    @property
    def days_text(self):
        """"elke dinsdag en donderdag" for an activity that comes more than once this week."""
        days = sorted({occ.start.weekday() for occ in self.occurrences})
        if len(days) == 7:
            return "elke dag"
        return "elke " + and_list(WEEKDAY_NAMES[d] for d in days)

    @property
    def when_text(self):
        times = {time_text(occ) for occ in self.occurrences}
        if self.repeats:
            return self.days_text + (f", {times.pop()}" if len(times) == 1 else "")
        return time_text(self.first)

    @property
    def place(self):
        event = self.event
        if event.location_id:
            return event.location.name
        return "Online" if event.online_url else ""


@dataclass
class NewsEntry:
    page: object
    theme_ids: frozenset
    group_id: int | None
    url: str = ""
    image_url: str = ""

    @property
    def pk(self):
        return self.page.pk

    @property
    def image_alt(self):
        return self.page.image_alt or ""

    @property
    def title(self):
        return self.page.title

    @property
    def intro(self):
        return self.page.intro

    @property
    def group_name(self):
        group = self.page.group
        return group.title if group else ""


@dataclass
class Spotlight:
    theme: object
    url: str
    offers: list = field(default_factory=list)  # [(offer, url)]


@dataclass
class Digest:
    first_day: datetime.date
    days: list  # [(date, heading, [EventEntry])] of activities that come once this week
    repeating: list  # [EventEntry] of activities that come more than once
    news: list  # [NewsEntry]
    spotlight: Spotlight | None = None

    @property
    def last_day(self):
        return self.first_day + datetime.timedelta(days=DAYS_COVERED - 1)

    @property
    def period_text(self):
        first = recurrence.dutch_date(self.first_day, weekday=False, year=False)
        return f"{first} tot en met {recurrence.dutch_date(self.last_day, weekday=False, year=True)}"

    @property
    def events(self):
        return [entry for _day, _heading, entries in self.days for entry in entries] + self.repeating

    @property
    def is_empty(self):
        return not self.days and not self.repeating and not self.news

    def key(self):
        """What makes two readers' mails the same (for rendering each variant once)."""
        return (tuple(e.pk for e in self.events), tuple(n.pk for n in self.news))

    def for_reader(self, all_topics=True, theme_ids=(), group_ids=(), seen_news=()):
        """The part of this digest one reader chose, without news they already got."""
        theme_ids, group_ids, seen_news = set(theme_ids), set(group_ids), set(seen_news)

        def wanted(entry):
            if all_topics or (not entry.theme_ids and entry.group_id is None):
                return True  # an item about nothing in particular is for everyone
            return bool(entry.theme_ids & theme_ids) or entry.group_id in group_ids

        days = []
        for day, heading, entries in self.days:
            kept = [e for e in entries if wanted(e)]
            if kept:
                days.append((day, heading, kept))
        return replace(
            self,
            days=days,
            repeating=[e for e in self.repeating if wanted(e)],
            news=[n for n in self.news if wanted(n) and n.pk not in seen_news],
        )


# --- building -----------------------------------------------------------------------------
def window(first_day):
    start = recurrence.aware(datetime.datetime.combine(first_day, datetime.time.min))
    end = recurrence.aware(
        datetime.datetime.combine(first_day + datetime.timedelta(days=DAYS_COVERED), datetime.time.min)
    )
    return start, end


def _absolute(site, url):
    if not url or url.startswith(("http://", "https://")):
        return url or ""
    return site.root_url.rstrip("/") + url


def _event_entries(site, events, first_day):
    start, end = window(first_day)
    by_event = {}
    for occ in recurrence.occurrences_between(events, start, end):
        by_event.setdefault(occ.event.pk, []).append(occ)
    entries = {}
    for event in events:
        occurrences = by_event.get(event.pk)
        if occurrences:
            entries[event.pk] = EventEntry(
                event=event,
                occurrences=occurrences,
                theme_ids=frozenset(t.pk for t in event.themes.all()),
                group_id=event.organiser_group_id,
                url=_absolute(site, event.get_url()),
            )
    return entries


def _news_entries(site, news):
    entries = {}
    for page in attach_groups(news):
        group = page.group
        image_url = ""
        if page.image_id:
            image_url = _absolute(site, page.image.get_rendition("fill-560x280|format-jpeg").url)
        entries[page.pk] = NewsEntry(
            page=page,
            theme_ids=frozenset(t.pk for t in group.themes.all()) if group else frozenset(),
            group_id=group.pk if group else None,
            url=_absolute(site, page.get_url()),
            image_url=image_url,
        )
    return entries


def _arrange(first_day, event_entries, news_entries):
    days, repeating = {}, []
    for entry in event_entries:
        if entry.repeats:
            repeating.append(entry)
        else:
            days.setdefault(max(entry.first.day, first_day), []).append(entry)
    day_list = [
        (day, recurrence.dutch_date(day, year=False).capitalize(), days[day]) for day in sorted(days)
    ]
    return day_list, repeating, list(news_entries)


def guide_of(site):
    return ThemeIndexPage.objects.live().descendant_of(site.root_page, inclusive=True).first()


def spotlight(site, theme):
    if theme is None:
        return None
    guide = guide_of(site)
    if guide is None:
        return Spotlight(theme=theme, url="")
    offers = OfferPage.objects.live_in(guide).filter(themes=theme).for_listing()[:MAX_OFFERS]
    return Spotlight(
        theme=theme,
        url=_absolute(site, guide.theme_url(theme)),
        offers=[(offer, _absolute(site, offer.get_url())) for offer in offers],
    )


def choose_spotlight(site, first_day):
    """A theme with offers in the guide, a different one each week (in turn)."""
    guide = guide_of(site)
    if guide is None:
        return None
    offers = OfferPage.objects.live_in(guide)
    themes = list(Theme.objects.filter(offers__in=offers).distinct().order_by("sort_order", "pk"))
    if not themes:
        return None
    return themes[first_day.isocalendar().week % len(themes)]


def candidates(site, first_day):
    """The pages a new edition starts with: the week's activities in order of their first
    time, then the latest news."""
    last_day = first_day + datetime.timedelta(days=DAYS_COVERED)
    events = list(overlapping(site_events(site), first_day, last_day))
    entries = sorted(
        _event_entries(site, events, first_day).values(), key=lambda e: (e.first.start, e.title)
    )
    since = first_day - datetime.timedelta(weeks=settings.NIEUWSBRIEF_NEWS_WEEKS)
    news = news_of_site(site).filter(date__gte=since, date__lte=first_day)[:MAX_NEWS]
    return [e.event for e in entries] + list(news)


def build(edition):
    """The digest of an edition from its items, in the editor's order, with the pages as they
    are now: an activity cancelled since the draft shows as cancelled, one unpublished is left out."""
    site = edition.site
    first_day = edition.first_day
    page_ids = [item.page_id for item in edition.items.all()]
    last_day = first_day + datetime.timedelta(days=DAYS_COVERED)
    events = list(overlapping(site_events(site).filter(pk__in=page_ids), first_day, last_day))
    event_entries = _event_entries(site, events, first_day)
    news_entries = _news_entries(site, news_of_site(site).filter(pk__in=page_ids))
    order = {pk: n for n, pk in enumerate(page_ids)}
    ordered_events = sorted(event_entries.values(), key=lambda e: (e.first.day, order[e.pk]))
    ordered_news = sorted(news_entries.values(), key=lambda n: order[n.pk])
    days, repeating, news = _arrange(first_day, ordered_events, ordered_news)
    repeating.sort(key=lambda e: order[e.pk])
    return Digest(
        first_day=first_day,
        days=days,
        repeating=repeating,
        news=news,
        spotlight=spotlight(site, edition.spotlight_theme),
    )
