"""The directory: search, filters, paging, and a query count that does not grow."""

import pytest
from django.core.cache import cache

from home.models import Organisation, Theme
from smoelenboek.models import Profile
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
    cache.clear()
    with django_assert_max_num_queries(limit) as captured:
        response = client.get("/smoelenboek/", params)
    assert response.status_code == 200
    return len(captured.captured_queries)


# The site shell (menu, footer settings) takes about ten; the directory itself six.
QUERY_LIMIT = 18


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
