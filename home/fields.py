"""Model field builders that several apps share, so each declaration says only what differs."""

from django.db import models


def optional_fk(to, verbose_name=None, related_name="+", **kwargs):
    """A ForeignKey that may stay empty and is cleared, not cascaded, when its target goes."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **kwargs,
    )


def intro_field(help_text=""):
    """The short introduction at the top of an index page."""
    return models.TextField("inleiding", max_length=400, blank=True, help_text=help_text)
