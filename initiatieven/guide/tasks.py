"""Background task of the guide: the printable guide (gids.pdf) is built by the worker
(`manage.py db_worker --backend background`) after every change, not in a visitor's request."""

from django_tasks import task

from .models import ThemeIndexPage
from .pdf import build_and_store_guide_pdf


@task(backend="background")
def build_guide_pdfs():
    """Build the guide of every site for the current content version. A task that comes after
    a newer change simply finds the PDF built already."""
    for index_page in ThemeIndexPage.objects.live():
        build_and_store_guide_pdf(index_page)


def queue_guide_pdfs(**kwargs):
    build_guide_pdfs.enqueue()
