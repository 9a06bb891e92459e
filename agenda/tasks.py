"""Background tasks of the agenda (django-tasks). They run in the worker
(`manage.py db_worker --backend background`), never inside a web request."""

from django_tasks import task

from .importer import import_source
from .models import CalendarSource


@task(backend="background")
def import_calendar(source_pk):
    """Import one partner calendar. import_source records any problem on the source itself."""
    source = CalendarSource.objects.filter(pk=source_pk).first()
    if source is None:
        return "Deze agenda bestaat niet meer."
    return import_source(source)


@task(backend="background")
def build_poster_pdf(site_pk):
    """The week poster of one site, for today and the current content version."""
    from wagtail.models import Site

    from .posters import store_poster

    site = Site.objects.filter(pk=site_pk).first()
    if site is not None:
        store_poster(site)


@task(backend="background")
def build_flyer_pdf(event_pk):
    from .posters import store_flyer
    from .queries import site_events

    event = site_events(None).filter(pk=event_pk).first()
    if event is not None:
        store_flyer(event)


QUEUE_PAUSE_SECONDS = 10


def queue_prints(sender=None, instance=None, **kwargs):
    """A change the printed agenda shows: an activity published, unpublished or deleted, a
    theme, organisation or place changed. The worker builds the week posters (once for a burst
    of changes, such as an import; a poster asked for after that is rebuilt then, see
    posters.serve), and the flyer of a published activity, so no visitor waits for them."""
    from django.core.cache import cache
    from wagtail.models import Page, Site

    from .models import EventPage

    if isinstance(instance, Page) and not issubclass(instance.specific_class or Page, EventPage):
        return
    for site_pk in Site.objects.values_list("pk", flat=True):
        if cache.add(f"agenda:poster:queued:{site_pk}", 1, QUEUE_PAUSE_SECONDS):
            build_poster_pdf.enqueue(site_pk)
    if isinstance(instance, EventPage) and instance.live:
        build_flyer_pdf.enqueue(instance.pk)
