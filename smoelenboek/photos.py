"""Checking and re-encoding of member photos.

An upload must be a real JPEG, PNG or WebP picture within the size and pixel limits. It is
decoded by Pillow, turned upright (EXIF orientation), and saved again as a new JPEG without
any metadata (EXIF, GPS, comments), in two square sizes. The original bytes are never kept."""

import io
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
PHOTO_SIZE = 600
THUMBNAIL_SIZE = 240

MESSAGES = {
    "too_big": "Deze foto is te groot. Kies een foto kleiner dan {mb} MB.",
    "too_many_pixels": "Deze foto heeft te veel pixels. Maak de foto kleiner en probeer het opnieuw.",
    "not_image": "Dit bestand is geen foto. Kies een foto van het type JPG, PNG of WebP.",
    "wrong_type": "Dit soort bestand kunnen we niet gebruiken. Kies een foto van het type JPG, PNG of WebP.",
    "too_small": "Deze foto is te klein. Kies een foto van minstens 100 bij 100 pixels.",
}


def _open_checked(data):
    """Open and fully decode the picture, refusing anything that is not a plain photo."""
    with warnings.catch_warnings():
        # Pillow warns (instead of failing) between its limit and twice it; refuse both.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            probe = Image.open(io.BytesIO(data))
            if probe.format not in ALLOWED_FORMATS:
                raise ValidationError(MESSAGES["wrong_type"], code="wrong_type")
            width, height = probe.size
            if width * height > settings.SMOELENBOEK_PHOTO_MAX_PIXELS:
                raise ValidationError(MESSAGES["too_many_pixels"], code="too_many_pixels")
            probe.verify()  # checks the file's structure; the object is unusable afterwards
            image = Image.open(io.BytesIO(data))
            image.load()
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ValidationError(MESSAGES["too_many_pixels"], code="too_many_pixels") from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise ValidationError(MESSAGES["not_image"], code="not_image") from error
    return image


def _upright_rgb(image):
    image = ImageOps.exif_transpose(image)
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        image = image.point(lambda value: value * (1 / 256)).convert("L")
    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


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
    image = _open_checked(data)
    if min(image.size) < 100:
        raise ValidationError(MESSAGES["too_small"], code="too_small")
    try:
        image = _upright_rgb(image)
    except (OSError, ValueError, SyntaxError) as error:  # unusual modes or broken EXIF
        raise ValidationError(MESSAGES["not_image"], code="not_image") from error
    token = uuid.uuid4().hex
    return (
        ContentFile(_square_jpeg(image, PHOTO_SIZE), name=f"{token}.jpg"),
        ContentFile(_square_jpeg(image, THUMBNAIL_SIZE), name=f"{token}-klein.jpg"),
    )
