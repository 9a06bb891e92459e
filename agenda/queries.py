"""Querysets of events, always scoped to one Site and fetched with a fixed number of queries.

The agenda's models are looked up by name: models.py imports agenda.pages, which imports this
module."""

from django.apps import apps
from django.db.models import Q


def site_events(site):
    """Live, public events of one site with everything the listing and the feeds show."""
    qs = apps.get_model("agenda", "EventPage").objects.live().public()
    if site is not None:
        qs = qs.descendant_of(site.root_page)
    return qs.select_related(
        "location", "organiser_group", "organiser_organisation", "import_source"
    ).prefetch_related("themes", "exceptions")


def overlapping(qs, first_day, last_day):
    """Events that may have an occurrence between first_day and last_day (inclusive); the
    exact check is done by agenda.recurrence."""
    one_off = Q(repeat="", imported_rrule="") & (
        Q(end_date__gte=first_day) | Q(end_date__isnull=True, start_date__gte=first_day)
    )
    recurring = (~Q(repeat="") | ~Q(imported_rrule="")) & (
        Q(repeat_until__isnull=True) | Q(repeat_until__gte=first_day)
    )
    qs = qs.filter(one_off | recurring)
    if last_day is not None:
        qs = qs.filter(start_date__lte=last_day)
    return qs


def locations_in_use():
    """Places with at least one event (the choices of the place filter)."""
    return apps.get_model("agenda", "Location").objects.filter(events__isnull=False).distinct()


def of_group(group):
    """Events of a group: organised by it, or placed under its page."""
    return Q(organiser_group_id=group.pk) | Q(path__startswith=group.path, depth__gt=group.depth)
