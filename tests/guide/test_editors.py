"""Web editors edit every offer; an organisation's own editors only their organisation's."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from home.models import Organisation
from initiatieven.guide.models import OfferPage, OrganisationEditors
from tests.home.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reos_editor(client, guide):
    group = Group.objects.create(name="Redacteuren Reos")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=guide, permission=Permission.objects.get(codename=codename)
        )
    link = OrganisationEditors.objects.create(group=group)
    link.organisations.set([Organisation.objects.get(name="Reos")])
    user = UserFactory()
    user.groups.add(group)
    client.force_login(user)
    return client


def test_organisation_editor_edits_own_offer_only(reos_editor):
    own = OfferPage.objects.get(slug="hulp-bij-geldzaken")  # Reos
    other = OfferPage.objects.get(slug="koffiekar")
    assert reos_editor.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    response = reos_editor.get(f"/admin/pages/{other.pk}/edit/")
    assert response.status_code in (302, 403)
    assert reos_editor.post(f"/admin/pages/{other.pk}/delete/").status_code in (302, 403)
    assert OfferPage.objects.filter(pk=other.pk).exists()


def test_organisation_editor_sees_own_offers_in_the_explorer(reos_editor, guide):
    html = reos_editor.get(f"/admin/pages/{guide.pk}/").content.decode()
    assert "Hulp bij geldzaken" in html
    assert "De koffiekar" not in html


def test_organisation_editor_cannot_create_an_offer_for_someone_else(reos_editor, guide, theme):
    url = f"/admin/pages/add/guide/offerpage/{guide.pk}/"
    other = Organisation.objects.get(name="Incluzio")
    data = {
        "title": "Niet van ons", "slug": "niet-van-ons", "summary": "Iets.", "kind": "hulp",
        "audience": "iedereen", "how_to_join": "bellen", "themes": [theme.pk],
        "organisation": other.pk,
    }
    response = reos_editor.post(url, data)
    assert response.status_code == 200
    assert not OfferPage.objects.filter(slug="niet-van-ons").exists()
    data["organisation"] = Organisation.objects.get(name="Reos").pk
    data["slug"] = "wel-van-ons"
    response = reos_editor.post(url, data)
    assert response.status_code == 302
    assert OfferPage.objects.filter(slug="wel-van-ons").exists()


def test_web_editor_edits_every_offer(admin_client):
    other = OfferPage.objects.get(slug="koffiekar")
    assert admin_client.get(f"/admin/pages/{other.pk}/edit/").status_code == 200
