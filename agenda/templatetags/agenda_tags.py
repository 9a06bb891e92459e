"""Template tags other apps (and the home page) use to show the agenda without importing
its models:

    {% load agenda_tags %}
    {% upcoming_events 5 %}
    {% upcoming_events 3 theme="sport-en-bewegen" %}
    {% upcoming_events 5 group=page %}            {# on an InitiatiefPage #}
    {% upcoming_events 5 organisation=organisation %}
    {% agenda_feed_links group=page %}            {# "Zet in uw agenda" links for a scope #}
    {% agenda_feed_alternate group=page %}        {# <link rel="alternate" type="text/calendar"> #}
"""

import datetime

from django import template
from django.utils import timezone

from home.models import Organisation, Theme, site_for

from .. import recurrence
from ..links import feed_path, subscribe_links
from ..queries import of_group, overlapping, site_events

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


def _scope(theme=None, group=None, organisation=None):
    theme_obj = _by_slug(Theme, theme)
    if theme_obj:
        return "theme", theme_obj.slug, theme_obj.name
    if group is not None:
        return "group", group.slug, group.title
    org_obj = _by_slug(Organisation, organisation)
    if org_obj:
        return "organisation", org_obj.slug, org_obj.name
    return "all", None, "Agenda Stevenshof"


@register.inclusion_tag("agenda/tags/feed_links.html", takes_context=True)
def agenda_feed_links(context, theme=None, group=None, organisation=None):
    kind, slug, name = _scope(theme, group, organisation)
    return {"feed": subscribe_links(context["request"], kind, slug, name=name)}


@register.inclusion_tag("agenda/tags/feed_alternate.html")
def agenda_feed_alternate(theme=None, group=None, organisation=None):
    kind, slug, name = _scope(theme, group, organisation)
    return {"href": feed_path(kind, slug), "title": f"{name} (iCal)"}


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
