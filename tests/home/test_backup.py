import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page

from home.models import Organisation, Theme


def _without_rendition_names(html):
    """Resized images are made again after a restore, with new random file names."""
    return re.sub(r"/media/images/[^\"' ]+", "/media/images/…", html)


@pytest.mark.slow
# It flushes and reloads the database itself, so the demo snapshot of tests/conftest.py cannot be
# restored after it: pytest-django runs transactional tests last, and no test after this one in
# that order (tests/home onwards) may need the `demo_site` snapshot.
@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_shows_the_same_site(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    call_command("flush", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=0)  # images now live in this test's MEDIA_ROOT
    before_home = _without_rendition_names(client.get("/").content.decode())
    counts = (Page.objects.count(), Theme.objects.count(), Organisation.objects.count())
    image = get_image_model().objects.first()
    image_bytes = Path(image.file.path).read_bytes()

    from smoelenboek.models import Profile

    photo_owner = Profile.objects.exclude(photo="").first()
    photo_path = Path(settings.PRIVATE_MEDIA_ROOT) / photo_owner.photo.name
    photo_bytes = photo_path.read_bytes()

    call_command("backup_site", output=str(tmp_path / "backups"), stdout=io.StringIO())
    (folder,) = (tmp_path / "backups").iterdir()

    # Wipe: the database and the uploaded files.
    call_command("flush", interactive=False, verbosity=0)
    Path(image.file.path).unlink()
    photo_path.unlink()
    assert client.get("/").status_code == 404

    call_command("restore_site", str(folder), yes=True, stdout=io.StringIO())
    assert (Page.objects.count(), Theme.objects.count(), Organisation.objects.count()) == counts
    assert Path(get_image_model().objects.get(pk=image.pk).file.path).read_bytes() == image_bytes
    assert photo_path.read_bytes() == photo_bytes  # member photos come back too, still private
    assert _without_rendition_names(client.get("/").content.decode()) == before_home
    assert client.get("/over-ons/").status_code == 200


def test_restore_refuses_a_folder_without_a_backup(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="holds no backup"):
        call_command("restore_site", str(tmp_path), yes=True)
