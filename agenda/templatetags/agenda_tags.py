"""Template tags other apps (and the home page) use to show the agenda without importing
its models:

    {% load agenda_tags %}
    {% upcoming_events 5 %}
    {% upcoming_events 3 theme="sport-en-bewegen" %}
    {% upcoming_events 5 group=page %}            {# on an InitiatiefPage #}
    {% upcoming_events 5 organisation=organisation %}
    {% agenda_feed_links group=page %}            {# "Zet in uw agenda" links for a scope #}
    {% agenda_feed_alternate group=page %}        {# <link rel="alternate" type="text/calendar"> #}
    {% agenda_subscribe group=page %}             {# "Zet in uw agenda-app": this scope's own feed #}
    {% agenda_series group=page %}                {# each activity once; a series with its days #}

Every scope is one of theme=, group=, organisation= or place= (a Location or its slug).
"""

import datetime

from django import template
from django.utils import timezone

from home.models import Organisation, Theme, site_for

from .. import recurrence
from ..links import SUBSCRIBE_KINDS, feed_path, subscribe_links
from ..queries import agenda_index, of_group, overlapping, site_events

register = template.Library()

LOOKAHEAD_DAYS = 183


def _by_slug(model, value):
    """A Theme or Organisation as given, or looked up by its slug (None when empty or unknown)."""
    if value is None or value == "":
        return None
    if isinstance(value, model):
        return value
    return model.objects.filter(slug=str(value)).first()


def upcoming(request, limit, theme=None, group=None, organisation=None):
    site = site_for(request)
    qs = site_events(site)
    if theme is not None:
        qs = qs.filter(themes=theme)
    if group is not None:
        qs = qs.filter(of_group(group))
    if organisation is not None:
        qs = qs.filter(organiser_organisation=organisation)
    today = timezone.localdate()
    end_day = today + datetime.timedelta(days=LOOKAHEAD_DAYS)
    events = list(overlapping(qs, today, end_day))
    end = recurrence.aware(datetime.datetime.combine(end_day, datetime.time.min))
    return recurrence.occurrences_between(events, timezone.now(), end)[: max(0, int(limit))]


@register.inclusion_tag("agenda/tags/upcoming_events.html", takes_context=True)
def upcoming_events(context, limit=5, theme=None, group=None, organisation=None, heading="Binnenkort"):
    request = context["request"]
    theme_obj = _by_slug(Theme, theme)
    org_obj = _by_slug(Organisation, organisation)
    missing = (theme and theme_obj is None) or (organisation and org_obj is None)
    occurrences = [] if missing else upcoming(request, limit, theme_obj, group, org_obj)
    agenda_url = "/agenda/"
    if theme_obj:
        agenda_url += f"?thema={theme_obj.slug}"
    elif group is not None:
        agenda_url += f"?groep={group.slug}"
    elif org_obj:
        agenda_url += f"?organisatie={org_obj.slug}"
    return {
        "occurrences": occurrences,
        "heading": heading,
        "agenda_url": agenda_url,
        "today": timezone.localdate(),
        "request": request,
    }


def _place(value):
    from django.apps import apps

    return _by_slug(apps.get_model("agenda", "Location"), value)


def _scope(theme=None, group=None, organisation=None, place=None):
    theme_obj = _by_slug(Theme, theme)
    if theme_obj:
        return "theme", theme_obj.slug, theme_obj.name
    if group is not None:
        return "group", group.slug, group.title
    org_obj = _by_slug(Organisation, organisation)
    if org_obj:
        return "organisation", org_obj.slug, org_obj.name
    place_obj = _place(place)
    if place_obj:
        return "place", place_obj.slug, place_obj.name
    return "all", None, "Agenda Stevenshof"


@register.inclusion_tag("agenda/tags/feed_links.html", takes_context=True)
def agenda_feed_links(context, theme=None, group=None, organisation=None, place=None):
    kind, slug, name = _scope(theme, group, organisation, place)
    return {"feed": subscribe_links(context["request"], kind, slug, name=name)}


@register.inclusion_tag("agenda/tags/feed_alternate.html")
def agenda_feed_alternate(theme=None, group=None, organisation=None, place=None):
    kind, slug, name = _scope(theme, group, organisation, place)
    return {"href": feed_path(kind, slug), "title": f"{name} (iCal)"}


@register.inclusion_tag("agenda/tags/subscribe_box.html", takes_context=True)
def agenda_subscribe(context, theme=None, group=None, organisation=None, place=None):
    """"Zet in uw agenda-app": the subscribe buttons of one scope's own feed (the same links as
    the subscribe page), with a link to that page's step-by-step help."""
    request = context["request"]
    kind, slug, name = _scope(theme, group, organisation, place)
    agenda = agenda_index(request)
    help_url = ""
    if agenda is not None:
        help_url = agenda.get_url(request) + agenda.reverse_subpage("subscribe")
        if kind in SUBSCRIBE_KINDS:
            help_url += f"?soort={SUBSCRIBE_KINDS[kind]}&naam={slug}"
    return {"feed": subscribe_links(request, kind, slug, name=name), "help_url": help_url}


SERIES_LIMIT = 8


def series(request, limit, theme=None, group=None, organisation=None, place=None):
    """Each upcoming event of a scope once, by its next date: [(event, next occurrence)]. Same
    queries however many events or dates there are."""
    # The list shows no themes: only the exception dates are needed (for the next date).
    qs = site_events(site_for(request)).prefetch_related(None).prefetch_related("exceptions")
    if theme is not None:
        qs = qs.filter(themes=theme)
    if group is not None:
        qs = qs.filter(of_group(group))
    if organisation is not None:
        qs = qs.filter(organiser_organisation=organisation)
    if place is not None:
        qs = qs.filter(location=place)
    today = timezone.localdate()
    events = overlapping(qs, today, today + datetime.timedelta(days=LOOKAHEAD_DAYS))
    found = []
    for event in events:
        upcoming = recurrence.next_occurrences(event, 1)
        if upcoming:
            found.append((event, upcoming[0]))
    found.sort(key=lambda pair: (pair[1].start, pair[0].title))
    return found[: max(0, int(limit))], len(found)


@register.inclusion_tag("agenda/tags/series.html", takes_context=True)
def agenda_series(
    context, limit=SERIES_LIMIT, theme=None, group=None, organisation=None, place=None, heading="Activiteiten"
):
    """The activities of a group, theme, organisation or place, each listed once: a series
    with its days ("Elke dinsdag, 10:00") and its next date, a one-off with its date."""
    request = context["request"]
    theme_obj = _by_slug(Theme, theme)
    org_obj = _by_slug(Organisation, organisation)
    place_obj = _place(place)
    missing = (theme and theme_obj is None) or (organisation and org_obj is None) or (place and not place_obj)
    items, total = ([], 0) if missing else series(request, limit, theme_obj, group, org_obj, place_obj)
    agenda = agenda_index(request)
    agenda_url = agenda.get_url(request) if agenda is not None else "/agenda/"
    if theme_obj:
        agenda_url += f"?thema={theme_obj.slug}"
    elif group is not None:
        agenda_url += f"?groep={group.slug}"
    elif org_obj:
        agenda_url += f"?organisatie={org_obj.slug}"
    elif place_obj:
        agenda_url += f"?plek={place_obj.slug}"
    return {
        "items": [
            {"event": event, "next": occ, "rule": recurrence.rule_words(event)} for event, occ in items
        ],
        "more": total > len(items),
        "heading": heading,
        "agenda_url": agenda_url,
        "show_place": place_obj is None,
        "request": request,
    }


# Registered as they are: the templates need no wrapper around them.
register.simple_tag(recurrence.day_heading, name="agenda_day_heading")
register.filter("dutch_date", recurrence.dutch_date)


@register.filter
def euro(amount):
    if not amount:
        return "Gratis"
    return f"€ {amount:.2f}".replace(".", ",")


@register.simple_tag
def field_widget(field):
    """A form field's widget with aria-describedby pointing at its help and error texts."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-help")
    attrs = {}
    if field.errors:
        ids.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    return field.as_widget(attrs=attrs)
