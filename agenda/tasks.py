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
