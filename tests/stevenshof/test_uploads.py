"""Uploads in the admin are checked for type, size and pixel count, with a Dutch message."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


def _png(width, height):
    buffer = io.BytesIO()
    PILImage.new("1", (width, height)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@pytest.fixture
def editor_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _upload(client, name, content, content_type="image/png"):
    from wagtail.models import Collection

    # With more than one collection (each initiative group has its own) the form asks for one.
    root = Collection.get_first_root_node()
    return client.post(
        "/admin/images/add/",
        {
            "title": name,
            "collection": root.pk,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
        },
    )


def test_a_normal_image_is_accepted(editor_client):
    response = _upload(editor_client, "bloemen.png", _png(400, 300))
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="bloemen.png").exists()


def test_a_decompression_bomb_is_refused_with_a_dutch_message(editor_client):
    bomb = _png(10000, 10000)  # 100 megapixels in a few kilobytes
    assert len(bomb) < 100_000
    response = _upload(editor_client, "bom.png", bomb)
    assert response.status_code == 200
    assert not get_image_model().objects.filter(title="bom.png").exists()
    assert "pixels" in response.content.decode().lower()


def test_a_file_that_is_not_an_image_is_refused(editor_client):
    response = _upload(editor_client, "virus.png", b"MZ\x90\x00 not really a picture")
    assert response.status_code == 200
    assert not get_image_model().objects.filter(title="virus.png").exists()


def test_svg_is_not_an_accepted_image_type(editor_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = _upload(editor_client, "tekening.svg", svg, "image/svg+xml")
    assert response.status_code == 200
    assert not get_image_model().objects.filter(title="tekening.svg").exists()


def test_a_too_large_file_is_refused(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50_000
    response = _upload(editor_client, "groot.png", _png(400, 300) + b"\0" * 60_000)
    assert response.status_code == 200
    assert not get_image_model().objects.filter(title="groot.png").exists()
    assert "te groot" in response.content.decode().lower() or "groter" in response.content.decode().lower()
