"""The project's own Dutch for Wagtail's and Django's words (stevenshof/locale)."""

import gettext
import shutil
import subprocess

import pytest
from django.conf import settings
from django.utils import translation

LOCALE = settings.BASE_DIR / "stevenshof" / "locale" / "nl" / "LC_MESSAGES"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")
def test_the_committed_mo_is_the_po_compiled(tmp_path):
    """A fresh clone uses the committed django.mo: it must say what django.po says (`make messages`)."""
    compiled = tmp_path / "django.mo"
    msgfmt = shutil.which("msgfmt")
    subprocess.run([msgfmt, "--check-format", "-o", str(compiled), str(LOCALE / "django.po")], check=True)
    with open(compiled, "rb") as fresh, open(LOCALE / "django.mo", "rb") as committed:
        assert gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(fresh)._catalog


def test_the_project_words_win_over_wagtails():
    with translation.override("nl"):
        assert translation.gettext("live") == "op de site"
        assert translation.gettext("slug") == "webadres"
        assert translation.gettext("title tag") == "titel voor zoekmachines"
        assert translation.gettext("meta description") == "beschrijving voor zoekmachines"
        summary = translation.ngettext(
            '%(total)s Image <span class="w-sr-only">created in %(site_name)s</span>',
            '%(total)s Images <span class="w-sr-only">created in %(site_name)s</span>',
            2,
        ) % {"total": 2, "site_name": "Stevenshof Vitaal"}
        assert summary == '2 foto\'s <span class="w-sr-only">op Stevenshof Vitaal</span>'


@pytest.mark.django_db
def test_the_admin_login_is_dutch(client):
    html = client.get("/admin/login/").content.decode()
    assert "Wachtwoord" in html and "Password" not in html


def test_wagtails_review_mails_say_u_and_no_workflow():
    """The mails editors and volunteers get about a page in review (Wagtail's notifications)."""
    import re as regex

    msgids = [
        "You can view the page here:",
        "Edit your notification preferences here:",
        "You can edit the page here:",
        "You can preview the page here:",
        'The page "%(title)s" has been submitted for moderation to workflow "%(workflow)s" by %(requester)s.',
        'The page "%(title)s" has been approved in workflow "%(workflow)s".',
        'The page "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s" by '
        "%(rejector)s.",
        'The page "%(title)s" has been submitted to workflow "%(workflow)s"',
    ]
    with translation.override("nl"):
        for msgid in msgids:
            text = translation.gettext(msgid)
            assert text != msgid, msgid
            words = regex.sub(r"%\(\w+\)s", "", text)  # the placeholders' own names aside
            assert not regex.search(r"\b([Jj]e|jouw|workflow)\b", words), text
