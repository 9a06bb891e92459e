"""The admin form of the page types volunteers write (news, activities).

Wagtail's editor fills the web address (slug) from the title while a page is not live, so
starting a second activity with the same title used to end in "this slug is already in use".
Here a slug that merely follows the title is made unique among the page's siblings by itself
(-2, -3 ...), as Wagtail does for a page made in code; only a web address someone typed
themselves can still be refused, with a Dutch message on that field. When a form is refused,
its summary says on which tab each mistake is, so nobody hunts for a hidden tab on a phone.
"""

import re

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

SLUG_LABEL = "Webadres"
SLUG_HELP = "Het laatste stuk van het webadres van deze pagina. Het volgt de titel vanzelf."
SLUG_MAX = 240  # room for a "-12" under the 255 characters of the field


def _show_schedule_publishing_toggle(form):
    return "go_live_at" in form.fields


class _PageFormMetaclass(type(WagtailAdminPageForm)):
    """Wagtail shows "Stel schema in" when the form *class* has the publish dates; they may be
    left out for this user only (home/panels.py), and the button would open an empty dialog.
    Wagtail puts its own answer in a mixin before this form in every page form class it
    builds, so the answer goes into the built class itself."""

    def __new__(mcs, name, bases, attrs, **kwargs):
        attrs.setdefault("show_schedule_publishing_toggle", property(_show_schedule_publishing_toggle))
        return super().__new__(mcs, name, bases, attrs, **kwargs)


class AutoSlugPageForm(WagtailAdminPageForm, metaclass=_PageFormMetaclass):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].label = SLUG_LABEL
            self.fields["slug"].help_text = SLUG_HELP

    # --- the web address ---------------------------------------------------------------
    def _parent(self):
        if self.parent_page is not None:
            return self.parent_page
        return self.instance.get_parent() if self.instance.pk else None

    def _title_slug(self, title):
        """The slug Wagtail makes of a title (its editor's script, and Page.full_clean)."""
        allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
        return slugify(title or "", allow_unicode=allow_unicode)[:SLUG_MAX].strip("-")

    def _title_base(self, slug, title):
        """The title's own slug that `slug` is (as the editor's script filled it in), perhaps
        with a number that made it unique before; None when someone typed it on purpose."""
        bases = {self._title_slug(title), slugify(title or "")[:SLUG_MAX].strip("-")} - {""}
        for base in bases:
            if slug == base or re.fullmatch(rf"{re.escape(base)}-\d+", slug):
                return base
        return None

    def unique_slug(self, base):
        """`base`, or `base-2`, `base-3` ... whichever no sibling of this page uses."""
        parent = self._parent()
        slug, number = base, 2
        while parent is not None and not Page._slug_is_available(slug, parent, self.instance):
            slug = f"{base}-{number}"
            number += 1
        return slug

    def _fallback_slug(self):
        return slugify(self.instance._meta.verbose_name) or "pagina"

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or ""
        title = self.cleaned_data.get("title") or ""
        if not slug:
            return self.unique_slug(self._title_slug(title) or self._fallback_slug())
        parent = self._parent()
        if parent is None or Page._slug_is_available(slug, parent, self.instance):
            return slug  # free, typed or not: a page keeps the address it has
        base = self._title_base(slug, title)
        if base:
            return self.unique_slug(base)
        raise ValidationError(
            f"Het webadres ‘{slug}’ is al in gebruik bij een andere pagina onder "
            f"‘{parent.title}’. Kies een ander webadres, bijvoorbeeld ‘{self.unique_slug(slug)}’.",
            code="slug_in_use",
        )

    def clean(self):
        cleaned = super().clean()
        if "slug" not in self.fields and self._slug_follows_title_without_field():
            # Those who do not see the web address (volunteers, see home/panels.py): it follows
            # the title until the page is first published, as the editor's script would.
            base = self._title_slug(cleaned.get("title"))
            if base:
                self.instance.slug = self.unique_slug(base)
        return cleaned

    def full_clean(self):
        super().full_clean()  # the model's own checks (Page.clean) come last, so look after them
        if self._errors and any(name != NON_FIELD_ERRORS for name in self._errors):
            self.add_error(None, self.where_the_errors_are())
            # The summary first: Wagtail lists the errors in this order above the form.
            summary = self._errors.pop(NON_FIELD_ERRORS)
            rest = dict(self._errors)
            self._errors.clear()
            self._errors.update({NON_FIELD_ERRORS: summary, **rest})

    def _slug_follows_title_without_field(self):
        return not self.instance.live and self.instance.first_published_at is None

    # --- where a mistake is ------------------------------------------------------------
    def _tabs(self):
        """{field name: tab heading} of this page type's editor."""
        tabs = {}
        handler = type(self.instance).get_edit_handler()
        for tab in getattr(handler, "children", []):
            for name in tab.get_form_options().get("fields", []):
                tabs[name] = str(tab.heading)
            for name in tab.get_form_options().get("formsets", {}):
                tabs[name] = str(tab.heading)
        return tabs

    def where_the_errors_are(self):
        """One sentence for the summary at the top: which tab, which fields."""
        tabs = self._tabs()
        places = {}
        for name in self._errors:
            if name == NON_FIELD_ERRORS:
                continue
            label = str(self[name].label) if name in self.fields else name
            places.setdefault(tabs.get(name, ""), []).append(f"‘{label}’")
        parts = [
            f"op het tabblad ‘{tab}’ bij {' en '.join(labels)}" if tab else f"bij {' en '.join(labels)}"
            for tab, labels in places.items()
        ]
        return f"Kijk {', en '.join(parts)}."
