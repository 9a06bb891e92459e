"""Bad input in the admin: clear Dutch messages, nothing saved."""

import pytest
from django.core.exceptions import ValidationError

from home.models import Organisation
from initiatieven.guide.models import OfferPage

pytestmark = pytest.mark.django_db


def _offer(**fields):
    data = {
        "title": "Test", "slug": "test-aanbod", "summary": "Iets leuks.", "how_to_join": "binnenlopen",
        "organisation": Organisation.objects.get(name="Reos"),
    }
    data.update(fields)
    return OfferPage(**data)


def _errors(offer):
    with pytest.raises(ValidationError) as info:
        offer.full_clean(exclude=["path", "depth"])
    return info.value.message_dict


def test_a_valid_offer_passes():
    _offer().full_clean(exclude=["path", "depth"])


def test_offer_without_a_way_to_join():
    assert "Kies hoe iemand meedoet" in _errors(_offer(how_to_join=""))["how_to_join"][0]


def test_call_without_any_phone_number():
    offer = _offer(how_to_join="bellen", organisation=Organisation.objects.get(name="Hogeschool Leiden"))
    assert "Vul dan een telefoonnummer in" in _errors(offer)["phone"][0]


def test_call_uses_the_organisations_number():
    offer = _offer(how_to_join="bellen")  # Reos has a number in the demo
    offer.full_clean(exclude=["path", "depth"])
    assert offer.phone_href == "tel:0710000102"


def test_sign_up_needs_a_link_mail_or_phone():
    offer = _offer(how_to_join="aanmelden", organisation=Organisation.objects.get(name="Hogeschool Leiden"))
    assert "link, een e-mailadres of een telefoonnummer" in _errors(offer)["signup_url"][0]


def test_invalid_phone_and_url_and_email():
    errors = _errors(_offer(phone="bel me maar", signup_url="geen link", email="geen-mail"))
    assert "Vul een telefoonnummer in" in errors["phone"][0]
    assert "URL" in errors["signup_url"][0] or "geldige" in errors["signup_url"][0]
    assert "e-mailadres" in errors["email"][0]


def test_provider_is_required():
    assert "Kies wie dit aanbiedt" in _errors(_offer(organisation=None))["organisation"][0]


def test_free_with_a_price_is_contradictory():
    assert "gratis" in _errors(_offer(is_free=True, cost="€ 5"))["cost"][0]


def test_slug_may_not_hide_a_guide_route():
    assert "al in gebruik" in _errors(_offer(slug="organisaties"))["slug"][0]


def test_admin_form_shows_the_message(admin_client, guide):
    """The page editor shows the Dutch message and keeps what the editor typed."""
    url = f"/admin/pages/add/guide/offerpage/{guide.pk}/"
    response = admin_client.get(url)
    assert response.status_code == 200
    response = admin_client.post(url, {
        "title": "Nieuw aanbod", "slug": "nieuw-aanbod", "summary": "Iets om te doen.",
        "kind": "meedoen", "audience": "iedereen", "how_to_join": "", "phone": "abc",
    })
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies hoe iemand meedoet" in html
    assert "Vul een telefoonnummer in" in html
    assert 'value="Nieuw aanbod"' in html
    assert not OfferPage.objects.filter(slug="nieuw-aanbod").exists()
