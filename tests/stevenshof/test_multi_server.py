"""Two gunicorn servers with production settings share PostgreSQL and Redis: a publish seen
through one is fresh through the other at once, and members stay logged in when Redis restarts.
Runs when PostgreSQL is the test database and Redis answers on 127.0.0.1:6379 (as in CI), or
redis-server is installed for the restart; skipped otherwise."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


def _answers(port):
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port, path):
    # Behind a load balancer every server sees the same Host header.
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": "127.0.0.1"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback only
        return response.headers.get("X-Cache"), response.read().decode()


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL as test database"),
]
needs_shared_redis = pytest.mark.skipif(not _answers(6379), reason="needs Redis on 127.0.0.1:6379")


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """As on a real server: the hashed static files are collected before gunicorn starts (once
    for all tests here)."""
    static_root = tmp_path_factory.mktemp("static")
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="stevenshof.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=str(static_root),
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    return static_root


def _start_servers(tmp_path, static_root, redis_url):
    """Two gunicorn servers on the test database and `redis_url`; yields their ports and env."""
    call_command("load_demo", verbosity=0)
    db = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="stevenshof.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL="postgres://{}@{}:{}/{}".format(
            db["USER"] or "postgres", db["HOST"] or "127.0.0.1", db["PORT"] or 5432, db["NAME"]
        ),
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX=f"test-{secrets.token_hex(4)}",
        SECURE_SSL_REDIRECT="false",
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(static_root),
    )
    ports = [_free_port(), _free_port()]
    processes = [
        subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "stevenshof.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    deadline = time.monotonic() + 30
    while not all(_answers(port) for port in ports):
        assert time.monotonic() < deadline, "gunicorn did not start"
        time.sleep(0.2)
    yield ports, env
    for process in processes:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture
def servers(transactional_db, tmp_path, collected_static):
    yield from _start_servers(tmp_path, collected_static, "redis://127.0.0.1:6379/9")


@pytest.fixture
def servers_on_own_redis(transactional_db, tmp_path, collected_static, own_redis):
    """Both servers on a Redis of the test's own, which it stops and starts again."""
    port, stop, start = own_redis
    started = _start_servers(tmp_path, collected_static, f"redis://127.0.0.1:{port}/0")
    yield next(started), stop, start
    next(started, None)  # stops the servers


@needs_shared_redis
def test_a_publish_through_one_server_is_fresh_on_the_other(servers):
    (first, second), env = servers
    _get(first, "/over-ons/")
    assert _get(first, "/over-ons/")[0] == "HIT"
    assert _get(second, "/over-ons/")[0] == "HIT"  # the page cache is shared

    # An editor publishes a change on the first server (same code path as the admin's publish).
    script = (
        "from home.models import StandardPage\n"
        "page = StandardPage.objects.get(slug='over-ons')\n"
        "page.title = 'Over Stevenshof Vitaal'\n"
        "page.save_revision().publish()\n"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, check=True, timeout=60
    )
    state, html = _get(second, "/over-ons/")
    assert state == "MISS"
    assert "Over Stevenshof Vitaal" in html


def _status(port, path):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": "127.0.0.1"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback only
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@needs_shared_redis
def test_servers_recover_when_postgres_drops_their_connections(servers):
    """What a PostgreSQL restart looks like to the app: every connection is cut. Requests in
    flight may get the friendly error page; later ones succeed without restarting gunicorn."""
    (first, second), _env = servers
    path = "/zoeken/?q=wandelen"  # never cached: it reaches the database every time
    assert _status(first, path)[0] == 200
    assert _status(second, path)[0] == 200
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    for port in (first, second):
        status, html = _status(port, path)
        assert status == 200 or (status == 500 and "Er ging iets mis" in html)
        assert [_status(port, path)[0] for _ in range(3)] == [200, 200, 200]


def _login_attempt(port, username, password):
    """One try at the admin login on one server, with its own CSRF token (production cookies are
    Secure, so the cookie is passed by hand over plain http on the loopback)."""
    import re

    request = urllib.request.Request(f"http://127.0.0.1:{port}/admin/login/", headers={"Host": "127.0.0.1"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback only
        cookie = response.headers["Set-Cookie"].split(";")[0]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode()).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": password}
    ).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/admin/login/",
        data=data,
        headers={"Host": "127.0.0.1", "Cookie": cookie, "Referer": f"http://127.0.0.1:{port}/admin/login/"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback only
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@needs_shared_redis
def test_the_admin_login_limit_counts_across_both_servers(servers):
    """Failed logins for one user name, spread over two servers, add up in the shared Redis."""
    (first, second), _env = servers
    statuses = [_login_attempt((first, second)[n % 2], "beheerder", "fout-wachtwoord") for n in range(5)]
    assert statuses == [200] * 5  # the form again, with an error
    assert _login_attempt(first, "beheerder", "fout-wachtwoord") == 429
    assert _login_attempt(second, "beheerder", "fout-wachtwoord") == 429


class _Browser:
    """One visitor's cookies, sent to whichever server (production cookies are Secure, so they
    are passed by hand over plain http on the loopback)."""

    def __init__(self):
        self.cookies = {}

    def request(self, port, path, data=None):
        import http.cookies
        import re

        headers = {"Host": "127.0.0.1", "Referer": f"http://127.0.0.1:{port}{path}"}
        if data is not None:
            form = self.request(port, path)[1]
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
            data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data}, doseq=True).encode()
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, headers=headers)
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            response = opener.open(request, timeout=10)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in http.cookies.SimpleCookie(header).items():
                if morsel.value:
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return response.status, response.read().decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_members_stay_logged_in_on_every_server_through_a_redis_restart(servers_on_own_redis):
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from initiatieven.models import JoinRequest
    from tests.smoelenboek.factories import ProfileFactory

    ((first, second), _env), stop, start = servers_on_own_redis
    password = "Lange-zin-als-wachtwoord-42"
    member = ProfileFactory(name="Anna Aalbers").user
    member.password = PBKDF2PasswordHasher().encode(password, "zout1234")  # production's hasher
    member.save()
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)

    anna = _Browser()
    status, _html = anna.request(first, "/accounts/login/", {"login": member.email, "password": password})
    assert status == 302
    assert [anna.request(port, "/smoelenboek/mijn-profiel/")[0] for port in (first, second)] == [200, 200]

    stop()
    assert [anna.request(port, "/smoelenboek/mijn-profiel/")[0] for port in (first, second)] == [200, 200]
    assert _status(second, "/health/")[0] == 503
    message = {"name": "Piet Buur", "email": "piet@example.org", "phone": "", "message": "Redis is weg"}
    assert _Browser().request(second, "/initiatieven/groen/doe-mee/", message)[0] == 302
    assert JoinRequest.objects.filter(message="Redis is weg").exists()

    start()  # an empty Redis: it kept nothing
    assert _status(first, "/health/")[0] == 200
    assert [anna.request(port, "/smoelenboek/mijn-profiel/")[0] for port in (first, second)] == [200, 200]
