import io
import shutil

import pytest
from django.conf import settings
from PIL import Image

from tests.smoelenboek.factories import ProfileFactory


@pytest.fixture(autouse=True)
def private_media(tmp_path, settings):
    """Each test writes photos to its own private folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    yield settings.PRIVATE_MEDIA_ROOT
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def member(db):
    """An approved, visible member with a photo."""
    profile = ProfileFactory(name="Anna Aalbers")
    add_photo(profile)
    return profile


@pytest.fixture
def member_client(client, member):
    client.force_login(member.user)
    return client


def jpeg_bytes(width=400, height=300, colour=(200, 80, 40), exif=None):
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), colour)
    if exif is not None:
        image.save(buffer, format="JPEG", exif=exif)
    else:
        image.save(buffer, format="JPEG")
    return buffer.getvalue()


def add_photo(profile):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from smoelenboek.photos import process_photo

    photo, thumbnail = process_photo(SimpleUploadedFile("a.jpg", jpeg_bytes(), content_type="image/jpeg"))
    profile.photo.save(photo.name, photo, save=False)
    profile.thumbnail.save(thumbnail.name, thumbnail, save=False)
    profile.save()
    return profile


__all__ = ["settings", "add_photo", "jpeg_bytes"]
