"""Text filters for every app's templates: `{% load home_tags %}`."""

from django import template

from home import text

register = template.Library()


@register.filter
def tel_href(number):
    """`{{ phone|tel_href }}` -> "tel:0711234567", or "" when there are no digits."""
    return text.tel_href(number)


@register.filter
def json_ld(value):
    """`<script type="application/ld+json">{{ data|json_ld }}</script>`"""
    return text.json_ld(value)


@register.filter
def with_colon(label):
    """`{{ field.label|with_colon }}`: a label followed by a colon, as in an error summary
    ("Naam: vul uw naam in"), but never "Wat kost het?:" after a label that asks a question."""
    label = str(label).rstrip()
    return label if label.endswith(("?", "!", ":")) else f"{label}:"
