"""Sign-up timing: does the answer take as long for an address that already has an account as
for a new one? If not, the time alone tells an outsider who is a member.

Posts the sign-up form RUNS times with new addresses and RUNS times with an address that has an
account (in turns, so a busy machine slows both alike) and prints the medians. Uses the
production password hasher (PBKDF2 with Django's default iterations, not the fast test hasher)
and the production mail queue (django-post-office), on a throw-away SQLite database.

Run with `make bench` (or `.venv/bin/python bench/signup_timing.py`)."""

import statistics
import time

from _common import median_ms  # noqa: F401  (sets up Django: before any Django import)
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings

RUNS = 10
PASSWORD = "Een-lang-wachtwoord-voor-de-test-42"  # noqa: S105
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"  # the queue's own sending stays in memory


def sign_up(email, name="Test Persoon"):
    client = Client()
    start = time.perf_counter()
    response = client.post(
        "/accounts/signup/", {"name": name, "email": email, "password1": PASSWORD, "password2": PASSWORD}
    )
    elapsed = time.perf_counter() - start
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/", response
    return elapsed


def main():
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    production_like = override_settings(
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
            "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
        ],
        EMAIL_BACKEND="post_office.EmailBackend",
        POST_OFFICE={**settings.POST_OFFICE, "BACKENDS": {"default": LOCMEM}},
    )
    with production_like:
        sign_up("bestaat@example.org")  # the existing account; also warms up templates and caches
        sign_up("warm-up@example.org")
        new, known = [], []
        for i in range(RUNS):
            new.append(sign_up(f"nieuw-{i}@example.org"))
            known.append(sign_up("bestaat@example.org", name=f"Iemand Anders {i}"))
    new_ms = statistics.median(new) * 1000
    known_ms = statistics.median(known) * 1000
    print(f"sign-up, new address:      median {new_ms:6.0f} ms over {RUNS} tries")
    print(f"sign-up, existing address: median {known_ms:6.0f} ms over {RUNS} tries")
    print(f"ratio new/existing: {new_ms / known_ms:.2f}")


if __name__ == "__main__":
    main()
