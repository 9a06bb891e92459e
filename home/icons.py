"""The icons editors may pick for themes and menu items (names of the Lucide icon set)."""

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
