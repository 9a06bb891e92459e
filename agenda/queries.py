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


def place_by_slug(slug):
    """A place with its photo, or None."""
    model = apps.get_model("agenda", "Location")
    return model.objects.select_related("photo").filter(slug=slug).first()


def locations_in_use():
    """Places with at least one event (the choices of the place filter)."""
    return apps.get_model("agenda", "Location").objects.filter(events__isnull=False).distinct()


def of_group(group):
    """Events of a group: organised by it, or placed under its page."""
    return Q(organiser_group_id=group.pk) | Q(path__startswith=group.path, depth__gt=group.depth)


def with_any_theme(themes):
    """Events with at least one of the themes, each once (a subquery, not a join that would
    repeat an event with two of them)."""
    through = apps.get_model("agenda", "EventPage").themes.through
    return Q(pk__in=through.objects.filter(theme__in=themes).values("eventpage_id"))


def agenda_index(request):
    """The live agenda page of the request's site (where places have their pages), looked up
    once per request; None when the site has none."""
    if not hasattr(request, "_agenda_index_page"):
        from home.models import site_for

        site = site_for(request)
        model = apps.get_model("agenda", "AgendaIndexPage")
        request._agenda_index_page = model.objects.live().in_site(site).first() if site else None
    return request._agenda_index_page


def place_url(request, location):
    """/agenda/plek/<slug>/ on the request's site, or "" when the site has no agenda."""
    page = agenda_index(request)
    if page is None or location is None:
        return ""
    return page.get_url(request) + page.reverse_subpage("place", kwargs={"slug": location.slug})
