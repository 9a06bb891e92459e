"""Share images: the 1200x630 picture a link preview in WhatsApp, Facebook or Signal shows.

A page type that wants one defines `share_card()`, returning a `ShareCard` (a title, a few
lines with an icon each, a theme icon and colour); this module draws it with Pillow and keeps
it in media storage as `share/<page id>/<digest>.png`, where the digest is a hash of what the
card shows. The worker draws it after a publish (tasks.py); the page links to the name its
current card has, so a changed title is a new address and no preview shows an old picture.

Everything the drawing needs is in the repository: the fonts (fonts/, DejaVu Sans) and the
Lucide icons as white-on-transparent PNGs (icons/, made by `manage.py render_share_icons`).
"""

import hashlib
import io
import json
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont

from home.icons import THEME_COLOURS

WIDTH, HEIGHT = 1200, 630
BOTTOM = HEIGHT - 48  # the coloured band and a margin
# Bump when the drawing changes, so every page gets a new picture.
VERSION = 1
FOLDER = "share"
HERE = Path(__file__).resolve().parent
FONT_REGULAR = HERE / "fonts" / "DejaVuSans.ttf"
FONT_BOLD = HERE / "fonts" / "DejaVuSans-Bold.ttf"
ICONS = HERE / "icons"
DEFAULT_IMAGE = "share/default.png"  # a static file, drawn by `manage.py render_share_icons`

# The site's colours (stevenshof/static/css/site.css).
PRIMARY = "#14532d"
CREAM = "#fffaf0"
TEXT = "#1a1a1a"
MUTED = "#4a4a4a"
# Icons the cards use besides the theme icons (home/icons.py).
LINE_ICONS = ("calendar-days", "clock", "map-pin", "users", "sprout", "newspaper", "repeat")


@dataclass(frozen=True)
class ShareCard:
    title: str
    lines: tuple = ()  # (icon name, text) pairs, at most three are drawn
    icon: str = "sprout"
    colour: str = "green"
    alt: str = field(default="", compare=False)

    def digest(self):
        data = [VERSION, self.title, [list(line) for line in self.lines], self.icon, self.colour]
        return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()[:16]

    def name(self, page_id):
        return stored_name(page_id, self.digest())

    def description(self):
        """The text of og:image:alt: what the picture says."""
        return self.alt or ". ".join([self.title, *(text for _icon, text in self.lines if text)])


def stored_name(page_id, digest):
    """One folder per page, so cleaning up lists only that page's pictures."""
    return f"{FOLDER}/{page_id}/{digest}.png"


@cache
def _font(path, size):
    return ImageFont.truetype(str(path), size)


@cache
def _characters(path):
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(str(path), lazy=True).getBestCmap())


def drawable(text, path=FONT_BOLD):
    """`text` without what the font cannot draw (emoji, control characters), which would show
    as empty boxes, and with runs of spaces made one."""
    known = _characters(path)
    kept = []
    for char in unicodedata.normalize("NFC", str(text)):
        if char in "\t\n\r":
            char = " "
        if ord(char) in known and unicodedata.category(char) not in ("Cc", "Cf", "Co", "Cs"):
            kept.append(char)
        elif unicodedata.category(char) in ("Mn", "Me") and kept:
            continue  # a mark on a dropped character
    return " ".join("".join(kept).split())


def _fit(text, font, width):
    """The longest start of `text` that fits in `width`, with an ellipsis if it was cut."""
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _wrap(text, font, width, max_lines):
    """Lines of `text` that fit `width`; a word longer than a line is broken; the last line
    ends in an ellipsis when there is more."""
    lines, current = [], ""
    for word in text.split(" "):
        candidate = f"{current} {word}".strip()
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while font.getlength(word) > width:  # one very long word
            cut = len(word)
            while cut > 1 and font.getlength(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _fit(lines[-1] + "…", font, width)
    return lines


def _icon(name, size, colour):
    """A Lucide icon in `colour`, `size` pixels square; the sprout if the name is unknown."""
    path = ICONS / f"{name}.png"
    if not path.exists():
        path = ICONS / "sprout.png"
    mask = Image.open(path).convert("RGBA").getchannel("A").resize((size, size), Image.LANCZOS)
    tile = Image.new("RGBA", (size, size), colour)
    tile.putalpha(mask)
    return tile


def render(card):
    """The card as PNG bytes, 1200x630."""
    colour = THEME_COLOURS.get(card.colour, THEME_COLOURS["green"])
    image = Image.new("RGB", (WIDTH, HEIGHT), CREAM)
    draw = ImageDraw.Draw(image)
    # Top band with the site's name.
    draw.rectangle((0, 0, WIDTH, 96), fill=PRIMARY)
    logo = _icon("sprout", 56, "#ffffff")
    image.paste(logo, (56, 20), logo)
    draw.text((128, 48), "Stevenshof Vitaal", font=_font(FONT_BOLD, 40), fill="#ffffff", anchor="lm")
    # Bottom band in the theme's colour.
    draw.rectangle((0, HEIGHT - 24, WIDTH, HEIGHT), fill=colour)
    # The theme icon on a tile in the theme's colour.
    draw.rounded_rectangle((56, 144, 256, 344), radius=28, fill=colour)
    icon = _icon(card.icon, 136, "#ffffff")
    image.paste(icon, (88, 176), icon)

    left, right = 304, WIDTH - 56
    width = right - left
    title = drawable(card.title) or "Stevenshof Vitaal"
    details = [(icon, drawable(text, FONT_REGULAR)) for icon, text in card.lines[:3]]
    details = [(icon, text) for icon, text in details if text]
    detail = _font(FONT_REGULAR, 36)
    detail_lines = [(icon, _wrap(text, detail, width - 60, 2)) for icon, text in details]
    details_height = sum(24 + 48 * len(lines) for _icon, lines in detail_lines)
    # The largest title size at which the title (at most three lines) and the details fit.
    for size in (64, 56, 48, 42):
        font = _font(FONT_BOLD, size)
        lines = _wrap(title, font, width, 3)
        if 136 + int(size * 1.2) * len(lines) + 12 + details_height <= BOTTOM:
            break
    y = 136
    for line in lines:
        draw.text((left, y), line, font=font, fill=TEXT)
        y += int(size * 1.2)
    y += 12
    for icon_name, wrapped in detail_lines:
        if y + 24 + 48 > BOTTOM:
            break  # only with a very long title and text: what fits
        y += 24
        mark = _icon(icon_name, 40, colour)
        image.paste(mark, (left, y + 2), mark)
        for part in wrapped:
            if y + 48 > BOTTOM:
                break
            draw.text((left + 60, y), part, font=detail, fill=MUTED)
            y += 48
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def build(page_id, card):
    """Draw the card into media storage (unless it is there already) and remove the page's
    older pictures. Returns the stored name."""
    name = card.name(page_id)
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(render(card)))
    forget(page_id, keep=name)
    return name


def forget(page_id, keep=None):
    """Delete the stored pictures of a page (but `keep`)."""
    folder = f"{FOLDER}/{page_id}"
    try:
        _dirs, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for filename in files:
        path = f"{folder}/{filename}"
        if path != keep:
            default_storage.delete(path)
