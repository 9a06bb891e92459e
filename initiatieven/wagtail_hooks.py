"""Admin hooks of the initiatieven app. The guide's hooks live in guide_hooks.py."""

from . import guide_hooks  # noqa: F401
