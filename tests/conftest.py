import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo content of the district once per test session. Each test runs in a
    transaction that is rolled back, so every test starts from the same lived-in site."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)
        # Browser tests run against a live server and so commit for real; after each one the
        # database is flushed and restored from this snapshot of the demo (much faster than
        # loading the demo again).
        from django.db import connections

        for connection in connections.all():
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture
def home_page(db):
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The cache is not rolled back with the database: clear it so no test sees another test's
    cached pages or Wagtail's cached site root paths."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
