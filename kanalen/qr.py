"""QR codes as inline SVG (segno: pure Python, no JavaScript, nothing fetched from elsewhere).
segno writes the markup itself from the bits of the address; no text of ours goes into it but
the escaped label. Making one takes some milliseconds, so each address's code is kept in the
cache (a code never changes for the same address)."""

import hashlib

import segno
from django.core.cache import cache
from django.utils.html import escape
from django.utils.safestring import mark_safe

FORMAT = 1  # part of the cache key: raise it when the SVG is made differently


def _key(url):
    return f"kanalen-qr:{FORMAT}:{hashlib.sha256(url.encode()).hexdigest()}"


def _make(url):
    return segno.make(url, error="m").svg_inline(
        scale=1, border=2, omitsize=True, dark="#000", light="#fff", svgclass="qr", lineclass=None
    )


def qr_svgs(pairs):
    """Inline SVG QR codes for [(url, label)], in order; the label names it for screen readers."""
    keys = [_key(url) for url, _label in pairs]
    found = cache.get_many(keys)
    missing = {}
    result = []
    for key, (url, label) in zip(keys, pairs, strict=True):
        svg = found.get(key)
        if svg is None:
            svg = missing[key] = _make(url)
        labelled = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
        result.append(mark_safe(labelled))  # noqa: S308 - segno's markup and an escaped label
    if missing:
        cache.set_many(missing, timeout=30 * 24 * 3600)
    return result
