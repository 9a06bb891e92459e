"""Speed of sharing: the share image as a link preview fetches it (stored, and the default
picture while it is not drawn yet), drawing one, an activity page with its Open Graph tags, and
the agenda on paper (the week poster and a flyer: built, and served from the cache), next to
the smallest view, /robots.txt, in the same run (the test client serves no static files; the
ratio is the figure to steer by).

Run with `.venv/bin/python bench/share.py`. Uses a throw-away SQLite database."""

from _common import measure, median_ms  # sets up Django: before any Django import
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

RUNS = 20


def main():
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    from agenda import posters
    from agenda.models import EventPage
    from home.share import cards
    from home.share.tasks import build_share_image

    client = Client()
    event = EventPage.objects.live().get(slug="vitality-club-buiten-bewegen")
    card = event.share_card()
    build_share_image.call(event.pk)
    digest = card.digest()
    rows = [
        ("robots.txt", "/robots.txt"),
        ("event page", event.url),
        ("share image", f"/delen/{event.pk}-{digest}.png"),
        ("not drawn yet", f"/delen/{event.pk}-{'0' * 16}.png"),
        ("week poster", "/agenda/deze-week.pdf"),
        ("flyer", f"/agenda/activiteit/{event.pk}/flyer.pdf"),
    ]
    results = {label: measure(client, path, RUNS) for label, path in rows}
    base_ms = results["robots.txt"][0]
    print(f"{'what':<16}{'median ms':>10}{'queries':>9}{'x robots':>10}")
    for label, (ms, queries) in results.items():
        print(f"{label:<16}{ms:>10.1f}{queries:>9}{ms / base_ms:>10.1f}")
    print("\nbuilt (worker, or the very first visitor):")
    print(f"{'draw share image':<28}{median_ms(lambda: cards.render(card), 5):>10.1f} ms")
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    print(f"{'week poster (one A4)':<28}{median_ms(lambda: posters.build_poster(site), 3):>10.1f} ms")
    print(f"{'flyer (A5)':<28}{median_ms(lambda: posters.build_flyer(event), 3):>10.1f} ms")
    cache.clear()


if __name__ == "__main__":
    main()
