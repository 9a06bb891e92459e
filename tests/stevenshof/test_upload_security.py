"""No upload runs as a page.

Every way a file reaches the site (the "Activiteit aanmelden" form, the admin's images,
documents and avatar, the smoelenboek photo) is tried with what an attacker sends: a real PNG
with a script after the image data under an .html, .svg or .png.js name, an SVG with a
script, and a pixel bomb (a few kilobytes that decode to 144 million pixels). And whatever
lies under /media/ is served as a picture or as a download, never as a page."""

import datetime
import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from agenda.models import EventPage
from tests.home.factories import UserFactory

pytestmark = pytest.mark.django_db

SCRIPT = b"<script>fetch('/smoelenboek/').then(r=>r.text()).then(alert)</script>"


def png_bytes(width=40, height=30, mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, (width, height)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def polyglot():
    """A valid PNG with a script after the image data: a browser sniffing it as HTML runs it."""
    return png_bytes() + b"<html><body>" + SCRIPT + b"</body></html>"


def bomb():
    data = png_bytes(12000, 12000, mode="1")
    assert len(data) < 40_000
    return data


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'

HOSTILE = [
    ("steal.html", polyglot(), "text/html"),
    ("poly.png.js", polyglot(), "text/javascript"),
    ("logo.svg", SVG, "image/svg+xml"),
    ("plaatje.png", SVG, "image/png"),
]


# --- "Activiteit aanmelden" ----------------------------------------------------------------


def submission(**changes):
    today = timezone.localdate()
    data = {
        "title": "Samen puzzelen",
        "summary": "We maken samen een grote puzzel.",
        "start_date": (today + datetime.timedelta(days=7)).isoformat(),
        "start_time": "14:00",
        "place": "huis-van-de-buurt",
        "organiser": "Puzzelclub",
        "name": "Anna de Vries",
        "email": "anna@example.org",
        "website": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def member(client):
    client.force_login(UserFactory(email="lid@example.org"))
    return client


@pytest.mark.parametrize(("name", "content", "content_type"), HOSTILE)
def test_the_submission_form_refuses_files_that_are_not_photos(member, name, content, content_type):
    response = member.post(
        "/agenda/aanmelden/", submission(image=SimpleUploadedFile(name, content, content_type=content_type))
    )
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["image"])
    assert "JPG, PNG of WebP" in errors or "geen foto" in errors
    assert 'value="Anna de Vries"' in response.content.decode()  # what was typed stays
    assert not EventPage.objects.filter(title="Samen puzzelen").exists()
    assert not get_image_model().objects.filter(title="Samen puzzelen").exists()


def test_the_submission_form_refuses_a_pixel_bomb_at_once(member):
    started = time.monotonic()
    upload = SimpleUploadedFile("bom.png", bomb(), content_type="image/png")
    response = member.post("/agenda/aanmelden/", submission(image=upload))
    assert time.monotonic() - started < 5  # refused from the header, never decoded
    assert response.status_code == 400
    assert "te veel pixels" in " ".join(response.context["form"].errors["image"])


def test_a_sent_in_photo_is_stored_as_new_pixels_under_a_random_name(member):
    exif = PILImage.Exif()
    exif[0x010E] = "Thuisadres Stevenshof 52.14N 4.45E"  # ImageDescription, as phones fill in places
    buffer = io.BytesIO()
    PILImage.new("RGB", (300, 200), (10, 120, 40)).save(buffer, format="JPEG", exif=exif.tobytes())
    data = buffer.getvalue() + SCRIPT  # a script after the JPEG data, too
    response = member.post(
        "/agenda/aanmelden/",
        submission(image=SimpleUploadedFile("Mijn foto's.jpg", data, content_type="image/jpeg")),
    )
    assert response.status_code == 302
    image = EventPage.objects.get(title="Samen puzzelen").image
    assert image.file.name.startswith("original_images/") and image.file.name.endswith(".jpg")
    assert "foto" not in image.file.name
    stored = image.file.read()
    assert SCRIPT not in stored and b"Thuisadres" not in stored and b"Exif" not in stored
    with PILImage.open(io.BytesIO(stored)) as again:
        assert again.format == "JPEG" and again.size == (300, 200)
    # A PNG with a script behind it is kept as a PNG without it.
    response = member.post(
        "/agenda/aanmelden/",
        submission(
            title="Nog een puzzel", image=SimpleUploadedFile("x.png", polyglot(), content_type="image/png")
        ),
    )
    assert response.status_code == 302
    stored = EventPage.objects.get(title="Nog een puzzel").image.file.read()
    assert SCRIPT not in stored and stored.startswith(b"\x89PNG")


# --- The admin: images, documents, avatar -------------------------------------------------


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(username="redacteur", is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize(("name", "content", "content_type"), [*HOSTILE, ("bom.png", bomb(), "image/png")])
def test_the_admin_image_upload_refuses_them(editor, name, content, content_type):
    response = editor.post(
        "/admin/images/add/",
        {
            "title": name,
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
        },
    )
    assert response.status_code == 200
    assert not get_image_model().objects.filter(title=name).exists()


@pytest.mark.parametrize(
    ("name", "content"), [("steal.html", polyglot()), ("logo.svg", SVG), ("x.js", SCRIPT)]
)
def test_the_admin_document_upload_refuses_them(editor, name, content):
    response = editor.post(
        "/admin/documents/add/",
        {
            "title": name,
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200
    assert not get_document_model().objects.filter(title=name).exists()


def test_documents_are_only_served_by_wagtails_view_as_a_download(editor, client):
    document = get_document_model().objects.create(
        title="Verslag", file=SimpleUploadedFile("verslag.txt", b"<script>alert(1)</script>")
    )
    assert client.get("/media/" + document.file.name).status_code == 404
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not response["Content-Type"].startswith("text/html")


def avatar_form(upload):
    from wagtail.admin.forms.account import AvatarPreferencesForm
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(UserFactory(username="redacteur"))
    return AvatarPreferencesForm(data={}, files={"avatar": upload}, instance=profile)


@pytest.mark.parametrize(
    ("name", "content"), [("steal.html", polyglot()), ("logo.svg", SVG), ("bom.png", bomb())]
)
def test_the_admin_avatar_refuses_them(name, content):
    assert not avatar_form(SimpleUploadedFile(name, content)).is_valid()


def test_the_admin_avatar_takes_a_real_picture():
    """The control for the test above: the same form takes a picture."""
    assert avatar_form(SimpleUploadedFile("ik.png", png_bytes(200, 200))).is_valid()


# --- The smoelenboek photo ----------------------------------------------------------------


def test_the_smoelenboek_photo_keeps_only_pixels():
    from django.core.exceptions import ValidationError

    from smoelenboek.photos import process_photo

    for name, content, _type in HOSTILE:
        with pytest.raises(ValidationError):
            process_photo(SimpleUploadedFile(name, content))
    with pytest.raises(ValidationError, match="te veel pixels"):
        process_photo(SimpleUploadedFile("bom.png", bomb()))
    photo, thumbnail = process_photo(SimpleUploadedFile("steal.html", png_bytes(300, 300) + SCRIPT))
    assert photo.name.endswith(".jpg") and SCRIPT not in photo.read()


# --- What lies under /media/ ---------------------------------------------------------------


@pytest.fixture
def media_file(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    def write(name, content):
        path = tmp_path / "original_images" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        return f"/media/original_images/{name}"

    return write


@pytest.mark.parametrize("name", ["steal.html", "poly.png.js", "logo.svg", "x.xml", "geen-extensie"])
def test_media_that_is_not_a_picture_is_a_download_that_runs_nothing(client, media_file, name):
    response = client.get(media_file(name, polyglot()))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == "attachment"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy and "script-src" not in policy


def test_media_pictures_are_served_as_pictures_with_the_strict_policy(client, media_file):
    response = client.get(media_file("bloemen.png", png_bytes()))
    assert response["Content-Type"] == "image/png"
    assert "attachment" not in response.get("Content-Disposition", "")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_the_documented_nginx_block_serves_media_the_same_way():
    from pathlib import Path

    from django.conf import settings

    deploy = (Path(settings.BASE_DIR) / "docs" / "deploy.md").read_text()
    block = deploy.split("location /media/", 1)[1].split("\n    }", 1)[0]
    assert "nosniff" in block
    assert "default-src 'none'" in block and "sandbox" in block
    assert "default_type application/octet-stream" in block
    assert "$media_disposition" in block and '"attachment"' in deploy
    assert "location /media/documents/" in deploy
