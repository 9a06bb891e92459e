"""Pictures that visitors send in: checked by Pillow, decoded in full and saved again.

Whatever a file claims to be (its name, its type), only the decoded pixels are kept: a new
file in the same format, with a random name and the matching extension, without metadata
(EXIF with GPS, comments, or anything hidden after the picture data). A script tucked into a
"photo" is not in the new file, and a name like "steal.html" never reaches the disk."""

import io
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow's format name -> the extension the saved file gets.
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}

MESSAGES = {
    "too_big": "Deze foto is te groot. Kies een foto kleiner dan {mb} MB.",
    "too_many_pixels": "Deze foto heeft te veel pixels. Maak de foto kleiner en probeer het opnieuw.",
    "not_image": "Dit bestand is geen foto. Kies een foto van het type JPG, PNG of WebP.",
    "wrong_type": "Dit soort bestand kunnen we niet gebruiken. Kies een foto van het type JPG, PNG of WebP.",
}


def field_messages():
    """Wagtail's image field (used by the admin and the site's forms) says it in plain Dutch."""
    mb = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE // (1024 * 1024)
    return {
        "invalid_image_extension": MESSAGES["wrong_type"],
        "invalid_image_known_format": MESSAGES["not_image"],
        "invalid_image": MESSAGES["not_image"],
        "file_too_large": MESSAGES["too_big"].format(mb=mb),
        "file_too_large_unknown_size": MESSAGES["too_big"].format(mb=mb),
        "file_too_many_pixels": MESSAGES["too_many_pixels"],
    }


def open_checked(data, max_pixels):
    """Open and fully decode a picture, refusing anything that is not a plain JPEG, PNG or
    WebP within `max_pixels`, with a Dutch message."""
    with warnings.catch_warnings():
        # Pillow warns (instead of failing) between its limit and twice it; refuse both.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            probe = Image.open(io.BytesIO(data))
            if probe.format not in FORMATS:
                raise ValidationError(MESSAGES["wrong_type"], code="wrong_type")
            width, height = probe.size  # read from the header, before any decoding
            if width * height > max_pixels:
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


def upright(image):
    """Turned as the camera meant (EXIF orientation), in a mode every format can save."""
    try:
        image = ImageOps.exif_transpose(image)
        if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
            image = image.point(lambda value: value * (1 / 256)).convert("L")
        return image
    except (OSError, ValueError, SyntaxError) as error:  # unusual modes or broken EXIF
        raise ValidationError(MESSAGES["not_image"], code="not_image") from error


def flatten(image, background=(255, 255, 255)):
    """RGB on a white background (for JPEG, which has no transparency)."""
    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, background)
        flat.paste(image, mask=image.getchannel("A"))
        return flat
    return image.convert("RGB")


def reencoded(uploaded, *, max_bytes, max_pixels):
    """A sent-in picture as a new file: same format, random name, pixels only."""
    too_big = ValidationError(MESSAGES["too_big"].format(mb=max_bytes // (1024 * 1024)), code="too_big")
    if uploaded.size is not None and uploaded.size > max_bytes:
        raise too_big
    uploaded.seek(0)
    data = uploaded.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_big
    image = open_checked(data, max_pixels)
    kind = image.format
    image = upright(image)
    buffer = io.BytesIO()
    if kind == "JPEG":
        flatten(image).save(buffer, format="JPEG", quality=88, optimize=True)
    elif kind == "PNG":
        image = image if image.mode in ("1", "L", "LA", "P", "RGB", "RGBA") else image.convert("RGBA")
        image.save(buffer, format="PNG", optimize=True)
    else:
        image = image if image.mode in ("RGB", "RGBA") else image.convert("RGBA")
        image.save(buffer, format="WEBP", quality=88)
    # No exif=, icc_profile= or pnginfo= arguments: the new file holds pixels only.
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{FORMATS[kind]}")
