"""The agenda on paper, for notice boards: "Deze week in de Stevenshof" (an A4 poster of the
coming seven days, /agenda/deze-week.pdf) and an A5 flyer per activity
(/agenda/activiteit/<pk>/flyer.pdf), with QR codes to the pages. Made with WeasyPrint from the
same data as the site, with the machinery every printed page shares (home/printing.py).

The background worker builds the poster after every change to the agenda, and a flyer again
after a change to its activity once it was printed before (tasks.py). Until the worker has
built the new one, a visitor gets the one before it at once (stale-while-rebuild, like the
guide's gids.pdf), and a poster of another day or content version asks the worker for a new
one. The worker also makes an activity's flyer after every publish. Only what the worker has not
built yet (a site without a worker, an emptied cache) is made in the request, by one visitor
while others wait for it. The links in them use the site's own
address, whoever builds them."""

import datetime

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone

from home.cache import content_version
from home.printing import icon_img, qr_svg, render_document, render_pdf, serve, store

from . import cards, recurrence
from .queries import overlapping, site_events

STYLESHEETS = ("agenda/print.css",)
DAYS = 7
FLYER_ICONS = (("when", "calendar-days"), ("where", "map-pin"), ("cost", "euro"), ("sign_up", "ticket"))
POSTER_ITEMS = 12  # at most; fewer when they do not fit on one A4 (the rest is behind the QR code)


def _agenda_page(site):
    from .models import AgendaIndexPage

    return AgendaIndexPage.objects.live().public().in_site(site).first()


def week(site, today=None):
    """The occurrences of the coming seven days (today included), cancelled ones left out."""
    today = today or timezone.localdate()
    last_day = today + datetime.timedelta(days=DAYS - 1)
    start = recurrence.aware(datetime.datetime.combine(today, datetime.time.min))
    after = last_day + datetime.timedelta(days=1)
    end = recurrence.aware(datetime.datetime.combine(after, datetime.time.min))
    events = list(overlapping(site_events(site), today, last_day))
    return recurrence.occurrences_between(events, start, end, include_cancelled=False)


def _theme_icon(event, size):
    theme = cards.main_theme(event)
    return icon_img(theme.icon if theme else "calendar-days", size, theme.colour if theme else "green")


def _poster_day(day, today):
    return {"date": day, "heading": recurrence.dutch_date(day, year=False).capitalize(), "items": []}


def build_poster(site, today=None):
    """One A4 page: as many of the week's activities as fit in large type, then "En nog ..."
    beside the QR code of the agenda."""
    today = today or timezone.localdate()
    agenda = _agenda_page(site)
    agenda_url = agenda.get_full_url() if agenda else site.root_url + "/agenda/"
    occurrences = week(site, today)
    items, qr_of = [], {}
    for occ in occurrences[:POSTER_ITEMS]:
        event = occ.event
        if event.pk not in qr_of:
            qr_of[event.pk] = qr_svg(event.get_full_url())
        items.append(
            {
                "day": max(occ.day, today),
                "title": event.title,
                "time": "Hele dag" if occ.all_day else occ.start.strftime("%H:%M"),
                "place": cards.where_text(event),
                "icon": _theme_icon(event, 44),
                "qr": qr_of[event.pk],
            }
        )
    last_day = today + datetime.timedelta(days=DAYS - 1)
    context = {
        "period": f"{recurrence.dutch_date(today, year=False)} tot en met "
        f"{recurrence.dutch_date(last_day, year=False)}",
        "agenda_url": agenda_url,
        "agenda_qr": qr_svg(agenda_url),
        "logo": icon_img("sprout", 40, "green"),
        "printed_on": recurrence.dutch_date(today, weekday=False, year=True),
    }

    def layout(count):
        days = []
        for item in items[:count]:
            if not days or days[-1]["date"] != item["day"]:
                # No "Vandaag": the poster hangs on the board all week.
                days.append(_poster_day(item["day"], today))
            days[-1]["items"].append(item)
        html = render_to_string(
            "agenda/print/week.html", {**context, "days": days, "more": len(occurrences) - count}
        )
        return render_document(html, STYLESHEETS)

    # Start at the number that fitted last time (usually two layouts instead of one per item).
    fit_key = f"agenda:poster:fits:{site.pk}"
    count = min(len(items), cache.get(fit_key) or len(items))
    document = layout(count)
    if len(document.pages) == 1:
        while count < len(items):
            bigger = layout(count + 1)
            if len(bigger.pages) > 1:
                break
            count, document = count + 1, bigger
    while len(document.pages) > 1 and count > 0:
        count -= 1
        document = layout(count)
    cache.set(fit_key, count, None)
    return document.write_pdf()


def build_flyer(event):
    url = event.get_full_url()
    theme = cards.main_theme(event)
    html = render_to_string(
        "agenda/print/flyer.html",
        {
            "event": event,
            "when": cards.when_text(event),
            "where": event.location_text(),
            "theme": theme,
            "theme_icon": _theme_icon(event, 64),
            "icons": {key: icon_img(name, 28) for key, name in FLYER_ICONS},
            "cost": "Gratis" if event.is_free else f"€ {event.cost:.2f}".replace(".", ","),
            "url": url,
            "qr": qr_svg(url),
            "logo": icon_img("sprout", 32, "green"),
            "printed_on": recurrence.dutch_date(timezone.localdate(), weekday=False, year=True),
        },
    )
    return render_pdf(html, STYLESHEETS)


# --- cache keys: the poster changes with every change and every day, a flyer with every change
def _poster_keys(site, today=None):
    today = today or timezone.localdate()
    return f"agenda:poster:{site.pk}:{today}:{content_version()}", f"agenda:poster:{site.pk}:latest"


def _flyer_keys(event):
    return f"agenda:flyer:{event.pk}:{content_version()}", f"agenda:flyer:{event.pk}:latest"


def store_poster(site):
    return store(*_poster_keys(site), lambda: build_poster(site))


def store_flyer(event):
    return store(*_flyer_keys(event), lambda: build_flyer(event))


def poster_pdf(site, rebuild):
    """The week poster at once: the stored one (`rebuild` asks the worker for a newer one when it
    is out of date), or one built here when there is none yet."""
    return serve(*_poster_keys(site), lambda: build_poster(site), rebuild)


def flyer_pdf(event, rebuild):
    return serve(*_flyer_keys(event), lambda: build_flyer(event), rebuild)
