"""Small text helpers shared by the apps and their templates (see templatetags/home_tags.py)."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

# The same escapes as Django's json_script (django.utils.html._json_script_escapes, which is
# private): with <, > and & as \u escapes no text can close the <script> element it sits in.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def tel_href(number):
    """A tap-to-call link for a phone number as people type it: "071 - 123 45 67" ->
    "tel:0711234567" (digits and + only); "" when there are no digits."""
    kept = "".join(c for c in number or "" if c.isdigit() or c == "+")
    return f"tel:{kept}" if any(c.isdigit() for c in kept) else ""


def json_ld(value):
    """`value` as JSON for a <script type="application/ld+json"> block (dates and decimals as
    Django's JSON encoder writes them)."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308 - escaped above
