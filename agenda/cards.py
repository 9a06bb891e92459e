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


def when_lines(event):
    """(day, time): "Dinsdag 16 juni 2026" or the rule of a recurring activity, and
    "14:00 tot 16:00 uur" or "De hele dag"."""
    if event.is_recurring:
        day = recurrence.describe(event).rstrip(".")
    else:
        day = recurrence.dutch_date(event.start_date, year=True)
        if event.end_date and event.end_date != event.start_date:
            day += " tot en met " + recurrence.dutch_date(event.end_date, year=True)
        day = day[0].upper() + day[1:]
    if event.cancelled:
        day = "Gaat niet door: " + day[0].lower() + day[1:]
    time = _time(event)
    return day, time[0].upper() + time[1:]


def when_text(event):
    """Both in one line: "Dinsdag 16 juni 2026, 14:00 tot 16:00 uur"."""
    day, time = when_lines(event)
    return f"{day}, {time[0].lower() + time[1:]}"


def where_text(event):
    if event.location_id:
        return event.location.name
    return "Online" if event.online_url else ""


def main_theme(event):
    """The first theme (one query), or None."""
    return next(iter(event.themes.all()), None)


def share_card(event):
    theme = main_theme(event)
    day, time = when_lines(event)
    lines = (("calendar-days", day), ("clock", time), ("map-pin", where_text(event)))
    return ShareCard(
        title=event.title,
        lines=tuple(line for line in lines if line[1]),
        icon=theme.icon if theme else "calendar-days",
        colour=theme.colour if theme else "green",
    )
