"""One template for every form field (components/form_field.html through FORM_RENDERER)."""

import re

import pytest
from django import forms

from home.forms import SiteBoundField

# Every test here starts from the demo site (tests/conftest.py), so it needs the database.
pytestmark = pytest.mark.django_db


class ExampleForm(forms.Form):
    name = forms.CharField(label="Uw naam", help_text="Voor- en achternaam.")
    email = forms.EmailField(
        label="E-mail", required=False, widget=forms.EmailInput(attrs={"aria-describedby": "above"})
    )
    days = forms.MultipleChoiceField(
        label="Dagen", required=False, choices=[("ma", "Maandag")], widget=forms.CheckboxSelectMultiple
    )
    agree = forms.BooleanField(label="Akkoord", required=False)


def _tag(html, element_id):
    return re.search(rf'<[^>]*\bid="{element_id}"[^>]*>', html).group(0)


def test_every_form_gets_the_site_field():
    assert isinstance(ExampleForm()["name"], SiteBoundField)


def test_the_input_points_at_its_help_text_and_error():
    form = ExampleForm({"name": "", "email": "x@"})
    html = form["name"].as_field_group()
    name = _tag(html, "id_name")
    assert 'aria-invalid="true"' in name and 'aria-describedby="id_name_helptext id_name_error"' in name
    assert '<div class="field-help" id="id_name_helptext">Voor- en achternaam.</div>' in html
    assert '<p class="field-error" id="id_name_error">Dit is een verplicht veld.</p>' in html
    assert '<label for="id_name">Uw naam <span class="field-marker">(verplicht)</span></label>' in html


def test_a_description_the_widget_names_itself_comes_first():
    html = ExampleForm({"email": "x@"})["email"].as_field_group()
    assert 'aria-describedby="above id_email_error"' in _tag(html, "id_email")
    assert 'aria-describedby="above"' in _tag(ExampleForm()["email"].as_field_group(), "id_email")


def test_a_group_of_choices_is_a_fieldset_that_points_at_its_error():
    html = ExampleForm({"days": ["zo"]})["days"].as_field_group()
    assert _tag(html, "id_days") == (
        '<fieldset class="field field--choices field--error" id="id_days" aria-describedby="id_days_error">'
    )
    assert "<legend>Dagen</legend>" in html
    assert '<label for="id_days_0"><input type="checkbox" name="days" value="ma"' in html


def test_a_checkbox_sits_inside_its_label_and_is_never_marked():
    html = ExampleForm()["agree"].as_field_group()
    assert '<div class="field field--checkbox">' in html
    assert re.search(r'<label for="id_agree"><input type="checkbox"[^>]*> <span>Akkoord</span></label>', html)


def test_which_fields_are_marked():
    form = ExampleForm()
    assert (form["name"].marker, form["email"].marker) == ("verplicht", "")
    form.field_marker = "optional"
    assert (form["name"].marker, form["email"].marker) == ("", "mag leeg blijven")
    form.field_marker = None
    assert (form["name"].marker, form["email"].marker) == ("", "")


def test_where_every_field_must_be_filled_in_none_is_marked():
    class Login(forms.Form):
        login = forms.CharField()
        password = forms.CharField()
        remember = forms.BooleanField(required=False)

    assert Login()["login"].marker == ""


def test_hidden_fields_are_just_the_input():
    class Hidden(forms.Form):
        next = forms.CharField(widget=forms.HiddenInput)

    assert Hidden(initial={"next": "/x/"})["next"].as_field_group() == (
        '<input type="hidden" name="next" value="/x/" id="id_next">'
    )
