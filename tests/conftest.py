import datetime
import os
from unittest import mock

import pytest
import time_machine
from django.core.management import call_command

# Every test runs on a pinned clock, so the suite gives the same answer on any day of the year.
# TEST_NOW moves it (an ISO moment with its UTC offset), e.g. to a Sunday at 23:59 or the night
# the clocks change: `TEST_NOW=2027-03-28T01:59+01:00 pytest tests/agenda tests/home`. The
# default is an ordinary Wednesday morning.
TEST_NOW = datetime.datetime.fromisoformat(os.environ.get("TEST_NOW", "2026-06-10T10:00+02:00"))
# The moment each test starts at: TEST_NOW plus the time the demo took to load, so the demo
# content is never "in the future" for a test (set once the demo is in).
_test_start = [TEST_NOW]


def pytest_configure(config):
    """The session itself (collection, loading the demo) already runs on the pinned clock."""
    config._pinned_clock = time_machine.travel(TEST_NOW, tick=True)
    config._pinned_clock.start()


def pytest_unconfigure(config):
    if getattr(config, "_pinned_clock", None):
        config._pinned_clock.stop()


def pytest_report_header(config):
    return f"pinned clock: {TEST_NOW.isoformat()} (set TEST_NOW to move it)"


@pytest.fixture(autouse=True)
def pinned_clock(request):
    """Each test starts at the same pinned moment; the clock ticks from there. A test that needs
    another moment moves it with `pinned_clock.move_to(...)`."""
    if "django_db_setup" in request.fixturenames:
        request.getfixturevalue("django_db_setup")  # the demo first, so the start moment is known
    with time_machine.travel(_test_start[0], tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def forget_cached_fragments():
    """Each test starts without the fragments and routes of the tests before it: the database
    goes back to the demo after each test, the content versions with it, while the caches and
    each process's memory stay (home/cache.py, home/routing.py)."""
    forget_caches()


def forget_caches():
    """The shared cache and what this process remembers (fragments, routes, the userbar's
    check): a request after this one builds everything as a cold worker does."""
    from django.core.cache import cache

    from home import routing
    from home.cache import forget_local_memory
    from home.templatetags import navigation_tags

    cache.clear()
    forget_local_memory()
    routing.forget()
    navigation_tags._could_edit.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo content of the district once per test session. Each test runs in a
    transaction that is rolled back, so every test starts from the same lived-in site."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)
        # What loading the demo queued for the worker (the guide, the week poster, share images)
        # is no test's work: a test's run_worker runs only what that test queued.
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.all().delete()
        # Browser tests run against a live server and so commit for real; after each one the
        # database is flushed and restored from this snapshot of the demo (much faster than
        # loading the demo again).
        from django.db import connection

        DEMO_SNAPSHOT.append(connection.creation.serialize_db_to_string())
        _attach_snapshot()
    _test_start[0] = datetime.datetime.now(datetime.UTC)


# The demo content as Django's serializer writes it, taken once per session. Django restores it
# for tests with serialized rollback (the `demo_site` fixture); it reads it from an attribute of
# the connection, which we attach before every test's setup and teardown because that attribute
# does not survive on the connection object between tests.
DEMO_SNAPSHOT = []


def _attach_snapshot():
    if DEMO_SNAPSHOT:
        from django.db import connection

        connection._test_serialized_contents = DEMO_SNAPSHOT[0]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    _attach_snapshot()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    _attach_snapshot()


@pytest.fixture
def demo_site(transactional_db, django_db_serialized_rollback):
    """For tests that commit for real (browser tests against the live server): the database is
    flushed after each one and the demo comes back from the snapshot before the next."""
    from django.db import connection
    from wagtail.models import Site

    # When the live server fixture comes first, pytest-django sets up the database before it
    # knows about the serialized rollback, and after a flushing test the site would be empty.
    if DEMO_SNAPSHOT and not Site.objects.exists():
        connection.creation.deserialize_db_from_string(DEMO_SNAPSHOT[0])


@pytest.fixture
def home_page(db):
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The cache is not rolled back with the database: clear it so no test sees another test's
    cached pages or Wagtail's cached site root paths."""
    from django.core.cache import cache

    from stevenshof.middleware import AnonymousPageCacheMiddleware

    cache.clear()
    AnonymousPageCacheMiddleware.clear_local()
    yield
    cache.clear()
    AnonymousPageCacheMiddleware.clear_local()


@pytest.fixture
def run_worker():
    """The background worker exactly as `manage.py db_worker --backend background --batch` runs
    it, in this process so it sees the test's database: it runs what is queued, then stops. It
    sets its own Ctrl-C handlers; ours come back afterwards."""
    import signal

    from django.core.management import call_command

    def run():
        handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
        try:
            # The worker closes connections between tasks; inside a test's transaction that
            # would close the test's own connection (PostgreSQL; SQLite's test database ignores it).
            with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
                call_command(
                    "db_worker",
                    *("--backend", "background", "--batch", "--no-reload", "--no-startup-delay"),
                    verbosity=0,
                )
        finally:
            for number, handler in handlers.items():
                signal.signal(number, handler)

    return run
