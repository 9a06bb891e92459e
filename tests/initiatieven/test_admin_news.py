"""Bad input when a volunteer writes news: a clear Dutch message and nothing lost."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from initiatieven.models import NewsPage

from .test_permissions import news_form

pytestmark = pytest.mark.django_db


def _add(client, group, data):
    return client.post(f"/admin/pages/add/initiatieven/newspage/{group.pk}/", data)


def test_news_without_title_is_refused_and_text_kept(volunteer_client, groen):
    response = _add(volunteer_client, groen, news_form(title="", **{"action-publish": "1"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit is een verplicht veld" in html
    assert "We plantten tien bomen." in html  # the body is still in the form
    assert not NewsPage.objects.filter(slug="nieuwe-bomen").exists()


def test_news_without_body_is_refused(volunteer_client, groen):
    response = _add(volunteer_client, groen, news_form(body="", **{"action-publish": "1"}))
    assert response.status_code == 200
    assert "Schrijf een bericht." in response.content.decode()
    assert not NewsPage.objects.filter(slug="nieuwe-bomen").exists()


def test_news_photo_without_description_is_refused(volunteer_client, groen):
    image = get_image_model().objects.create(
        title="Plantdag",
        collection=groen.collection,
        file=SimpleUploadedFile("p.png", _png()),
    )
    response = _add(volunteer_client, groen, news_form(image=image.pk, **{"action-publish": "1"}))
    assert response.status_code == 200
    assert "Beschrijf wat er op de foto staat" in response.content.decode()
    response = _add(
        volunteer_client,
        groen,
        news_form(image=image.pk, image_alt="Buren planten een boom", **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    assert NewsPage.objects.get(slug="nieuwe-bomen").image_alt == "Buren planten een boom"


def _png(width=40, height=30, extra=b""):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (20, 120, 40)).save(buffer, format="PNG")
    return buffer.getvalue() + extra


def test_too_large_or_fake_images_are_refused_for_volunteers(volunteer_client, groen, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50_000
    Image = get_image_model()
    big = SimpleUploadedFile("groot.png", _png(extra=b"\0" * 60_000), content_type="image/png")
    response = volunteer_client.post(
        "/admin/images/add/", {"title": "groot", "collection": groen.collection.pk, "file": big}
    )
    assert response.status_code == 200
    assert "te groot" in response.content.decode().lower()
    fake = SimpleUploadedFile("nep.png", b"dit is geen foto", content_type="image/png")
    response = volunteer_client.post(
        "/admin/images/add/", {"title": "nep", "collection": groen.collection.pk, "file": fake}
    )
    assert response.status_code == 200
    assert not Image.objects.filter(title__in=["groot", "nep"]).exists()


def test_every_news_field_has_a_dutch_help_text():
    for name in ("date", "intro", "image", "image_alt", "body"):
        field = NewsPage._meta.get_field(name)
        assert field.help_text, name
