import pytest
from django.template import Context, Template
from django.test import RequestFactory

from home.models import Theme

pytestmark = pytest.mark.django_db


def _render(source, **context):
    request = RequestFactory().get("/")
    return Template("{% load guide_tags %}" + source).render(Context({"request": request, **context}))


def test_theme_url_for_the_home_page_tiles(guide):
    theme = Theme.objects.get(slug="gezond-eten")
    assert _render("{% theme_url theme %}", theme=theme) == "/wat-kun-je-doen/thema/gezond-eten/"
    assert _render("{% theme_url 'sport-en-bewegen' %}") == "/wat-kun-je-doen/thema/sport-en-bewegen/"
    assert _render("{% guide_url %}") == "/wat-kun-je-doen/"


def test_theme_url_is_empty_without_a_guide(guide):
    guide.unpublish()
    theme = Theme.objects.first()
    assert _render("{% theme_url theme %}", theme=theme) == ""


def test_theme_url_looks_the_guide_up_once_per_request(guide, django_assert_max_num_queries):
    request = RequestFactory().get("/")
    template = Template("{% load guide_tags %}{% for t in themes %}{% theme_url t %} {% endfor %}")
    themes = list(Theme.objects.all())
    template.render(Context({"request": request, "themes": themes[:1]}))
    with django_assert_max_num_queries(0):
        template.render(Context({"request": request, "themes": themes}))
