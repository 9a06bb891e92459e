"""Cached fragments, the remembered page lookup and the scoped content versions (home/cache.py,
home/templatetags/fragments.py, home/routing.py): every page shows a change at once, also when
the change was made in another process, and a change bumps only the scopes it touches."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from home.cache import SCOPES, bump, versions
from home.models import ContentVersion, SiteSettings, Theme
from initiatieven.models import InitiatiefPage, NewsPage
from tests.initiatieven.factories import NewsPageFactory

PAGES = ["/", "/nieuws/", "/initiatieven/", "/initiatieven/groen/", "/wat-kun-je-doen/", "/agenda/"]


@pytest.fixture
def groen(db):
    return InitiatiefPage.objects.get(slug="groen")


@pytest.fixture
def warm(client, db):
    """Every page rendered once, so its fragments are in the cache."""

    def warm_up(*paths):
        for path in paths or PAGES:
            assert client.get(path).status_code == 200, path

    warm_up()
    return warm_up


def html(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_a_published_news_item_shows_at_once_everywhere(client, groen, warm):
    item = NewsPageFactory(parent=groen, title="Bollen geplant bij de school", live=False)
    item.save_revision().publish()
    for path in ("/nieuws/", "/initiatieven/groen/", "/"):
        assert "Bollen geplant bij de school" in html(client, path), path


def test_an_unpublished_or_deleted_news_item_is_gone_at_once(client, groen, warm):
    item = NewsPageFactory(parent=groen, title="Eerst wel, dan niet")
    warm("/nieuws/", "/initiatieven/groen/", item.url)
    assert "Eerst wel, dan niet" in html(client, "/nieuws/")
    item.unpublish()
    assert "Eerst wel, dan niet" not in html(client, "/nieuws/")
    assert "Eerst wel, dan niet" not in html(client, "/initiatieven/groen/")
    assert client.get(item.url).status_code == 404
    item.save_revision().publish()
    assert "Eerst wel, dan niet" in html(client, "/nieuws/")
    NewsPage.objects.get(pk=item.pk).delete()
    assert "Eerst wel, dan niet" not in html(client, "/nieuws/")


def test_a_renamed_group_shows_its_new_name_in_listings_menu_and_breadcrumbs(client, groen, warm):
    item = NewsPageFactory(parent=groen, title="Nieuws van groen")
    warm(item.url)
    groen.title = "Groen en Bloemen"
    groen.save_revision().publish()
    for path in ("/initiatieven/", "/initiatieven/groen/", "/nieuws/", item.url):
        assert "Groen en Bloemen" in html(client, path), path


def test_a_section_made_private_leaves_the_listings_and_filters_at_once(client, groen, warm):
    # Making a page private is no publish: the restriction itself bumps what lists the page.
    warm("/op-uw-website/agenda.json", "/op-uw-website/")
    assert "Groen" in html(client, "/initiatieven/")
    assert 'value="groen"' in html(client, "/agenda/")
    restriction = PageViewRestriction.objects.create(page=groen, restriction_type="login")
    assert 'href="/initiatieven/groen/"' not in html(client, "/initiatieven/")
    assert 'value="groen"' not in html(client, "/agenda/")
    assert 'value="groen"' not in html(client, "/op-uw-website/")
    assert client.get("/op-uw-website/agenda.json?groep=groen").json()["notes"]
    restriction.delete()
    assert 'href="/initiatieven/groen/"' in html(client, "/initiatieven/")
    assert 'value="groen"' in html(client, "/agenda/")
    assert not client.get("/op-uw-website/agenda.json?groep=groen").json()["notes"]


def test_a_renamed_slug_moves_the_page_at_once(client, groen, warm):
    item = NewsPageFactory(parent=groen, title="Verhuisd bericht", slug="oud-adres")
    assert client.get("/initiatieven/groen/oud-adres/").status_code == 200
    item.slug = "nieuw-adres"
    item.save_revision().publish()
    assert client.get("/initiatieven/groen/oud-adres/").status_code == 404
    assert "Verhuisd bericht" in html(client, "/initiatieven/groen/nieuw-adres/")


def test_a_renamed_menu_page_shows_in_the_menu_of_every_page(client, warm):
    from initiatieven.models import NewsIndexPage

    index = NewsIndexPage.objects.get(slug="nieuws")
    index.title = "Berichten uit de wijk"
    index.save_revision().publish()
    for path in ("/", "/agenda/", "/initiatieven/groen/"):
        assert "Berichten uit de wijk" in html(client, path), path


def test_a_theme_and_the_footer_change_at_once(client, warm):
    theme = Theme.objects.get(slug="groen-en-leefomgeving")
    theme.name = "Buiten en groen"
    theme.save()
    assert "Buiten en groen" in html(client, "/wat-kun-je-doen/")
    assert "Buiten en groen" in html(client, "/initiatieven/")
    settings = SiteSettings.objects.first()
    settings.contact_phone = "071 999 88 77"
    settings.save()
    assert "071 999 88 77" in html(client, "/nieuws/")


def test_a_member_logged_in_gets_fresh_pages_too(client, groen, warm, django_user_model):
    member = django_user_model.objects.create_user(username="lid", password="geheim-wachtwoord-123")
    member_client = Client()
    member_client.force_login(member)
    assert "Eerste bericht voor leden" not in html(member_client, "/nieuws/")
    NewsPageFactory(parent=groen, title="Eerste bericht voor leden", live=False).save_revision().publish()
    assert "Eerste bericht voor leden" in html(member_client, "/nieuws/")
    assert "Eerste bericht voor leden" in html(client, "/nieuws/")


def test_a_change_made_in_another_process_shows_because_versions_come_from_the_database(client, groen, warm):
    """Another process (manage.py shell, the import, another worker) shares only the database:
    a change there writes the rows and the versions, never this process's memory or cache."""
    NewsPage.objects.filter(pk__in=NewsPage.objects.child_of(groen).values("pk")).update(title="Uit de shell")
    assert "Uit de shell" not in html(client, "/nieuws/")  # the fragment of before, as intended
    ContentVersion.objects.filter(scope="news").update(version=12345)  # what its bump writes
    assert "Uit de shell" in html(client, "/nieuws/")


def test_the_remembered_route_follows_a_move_made_elsewhere(client, groen, warm):
    """The route a worker remembers is checked against the page's url_path on every request."""
    assert client.get("/initiatieven/groen/").status_code == 200
    InitiatiefPage.objects.filter(pk=groen.pk).update(url_path=groen.url_path.replace("groen", "elders"))
    # Wagtail's own walk by slug still finds it, as it would have without the memory.
    assert client.get("/initiatieven/groen/").status_code == 200
    InitiatiefPage.objects.filter(pk=groen.pk).update(live=False)
    assert client.get("/initiatieven/groen/").status_code == 404


def test_a_deleted_page_is_not_found_by_the_remembered_route(client, groen, warm):
    item = NewsPageFactory(parent=groen, title="Weg")
    assert client.get(item.url).status_code == 200
    NewsPage.objects.get(pk=item.pk).delete()
    assert client.get("/initiatieven/groen/" + item.slug + "/").status_code == 404


def test_a_publish_bumps_only_the_scopes_it_touches(groen):
    before = versions()
    NewsPageFactory(parent=groen, title="Alleen nieuws", live=False).save_revision().publish()
    after = versions()
    changed = {scope for scope in SCOPES if before[scope] != after[scope]}
    assert changed == {"news"}


def test_a_group_publish_touches_what_shows_its_name_but_not_the_footer(groen):
    before = versions()
    groen.save_revision().publish()
    after = versions()
    changed = {scope for scope in SCOPES if before[scope] != after[scope]}
    assert {"groups", "news", "events", "guide", "menu"} <= changed
    assert "settings" not in changed and "pages" not in changed


def test_a_missing_version_starts_at_a_fresh_random_number(db):
    ContentVersion.objects.filter(scope="guide").delete()
    first = versions()["guide"]
    assert first > 0 and ContentVersion.objects.get(scope="guide").version == first
    bump("guide")
    assert versions()["guide"] != first


def test_a_fragment_is_kept_but_a_preview_always_renders_afresh(rf, db):
    from django.template import Context, Template

    template = Template('{% load fragments %}{% fragment "test" "news" %}{{ value }}{% endfragment %}')

    def render(value, preview=False):
        request = rf.get("/nieuws/")
        request.is_preview = preview
        return template.render(Context({"request": request, "value": value}))

    assert render("eerste") == "eerste"
    assert render("tweede") == "eerste"  # kept: the same scopes, nothing changed
    assert render("concept", preview=True) == "concept"
    bump("news")
    assert render("derde") == "derde"


def test_a_fragment_that_varies_on_the_query_keeps_only_a_query_its_view_understood(rf, db):
    """`{% fragment … query %}` follows the page cache's rule: a query the view declared (with
    home.cache.page_variant) is kept, sorted and without tracking tags; any other is answered
    afresh and fills no cache, so `?x=<random>` cannot fill the shared cache."""
    from django.template import Context, Template

    from home.cache import page_variant

    template = Template('{% load fragments %}{% fragment "test" "news" query %}{{ value }}{% endfragment %}')

    def render(query, value, understood=None):
        request = rf.get("/nieuws/" + query)
        if understood is not None:
            page_variant(request, understood)
        return template.render(Context({"request": request, "value": value}))

    assert render("?x=1", "eerste") == "eerste"
    assert render("?x=1", "tweede") == "tweede"  # not understood: made again, never kept
    assert render("?page=2", "eerste", {"page": 2}) == "eerste"
    assert render("?page=2", "tweede", {"page": 2}) == "eerste"  # understood: kept
    assert render("?page=2&utm_source=wa", "derde", {"page": 2}) == "eerste"  # tags left out
    assert render("", "zonder") == "zonder" and render("", "anders") == "zonder"


def test_an_unknown_scope_is_a_mistake_in_the_template(rf, db):
    from django.template import Context, Template, TemplateSyntaxError

    template = Template('{% load fragments %}{% fragment "test" "nieuws" %}x{% endfragment %}')
    with pytest.raises(TemplateSyntaxError):
        template.render(Context({"request": rf.get("/")}))




@pytest.mark.parametrize(
    "path",
    [
        *PAGES,
        "/agenda/?voor=ouderen&wanneer=week",
        "/wat-kun-je-doen/thema/samen-en-sociaal/",
        "/nieuws/?page=1",
    ],
)
def test_a_page_from_its_fragments_costs_a_few_queries(client, warm, path, django_assert_max_num_queries):
    """The versions, the page, Wagtail's check for private pages (two); a theme page its theme
    (it decides the 404), a group page its picture for the share image (home/share, outside the
    fragments): nothing that grows."""
    client.get(path)
    with django_assert_max_num_queries(5 if "/thema/" in path or path.endswith("/groen/") else 4):
        assert client.get(path).status_code == 200


def test_the_share_tags_follow_a_publish_of_the_page(client, groen, warm):
    item = NewsPageFactory(parent=groen, title="Eerste titel", intro="Eerste samenvatting")
    assert '<meta property="og:title" content="Eerste titel">' in html(client, item.url)
    item.title, item.intro = "Tweede titel", "Tweede samenvatting"
    item.save_revision().publish()
    page = html(client, item.url)
    assert '<meta property="og:title" content="Tweede titel">' in page
    assert '<meta property="og:description" content="Tweede samenvatting">' in page


def test_the_remembered_site_follows_a_change_of_the_sites(rf, db):
    from wagtail.models import Site

    from home.models import site_for

    default = Site.objects.get(is_default_site=True)
    other = Site.objects.create(hostname="wijk.example", port=80, root_page=default.root_page)
    assert site_for(rf.get("/", HTTP_HOST="wijk.example")) == other
    assert site_for(rf.get("/", HTTP_HOST="wijk.example")) == other  # remembered by this worker
    other.hostname = "andere.example"
    other.save()  # in any process: the content versions move
    assert site_for(rf.get("/", HTTP_HOST="wijk.example")) == default
    assert site_for(rf.get("/", HTTP_HOST="andere.example")) == other
