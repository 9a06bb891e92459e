"""Smoelenboek speed: median server time and query count of the directory (plain, searched and
filtered), a profile page and a photo, on the demo members and on ten times as many; plus the
time to check and re-encode one uploaded photo.

Run with `make bench` (or `.venv/bin/python bench/smoelenboek.py`). Uses a throw-away SQLite
database and a throw-away private photo folder."""

import io
import tempfile
from pathlib import Path

from _common import measure, median_ms  # sets up Django: before any Django import
from django.conf import settings
from django.core.management import call_command
from django.test import Client

RUNS = 30



def grow(factor):
    """Add (factor - 1) times the demo's members, each with themes and a photo."""
    from tests.factories import ProfileFactory

    from smoelenboek.models import Profile

    demo = list(Profile.objects.prefetch_related("themes").select_related("organisation"))
    template = demo[0]
    for i in range(len(demo) * (factor - 1)):
        source = demo[i % len(demo)]
        profile = ProfileFactory(
            name=f"{source.name} {i}",
            role=source.role,
            organisation=source.organisation,
            job_title=source.job_title,
            approach=source.approach,
        )
        profile.themes.set(source.themes.all())
        profile.photo, profile.thumbnail = template.photo.name, template.thumbnail.name
        profile.save()  # shares the template's photo files: fine for a throw-away database


def photo_processing_ms():
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from smoelenboek.photos import process_photo

    buffer = io.BytesIO()
    Image.new("RGB", (4000, 3000), (120, 160, 200)).save(buffer, format="JPEG", quality=90)
    data = buffer.getvalue()
    ms = median_ms(lambda: process_photo(SimpleUploadedFile("foto.jpg", data, content_type="image/jpeg")), 5)
    return ms, len(data) // 1024


def main():
    settings.PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp()) / "private"
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    from tests.factories import ProfileFactory

    from smoelenboek.models import Profile

    viewer = ProfileFactory(name="Bench Lezer")
    client = Client()
    client.force_login(viewer.user)
    samira = Profile.objects.get(name="Samira el Amrani")
    paths = [
        ("directory", "/smoelenboek/"),
        ("search", "/smoelenboek/?q=welzijn"),
        ("filters", "/smoelenboek/?rol=professional&thema=samen-en-sociaal"),
        ("profile", f"/smoelenboek/{samira.pk}/"),
        ("photo", f"/smoelenboek/foto/{samira.pk}/klein.jpg"),
    ]
    print(f"{'members':<9}{'page':<11}{'median ms':>10}{'queries':>9}")
    for factor in (1, 10):
        if factor > 1:
            grow(factor)
        members = Profile.objects.visible().count()
        for label, path in paths:
            ms, queries = measure(client, path, RUNS)
            print(f"{members:<9}{label:<11}{ms:>10.1f}{queries:>9}")
    ms, kb = photo_processing_ms()
    print(f"photo check + re-encode of a 12 MP JPEG ({kb} KB): median {ms:.0f} ms")


if __name__ == "__main__":
    main()
