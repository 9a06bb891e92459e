"""Import the iCal feeds of partners (CalendarSource) as EventPages.

Idempotent by UID; changed events (SEQUENCE / LAST-MODIFIED) are updated; events that left the
source are removed; events made by hand are never touched. A source that cannot be read, is
too slow or too large, or is not valid iCal leaves its events as they are and records the
error (in Dutch, for the editors) on the source. Fetching over the internet is fetching.py's
job; agenda/tasks.py runs an import in the background worker."""

import datetime
import hashlib
import logging
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from dateutil import rrule as du
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.text import slugify
from icalendar import Calendar

from . import fetching, recurrence
from .fetching import ImportProblem
from .models import AgendaIndexPage, CalendarSource, EventException, EventPage, Location

logger = logging.getLogger("stevenshof")

UNEXPECTED = (
    "Er ging iets mis bij het verwerken van deze agenda. Er is niets veranderd. "
    "De beheerder van de site kan in het logboek zien wat er misging."
)


def allowed_file(path):
    resolved = Path(path).resolve()
    return any(resolved.is_relative_to(Path(root).resolve()) for root in settings.AGENDA_IMPORT_FILE_DIRS)


def fetch(url):
    """A file under AGENDA_IMPORT_FILE_DIRS (the demo), or a public http(s) address (fetching.py)."""
    parsed = urlparse(url)
    if parsed.scheme == "file":
        path = urllib.request.url2pathname(parsed.path)
        if not allowed_file(path):
            raise ImportProblem("Dit bestand mag de site niet lezen.")
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise ImportProblem(fetching.UNREACHABLE) from exc
        if len(data) > settings.AGENDA_IMPORT_MAX_BYTES:
            raise fetching.too_big(settings.AGENDA_IMPORT_MAX_BYTES)
        return data
    return fetching.fetch(url)


def parse(data):
    try:
        calendar = Calendar.from_ical(data)
    except Exception as exc:  # icalendar raises ValueError and friends on bad input
        raise ImportProblem("Dit is geen goede iCal-agenda. Er is niets veranderd.") from exc
    if getattr(calendar, "name", "") != "VCALENDAR":
        raise ImportProblem("Dit is geen goede iCal-agenda. Er is niets veranderd.")
    events = [c for c in calendar.walk("VEVENT")]
    limit = settings.AGENDA_IMPORT_MAX_EVENTS
    if len(events) > limit:
        raise ImportProblem(
            f"De agenda heeft te veel activiteiten (meer dan {limit}). Er is niets veranderd."
        )
    return events


def _local(value):
    """(date, time or None) in local time for an iCal DATE or DATE-TIME."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(recurrence.local_tz())
        return value.date(), value.time().replace(microsecond=0)
    return value, None


def _is_utc(component):
    """Whether DTSTART is a UTC time ("...Z"), not a local time with a TZID."""
    prop = component.get("DTSTART")
    start = component.decoded("DTSTART", None)
    return (
        isinstance(start, datetime.datetime)
        and timezone.is_aware(start)
        and start.utcoffset() == datetime.timedelta(0)
        and "TZID" not in prop.params
    )


def _local_rrule(vrecur, utc=False):
    """The rule as text, with UNTIL as naive local time (naive UTC for a series anchored in UTC),
    checked by dateutil."""
    parts = dict(vrecur)
    until = parts.get("UNTIL")
    if until:
        until = until[0] if isinstance(until, list) else until
        if isinstance(until, datetime.datetime):
            if timezone.is_aware(until):
                zone = datetime.UTC if utc else recurrence.local_tz()
                until = until.astimezone(zone).replace(tzinfo=None)
            text = until.strftime("%Y%m%dT%H%M%S")
        else:
            text = until.strftime("%Y%m%dT235959")
        parts.pop("UNTIL")
    else:
        text = None
    from icalendar import vRecur

    rule = vRecur(parts).to_ical().decode()
    if text:
        rule += f";UNTIL={text}"
    du.rrulestr(rule, dtstart=datetime.datetime(2000, 1, 1))  # raises ValueError if dateutil cannot use it
    return rule[:500]


def _stamp(component):
    modified = component.get("LAST-MODIFIED") or component.get("DTSTAMP")
    return modified.to_ical().decode() if modified is not None else ""


def event_fields(component, source):
    uid = str(component.get("UID", "")).strip()
    if not uid:
        return None
    start = component.decoded("DTSTART", None)
    if start is None:
        return None
    start_date, start_time = _local(start)
    end = component.decoded("DTEND", None)
    if end is None and component.get("DURATION") is not None:
        end = start + component.decoded("DURATION")
    end_date = end_time = None
    if end is not None:
        end_date, end_time = _local(end)
        if start_time is None:  # all-day: DTEND is the day after
            end_date = end_date - datetime.timedelta(days=1)
            end_date = end_date if end_date > start_date else None
        elif end_date == start_date:
            end_date = None
            if end_time <= start_time:
                end_time = None
    title = str(component.get("SUMMARY", "")).strip()[:255] or "Activiteit"
    description = str(component.get("DESCRIPTION", "")).strip()
    # The first line is the summary; the body is the rest, so the page and the feed (summary,
    # then body) do not say it twice.
    first, _, rest = description.partition("\n")
    summary = first.strip()[:250] if description else title[:250]
    rest = rest.strip() if len(first.strip()) <= 250 else description
    body = linebreaks(escape(rest[:5000])) if rest else ""
    url = str(component.get("URL", "")).strip()
    if url.startswith(("https://", "http://")):
        body += f'<p><a href="{escape(url)}">Meer informatie bij {escape(source.name)}</a></p>'
    rule = ""
    # A series in UTC stays in UTC: 09:00Z each week is 10:00 in winter and 11:00 in summer here,
    # the partner's instant every time (agenda.recurrence expands it so).
    anchored_utc = _is_utc(component)
    if component.get("RRULE") is not None:
        try:
            rule = _local_rrule(component.get("RRULE"), utc=anchored_utc)
        except (ValueError, TypeError):
            rule = ""
    exdates = []
    raw_ex = component.get("EXDATE")
    if raw_ex is not None:
        for group in raw_ex if isinstance(raw_ex, list) else [raw_ex]:
            for item in group.dts:
                exdates.append(_local(item.dt)[0])
    place_text = str(component.get("LOCATION", "")).strip()
    location = None
    if place_text:
        location = Location.objects.filter(name__iexact=place_text.split(",")[0].strip()).first()
    sequence = int(component.get("SEQUENCE", 0) or 0)
    stamp = _stamp(component)
    return {
        "uid": uid[:255],
        "exdates": sorted(set(exdates)),
        "fields": {
            "title": title,
            "summary": summary,
            "body": body,
            "start_date": start_date,
            "start_time": start_time,
            "end_date": end_date,
            "end_time": end_time,
            "imported_rrule": rule,
            "imported_utc": bool(rule) and anchored_utc,
            "cancelled": str(component.get("STATUS", "")).upper() == "CANCELLED",
            "location": location or source.location,
            "organiser_organisation": source.organisation,
            "import_sequence": sequence,
            "import_stamp": stamp[:40],
        },
    }


def _parent():
    index = (
        AgendaIndexPage.objects.filter(depth=3).order_by("path").first() or AgendaIndexPage.objects.first()
    )
    if index is None:
        raise ImportProblem("Er is nog geen agendapagina. Maak die eerst.")
    return index


def _store(page, item, source, created):
    if created:
        page.themes.set([source.theme] if source.theme else [])
    EventException.objects.filter(page=page).delete()
    for day in item["exdates"]:
        EventException.objects.create(page=page, date=day)
    revision = page.save_revision(log_action=True)
    if source.publish:
        revision.publish()


def import_source(source):
    """Import one source. Returns a short Dutch summary; records success or the error on the
    source. Never raises: one bad source must not stop the others."""
    now = timezone.now()
    source.last_checked_at = now
    try:
        components = parse(fetch(source.url))
        with transaction.atomic():
            result = _apply(source, components)
    except ImportProblem as exc:
        logger.warning("Calendar import of %s failed: %s", source.name, exc)
        return _record_error(source, str(exc))
    except Exception:
        logger.exception("Calendar import of %s failed unexpectedly", source.name)
        return _record_error(source, UNEXPECTED)
    source.last_error = ""
    source.last_success_at = now
    source.last_result = result
    source.save(update_fields=["last_checked_at", "last_error", "last_success_at", "last_result"])
    return f"{source.name}: {result}"


def _record_error(source, message):
    source.last_error = message
    source.save(update_fields=["last_checked_at", "last_error"])
    return f"{source.name}: {message}"


def _apply(source, components):
    # Two imports of one source at once (the worker and `import_calendars --now`) wait for each
    # other here, so the second sees the pages the first made.
    CalendarSource.objects.select_for_update().filter(pk=source.pk).first()
    parent = _parent()
    existing = {p.import_uid: p for p in EventPage.objects.filter(import_source=source)}
    seen = set()
    added = changed = 0
    # One changed date of a series (RECURRENCE-ID) takes that date out of the series and
    # becomes an activity of its own (unless it is cancelled), as the partner's calendar shows.
    overrides = {}
    for component in components:
        if component.get("RECURRENCE-ID") is not None:
            uid = str(component.get("UID", "")).strip()
            overrides.setdefault(uid, []).append(component)
    series = []
    for component in components:
        if component.get("RECURRENCE-ID") is not None:
            continue
        item = event_fields(component, source)
        if item is not None and item["uid"] in overrides and item["fields"]["imported_rrule"]:
            # A new or changed override changes the series too, even when its own stamp did not.
            stamps = [item["fields"]["import_stamp"]] + [
                f"{o.get('RECURRENCE-ID').to_ical().decode()}:{o.get('SEQUENCE', 0)}:{_stamp(o)}"
                for o in overrides[item["uid"]]
            ]
            item["fields"]["import_stamp"] = hashlib.sha256("|".join(stamps).encode()).hexdigest()[:40]
            for override in overrides[item["uid"]]:
                day = _local(override.decoded("RECURRENCE-ID"))[0]
                item["exdates"] = sorted({*item["exdates"], day})
                if str(override.get("STATUS", "")).upper() != "CANCELLED":
                    moved = event_fields(override, source)
                    if moved is not None:
                        moved["uid"] = f"{item['uid']}|{day.isoformat()}"[:255]
                        moved["fields"]["imported_rrule"] = ""
                        moved["fields"]["imported_utc"] = False
                        series.append(moved)
        series.append(item)
    for item in series:
        if item is None or item["uid"] in seen:
            continue
        seen.add(item["uid"])
        fields = item["fields"]
        page = existing.get(item["uid"])
        if page is not None:
            if (
                page.import_sequence == fields["import_sequence"]
                and page.import_stamp == fields["import_stamp"]
            ):
                continue
            page = page.get_latest_revision_as_object()
            for name, value in fields.items():
                setattr(page, name, value)
            _store(page, item, source, created=False)
            changed += 1
            continue
        digest = hashlib.sha256(f"{source.pk}:{item['uid']}".encode()).hexdigest()[:8]
        page = EventPage(
            slug=f"{slugify(fields['title'])[:60] or 'activiteit'}-{digest}",
            import_source=source,
            import_uid=item["uid"],
            live=False,
            **fields,
        )
        parent.add_child(instance=page)
        _store(page, item, source, created=True)
        added += 1
    removed = 0
    for uid, page in existing.items():
        if uid not in seen:
            page.delete()
            removed += 1
    return f"{len(seen)} activiteiten: {added} nieuw, {changed} gewijzigd, {removed} verwijderd."
