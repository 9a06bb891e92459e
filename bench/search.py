"""Speed of the one search (home/search/): the site search with its index built (warm) and
while it is built again (cold: after a publish, the first search of a process), the guide's
search and the smoelenboek directory search; median server time, queries, and the ratio to
/robots.txt served in the same run (the cheapest response). On the demo data and on ten times
its pages, offers and members.

Run with `.venv/bin/python bench/search.py`. Uses a throw-away SQLite database."""

from _common import measure, median_ms  # sets up Django: before any Django import
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

RUNS = 20
SEARCHES = [
    ("a plain page (baseline)", "/over-ons/"),
    ("site eenzaamheid", "/zoeken/?q=eenzaamheid"),
    ("site long question", "/zoeken/?q=iets+om+samen+koffie+te+drinken+voor+ouderen+in+de+ochtend"),
    ("site geldzorgen", "/zoeken/?q=geldzorgen"),
    ("guide koffie", "/wat-kun-je-doen/zoeken/?q=koffie+wandelen+hulp"),
]
DIRECTORY = ("smoelenboek eenzaamheid", "/smoelenboek/?q=eenzaamheid")
STATIC = "/robots.txt"  # the cheapest response of the site: what every ratio is to


def grow(factor):
    """(factor - 1) copies of the demo's news, standard pages, activities and offers, and members."""
    from guide import grow as grow_offers  # bench/guide.py

    from agenda.models import EventPage
    from initiatieven.models import NewsPage
    from smoelenboek.models import Profile
    from tests.smoelenboek.factories import ProfileFactory

    grow_offers(factor)
    for model in (NewsPage, EventPage):
        for source in list(model.objects.live()):
            for i in range(factor - 1):
                source.copy(update_attrs={"slug": f"{source.slug}-{i}", "title": f"{source.title} {i}"})
    profiles = list(Profile.objects.visible().select_related("organisation"))
    for i in range(len(profiles) * (factor - 1)):
        source = profiles[i % len(profiles)]
        ProfileFactory(
            name=f"{source.name} {i}",
            role=source.role,
            organisation=source.organisation,
            job_title=source.job_title,
            approach=source.approach,
        )


def cold_search(client, path):
    from home.search.site import forget_indexes

    def run():
        forget_indexes()
        assert client.get(path).status_code == 200

    with CaptureQueriesContext(connection) as queries:
        run()
    count = len(queries.captured_queries)  # read now: each request resets the log
    return median_ms(run, runs=5), count


def main():
    from wagtail.models import Site

    from home.search.site import index_for
    from smoelenboek.models import Profile

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    client = Client()
    member = Profile.objects.visible().get(name="Samira el Amrani")
    member_client = Client()
    member_client.force_login(member.user)
    for label, factor in (("demo", 1), ("demo x10", 10)):
        if factor > 1:
            grow(factor)
        cache.clear()
        site = Site.objects.get(is_default_site=True)
        documents = len(index_for(site).documents)
        static_ms, _ = measure(client, STATIC, RUNS)
        print(f"\n{label}: {documents} documents in the site index; /robots.txt {static_ms:.2f} ms")
        print(f"  {'search':<26}{'median ms':>10}{'x robots':>9}{'queries':>9}")
        for name, path in SEARCHES:
            ms, queries = measure(client, path, RUNS)
            print(f"  {name:<26}{ms:>10.1f}{ms / static_ms:>9.1f}{queries:>9}")
        ms, queries = measure(member_client, DIRECTORY[1], RUNS)
        print(f"  {DIRECTORY[0]:<26}{ms:>10.1f}{ms / static_ms:>9.1f}{queries:>9}")
        ms, queries = cold_search(client, SEARCHES[1][1])
        print(f"  {'site, index rebuilt':<26}{ms:>10.1f}{ms / static_ms:>9.1f}{queries:>9}")


if __name__ == "__main__":
    main()
