"""What the agenda's pages show: the routes of AgendaIndexPage (the listing, the past
activities, the subscribe page) and the context of an EventPage.

agenda/models.py calls these, so this module (and what it imports) reaches the models through
agenda.queries, never by importing agenda.models."""

import datetime
import functools
import operator

from django.db.models import Q
from django.http import Http404, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from home.cache import cached_fragment, fragment_key, page_variant
from home.models import Organisation, Theme, site_for
from initiatieven.models import InitiatiefPage

from . import periods, recurrence
from .choices import AUDIENCE_CHOICES
from .forms import FIELD_NAMES, SEVERAL, AgendaFilterForm
from .links import add_to_calendar_links, feed_path, subscribe_links
from .queries import (
    locations_in_use,
    of_group,
    overlapping,
    place_by_slug,
    place_url,
    site_events,
    with_any_theme,
)

FILTER_KEYS = ("thema", "groep", "organisatie", "plek", "voor", "gratis")  # "wanneer" has its chips
LISTING_LIMIT = 40  # occurrences per screen, rounded up to whole days
WINDOW_DAYS = 92  # how far one screen looks ahead (or back)


def filter_choices(request, site):
    """(themes, groups, organisations, places) the filters offer, read once per change of the
    agenda, the groups or the guide and kept like a fragment (home.cache): a channel's JSON or
    a filtered agenda that is not in the page cache no longer reads four tables to check its
    query."""

    def make():
        # path and depth too: a chosen group's events are found by them (queries.of_group).
        groups = InitiatiefPage.objects.live_in(site).order_by("title")
        organisations = Organisation.objects.filter(agenda_events__isnull=False).distinct()
        return (
            list(Theme.objects.all()),
            list(groups.only("id", "title", "slug", "path", "depth")),
            list(organisations.only("id", "name", "slug")),
            list(locations_in_use()),
        )

    scopes = ("events", "groups", "guide")
    key = fragment_key(request, "agenda-filter-choices", scopes, [site.pk if site else 0])
    return cached_fragment(key, make)


def clean_filters(request, site, *, several=False):
    """Return (form, cleaned filters, messages). Unknown values are left out with a message.

    Theme, group and organisation are lists of objects (empty: all), however many the URL names
    (?thema=a&thema=b); the place is one object or None. `several`: the form shows checkboxes for
    those three (the partner page). The choices come from `filter_choices`, whatever the URL
    holds."""
    themes, groups, organisations, locations = filter_choices(request, site)
    data = QueryDict(mutable=True)
    for name in AgendaFilterForm.base_fields:
        if name in request.GET:
            data.setlist(name, request.GET.getlist(name))
    kwargs = {
        "themes": themes,
        "groups": groups,
        "organisations": organisations,
        "locations": locations,
        "several": several,
    }
    form = AgendaFilterForm(data, **kwargs)
    notes = []
    if not form.is_valid():
        for name in list(form.errors):
            notes.append(f"Het filter ‘{FIELD_NAMES.get(name, name)}’ kennen we niet. We laten het weg.")
            if name in SEVERAL:  # keep the values we know
                field = form.fields[name]
                data.setlist(name, [value for value in data.getlist(name) if field.valid_value(value)])
            else:
                data.pop(name, None)
        form = AgendaFilterForm(data, **kwargs)
        form.is_valid()
    cleaned = dict(form.cleaned_data)
    for key, objects in (("thema", themes), ("groep", groups), ("organisatie", organisations)):
        chosen = set(cleaned.get(key) or ())
        cleaned[key] = [obj for obj in objects if obj.slug in chosen]
    cleaned["plek"] = {loc.slug: loc for loc in locations}.get(cleaned.get("plek") or "")
    return form, cleaned, notes


def _several(value):
    """A filter's value as a list: the form gives lists; a caller may pass one object."""
    if not value:
        return []
    return list(value) if isinstance(value, list | tuple | set) else [value]


def apply_filters(qs, cleaned):
    """The events that match the cleaned filters: any of the chosen themes, groups and
    organisations (each a list, or one object), at the place, for the audience, free. One
    query, however many values are chosen."""
    themes = _several(cleaned.get("thema"))
    if themes:
        qs = qs.filter(with_any_theme(themes))
    groups = _several(cleaned.get("groep"))
    if groups:
        qs = qs.filter(functools.reduce(operator.or_, (of_group(group) for group in groups)))
    organisations = _several(cleaned.get("organisatie"))
    if organisations:
        qs = qs.filter(organiser_organisation__in=organisations)
    if cleaned.get("plek"):
        qs = qs.filter(location=cleaned["plek"])
    if cleaned.get("voor"):
        value = cleaned["voor"]
        qs = qs.filter(
            Q(audience__contains=f",{value},") | Q(audience__contains=",iedereen,") | Q(audience="")
        )
    if cleaned.get("gratis"):
        qs = qs.filter(Q(cost__isnull=True) | Q(cost=0))
    return qs


def period_end(period, start_day):
    """The day a "Wanneer" period ends (not included), or None for no period. Kept for callers
    that list from today (the embeds); the window's own first day is `periods.window()[0]`."""
    chosen = periods.window(periods.normalise(period) or "", start_day)
    return chosen[1] if chosen else None


def listing_window(cleaned, today):
    """(first day, end day, not included) of the upcoming listing: the chosen period
    (agenda/periods.py) or the next WINDOW_DAYS, from "vanaf" when the visitor paged on."""
    first_day = max(cleaned.get("vanaf") or today, today)
    chosen = periods.window(cleaned.get("wanneer"), today)
    if chosen is None:
        return first_day, first_day + datetime.timedelta(days=WINDOW_DAYS)
    return max(first_day, chosen[0]), chosen[1]


def group_by_day(occurrences, first_day, today):
    days = []
    for occ in occurrences:
        day = max(occ.day, first_day) if first_day else occ.day
        if not days or days[-1]["date"] != day:
            days.append({"date": day, "heading": recurrence.day_heading(day, today), "items": []})
        days[-1]["items"].append(occ)
    return days


def agenda_listing(request, page, *, past):
    # The listing is asked only when the template's fragments are not cached
    # (home/templatetags/fragments.py): a filter's page_variant() is kept with them.
    context = {
        "page": page,
        "self": page,
        "past": past,
        "listing": SimpleLazyObject(lambda: listing_context(request, page, past=past)),
    }
    return TemplateResponse(request, "agenda/agenda_index_page.html", context)


def listing_context(request, page, *, past):
    site = site_for(request)
    form, cleaned, notes = clean_filters(request, site)
    if not notes:
        page_variant(request, {k: request.GET.getlist(k) for k in AgendaFilterForm.base_fields})
    now = timezone.now()
    today = timezone.localdate()
    qs = apply_filters(site_events(site), cleaned)
    later_url = earlier_url = None
    if not past:
        first_day, last_day = listing_window(cleaned, today)
        start = (
            now
            if first_day == today
            else recurrence.aware(datetime.datetime.combine(first_day, datetime.time.min))
        )
        # Look a week ahead first and widen only when that holds too few activities: with
        # many events, most of them are not needed for one screen.
        for days in (7, 31, None):
            end_day = last_day if days is None else min(last_day, first_day + datetime.timedelta(days=days))
            end = recurrence.aware(datetime.datetime.combine(end_day, datetime.time.min))
            occurrences = recurrence.occurrences_between(
                list(overlapping(qs, first_day, end_day)), start, end
            )
            if len(occurrences) > LISTING_LIMIT or end_day >= last_day:
                break
        shown, next_day = _cut(occurrences, LISTING_LIMIT, first_day)
        if next_day is not None:
            later_url = _query(request, vanaf=next_day.isoformat())
        days = group_by_day(shown, first_day, today)
    else:
        last_day = cleaned.get("vanaf") or today
        if last_day > today:
            last_day = today
        first_day = last_day - datetime.timedelta(days=WINDOW_DAYS)
        start = recurrence.aware(datetime.datetime.combine(first_day, datetime.time.min))
        end = (
            now
            if last_day == today
            else recurrence.aware(datetime.datetime.combine(last_day, datetime.time.min))
        )
        events = list(overlapping(qs, first_day, last_day))
        occurrences = [o for o in recurrence.occurrences_between(events, start, end) if o.end <= end]
        occurrences.reverse()
        shown, earlier_day = _cut(occurrences, LISTING_LIMIT, None, backwards=True)
        if earlier_day is not None:
            earlier_url = _query(request, vanaf=(earlier_day + datetime.timedelta(days=1)).isoformat())
        days = group_by_day(shown, None, today)
    active_filters = any(cleaned.get(k) for k in FILTER_KEYS)
    next_up = None
    if not past and not days:
        next_up = next_on(site, cleaned, now)
    return {
        "form": form,
        "chips": period_chips(request, cleaned.get("wanneer")),
        "period_phrase": periods.PHRASES.get(cleaned.get("wanneer"), ""),
        "filter_labels": filter_labels(cleaned),
        "next_up": next_up,
        "notes": notes,
        "days": days,
        "past": past,
        "later_url": later_url,
        "earlier_url": earlier_url,
        "active_filters": active_filters,
        "filters": cleaned,
        "feed": _scope_feed(request, cleaned),
        "all_feed": subscribe_links(request, "all", name="Agenda Stevenshof"),
        "count": len(shown),
    }


def period_chips(request, current):
    """The "Wanneer" chips above the list: plain links that keep the other filters."""
    params = request.GET.copy()
    for key in ("wanneer", "vanaf", "page"):
        params.pop(key, None)
    chips = []
    for value, label in [("", "Alles"), *periods.PERIODS]:
        query = params.copy()
        if value:
            query["wanneer"] = value
        encoded = query.urlencode()
        href = "?" + encoded if encoded else request.path
        chips.append({"label": label, "href": href, "current": value == (current or "")})
    return chips


def filter_labels(cleaned):
    """The chosen filters in words, for the folded panel ("Ouderen", "Alleen gratis")."""
    labels = [theme.name for theme in cleaned.get("thema") or ()]
    if cleaned.get("voor"):
        labels.append(dict(AUDIENCE_CHOICES).get(cleaned["voor"], ""))
    labels += [group.title for group in cleaned.get("groep") or ()]
    labels += [organisation.name for organisation in cleaned.get("organisatie") or ()]
    if cleaned.get("plek"):
        labels.append(cleaned["plek"].name)
    if cleaned.get("gratis"):
        labels.append("Alleen gratis")
    return [label for label in labels if label]


NEXT_UP_DAYS = 366  # how far an empty answer looks for the next thing that is on


def next_on(site, cleaned, after):
    """When a window is empty: the next occurrence that matches the filters, or else the next
    one in the whole agenda, as {"occurrence", "matches"}; None when the agenda is empty."""
    first_day = timezone.localtime(after).date()
    last_day = first_day + datetime.timedelta(days=NEXT_UP_DAYS)
    scopes = [(site_events(site), False)]
    if any(cleaned.get(key) for key in FILTER_KEYS):
        scopes.insert(0, (apply_filters(site_events(site), cleaned), True))
    for qs, matches in scopes:
        found = recurrence.next_occurrence(list(overlapping(qs, first_day, last_day)), after)
        if found is not None:
            return {"occurrence": found, "matches": matches}
    return None


def _cut(occurrences, limit, first_day, backwards=False):
    """The first `limit` occurrences, rounded up to whole days, and the day where the next
    screen starts (None when nothing is left)."""
    if len(occurrences) <= limit:
        return occurrences, None

    def day_of(o):
        return max(o.day, first_day) if first_day else o.day

    boundary = day_of(occurrences[limit - 1])
    shown = [o for o in occurrences if (day_of(o) <= boundary if not backwards else day_of(o) >= boundary)]
    if len(shown) == len(occurrences):
        return shown, None
    return shown, day_of(occurrences[len(shown)])


def _query(request, **changes):
    params = request.GET.copy()
    for key, value in changes.items():
        params[key] = value
    params.pop("page", None)
    return "?" + params.urlencode()


def _scope_feed(request, cleaned):
    """When exactly one theme, group or organisation is chosen, offer that feed (there is no
    feed of several)."""
    kinds = (("thema", "theme", "name"), ("groep", "group", "title"), ("organisatie", "organisation", "name"))
    for key, kind, attr in kinds:
        chosen = cleaned.get(key) or []
        if chosen:
            if len(chosen) > 1:
                return None
            return subscribe_links(request, kind, chosen[0].slug, name=getattr(chosen[0], attr))
    return None


def subscribe(request, page):
    site = site_for(request)
    themes = list(Theme.objects.all())
    groups = list(InitiatiefPage.objects.live_in(site).order_by("title").only("id", "title", "slug"))
    organisations = list(
        Organisation.objects.filter(agenda_events__isnull=False).distinct().only("id", "name", "slug")
    )
    places = list(locations_in_use().only("id", "name", "slug"))
    choice = None
    kind = request.GET.get("soort")
    slug = request.GET.get("naam", "")
    note = None
    if kind in ("thema", "groep", "organisatie", "plek"):
        options = {
            "thema": ("theme", {t.slug: t.name for t in themes}),
            "groep": ("group", {g.slug: g.title for g in groups}),
            "organisatie": ("organisation", {o.slug: o.name for o in organisations}),
            "plek": ("place", {p.slug: p.name for p in places}),
        }[kind]
        if slug in options[1]:
            choice = subscribe_links(request, options[0], slug, name=options[1][slug])
        else:
            note = "Deze agenda kennen we niet. Hieronder staat de hele agenda."
    context = {
        "page": page,
        "self": page,
        "all_feed": subscribe_links(request, "all", name="Agenda Stevenshof"),
        "choice": choice,
        "note": note,
        "theme_feeds": [{"name": t.name, "query": f"soort=thema&naam={t.slug}"} for t in themes],
        "group_feeds": [{"name": g.title, "query": f"soort=groep&naam={g.slug}"} for g in groups],
        "organisation_feeds": [
            {"name": o.name, "query": f"soort=organisatie&naam={o.slug}"} for o in organisations
        ],
        "place_feeds": [{"name": p.name, "query": f"soort=plek&naam={p.slug}"} for p in places],
    }
    return TemplateResponse(request, "agenda/subscribe.html", context)


# --- a place's own page -------------------------------------------------------------------
def place_page(request, page, slug):
    """/agenda/plek/<slug>/: where it is, how to get there and in, what happens there and its
    own feed. An unknown place is the site's calm 404 page."""
    location = place_by_slug(slug)
    if location is None:
        raise Http404("Deze plek kennen we niet.")
    context = {
        "page": page,
        "self": page,
        "place": location,
        "access": access_facts(location),
        "feed_path": feed_path("place", location.slug),
    }
    return TemplateResponse(request, "agenda/place.html", context)


def access_facts(location):
    """How to get in, as (icon, label, text) rows; only what is known."""
    rows = []
    if location.entrance:
        rows.append(("door-open", "Ingang", location.entrance))
    if location.step_free is True:
        rows.append(("accessibility", "Zonder drempel", "U kunt zonder drempel of trap naar binnen."))
    elif location.step_free is False:
        rows.append(("accessibility", "Drempel of trap", "Er is een drempel of trap bij de ingang."))
    if location.toilet:
        rows.append(("toilet", "Toilet", location.toilet))
    if location.parking:
        rows.append(("square-parking", "Parkeren", location.parking))
    if location.bus_stop:
        rows.append(("bus", "Bus", location.bus_stop))
    if location.accessibility:
        rows.append(("info", "Goed om te weten", location.accessibility))
    return rows


# --- the event page ----------------------------------------------------------------------
def _iso(occ, which):
    value = getattr(occ, which)
    if occ.all_day:
        day = value.date()
        if which == "end":
            day -= datetime.timedelta(days=1)
        return day.isoformat()
    return value.isoformat()


def _postal_address(location):
    address = {"@type": "PostalAddress", "addressLocality": location.city or "Leiden", "addressCountry": "NL"}
    if location.street:
        address["streetAddress"] = location.street
    if location.postcode:
        address["postalCode"] = location.postcode
    return address


def json_ld(request, event, occurrences):
    """schema.org Event data, one per upcoming date (as Google asks for recurring events)."""
    base = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": event.get_full_url(request),
        "eventStatus": "https://schema.org/EventCancelled"
        if event.cancelled
        else "https://schema.org/EventScheduled",
    }
    places = []
    if event.location:
        place = {
            "@type": "Place",
            "name": event.location.name,
            "address": _postal_address(event.location),
        }
        if event.location.has_geo:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(event.location.latitude),
                "longitude": float(event.location.longitude),
            }
        places.append(place)
    if event.online_url:
        places.append({"@type": "VirtualLocation", "url": event.online_url})
    if places:
        base["location"] = places[0] if len(places) == 1 else places
        mode = "Mixed" if len(places) > 1 else ("Online" if not event.location else "Offline")
        base["eventAttendanceMode"] = f"https://schema.org/{mode}EventAttendanceMode"
    if event.organiser:
        base["organizer"] = {"@type": "Organization", "name": str(event.organiser)}
        website = getattr(event.organiser, "website", "") or (
            event.organiser.get_full_url(request) if hasattr(event.organiser, "get_full_url") else ""
        )
        if website:
            base["organizer"]["url"] = website
    base["isAccessibleForFree"] = event.is_free
    base["offers"] = {
        "@type": "Offer",
        "price": f"{event.cost or 0:.2f}",
        "priceCurrency": "EUR",
        "url": base["url"],
        "availability": "https://schema.org/InStock",
    }
    if event.image_id:
        rendition = event.image.get_rendition("fill-1200x800")
        base["image"] = [request.build_absolute_uri(rendition.url)]
    items = []
    for occ in occurrences:
        item = dict(base, startDate=_iso(occ, "start"), endDate=_iso(occ, "end"))
        items.append(item)
    return items[0] if len(items) == 1 else items


def event_context(request, event):
    upcoming = recurrence.next_occurrences(event, 6)
    shown = upcoming or [recurrence.next_or_last(event)]
    next_occ = shown[0]
    description = event.event_description()
    where = event.location_text()
    feed_url = reverse("agenda:event_feed", kwargs={"pk": event.pk})
    recur = recurrence.google_recur(event)
    return {
        "occurrence": next_occ,
        "upcoming": upcoming,
        "is_over": not upcoming,
        "rule_text": recurrence.describe(event),
        "json_ld": json_ld(request, event, shown[:5]),
        "calendar_links": add_to_calendar_links(request, event, next_occ, description, where, recur=recur),
        "google_series": bool(recur),
        "organisers": organiser_facts(request, event),
        "place_url": place_url(request, event.location),
        "access": access_facts(event.location) if event.location else [],
        "skips_dates": any(day >= timezone.localdate() for day in event.exception_dates),
        "ics_url": feed_url,
        "feed_links": [
            {"href": feed_url, "title": event.title},
            {"href": feed_path("all"), "title": "Agenda Stevenshof"},
        ],
        "themes": list(event.themes.all()),
        "audience_text": audience_text(event),
    }


def organiser_facts(request, event):
    """Who organises it and how to reach them: the group (its page, its phone, its "Doe mee"
    form: a group's e-mail address stays off the site) and/or the organisation (its page in the
    guide, phone, e-mail, website)."""
    rows = []
    group = event.organiser_group
    if group is not None:
        url = group.get_url(request) if group.live else ""
        rows.append(
            {
                "name": group.title,
                "url": url,
                "phone": group.contact_phone,
                "message_url": url + group.reverse_subpage("doe_mee") if url else "",
            }
        )
    organisation = event.organiser_organisation
    if organisation is not None:
        rows.append(
            {
                "name": organisation.name,
                "organisation": organisation,
                "phone": organisation.phone,
                "email": organisation.email,
                "website": organisation.website,
            }
        )
    return rows


def audience_text(event):
    labels = dict(AUDIENCE_CHOICES)
    words = [labels[a].lower() for a in event.audience if a in labels]
    if not words:
        return ""
    text = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]
    return text[0].upper() + text[1:]
