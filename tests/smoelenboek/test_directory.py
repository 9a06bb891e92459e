"""The directory: search, filters, paging, and a query count that does not grow."""

import pytest
from django.core.cache import cache

from home.models import Organisation, Theme
from smoelenboek.models import Profile
from tests.conftest import forget_caches
from tests.smoelenboek.factories import ProfileFactory

from .conftest import add_photo

pytestmark = pytest.mark.django_db


def _names(client, **params):
    html = client.get("/smoelenboek/", params).content.decode()
    return {p.name for p in Profile.objects.all() if f">{p.name}<" in html}


def test_the_directory_shows_faces_with_name_role_and_organisation(member_client):
    response = member_client.get("/smoelenboek/")
    html = response.content.decode()
    assert "In het smoelenboek staan" in html
    assert ">Samira el Amrani<" in html and "Welzijnscoach" in html and "Incluzio" in html
    assert 'src="/smoelenboek/foto/' in html and 'alt=""' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("samira", "Samira el Amrani"),  # name
        ("incluzio", "Samira el Amrani"),  # organisation
        ("welzijnscoach", "Samira el Amrani"),  # job title
        ("Welzijn op Recept", "Samira el Amrani"),  # the "benaderen" text
        ("Dierenweide", "Henk de Graaf"),
    ],
)
def test_search(member_client, query, expected):
    assert expected in _names(member_client, q=query)


def test_search_on_theme_name(member_client):
    found = _names(member_client, q="Gezond opgroeien")
    assert {"Marieke de Boer", "Ruben Verhoeven"} <= found
    assert "Peter Smit" not in found


def test_search_without_result_says_so(member_client):
    html = member_client.get("/smoelenboek/", {"q": "xyzzy-niemand"}).content.decode()
    assert "We vonden niemand" in html


def test_filters(member_client):
    incluzio = Organisation.objects.get(name="Incluzio")
    found = _names(member_client, organisatie=incluzio.slug)
    assert found == {"Samira el Amrani", "Daan Meijer"}
    pros = _names(member_client, rol="professional")
    assert "Samira el Amrani" in pros and "Henk de Graaf" not in pros
    social = _names(member_client, thema="samen-en-sociaal", rol="professional")
    assert "Samira el Amrani" in social and "Joost van Dijk" not in social


def test_filter_by_group(member_client):
    from initiatieven.models import InitiatiefPage

    group = InitiatiefPage.objects.get(slug="groen")
    html = member_client.get("/smoelenboek/").content.decode()
    assert f'<option value="{group.pk}"' in html
    assert _names(member_client, groep=group.pk) == {"Peter Smit", "Gerda van Leeuwen", "Kees van der Linden"}
    peter = Profile.objects.get(name="Peter Smit")
    profile_html = member_client.get(f"/smoelenboek/{peter.pk}/").content.decode()
    assert "Doet mee in" in profile_html and f'href="{group.url}"' in profile_html


@pytest.mark.parametrize(
    "params",
    [
        {"rol": "baas"},
        {"groep": "abc"},
        {"groep": "1 OR 1=1"},
        {"organisatie": "<script>"},
        {"thema": "bestaat-niet"},
        {"page": "9999"},
        {"page": "-1"},
        {"q": "x" * 500},
        {"q": "<script>alert(1)</script>"},
    ],
)
def test_bad_parameters_do_no_harm(member_client, params):
    response = member_client.get("/smoelenboek/", params)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_paging_keeps_the_filters(member_client):
    for i in range(30):
        ProfileFactory(name=f"Extra Bewoner {i:02}", role="vrijwilliger")
    html = member_client.get("/smoelenboek/", {"rol": "vrijwilliger"}).content.decode()
    assert "Pagina 1 van 2" in html
    assert "rol%3Dvrijwilliger" in html or "rol=vrijwilliger" in html


def _grow(count):
    theme = Theme.objects.get(slug="samen-en-sociaal")
    organisation = Organisation.objects.get(name="Incluzio")
    for i in range(count):
        profile = ProfileFactory(name=f"Extra Lid {i:03}", role="professional", organisation=organisation)
        profile.themes.add(theme)
        add_photo(profile)


def _count_queries(client, django_assert_max_num_queries, params, limit):
    forget_caches()  # each count from a cold worker, so the two counts compare
    with django_assert_max_num_queries(limit) as captured:
        response = client.get("/smoelenboek/", params)
    assert response.status_code == 200
    return len(captured.captured_queries)


# The site shell (content versions, menu, footer settings) takes about eleven; the directory
# itself six; a cold worker counted (forget_caches).
QUERY_LIMIT = 19


@pytest.mark.parametrize("params", [{}, {"q": "welzijn", "thema": "samen-en-sociaal", "rol": "professional"}])
def test_directory_query_count_does_not_grow_with_members(
    member_client, django_assert_max_num_queries, params
):
    before = _count_queries(member_client, django_assert_max_num_queries, params, QUERY_LIMIT)
    _grow(40)
    after = _count_queries(member_client, django_assert_max_num_queries, params, QUERY_LIMIT)
    assert after == before


def test_profile_page_query_count_is_small(member_client, django_assert_max_num_queries):
    samira = Profile.objects.get(name="Samira el Amrani")
    with django_assert_max_num_queries(15):
        assert member_client.get(f"/smoelenboek/{samira.pk}/").status_code == 200


def test_login_failures_are_rate_limited(client, member, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip,3/5m/key"}
    cache.clear()
    member.user.set_password("Het-goede-wachtwoord-1")
    member.user.save()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=member.user, email=member.user.email, verified=True, primary=True)
    for _ in range(3):
        response = client.post("/accounts/login/", {"login": member.user.email, "password": "fout"})
        assert "klopt niet" in response.content.decode()
    response = client.post(
        "/accounts/login/", {"login": member.user.email, "password": "Het-goede-wachtwoord-1"}
    )
    assert response.status_code in (200, 429)
    assert "te vaak" in response.content.decode()
    assert "_auth_user_id" not in client.session
    cache.clear()


def test_sign_up_is_rate_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "2/h/ip"}
    cache.clear()
    for i in range(2):
        client.post(
            "/accounts/signup/",
            {"name": "Veel", "email": f"veel{i}@example.org", "password1": "x", "password2": "x"},
        )
    response = client.post(
        "/accounts/signup/",
        {
            "name": "Veel",
            "email": "veel9@example.org",
            "password1": "Lang-genoeg-123",
            "password2": "Lang-genoeg-123",
        },
    )
    assert response.status_code == 429
    assert "Even wachten" in response.content.decode()
    assert not Profile.objects.filter(user__email="veel9@example.org").exists()
    cache.clear()


# --- the directory search understands words as the site search does (home/search/words.py) ---
def _ranked(client, q):
    response = client.get("/smoelenboek/", {"q": q})
    assert response.status_code == 200
    return [profile.name for profile in response.context["members"]]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("eenzaamheid", "Samira el Amrani"),  # "Voelt u zich alleen?" through the shared synonyms
        ("eenzaam", "Samira el Amrani"),
        ("welzijn", "Samira el Amrani"),  # welzijnscoach: welzijn + coach
        ("somber", "Samira el Amrani"),
        ("jeugdverpleegkundige", "Marieke de Boer"),
        ("opvoeding", "Marieke de Boer"),
        ("fysio", "Anouk Jansen"),
        ("geschiedenis van de wijk", "Jan Vermeulen"),
    ],
)
def test_directory_search_finds_the_right_person_first(member_client, query, first):
    assert _ranked(member_client, query)[0] == first


def test_schulden_finds_the_money_helpers(member_client):
    found = _ranked(member_client, "schulden")
    assert found[0] in {"Karim Haddou", "Fatma Yilmaz"}
    assert {"Karim Haddou", "Fatma Yilmaz"} <= set(found)
    assert "Anouk Jansen" not in found


def test_search_and_filters_together(member_client):
    found = _ranked(member_client, "eenzaamheid")
    assert "Samira el Amrani" in found
    assert _names(member_client, q="eenzaamheid", rol="vrijwilliger") & {"Samira el Amrani"} == set()


@pytest.mark.parametrize("visibility", ["leden", "niemand"])
def test_search_never_finds_a_person_by_a_field_the_viewer_may_not_see(member_client, visibility):
    ProfileFactory(
        name="Bep Bouwman",
        contact_email="zonnebloemvrouw@voorbeeld.test",
        email_visibility=visibility,
        phone="06 98 76 54 32",
        phone_visibility=visibility,
    )
    by_email = "Bep Bouwman" in _names(member_client, q="zonnebloemvrouw")
    by_phone = "Bep Bouwman" in _names(member_client, q="0698765432")
    assert by_email is by_phone is (visibility == "leden")
    assert "Bep Bouwman" in _names(member_client, q="bouwman")  # the name everyone sees


def test_search_never_finds_hidden_pending_or_other_sites_members(member_client):
    from wagtail.models import Page, Site

    ProfileFactory(name="Verstopt Persoon", hidden=True, approach="Ik help bij eenzaamheid.")
    ProfileFactory(name="Wachtend Persoon", status="aangemeld", approach="Ik help bij eenzaamheid.")
    ProfileFactory(name="Zonder Toestemming", consent_given_at=None, approach="Ik help bij eenzaamheid.")
    other = Site.objects.create(hostname="anderewijk.test", root_page=Page.get_first_root_node())
    ProfileFactory(name="Andere Wijk", site=other, approach="Ik help bij eenzaamheid.")
    found = set(_ranked(member_client, "eenzaamheid"))
    assert "Samira el Amrani" in found
    assert found.isdisjoint({"Verstopt Persoon", "Wachtend Persoon", "Zonder Toestemming", "Andere Wijk"})


def test_anonymous_visitors_get_the_login_page_and_no_names(client):
    response = client.get("/smoelenboek/", {"q": "eenzaamheid"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.get("/smoelenboek/", {"q": "eenzaamheid"}, follow=True)
    assert "Samira" not in response.content.decode()


def test_a_member_awaiting_approval_finds_nobody(client):
    pending = ProfileFactory(name="Nog Niet", status="aangemeld")
    client.force_login(pending.user)
    response = client.get("/smoelenboek/", {"q": "eenzaamheid"})
    assert response.status_code == 403
    assert "Samira" not in response.content.decode()


@pytest.mark.parametrize("q", ["?!", "🙂", "de het een", "'; DROP TABLE smoelenboek_profile; --"])
def test_a_query_without_words_finds_nobody_calmly(member_client, q):
    html = member_client.get("/smoelenboek/", {"q": q}).content.decode()
    assert "We vonden niemand" in html


@pytest.mark.parametrize("q", ["eenzaamheid", "schulden hulp bij geld"])
def test_directory_search_query_count_does_not_grow_with_members(
    member_client, django_assert_max_num_queries, q
):
    before = _count_queries(member_client, django_assert_max_num_queries, {"q": q}, QUERY_LIMIT)
    _grow(40)
    after = _count_queries(member_client, django_assert_max_num_queries, {"q": q}, QUERY_LIMIT)
    assert after == before
