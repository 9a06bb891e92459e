"""Draw the Lucide icons the share images use as white-on-transparent PNGs (home/share/icons/),
and the site's default share image (home/share/static/share/default.png).

Pillow cannot read SVG, so the icons are drawn once here, with the Chromium of the browser
tests, and committed: the server needs nothing but Python. Run it again after adding an icon
to home/icons.py (a test says so when one is missing)."""

from pathlib import Path

import lucide
from django.core.management.base import BaseCommand

from home.icons import ICON_CHOICES
from home.share import cards

SIZE = 192


class Command(BaseCommand):
    help = "Draw the icons of the share images (needs Chromium, as the browser tests)."

    def add_arguments(self, parser):
        parser.add_argument("--chromium", default="/usr/bin/chromium")

    def handle(self, *args, chromium, **options):
        from playwright.sync_api import sync_playwright

        names = sorted({name for name, _label in ICON_CHOICES} | set(cards.LINE_ICONS))
        cards.ICONS.mkdir(exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": SIZE, "height": SIZE})
            for name in names:
                svg = lucide._render_icon(name, SIZE).replace("currentColor", "#ffffff")
                page.set_content(f'<body style="margin:0;background:transparent">{svg}</body>')
                page.locator("svg").screenshot(path=str(cards.ICONS / f"{name}.png"), omit_background=True)
            browser.close()
        default = Path(cards.__file__).parent / "static" / cards.DEFAULT_IMAGE
        default.parent.mkdir(parents=True, exist_ok=True)
        card = cards.ShareCard(
            title="Wat is er te doen in de Stevenshof?",
            lines=(("calendar-days", "De wijkagenda"), ("users", "Initiatieven en nieuws uit de wijk")),
            icon="sprout",
        )
        default.write_bytes(cards.render(card))
        self.stdout.write(f"{len(names)} icons and {default.name} drawn.")
