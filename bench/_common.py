"""What every bench script does first: put the project on the path, set up Django on the test
settings with a throw-away SQLite database (unless DATABASE_URL says otherwise); plus the timing
helpers they share. Import it before anything from Django. Not a bench of its own (make bench
skips bench/_*.py)."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stevenshof.settings.test")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def median_ms(func, runs):
    """Median wall time of func() in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure(client, path, runs):
    """Median server time (ms) and query count of GET path, after one warm-up request
    (renditions and caches are made on the first view)."""
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    query_count = len(queries.captured_queries)  # read now: each request resets the log
    assert response.status_code == 200, (path, response.status_code)

    def get():
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        if response.streaming:  # a photo: time the whole body, not just the headers
            b"".join(response.streaming_content)

    return median_ms(get, runs), query_count
