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
