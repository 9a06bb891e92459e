import pytest
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction

from home.models import HomePage, Organisation, StandardPage, Theme
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_page_tree_rules():
    assert HomePage.allowed_parent_page_models() == [Page]
    assert StandardPage in HomePage.allowed_subpage_models()
    assert set(StandardPage.allowed_parent_page_models()) == {HomePage, StandardPage}
    assert not HomePage.can_create_at(StandardPage())


def test_home_page_shows_welcome_themes_and_join_in(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Welkom in de Stevenshof" in html
    for theme in Theme.objects.all():
        assert theme.name in html
    assert "Doe mee" in html
    assert '<html lang="nl">' in html
    assert 'href="#inhoud"' in html and 'id="inhoud"' in html


def test_home_page_has_landmarks_and_labelled_search(client, home_page):
    StandardPageFactory(parent=home_page, title="In het menu", slug="menu", show_in_menus=True)
    html = client.get("/").content.decode()
    assert "<header" in html and "<main" in html and "<footer" in html
    assert 'aria-label="Hoofdmenu"' in html
    assert '<label for="site-search-q"' in html


def test_footer_shows_site_settings(client, home_page):
    html = client.get("/").content.decode()
    assert "info@stevenshofvitaal.nl" in html
    assert 'href="tel:0710000000"' in html


def test_menu_lists_pages_marked_for_the_menu(client, home_page):
    StandardPageFactory(parent=home_page, title="Activiteitenlijst", slug="lijst", show_in_menus=True)
    StandardPageFactory(parent=home_page, title="Verborgen", slug="verborgen", show_in_menus=False)
    html = client.get("/").content.decode()
    nav = html.split('aria-label="Hoofdmenu"')[1].split("</nav>")[0]
    assert "Activiteitenlijst" in nav
    assert "Verborgen" not in nav


def test_menu_never_lists_drafts(client, home_page):
    StandardPageFactory(parent=home_page, title="Zichtbaar", slug="zichtbaar", show_in_menus=True)
    page = StandardPageFactory(parent=home_page, title="Concept", slug="concept", show_in_menus=True)
    page.unpublish()
    nav = client.get("/").content.decode().split('aria-label="Hoofdmenu"')[1].split("</nav>")[0]
    assert "Zichtbaar" in nav
    assert "Concept" not in nav


def test_standard_pages_exist(client, home_page):
    for path in ["/over-ons/", "/privacy/", "/nieuw-in-de-wijk/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Kruimelpad" not in response.content.decode() or "Voorpagina" in response.content.decode()


def test_404_is_dutch_with_a_way_home(client, home_page):
    response = client.get("/bestaat-echt-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze pagina bestaat niet" in html
    assert 'href="/"' in html


def test_500_page_is_dutch_and_standalone():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Er ging iets mis" in html
    assert 'href="/"' in html


def test_sitemap_and_robots(client, home_page):
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert b"/over-ons/" in sitemap.content
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert b"Disallow: /smoelenboek/" in robots.content
    assert b"Sitemap: http://testserver/sitemap.xml" in robots.content


def test_sitemap_leaves_out_private_pages(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Alleen voor leden", slug="leden")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert b"/leden/" not in client.get("/sitemap.xml").content


def test_demo_content_loads_twice_without_duplicates(home_page):
    counts = (
        Page.objects.count(),
        Theme.objects.count(),
        Organisation.objects.count(),
    )
    call_command("load_demo", verbosity=0)
    assert (Page.objects.count(), Theme.objects.count(), Organisation.objects.count()) == counts
    assert HomePage.objects.count() == 1


def test_home_page_query_count_does_not_grow(client, home_page, django_assert_max_num_queries):
    from tests.home.factories import ThemeFactory

    StandardPageFactory(parent=home_page, show_in_menus=True)
    client.get("/")  # warm up site and settings lookups
    with django_assert_max_num_queries(40) as baseline:
        client.get("/")
    base = len(baseline.captured_queries)
    ThemeFactory.create_batch(20)
    for _ in range(10):
        StandardPageFactory(parent=home_page, show_in_menus=True)
    with django_assert_max_num_queries(base) as after:
        client.get("/")
    assert len(after.captured_queries) == base


def test_menu_follows_the_agreed_order(client, home_page):
    nav = client.get("/").content.decode().split('aria-label="Hoofdmenu"')[1].split("</nav>")[0]
    titles = ["Agenda", "Wat kun je doen", "Initiatieven", "Nieuws", "Smoelenboek"]
    positions = [nav.find(f">{title}") for title in titles]
    assert -1 not in positions, positions
    assert positions == sorted(positions)


def test_home_page_shows_next_activities_latest_news_and_groups(client, home_page):
    from django.utils.html import escape

    from agenda.models import EventPage
    from initiatieven.models import InitiatiefPage, NewsPage

    html = client.get("/").content.decode()
    newest = NewsPage.objects.live().order_by("-date", "-pk").first()
    assert escape(newest.title) in html
    for group in InitiatiefPage.objects.live():
        assert escape(group.title) in html
    assert "Binnenkort in de wijk" in html
    assert any(escape(event.title) in html for event in EventPage.objects.live())
    # Each theme tile leads to that theme's page of "Wat kun je doen in de wijk".
    theme = Theme.objects.first()
    assert f'href="/wat-kun-je-doen/thema/{theme.slug}/"' in html
    assert 'href="/doe-mee/"' in html


def test_home_page_queries_do_not_grow_with_events_and_news(client, home_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from agenda.models import AgendaIndexPage
    from initiatieven.models import InitiatiefPage
    from tests.agenda.factories import EventPageFactory
    from tests.initiatieven.factories import NewsPageFactory

    def count():
        client.get("/")
        with CaptureQueriesContext(connection) as queries:
            client.get("/")
        return len(queries.captured_queries)

    before = count()
    group = InitiatiefPage.objects.live().first()
    agenda = AgendaIndexPage.objects.live().first()
    for n in range(6):
        NewsPageFactory(parent=group, title=f"Extra bericht {n}")
        EventPageFactory(parent=agenda, title=f"Extra activiteit {n}")
    assert count() <= before


@pytest.mark.django_db
def test_wagtails_default_workflow_has_a_dutch_name():
    from wagtail.models import Task, Workflow

    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    assert Workflow.objects.filter(name="Nakijken door de moderators").exists()


def test_breadcrumbs_lead_back_from_a_view_below_a_page(client):
    def crumbs(path):
        html = client.get(path).content.decode()
        return html.split('aria-label="Kruimelpad"', 1)[1].split("</nav>", 1)[0]

    assert 'href="/agenda/"' in crumbs("/agenda/abonneren/")
    assert 'href="/agenda/"' in crumbs("/agenda/aanmelden/")
    assert 'href="/agenda/"' not in crumbs("/agenda/")  # the page itself is the heading, not a step back
    assert "Voorpagina" in crumbs("/agenda/")
    assert 'href="/wat-kun-je-doen/"' in crumbs("/wat-kun-je-doen/organisaties/")
