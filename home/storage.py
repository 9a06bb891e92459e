"""Private file storage: a folder outside MEDIA_ROOT that no web server serves. Files here have
no public URL; only views that check who asks read them (member photos of the smoelenboek, the
picture of an activity a visitor sent in but has not confirmed yet)."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """FileSystemStorage rooted at settings.PRIVATE_MEDIA_ROOT, read on every use so that tests
    can point it elsewhere, and without a URL."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no public URL; a view that checks access serves them.")


_storage = PrivateStorage()


def private_storage():
    """Callable for FileField(storage=...), so migrations do not hold a path."""
    return _storage
