"""The web archive of sent editions at /nieuwsbrief/: only sent ones, of this site, readable
without the personal links."""

import pytest
from django.utils import timezone

from .factories import EditionFactory

pytestmark = pytest.mark.django_db


def test_the_archive_lists_sent_editions_only(client):
    sent = EditionFactory(subject="De week van de boom", status="sent", sent_at=timezone.now(),
                          intro="Hallo buren.")
    draft = EditionFactory(subject="Nog niet klaar", scheduled_at=sent.scheduled_at.replace(year=2027))
    page = client.get("/nieuwsbrief/").content.decode()
    assert "De week van de boom" in page
    assert "Nog niet klaar" not in page
    assert "Ontvang de nieuwsbrief" in page
    assert "csrfmiddlewaretoken" not in page
    one = client.get(f"/nieuwsbrief/{sent.pk}/").content.decode()
    assert "Hallo buren." in one
    assert "/nieuwsbrief/afmelden/" not in one
    assert client.get(f"/nieuwsbrief/{draft.pk}/").status_code == 404


def test_an_edition_of_another_site_is_not_in_the_archive(client):
    from wagtail.models import Page, Site

    from home.models import HomePage

    other_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Andere wijk", slug="andere", welcome_title="Hoi", welcome_text="Hoi")
    )
    other = Site.objects.create(hostname="andere.test", root_page=other_home)
    edition = EditionFactory(site=other, subject="Alleen daar", status="sent", sent_at=timezone.now())
    assert "Alleen daar" not in client.get("/nieuwsbrief/").content.decode()
    assert client.get(f"/nieuwsbrief/{edition.pk}/").status_code == 404
    assert "Alleen daar" in client.get("/nieuwsbrief/", HTTP_HOST="andere.test").content.decode()
