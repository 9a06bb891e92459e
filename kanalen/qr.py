"""QR codes as inline SVG (segno: pure Python, no JavaScript, nothing fetched from elsewhere).
segno writes the markup itself from the bits of the address; no text of ours goes into it."""

import segno
from django.utils.safestring import mark_safe


def qr_svg(url, *, label):
    svg = segno.make(url, error="m").svg_inline(
        scale=1, border=2, omitsize=True, dark="#000", light="#fff", svgclass="qr", lineclass=None
    )
    # A name for screen readers; the address itself is printed beside the code.
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{_attr(label)}" ', 1))  # noqa: S308


def _attr(text):
    from django.utils.html import escape

    return escape(text)
