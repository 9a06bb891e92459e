"""How every form field on the site is drawn: one template, components/form_field.html, through
Django's form renderer (FORM_RENDERER in settings). A template writes `{{ form.name.as_field_group }}`
for one field, or `{% for field in form %}{{ field.as_field_group }}{% endfor %}`."""

from django.forms import CheckboxInput
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

REQUIRED = "verplicht"
OPTIONAL = "mag leeg blijven"


class SiteBoundField(BoundField):
    @property
    def aria_describedby(self):
        """The ids the input (or the fieldset of a group of choices) points at: its own help
        text and error, after any description the widget names itself (the Doe-mee contact
        fields point at the text above them). Django would drop the help and error ids then."""
        if not self.auto_id or self.is_hidden:
            return ""
        ids = self.field.widget.attrs.get("aria-describedby", "").split()
        if self.help_text:
            ids.append(f"{self.auto_id}_helptext")
        if self.errors:
            ids.append(f"{self.auto_id}_error")
        return " ".join(ids)

    @property
    def marker(self):
        """What the label says after it in brackets, or "". A form chooses with `field_marker`:
        "required" (the default) marks the fields that must be filled in, but only in a form
        where some may stay empty; "optional" marks those that may stay empty; None marks
        nothing (the labels say it). Checkboxes are never marked."""
        style = getattr(self.form, "field_marker", "required")
        if not style or isinstance(self.field.widget, CheckboxInput):
            return ""
        if style == "optional":
            return "" if self.field.required else OPTIONAL
        return REQUIRED if self.field.required and _has_optional_fields(self.form) else ""


def _has_optional_fields(form):
    return any(
        not f.required and not f.widget.is_hidden and not isinstance(f.widget, CheckboxInput)
        for f in form.fields.values()
    )


class SiteFormRenderer(TemplatesSetting):
    """The project's own templates first (TEMPLATES), so the field template lives with the others;
    widgets still come from Django's and Wagtail's templates ("django.forms" in INSTALLED_APPS)."""

    field_template_name = "components/form_field.html"
    bound_field_class = SiteBoundField
