"""Who may see what: anonymous visitors, accounts waiting for approval, rejected accounts,
members, and members poking at each other's URLs."""

import pytest
from django.urls import reverse
from wagtail.models import Page, Site

from smoelenboek.models import Profile, Status, Visibility
from tests.smoelenboek.factories import ProfileFactory

from .conftest import add_photo

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def _urls(profile):
    return [
        "/smoelenboek/",
        f"/smoelenboek/{profile.pk}/",
        f"/smoelenboek/foto/{profile.pk}/groot.jpg",
        f"/smoelenboek/foto/{profile.pk}/klein.jpg",
        "/smoelenboek/foto/999999/groot.jpg",  # a guessed id
        "/smoelenboek/foto/1/anders.jpg",
        "/smoelenboek/mijn-profiel/",
        "/smoelenboek/mijn-profiel/mijn-gegevens.json",
        "/smoelenboek/mijn-profiel/verwijderen/",
    ]


def test_anonymous_visitors_get_the_login_page_for_every_url(client, member):
    for url in _urls(member):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(LOGIN + "?next="), url


def test_anonymous_post_to_delete_or_edit_does_nothing(client, member):
    response = client.post("/smoelenboek/mijn-profiel/verwijderen/", {"confirm": "on"})
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert Profile.objects.filter(pk=member.pk).exists()


def test_every_page_is_noindex_and_private(member_client, member):
    for url in [*_urls(member)[:4], "/smoelenboek/mijn-profiel/", "/accounts/email/"]:
        response = member_client.get(url)
        assert response.status_code == 200, url
        assert response["X-Robots-Tag"] == "noindex, nofollow", url
        assert "private" in response["Cache-Control"], url
        if not response.streaming and response["Content-Type"].startswith("text/html"):
            assert b'<meta name="robots" content="noindex, nofollow">' in response.content, url


def test_anonymous_login_page_is_noindex_and_private(client):
    response = client.get("/accounts/login/")
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.parametrize("status", [Status.PENDING, Status.REJECTED])
def test_unapproved_accounts_see_no_member_data(client, member, status):
    waiting = ProfileFactory(name="Wachtende Willem", status=status, rejection_reason="Onbekend in de wijk.")
    client.force_login(waiting.user)
    for url in _urls(member)[:6]:
        response = client.get(url)
        assert response.status_code == 403, url
        if not response.streaming:
            assert member.name.encode() not in response.content, url
            assert b"Anna" not in response.content
    page = client.get("/smoelenboek/")
    if status == Status.PENDING:
        assert "Uw aanmelding wacht op goedkeuring" in page.content.decode()
    else:
        assert "Uw aanmelding is afgewezen" in page.content.decode()
        assert "Onbekend in de wijk." in page.content.decode()


def test_unapproved_accounts_may_fill_in_their_own_profile(client):
    waiting = ProfileFactory(name="Wachtende Willem", status=Status.PENDING)
    client.force_login(waiting.user)
    response = client.get("/smoelenboek/mijn-profiel/")
    assert response.status_code == 200
    assert "wacht op goedkeuring" in response.content.decode()


def test_a_logged_in_user_without_profile_is_asked_to_make_one(client, django_user_model):
    user = django_user_model.objects.create_user("zonder", "zonder@example.org", "geheim-wachtwoord-123")
    client.force_login(user)
    response = client.get("/smoelenboek/")
    assert response.status_code == 403
    assert "U heeft nog geen profiel" in response.content.decode()
    # Looking makes nothing; asking for it makes a pending profile.
    page = client.get("/smoelenboek/mijn-profiel/")
    assert "Ja, ik wil meedoen" in page.content.decode()
    assert not Profile.objects.filter(user=user).exists()
    client.post("/smoelenboek/mijn-profiel/", {"name": "Sneaky", "status": "goedgekeurd"})
    assert not Profile.objects.filter(user=user).exists()
    response = client.post("/smoelenboek/mijn-profiel/", {"start": "1"})
    assert response.status_code == 302
    assert Profile.objects.get(user=user).status == Status.PENDING


def test_a_member_cannot_approve_themself_by_posting_extra_fields(client):
    waiting = ProfileFactory(name="Slimme Sam", status=Status.PENDING)
    client.force_login(waiting.user)
    client.post(
        "/smoelenboek/mijn-profiel/",
        {
            "name": "Slimme Sam",
            "role": "bewoner",
            "email_visibility": "niemand",
            "phone_visibility": "niemand",
            "status": "goedgekeurd",
            "user": "1",
            "site": "2",
            "consent": "on",
        },
    )
    waiting.refresh_from_db()
    assert waiting.status == Status.PENDING
    assert waiting.name == "Slimme Sam"


def test_member_a_cannot_edit_member_b(member_client, member):
    other = ProfileFactory(name="Bert Bakker")
    # Mijn profiel has no id in its URL: whatever is posted, only the logged-in member changes.
    member_client.post(
        f"/smoelenboek/mijn-profiel/?pk={other.pk}",
        {
            "name": "Gehackt",
            "role": "bewoner",
            "email_visibility": "niemand",
            "phone_visibility": "niemand",
            "id": other.pk,
            "pk": other.pk,
            "user": other.user_id,
        },
    )
    other.refresh_from_db()
    member.refresh_from_db()
    assert other.name == "Bert Bakker"
    assert member.name == "Gehackt"
    # There is no edit URL with an id at all.
    assert member_client.get(f"/smoelenboek/{other.pk}/bewerken/").status_code == 404
    assert member_client.post(f"/smoelenboek/{other.pk}/", {"name": "x"}).status_code in (200, 405)
    other.refresh_from_db()
    assert other.name == "Bert Bakker"


def test_hidden_contact_fields_of_another_member_are_not_in_the_page(member_client):
    other = ProfileFactory(
        name="Bert Bakker",
        contact_email="bert@example.org",
        email_visibility=Visibility.NOBODY,
        phone="06 11 22 33 44",
        phone_visibility=Visibility.NOBODY,
    )
    html = member_client.get(f"/smoelenboek/{other.pk}/").content.decode()
    assert "bert@example.org" not in html and "06 11 22 33 44" not in html
    assert "deelt geen e-mailadres of telefoonnummer" in html
    export = member_client.get("/smoelenboek/mijn-profiel/mijn-gegevens.json").content.decode()
    assert "bert@example.org" not in export


@pytest.mark.parametrize(
    ("email_visibility", "phone_visibility"),
    [("leden", "niemand"), ("niemand", "leden"), ("leden", "leden"), ("niemand", "niemand")],
)
def test_each_contact_field_follows_its_own_visibility(member_client, email_visibility, phone_visibility):
    other = ProfileFactory(
        name="Bert Bakker",
        contact_email="bert@example.org",
        email_visibility=email_visibility,
        phone="06 11 22 33 44",
        phone_visibility=phone_visibility,
    )
    html = member_client.get(f"/smoelenboek/{other.pk}/").content.decode()
    assert ('href="mailto:bert@example.org"' in html) is (email_visibility == "leden")
    assert ("bert@example.org" in html) is (email_visibility == "leden")
    assert ('href="tel:0611223344"' in html) is (phone_visibility == "leden")
    assert ("06 11 22 33 44" in html) is (phone_visibility == "leden")


@pytest.mark.parametrize(
    "change",
    [{"hidden": True}, {"consent_given_at": None}, {"status": Status.PENDING}, {"status": Status.REJECTED}],
)
def test_hidden_unconsented_or_unapproved_entries_are_invisible_to_others(member_client, change):
    other = add_photo(ProfileFactory(name="Bert Bakker", rejection_reason="Reden"))
    Profile.objects.filter(pk=other.pk).update(**change)
    assert "Bert Bakker" not in member_client.get("/smoelenboek/").content.decode()
    assert member_client.get(f"/smoelenboek/{other.pk}/").status_code == 404
    assert member_client.get(f"/smoelenboek/foto/{other.pk}/groot.jpg").status_code == 404
    assert member_client.get(f"/smoelenboek/foto/{other.pk}/klein.jpg").status_code == 404


def test_an_inactive_user_is_invisible(member_client):
    other = ProfileFactory(name="Bert Bakker")
    other.user.is_active = False
    other.user.save()
    assert member_client.get(f"/smoelenboek/{other.pk}/").status_code == 404


def test_a_member_sees_their_own_hidden_entry_and_photo(client):
    own = add_photo(ProfileFactory(name="Verborgen Vera", hidden=True))
    client.force_login(own.user)
    response = client.get(f"/smoelenboek/{own.pk}/")
    assert response.status_code == 200
    assert "Andere leden zien uw gegevens nu niet" in response.content.decode()
    assert client.get(f"/smoelenboek/foto/{own.pk}/groot.jpg").status_code == 200
    assert "Verborgen Vera" not in client.get("/smoelenboek/").content.decode()


def test_photos_come_only_through_the_view_with_private_caching(member_client, member, settings):
    response = member_client.get(f"/smoelenboek/foto/{member.pk}/klein.jpg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"].startswith("private")
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
    # The files live outside MEDIA_ROOT, and have no public URL.
    assert not str(member.photo.path).startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        member.photo.url  # noqa: B018
    html = member_client.get("/smoelenboek/").content.decode()
    assert "/media/" not in html and member.photo.name not in html


def test_a_member_without_photo_gets_404_not_an_error(member_client):
    other = ProfileFactory(name="Zonder Foto")
    assert member_client.get(f"/smoelenboek/foto/{other.pk}/groot.jpg").status_code == 404


@pytest.fixture
def stranger():
    """A member of another district's site."""
    root = Page.get_first_root_node()
    other_home = root.add_child(instance=Page(title="Andere wijk", slug="andere-wijk"))
    other_site = Site.objects.create(hostname="andere.example.org", root_page=other_home)
    return ProfileFactory(name="Vreemde Vincent", site=other_site)


def test_members_of_another_site_are_not_listed(member_client, stranger):
    assert "Vreemde Vincent" not in member_client.get("/smoelenboek/").content.decode()
    assert member_client.get(f"/smoelenboek/{stranger.pk}/").status_code == 404
    assert member_client.get(f"/smoelenboek/foto/{stranger.pk}/groot.jpg").status_code == 404


def test_a_member_of_another_site_is_not_approved_here(client, stranger):
    client.force_login(stranger.user)
    assert client.get("/smoelenboek/").status_code == 403


def test_html_in_text_fields_is_escaped(member_client):
    other = ProfileFactory(
        name="<script>alert(1)</script>Bert",
        approach="<img src=x onerror=alert(1)>Hallo",
        job_title="<b>baas</b>",
    )
    for url in ("/smoelenboek/", f"/smoelenboek/{other.pk}/", "/smoelenboek/?q=Bert"):
        html = member_client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;Bert" in html, url
    html = member_client.get(f"/smoelenboek/{other.pk}/").content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;Hallo" in html


def test_smoelenboek_is_not_in_the_sitemap_or_the_site_search(client, member):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "smoelenboek" not in sitemap
    search = client.get("/zoeken/", {"q": "Aalbers"}).content.decode()
    assert "Anna Aalbers" not in search


def test_the_menu_has_the_smoelenboek_and_the_header_a_login_link(client):
    html = client.get("/").content.decode()
    assert f'href="{reverse("smoelenboek:directory")}"' in html
    assert 'href="/accounts/login/?next=%2F"' in html and "Inloggen" in html  # and back here


def test_the_header_shows_mijn_profiel_when_logged_in(member_client):
    html = member_client.get("/").content.decode()
    assert 'href="/smoelenboek/mijn-profiel/"' in html and "Mijn profiel" in html


@pytest.mark.parametrize("query", ["q=%00", "organisatie=%00", "thema=a%00b", "q=anna%00&rol=%00"])
def test_a_nul_character_in_the_search_is_ignored_not_an_error(member_client, query):
    response = member_client.get("/smoelenboek/?" + query)
    assert response.status_code == 200


def test_the_login_page_offers_the_reset_link_once(client):
    html = client.get("/accounts/login/").content.decode()
    assert html.count("/accounts/password/reset/") == 1
