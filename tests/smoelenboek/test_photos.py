"""Photo uploads: only real pictures, re-encoded without metadata, upright, square, and a
clear Dutch message (with nothing else lost) for everything else."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from smoelenboek.photos import PHOTO_SIZE, THUMBNAIL_SIZE, process_photo

from .conftest import jpeg_bytes

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Anna Aalbers",
    "role": "bewoner",
    "approach": "Ik help graag met de moestuin.",
    "email_visibility": "niemand",
    "phone_visibility": "niemand",
    "consent": "on",
}


def _upload(content, name="foto.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _exif_with_gps_and_orientation(orientation):
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "Telefoonmerk"  # Make
    gps = {1: "N", 2: (52.0, 9.0, 30.0), 3: "E", 4: (4.0, 26.0, 10.0)}
    exif[0x8825] = gps  # GPSInfo
    return exif


def test_exif_and_gps_are_stripped():
    original = jpeg_bytes(exif=_exif_with_gps_and_orientation(1))
    assert b"Telefoonmerk" in original
    photo, thumbnail = process_photo(_upload(original))
    for result in (photo, thumbnail):
        data = result.read()
        assert b"Telefoonmerk" not in data and b"Exif" not in data
        image = Image.open(io.BytesIO(data))
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info and "icc_profile" not in image.info


def test_orientation_is_fixed_and_the_result_is_square():
    # A wide picture, left half red and right half blue, that EXIF says to rotate 90°
    # clockwise (orientation 6): upright, red is on top.
    image = Image.new("RGB", (600, 300), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 300, 300))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=_exif_with_gps_and_orientation(6))
    photo, thumbnail = process_photo(_upload(buffer.getvalue()))
    big = Image.open(io.BytesIO(photo.read())).convert("RGB")
    small = Image.open(io.BytesIO(thumbnail.read()))
    assert big.size == (PHOTO_SIZE, PHOTO_SIZE)
    assert small.size == (THUMBNAIL_SIZE, THUMBNAIL_SIZE)
    top = big.getpixel((PHOTO_SIZE // 2, 10))
    bottom = big.getpixel((PHOTO_SIZE // 2, PHOTO_SIZE - 10))
    assert top[0] > 200 and top[2] < 60, top
    assert bottom[2] > 200 and bottom[0] < 60, bottom


def test_png_with_transparency_becomes_a_jpeg_on_white():
    buffer = io.BytesIO()
    Image.new("RGBA", (300, 300), (0, 0, 0, 0)).save(buffer, format="PNG")
    photo, _ = process_photo(_upload(buffer.getvalue(), "foto.png", "image/png"))
    image = Image.open(io.BytesIO(photo.read()))
    assert image.mode == "RGB" and image.getpixel((10, 10)) == (255, 255, 255)


def test_random_file_names_not_the_uploaded_name():
    photo, thumbnail = process_photo(_upload(jpeg_bytes(), name="../../geheim<script>.jpg"))
    assert "geheim" not in photo.name and "/" not in photo.name
    assert photo.name != process_photo(_upload(jpeg_bytes()))[0].name


def _bomb():
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "foto.svg", "geen foto"),
        (b"Dit is gewoon tekst.", "foto.jpg", "geen foto"),
        (b"%PDF-1.4 nep", "foto.pdf", "geen foto"),
        (jpeg_bytes()[:200], "kapot.jpg", "geen foto"),
        ("gif", "foto.gif", "Dit soort bestand"),
        ("bomb", "bom.png", "te veel pixels"),
        ("small", "klein.jpg", "te klein"),
    ],
)
def test_bad_files_are_refused_with_a_dutch_message(content, name, message):
    if content == "gif":
        buffer = io.BytesIO()
        Image.new("RGB", (300, 300)).save(buffer, format="GIF")
        content = buffer.getvalue()
    elif content == "bomb":
        content = _bomb()
        assert len(content) < 100_000
    elif content == "small":
        content = jpeg_bytes(40, 40)
    with pytest.raises(ValidationError) as error:
        process_photo(_upload(content, name))
    assert message in error.value.messages[0]


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.SMOELENBOEK_PHOTO_MAX_UPLOAD_SIZE = 1024 * 1024
    big = jpeg_bytes() + b"\0" * (1024 * 1024)
    with pytest.raises(ValidationError) as error:
        process_photo(_upload(big))
    assert "te groot" in error.value.messages[0] and "1 MB" in error.value.messages[0]


def test_pixel_limit_is_a_setting(settings):
    settings.SMOELENBOEK_PHOTO_MAX_PIXELS = 100_000
    with pytest.raises(ValidationError) as error:
        process_photo(_upload(jpeg_bytes(400, 300)))
    assert "te veel pixels" in error.value.messages[0]


def test_a_bad_upload_in_the_form_keeps_everything_else(member_client, member):
    old_photo = member.photo.name
    data = {**FORM, "name": "Anna met een nieuwe naam", "upload": _upload(b"<svg></svg>", "foto.svg")}
    response = member_client.post("/smoelenboek/mijn-profiel/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit bestand is geen foto" in html
    assert 'value="Anna met een nieuwe naam"' in html  # what was typed is still there
    assert "Ik help graag met de moestuin." in html
    member.refresh_from_db()
    assert member.name == "Anna Aalbers" and member.photo.name == old_photo
    assert member.photo.storage.exists(old_photo)


def test_a_new_photo_replaces_the_old_files(member_client, member):
    old = [member.photo.name, member.thumbnail.name]
    storage = member.photo.storage
    response = member_client.post(
        "/smoelenboek/mijn-profiel/", {**FORM, "upload": _upload(jpeg_bytes(500, 500))}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.photo.name not in old
    assert storage.exists(member.photo.name) and storage.exists(member.thumbnail.name)
    assert not any(storage.exists(name) for name in old)


def test_removing_the_photo_deletes_the_files(member_client, member):
    names = [member.photo.name, member.thumbnail.name]
    storage = member.photo.storage
    member_client.post("/smoelenboek/mijn-profiel/", {**FORM, "remove_photo": "on"})
    member.refresh_from_db()
    assert not member.photo and not member.thumbnail
    assert not any(storage.exists(name) for name in names)
