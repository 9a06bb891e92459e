"""Speed of the initiative pages: median server time and query count of /initiatieven/, a group
page, /nieuws/ (plain and filtered), the news feed and a news page, on the demo data and on ten
times as many groups and news items.

Run with `make bench` (or `.venv/bin/python bench/initiatieven.py`). Uses a throw-away SQLite
database; the anonymous page cache is off, so every request is rendered."""


from _common import measure  # sets up Django: before any Django import
from django.core.management import call_command
from django.test import Client

RUNS = 20
PATHS = [
    "/initiatieven/",
    "/initiatieven/groen/",
    "/nieuws/",
    "/nieuws/?thema=groen-en-leefomgeving",
    "/nieuws/rss/",
    "/initiatieven/groen/plantdag-in-het-voorjaar/",
]



def grow(factor):
    """Add (factor - 1) times the demo's groups, each with three news items with a photo."""
    from home.demo import demo_image
    from home.models import Theme
    from initiatieven.models import InitiatiefIndexPage, InitiatiefPage, NewsPage

    index = InitiatiefIndexPage.objects.get()
    groups = InitiatiefPage.objects.count()
    themes = list(Theme.objects.all())
    image = demo_image("Bench foto", "blue")
    for i in range(groups * (factor - 1)):
        group = InitiatiefPage(
            title=f"Extra groep {i}", slug=f"extra-groep-{i}", intro="Een extra groep.",
            image=image, image_alt="Een tekening",
        )
        index.add_child(instance=group)
        group.themes.set([themes[i % len(themes)]])
        group.save_revision().publish()
        for j in range(3):
            news = NewsPage(
                title=f"Extra bericht {i}-{j}", slug=f"bericht-{j}", intro="Kort bericht.",
                image=image, image_alt="Een tekening", body=[("paragraph", "<p>Tekst.</p>")],
            )
            group.add_child(instance=news)
            news.save_revision().publish()


def main():
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    from initiatieven.models import InitiatiefPage, NewsPage

    client = Client()
    print(f"{'data':<10}{'groups':>7}{'news':>6}  {'path':<48}{'median ms':>10}{'queries':>9}")
    for label, factor in (("demo", 1), ("demo x10", 10)):
        if factor > 1:
            grow(factor)
        groups, news = InitiatiefPage.objects.count(), NewsPage.objects.count()
        for path in PATHS:
            ms, queries = measure(client, path, RUNS)
            print(f"{label:<10}{groups:>7}{news:>6}  {path:<48}{ms:>10.1f}{queries:>9}")


if __name__ == "__main__":
    main()
