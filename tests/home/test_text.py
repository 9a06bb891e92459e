"""The shared text helpers (home/text.py) and their template filters."""

import datetime
import json
from decimal import Decimal

import pytest
from django.template import Context, Template

from home.text import json_ld, tel_href

# Every test here starts from the demo site (tests/conftest.py), so it needs the database.
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("number", "href"),
    [
        ("071 - 123 45 67", "tel:0711234567"),
        ("+31 (0)6 12 34 56 78", "tel:+310612345678"),
        ("", ""),
        (None, ""),
        ("bel ons", ""),
        ("+", ""),
    ],
)
def test_tel_href(number, href):
    assert tel_href(number) == href


def test_json_ld_cannot_close_its_script_element():
    text = json_ld({"name": "</script><script>alert(1)</script>", "note": "a & b"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script>", "note": "a & b"}


def test_json_ld_writes_dates_and_decimals_and_keeps_accents():
    text = json_ld({"day": datetime.date(2026, 6, 10), "price": Decimal("2.50"), "name": "Café"})
    assert json.loads(text) == {"day": "2026-06-10", "price": "2.50", "name": "Café"}


def test_filters():
    template = Template("{% load home_tags %}{{ phone|tel_href }}|{{ data|json_ld }}")
    html = template.render(Context({"phone": "071 123", "data": {"a": "<b>"}}))
    assert html == 'tel:071123|{"a": "\\u003Cb\\u003E"}'
