"""A small model field that stores a few choices as one comma-separated string.

Stored with a leading and trailing comma (",ouderen,kinderen,") so a query can find one
value with `field__contains=",ouderen,"` on every database."""

from django import forms
from django.db import models


class ChoiceListField(models.CharField):
    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or value == "":
            return []
        if isinstance(value, list | tuple):
            return list(value)
        return [part for part in value.split(",") if part]

    def get_prep_value(self, value):
        values = self.to_python(value)
        if not values:
            return ""
        order = [key for key, _label in self.choices]
        values = sorted(set(values), key=lambda v: order.index(v) if v in order else len(order))
        return "," + ",".join(values) + ","

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        allowed = {key for key, _label in self.choices}
        for part in self.to_python(value):
            if part not in allowed:
                raise forms.ValidationError(f"Onbekende keuze: {part}")
        if not self.blank and not value:
            raise forms.ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.choices,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name.capitalize() if self.verbose_name else None,
            help_text=self.help_text,
        )

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, "agenda.fields.ChoiceListField", args, kwargs
