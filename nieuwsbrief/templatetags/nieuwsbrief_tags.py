"""The sign-up block other templates show without importing this app:

    {% load nieuwsbrief_tags %}
    {% newsletter_signup %}                 on the home page and the agenda
    {% newsletter_signup group=page %}      on a group page (its link preselects the group)
"""

from django import template

register = template.Library()


@register.inclusion_tag("nieuwsbrief/tags/signup_block.html")
def newsletter_signup(group=None, heading="Ontvang de nieuwsbrief"):
    return {"group": group, "heading": heading, "id": "blok"}
