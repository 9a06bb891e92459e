"""Signing up with double opt-in, confirming, changing one's choices, the one-click unsubscribe
(the page with its button and RFC 8058's POST), and what is kept about a subscriber."""

import datetime
import json
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from home.models import Theme
from initiatieven.models import InitiatiefPage
from nieuwsbrief.models import Subscriber, Unsubscription

from .factories import EditionFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

SIGNUP = "/nieuwsbrief/aanmelden/"


def _link(message, kind):
    return re.search(rf"https?://[^/\s]+(/nieuwsbrief/{kind}/[^\s]+/)", message.body).group(1)


def test_sign_up_sends_only_the_confirmation_until_confirmed(client):
    theme = Theme.objects.first()
    response = client.post(SIGNUP, {"email": "Anna@Example.org ", "themes": [theme.pk]})
    assert response.status_code == 302
    assert response["Location"] == "/nieuwsbrief/aanmelden/bedankt/"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "anna@example.org"
    assert not subscriber.confirmed
    assert not subscriber.all_topics
    assert list(subscriber.themes.all()) == [theme]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    assert "Bevestig" in mail.outbox[0].subject

    confirm = _link(mail.outbox[0], "bevestig")
    page = client.get(confirm)  # a link preview opens it: nothing happens yet
    assert page.status_code == 200
    assert "Ja, ik wil de nieuwsbrief" in page.content.decode()
    subscriber.refresh_from_db()
    assert not subscriber.confirmed

    done = client.post(confirm)
    assert "U bent aangemeld" in done.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None


def test_nothing_chosen_means_everything(client):
    client.post(SIGNUP, {"email": "b@example.org"})
    assert Subscriber.objects.get().all_topics


def test_a_second_sign_up_makes_no_second_subscription_and_says_the_same(client):
    subscriber = SubscriberFactory(email="known@example.org")
    theme = Theme.objects.first()
    known = client.post(SIGNUP, {"email": "known@example.org", "themes": [theme.pk]})
    new = client.post(SIGNUP, {"email": "new@example.org"})
    assert known.status_code == new.status_code == 302
    assert known["Location"] == new["Location"]
    assert Subscriber.objects.filter(email="known@example.org").count() == 1
    subscriber.refresh_from_db()
    assert subscriber.all_topics, "a stranger cannot change a subscriber's choices"
    assert [m.to for m in mail.outbox] == [["known@example.org"], ["new@example.org"]]
    assert "al" in mail.outbox[0].subject  # "U krijgt de nieuwsbrief al"
    assert "/nieuwsbrief/bevestig/" not in mail.outbox[0].body


def test_an_unconfirmed_address_signing_up_again_gets_one_subscription(client):
    client.post(SIGNUP, {"email": "twice@example.org"})
    client.post(SIGNUP, {"email": "twice@example.org"})
    assert Subscriber.objects.filter(email="twice@example.org").count() == 1
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("", "Vul uw e-mailadres in."),
        ("anna@", "Dit e-mailadres klopt niet."),
        ("anna@mailinator.com", "tijdelijk e-mailadres"),
        ("anna@gmial.com", "Bedoelt u anna@gmail.com?"),
    ],
)
def test_bad_addresses_get_a_clear_dutch_message(client, address, message):
    response = client.post(SIGNUP, {"email": address})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not mail.outbox


def test_the_honeypot_keeps_nothing(client):
    response = client.post(SIGNUP, {"email": "bot@example.org", "website": "http://spam"})
    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert not mail.outbox


def test_the_rate_limit_stops_a_flood(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"nieuwsbrief": "2/h/ip"}
    for n in range(2):
        assert client.post(SIGNUP, {"email": f"a{n}@example.org"}).status_code == 302
    response = client.post(SIGNUP, {"email": "a3@example.org"})
    assert response.status_code == 429
    assert "Wacht even" in response.content.decode()
    assert Subscriber.objects.count() == 2


def test_the_sign_up_block_is_on_home_agenda_and_group_pages(client):
    group = InitiatiefPage.objects.live().first()
    for url in ("/", "/agenda/", group.url):
        html = client.get(url).content.decode()
        assert "Ontvang de nieuwsbrief" in html, url
        assert 'action="/nieuwsbrief/aanmelden/"' in html, url
        assert "csrfmiddlewaretoken" not in html, url  # the page stays cacheable


def test_the_block_on_a_group_page_links_to_the_form_with_that_group_chosen(client):
    group = InitiatiefPage.objects.live().first()
    html = client.get(group.url).content.decode()
    assert f"/nieuwsbrief/aanmelden/?groep={group.slug}" in html
    form = client.get(f"/nieuwsbrief/aanmelden/?groep={group.slug}").content.decode()
    assert re.search(rf'value="{group.pk}"[^>]*checked', form)


def test_change_of_interests(client):
    subscriber = SubscriberFactory()
    theme = Theme.objects.first()
    group = InitiatiefPage.objects.live().first()
    url = f"/nieuwsbrief/keuzes/{subscriber.token}/"
    assert "Bewaar mijn keuzes" in client.get(url).content.decode()
    response = client.post(url, {"themes": [theme.pk], "groups": [group.pk]})
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert not subscriber.all_topics
    assert list(subscriber.themes.all()) == [theme]
    assert list(subscriber.groups.all()) == [group]
    assert "opgeslagen" in client.get(response["Location"]).content.decode()
    client.post(url, {})
    subscriber.refresh_from_db()
    assert subscriber.all_topics and not subscriber.themes.exists()


def test_the_choices_page_needs_the_secret(client):
    assert client.get("/nieuwsbrief/keuzes/niet-het-goede-geheim/").status_code == 404


def test_one_click_unsubscribe_page_then_button(client):
    subscriber = SubscriberFactory()
    url = f"/nieuwsbrief/afmelden/{subscriber.token}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Meld mij af" in page.content.decode()
    assert Subscriber.objects.filter(pk=subscriber.pk).exists(), "opening the link changes nothing"
    done = client.post(url)
    assert "U bent afgemeld" in done.content.decode()
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert Unsubscription.objects.count() == 1


def test_rfc8058_one_click_post_without_cookies_or_csrf(client):
    from django.test import Client

    subscriber = SubscriberFactory()
    edition = EditionFactory()
    mail_app = Client(enforce_csrf_checks=True)
    response = mail_app.post(
        f"/nieuwsbrief/afmelden/{subscriber.token}/?uitgave={edition.pk}",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert Unsubscription.objects.get().edition == edition
    # A second click (or a retry of the mail app) is fine too.
    assert mail_app.post(f"/nieuwsbrief/afmelden/{subscriber.token}/").status_code == 200


def test_subscriber_can_download_what_is_kept(client):
    subscriber = SubscriberFactory(email="mijn@example.org")
    response = client.get(f"/nieuwsbrief/keuzes/{subscriber.token}/gegevens.json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["e-mailadres"] == "mijn@example.org"
    assert set(data) == {
        "aangemeld op", "toestemming gegeven op", "e-mailadres", "onderwerpen", "verstuurde nieuwsbrieven"
    }


def test_unconfirmed_sign_ups_are_purged_after_seven_days():
    old = SubscriberFactory(confirmed_at=None)
    recent = SubscriberFactory(confirmed_at=None)
    confirmed_long_ago = SubscriberFactory()
    Subscriber.objects.filter(pk__in=[old.pk, confirmed_long_ago.pk]).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    call_command("purge_personal_data", stdout=StringIO())
    assert set(Subscriber.objects.values_list("pk", flat=True)) == {recent.pk, confirmed_long_ago.pk}


def test_a_confirmation_link_older_than_seven_days_does_not_work(client):
    old = SubscriberFactory(confirmed_at=None)
    Subscriber.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    assert client.post(f"/nieuwsbrief/bevestig/{old.token}/").status_code == 404
    old.refresh_from_db()
    assert old.confirmed_at is None


def test_a_member_download_and_account_deletion_include_the_subscription():
    from allauth.account.models import EmailAddress

    from smoelenboek import privacy
    from tests.home.factories import UserFactory

    user = UserFactory(email="lid@example.org")
    EmailAddress.objects.create(user=user, email="lid@example.org", verified=True, primary=True)
    SubscriberFactory(email="lid@example.org")
    data = privacy.export_data(user)
    assert data["abonnees nieuwsbrief"][0]["e-mailadres"] == "lid@example.org"
    privacy.forget(user)
    assert not Subscriber.objects.filter(email="lid@example.org").exists()
