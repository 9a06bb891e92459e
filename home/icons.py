"""The icons editors may pick for themes and menu items (names of the Lucide icon set), and
each icon drawn once per process."""

import functools

import lucide

ICON_CHOICES = [
    ("users", "Mensen samen"),
    ("heart-handshake", "Hand en hart"),
    ("hand-helping", "Helpende hand"),
    ("life-buoy", "Hulp"),
    ("coffee", "Koffie"),
    ("bike", "Fiets"),
    ("footprints", "Wandelen"),
    ("apple", "Appel"),
    ("salad", "Gezond eten"),
    ("trees", "Bomen"),
    ("sprout", "Plantje"),
    ("leaf", "Blad"),
    ("baby", "Baby"),
    ("book-open", "Boek"),
    ("house", "Huis"),
    ("landmark", "Gemeente"),
    ("euro", "Geld"),
    ("calendar-days", "Agenda"),
    ("info", "Informatie"),
]

# Colours for theme icons. Each passes WCAG AA (4.5:1) with white text and as a
# graphic on the site's white and cream backgrounds.
COLOUR_CHOICES = [
    ("green", "Groen"),
    ("blue", "Blauw"),
    ("purple", "Paars"),
    ("red", "Rood"),
    ("orange", "Oranje"),
    ("teal", "Blauwgroen"),
]
# The same colours as hex, for what is drawn outside the stylesheet (PDFs, share images); they
# match the theme classes in stevenshof/static/css/site.css.
THEME_COLOURS = {
    "green": "#1d6b3e",
    "blue": "#1f5aa6",
    "purple": "#6b3fa0",
    "red": "#b3261e",
    "orange": "#a84d00",
    "teal": "#0f6b6b",
}


def draw_each_icon_once():
    """The lucide package parses its SVG and serialises it again on every `{% lucide %}` (a
    tenth of a page's time before fragments were cached). Its template tag calls
    `lucide._render_icon` by name, so remembering the result there keeps every template as it
    is. The result is a plain string for the same name, size and attributes."""
    if not hasattr(lucide._render_icon, "cache_info"):
        lucide._render_icon = functools.lru_cache(maxsize=1024)(lucide._render_icon)
