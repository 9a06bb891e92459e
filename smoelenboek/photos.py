"""Checking and re-encoding of member photos.

An upload must be a real JPEG, PNG or WebP picture within the size and pixel limits. It is
decoded by Pillow, turned upright (EXIF orientation), and saved again as a new JPEG without
any metadata (EXIF, GPS, comments), in two square sizes. The original bytes are never kept."""

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from home import images

PHOTO_SIZE = 600
THUMBNAIL_SIZE = 240

MESSAGES = {
    **images.MESSAGES,
    "too_small": "Deze foto is te klein. Kies een foto van minstens 100 bij 100 pixels.",
}


def _square_jpeg(image, size):
    square = ImageOps.fit(image, (size, size), method=Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    # No exif=, icc_profile= or comment arguments: the new file holds pixels only.
    square.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()


def process_photo(uploaded):
    """Check an uploaded file and return (photo, thumbnail) as ContentFiles with random names.

    Raises ValidationError with a Dutch message for anything that is not a usable photo."""
    max_bytes = settings.SMOELENBOEK_PHOTO_MAX_UPLOAD_SIZE
    too_big = ValidationError(MESSAGES["too_big"].format(mb=max_bytes // (1024 * 1024)), code="too_big")
    if uploaded.size is not None and uploaded.size > max_bytes:
        raise too_big
    data = uploaded.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_big
    image = images.open_checked(data, settings.SMOELENBOEK_PHOTO_MAX_PIXELS)
    if min(image.size) < 100:
        raise ValidationError(MESSAGES["too_small"], code="too_small")
    image = images.flatten(images.upright(image))
    token = uuid.uuid4().hex
    return (
        ContentFile(_square_jpeg(image, PHOTO_SIZE), name=f"{token}.jpg"),
        ContentFile(_square_jpeg(image, THUMBNAIL_SIZE), name=f"{token}-klein.jpg"),
    )
