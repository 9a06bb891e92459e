"""Links to add one event to a calendar, or to subscribe to a feed."""

import datetime
from urllib.parse import quote, urlencode

from django.urls import reverse

FEED_ROUTES = {
    "all": ("agenda:feed", {}),
    "theme": ("agenda:theme_feed", "slug"),
    "group": ("agenda:group_feed", "slug"),
    "organisation": ("agenda:organisation_feed", "slug"),
    "place": ("agenda:place_feed", "slug"),
}
# How the subscribe page (/agenda/abonneren/?soort=…&naam=…) names each kind of feed.
SUBSCRIBE_KINDS = {"theme": "thema", "group": "groep", "organisation": "organisatie", "place": "plek"}


def feed_path(kind, slug=None):
    name, key = FEED_ROUTES[kind]
    return reverse(name) if kind == "all" else reverse(name, kwargs={"slug": slug})


def subscribe_links(request, kind, slug=None, name=""):
    """The https address, the webcal:// address and the Google and Outlook subscribe links."""
    https_url = request.build_absolute_uri(feed_path(kind, slug))
    webcal_url = "webcal://" + https_url.split("://", 1)[1]
    return {
        "name": name,
        "https": https_url,
        "webcal": webcal_url,
        # Google only takes a feed by its address; webcal:// does nothing on Android.
        "google": "https://calendar.google.com/calendar/render?cid=" + quote(webcal_url, safe=""),
        "outlook": "https://outlook.live.com/calendar/0/addfromweb?"
        + urlencode({"url": https_url, "name": name}),
    }


def _google_dates(occurrence):
    if occurrence.all_day:
        return f"{occurrence.start:%Y%m%d}/{occurrence.end:%Y%m%d}"
    return f"{occurrence.start:%Y%m%dT%H%M%S}/{occurrence.end:%Y%m%dT%H%M%S}"


def add_to_calendar_links(request, event, occurrence, description, location, recur=""):
    """Google and Outlook "add this event" links, from one occurrence (the next one). Google's
    link takes the rule too (`recur`, "RRULE:..." from agenda.recurrence.google_recur), so it adds
    the series; Outlook's takes one date only (the event page leads to the .ics for a series)."""
    page_url = event.get_full_url(request)
    details = f"{description}\n\n{page_url}" if page_url else description
    params = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": _google_dates(occurrence),
        "ctz": "Europe/Amsterdam",
        "details": details[:1500],
        "location": location,
    }
    if recur:
        params["recur"] = recur
    google = "https://calendar.google.com/calendar/render?" + urlencode(params)
    if occurrence.all_day:
        start = occurrence.start.date().isoformat()
        end = (occurrence.end.date() - datetime.timedelta(days=0)).isoformat()
    else:
        start = occurrence.start.isoformat()
        end = occurrence.end.isoformat()
    outlook = "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": event.title,
            "startdt": start,
            "enddt": end,
            "allday": "true" if occurrence.all_day else "false",
            "body": details[:1500],
            "location": location,
        }
    )
    return {"google": google, "outlook": outlook}
