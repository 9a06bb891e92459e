"""What one activity says in a few words: when, where and its theme. The share image
(home/share), the week poster and the flyer (posters.py) all show these same lines.

Only the activity's own fields go in, never today's date: the share image is named after what
it shows, so it stays the same picture until the activity changes."""

from home.share.cards import ShareCard

from . import recurrence


def _time(event):
    if event.start_time is None:
        return "de hele dag"
    text = event.start_time.strftime("%H:%M")
    if event.end_time and event.end_time != event.start_time:
        text += " tot " + event.end_time.strftime("%H:%M")
    return text + " uur"


def when_text(event):
    """ "Dinsdag 16 juni 2026, 14:00 tot 16:00 uur", or the rule of a recurring activity."""
    if event.is_recurring:
        text = recurrence.describe(event).rstrip(".")
        if event.start_time is not None:
            text += ", " + _time(event)
    else:
        text = recurrence.dutch_date(event.start_date, year=True)
        last = event.end_date
        if last and last != event.start_date:
            text += " tot en met " + recurrence.dutch_date(last, year=True)
            if event.start_time is not None:
                text += ", " + _time(event)
        else:
            text += ", " + _time(event)
        text = text[0].upper() + text[1:]
    if event.cancelled:
        text = "Gaat niet door: " + text[0].lower() + text[1:]
    return text


def where_text(event):
    if event.location_id:
        return event.location.name
    return "Online" if event.online_url else ""


def main_theme(event):
    """The first theme (one query), or None."""
    return next(iter(event.themes.all()), None)


def share_card(event):
    theme = main_theme(event)
    lines = (("calendar-days", when_text(event)), ("map-pin", where_text(event)))
    return ShareCard(
        title=event.title,
        lines=tuple(line for line in lines if line[1]),
        icon=theme.icon if theme else "calendar-days",
        colour=theme.colour if theme else "green",
    )
