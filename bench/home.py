"""Home page speed: median server time and query count, on the demo data and on ten times it.

Run with `make bench` (or `.venv/bin/python bench/home.py`). Uses a throw-away SQLite database."""


from _common import measure  # sets up Django: before any Django import
from django.core.management import call_command
from django.test import Client

RUNS = 30



def grow(factor):
    """Add (factor - 1) times the demo's themes, organisations and pages."""
    from home.models import HomePage, Organisation, StandardPage, Theme

    home = HomePage.objects.first()
    themes, organisations = Theme.objects.count(), Organisation.objects.count()
    pages = home.get_children().count()
    for i in range(themes * (factor - 1)):
        Theme.objects.create(name=f"Extra thema {i}", slug=f"extra-{i}", description="Extra.", icon="users")
    for i in range(organisations * (factor - 1)):
        Organisation.objects.create(name=f"Extra organisatie {i}", slug=f"extra-org-{i}")
    for i in range(pages * (factor - 1)):
        page = StandardPage(title=f"Extra pagina {i}", slug=f"extra-pagina-{i}", show_in_menus=True)
        home.add_child(instance=page)


def main():
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    client = Client()
    print(f"{'data':<12}{'median ms':>10}{'queries':>9}")
    for label, factor in (("demo", 1), ("demo x10", 10)):
        if factor > 1:
            grow(factor)
        ms, queries = measure(client, "/", RUNS)
        print(f"{label:<12}{ms:>10.1f}{queries:>9}")


if __name__ == "__main__":
    main()
