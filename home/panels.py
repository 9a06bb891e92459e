"""Admin panel helpers that several apps share."""

from wagtail.admin.panels import FieldPanel


def read_only_panels(*names):
    """Panels that show what a resident sent in, which editors may read but not change."""
    return [FieldPanel(name, read_only=True) for name in names]
