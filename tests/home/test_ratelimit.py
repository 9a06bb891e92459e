"""home/ratelimit.py: the limits of the site's own forms, on allauth's limiter, failing open."""

import logging
from unittest import mock

import pytest
from django.test import RequestFactory, override_settings

from home.ratelimit import too_many
from stevenshof.settings import base
from tests.stevenshof.test_faults import DEAD_REDIS

pytestmark = pytest.mark.django_db

# Redis that is down, as it is set up in production (errors ignored: empty answers, and a lock
# is granted), and without IGNORE_EXCEPTIONS (every call raises).
REDIS_IGNORING = DEAD_REDIS
REDIS_RAISING = {"default": {**DEAD_REDIS["default"], "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2}}}


def _post(address="10.0.0.1"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_the_site_limits_are_configured():
    assert base.ACCOUNT_RATE_LIMITS["doe_mee"] == "3/m/ip"
    assert base.ACCOUNT_RATE_LIMITS["agenda_submit"] == "5/h/ip"


def test_counts_per_action_and_per_address(settings, pinned_clock):
    settings.ACCOUNT_RATE_LIMITS = {"doe_mee": "2/m/ip", "agenda_submit": "1/h/ip"}
    assert [too_many(_post(), "doe_mee") for _ in range(3)] == [False, False, True]
    assert too_many(_post("10.0.0.2"), "doe_mee") is False  # another address
    assert too_many(_post(), "agenda_submit") is False  # another action
    pinned_clock.shift(61)
    assert too_many(_post(), "doe_mee") is False  # a minute later


def test_an_action_without_a_limit_is_never_limited(settings):
    settings.ACCOUNT_RATE_LIMITS = {}
    assert not any(too_many(_post(), "something_else") for _ in range(50))


@pytest.fixture
def warnings_logged(caplog, monkeypatch):
    monkeypatch.setattr(logging.getLogger("stevenshof"), "propagate", True)  # for caplog
    caplog.set_level(logging.WARNING, logger="stevenshof")
    return caplog


@pytest.mark.parametrize(
    ("caches", "said"),
    [
        (REDIS_RAISING, "Rate limit 'doe_mee' not checked: the cache does not work"),
        (REDIS_IGNORING, "Cache down: rate limit 'doe_mee' not enforced"),
    ],
    ids=["raising", "ignoring"],
)
def test_a_cache_that_is_down_limits_nothing_and_says_so(caches, said, warnings_logged):
    with override_settings(
        CACHES=caches, ACCOUNT_RATE_LIMITS={"doe_mee": "1/m/ip"}, DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS=False
    ):
        with mock.patch("time.sleep") as sleep:
            assert [too_many(_post(), "doe_mee") for _ in range(2)] == [False, False]
        assert not sleep.called  # allauth's lock used to wait a second for the cache
    assert said in warnings_logged.text
    assert "10.0.0.1" not in warnings_logged.text  # the log names the action, not the visitor
