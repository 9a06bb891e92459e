# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT
STAMP := $(VENV)/.installed

.PHONY: run test test-dates install lint messages bench serve-prod load-test clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[dev]"
	@touch $(STAMP)

# Optional: Mozilla's ical.js for the feed check in tests/agenda/test_feed_parsers.py (skipped
# without node and npm).
JS_CHECK := tests/agenda/js/node_modules/.package-lock.json
$(JS_CHECK): tests/agenda/js/package.json
	@if command -v npm >/dev/null 2>&1; then npm install --prefix tests/agenda/js --no-audit --no-fund --silent \
		|| echo "ical.js was not installed: its feed check will be skipped"; fi

install: $(STAMP) $(JS_CHECK)

# The background worker (partner calendars, "Nu ophalen") runs beside the development server.
# Ctrl-C stops both: the shell stops the worker whenever the server ends.
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@$(PY) manage.py db_worker --backend background & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(PY) -m pytest

# The agenda and home tests on awkward moments (the suite's clock is pinned; TEST_NOW moves it).
TEST_DATES ?= 2026-11-29T23:59+01:00 2026-11-30T12:00+01:00 2026-12-31T23:50+01:00 \
	2027-03-28T01:59+01:00 2027-10-31T02:30+02:00 2028-02-29T08:00+01:00
test-dates: install
	@for moment in $(TEST_DATES); do echo "== TEST_NOW=$$moment =="; \
		TEST_NOW=$$moment $(PY) -m pytest -q -m "not slow" tests/agenda tests/home || exit 1; done

lint: install
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run

# After a change to stevenshof/locale/nl/LC_MESSAGES/django.po (needs GNU gettext's msgfmt).
# The compiled django.mo is committed, so `make run` on a fresh clone needs no gettext tools.
messages:
	msgfmt --check-format -o stevenshof/locale/nl/LC_MESSAGES/django.mo stevenshof/locale/nl/LC_MESSAGES/django.po

bench: install
	$(PY) bench/home.py
	@for script in bench/*.py; do case $$script in bench/home.py|bench/load.py|bench/_*.py) ;; *) $(PY) $$script ;; esac; done

# Production-like server: gunicorn with production settings. Needs SECRET_KEY, ALLOWED_HOSTS,
# DATABASE_URL and REDIS_URL in the environment (see README and docs/deploy.md).
WORKERS ?= 3
serve-prod: install
	@test -n "$$SECRET_KEY" || { echo "Set SECRET_KEY (and ALLOWED_HOSTS, DATABASE_URL, REDIS_URL) first."; exit 1; }
	DJANGO_SETTINGS_MODULE=stevenshof.settings.production $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=stevenshof.settings.production $(PY) manage.py collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=stevenshof.settings.production $(VENV)/bin/gunicorn stevenshof.wsgi \
		--bind 127.0.0.1:$(PORT) --workers $(WORKERS) --access-logfile -

load-test: install
	$(PY) bench/load.py

clean:
	rm -rf $(VENV) db.sqlite3 media static_collected
