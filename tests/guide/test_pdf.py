import io

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from home.models import Theme
from initiatieven.guide import pdf as guide_pdf
from tests.guide.factories import OfferPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # builds real PDFs with WeasyPrint


def _text(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    return reader, [page.extract_text() for page in reader.pages]


def test_guide_pdf_has_cover_toc_a_chapter_per_theme_and_contacts(client, guide):
    cache.clear()
    response = client.get("/wat-kun-je-doen/gids/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader, pages = _text(response.content)
    assert pages[0].count("Wat kun je doen in de wijk") == 1
    assert "Gemaakt op" in pages[0]
    assert "Inhoud" in pages[1]
    # A4
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    themes = list(Theme.objects.all())
    for theme in themes:
        assert theme.name in pages[1], theme.name  # table of contents
        starts = [i for i, text in enumerate(pages) if text.lstrip().startswith(theme.name)]
        assert starts, f"no chapter for {theme.name}"
    full = "\n".join(pages)
    # the right items under the right theme
    chapter = full[full.index("Gezond eten\nLekker"):full.index("Groen en leefomgeving\nEen schone")]
    assert "Het Stevenshof Recept" in chapter
    assert "Hulp bij geldzaken" not in chapter
    assert "Adressen en telefoonnummers" in pages[-1] or "Adressen en telefoonnummers" in pages[-2]
    assert "071 000 01 02" in full  # Reos
    assert "Gemaakt op" in pages[2]  # the date of printing in the footer of every page, once
    assert "Gemaakt op Gemaakt op" not in full


def test_guide_pdf_is_cached_and_rebuilt_after_a_change(client, guide, theme, monkeypatch, run_worker):
    cache.clear()
    calls = []
    real = guide_pdf.build_guide_pdf
    monkeypatch.setattr(guide_pdf, "build_guide_pdf", lambda *a, **k: calls.append(1) or real(*a, **k))
    first = client.get("/wat-kun-je-doen/gids/").content
    second = client.get("/wat-kun-je-doen/gids/").content
    assert len(calls) == 1 and first == second
    OfferPageFactory(parent=guide, title="Nieuw: samen puzzelen", themes=[theme]).save_revision().publish()
    # The change queued a build for the background worker; until it ran, a visitor gets the
    # guide from before the change at once, without a build in the request.
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.filter(task_path="initiatieven.guide.tasks.build_guide_pdfs")
    assert queued.exists()
    assert client.get("/wat-kun-je-doen/gids/").content == first and len(calls) == 1
    run_worker()
    assert len(calls) == 2
    third = client.get("/wat-kun-je-doen/gids/").content
    assert len(calls) == 2
    assert "Nieuw: samen puzzelen" in "\n".join(_text(third)[1])


def test_gids_pdf_address_and_poster(client, guide):
    cache.clear()
    index = client.get("/wat-kun-je-doen/").content.decode()
    assert 'href="/wat-kun-je-doen/gids.pdf"' in index
    response = client.get("/wat-kun-je-doen/gids.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    theme_page = client.get("/wat-kun-je-doen/thema/gezond-eten/").content.decode()
    assert 'href="/wat-kun-je-doen/thema/gezond-eten/poster.pdf"' in theme_page
    poster = client.get("/wat-kun-je-doen/thema/gezond-eten/poster.pdf")
    assert poster.status_code == 200
    reader, pages = _text(poster.content)
    assert len(pages) == 1
    assert "Gezond eten" in pages[0] and "Scan de code" in pages[0]
    assert client.get("/wat-kun-je-doen/thema/bestaat-niet/poster.pdf").status_code == 404
    assert client.get("/elders/gids.pdf").status_code == 404
