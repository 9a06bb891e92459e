"""Speed of the guide "Wat kun je doen in de wijk": the PDF guide cold (built) and cached,
a poster, and the theme page, search and index (median server time and query count), on the
demo data and on ten times the offers.

Run with `.venv/bin/python bench/guide.py`. Uses a throw-away SQLite database."""


from _common import measure, median_ms  # sets up Django: before any Django import
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

RUNS = 20
PAGES = [
    ("index", "/wat-kun-je-doen/"),
    ("theme", "/wat-kun-je-doen/thema/samen-en-sociaal/"),
    ("theme+filter", "/wat-kun-je-doen/thema/samen-en-sociaal/?gratis=1&voor=ouderen&soort=meedoen"),
    ("search", "/wat-kun-je-doen/zoeken/?q=iets+om+samen+koffie+te+drinken+voor+ouderen"),
    ("organisation", "/wat-kun-je-doen/organisaties/reos/"),
]



def measure_pdf(client, path):
    def cold():
        cache.clear()
        response = client.get(path)
        assert response.status_code == 200
        return len(response.content)

    size = cold()
    cold_ms = median_ms(cold, runs=3)
    client.get(path)
    cached_ms = median_ms(lambda: client.get(path), RUNS)
    return cold_ms, cached_ms, size


def grow(factor):
    """Add (factor - 1) times the demo's offers, spread over the same themes."""
    from initiatieven.guide.models import OfferPage, ThemeIndexPage

    guide = ThemeIndexPage.objects.get(slug="wat-kun-je-doen")
    originals = list(OfferPage.objects.child_of(guide).prefetch_related("themes"))
    for i in range(len(originals) * (factor - 1)):
        source = originals[i % len(originals)]
        offer = OfferPage(
            title=f"{source.title} {i}", slug=f"{source.slug}-{i}", summary=source.summary, body=source.body,
            kind=source.kind, audience=source.audience, is_free=source.is_free, cost=source.cost,
            when=source.when, where=source.where, how_to_join=source.how_to_join, phone=source.phone,
            organisation=source.organisation, group=source.group, signup_url=source.signup_url,
            email=source.email,
        )
        offer.themes = list(source.themes.all())
        guide.add_child(instance=offer)


def main():
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    client = Client()
    for label, factor in (("demo", 1), ("demo x10", 10)):
        if factor > 1:
            grow(factor)
        cache.clear()
        print(f"\n{label}")
        print(f"  {'page':<14}{'median ms':>10}{'queries':>9}")
        for name, path in PAGES:
            ms, queries = measure(client, path, RUNS)
            print(f"  {name:<14}{ms:>10.1f}{queries:>9}")
        cold, cached, size = measure_pdf(client, "/wat-kun-je-doen/gids/")
        print(f"  gids.pdf: cold {cold:.0f} ms, cached {cached:.1f} ms, {size // 1024} kB")
        cold, cached, size = measure_pdf(client, "/wat-kun-je-doen/thema/samen-en-sociaal/poster/")
        print(f"  poster:   cold {cold:.0f} ms, cached {cached:.1f} ms, {size // 1024} kB")


if __name__ == "__main__":
    main()
