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
    from django.core.cache import cache

    from home.cache import local_fragments
    from tests.home.factories import ThemeFactory

    def built_afresh():  # as just after a publish: no cached fragment
        cache.clear()
        local_fragments.clear()

    StandardPageFactory(parent=home_page, show_in_menus=True)
    client.get("/")  # warm up site and settings lookups
    built_afresh()
    with django_assert_max_num_queries(40) as baseline:
        client.get("/")
    base = len(baseline.captured_queries)
    ThemeFactory.create_batch(20)
    for _ in range(10):
        StandardPageFactory(parent=home_page, show_in_menus=True)
    client.get("/")
    built_afresh()
    with django_assert_max_num_queries(base) as after:
        client.get("/")
    assert len(after.captured_queries) == base
    with django_assert_max_num_queries(4):  # from its fragments
        client.get("/")


def test_menu_follows_the_agreed_order(client, home_page):
    nav = client.get("/").content.decode().split('aria-label="Hoofdmenu"')[1].split("</nav>")[0]
    titles = ["Agenda", "Wat kunt u doen", "Initiatieven", "Nieuws", "Nieuw in de wijk", "Smoelenboek"]
    positions = [nav.find(f">{title}") for title in titles]
    assert -1 not in positions, positions
    assert positions == sorted(positions)


def test_home_page_first_screen_activities_help_and_join_in(client, home_page):
    from django.utils.html import escape

    from agenda.models import EventPage
    from initiatieven.models import NewsPage

    html = client.get("/").content.decode()
    first = html.split('class="container home-first"', 1)[1].split('class="home-welcome"', 1)[0]
    # The next activities, one number to call, and the way to join in, in that order.
    assert first.index("Vandaag en morgen in de wijk") < first.index("Hulp nodig?") < first.index("Doe mee")
    assert any(escape(event.title) in first for event in EventPage.objects.live())
    assert 'href="/agenda/"' in first
    assert first.count('href="tel:') == 1
    assert 'href="tel:0710000103"' in first  # the sociaal wijkteam's number from the demo
    assert 'href="/wat-kun-je-doen/thema/hulp-en-advies/"' in first
    assert 'href="/initiatieven/"' in first and "Kies een groep" in first
    # Below: the welcome route, the theme tiles and the latest news.
    rest = html.split('class="container home-sections"', 1)[1]
    assert 'href="/nieuw-in-de-wijk/"' in rest
    theme = Theme.objects.first()
    assert f'href="/wat-kun-je-doen/thema/{theme.slug}/"' in rest
    newest = NewsPage.objects.live().order_by("-date", "-pk").first()
    assert escape(newest.title) in rest


def test_home_page_first_screen_is_edited_in_the_page(client, home_page):
    from home.models import SiteSettings

    home_page.events_heading = "Deze dagen"
    home_page.help_heading = "Hulp nodig?"
    home_page.help_phone = "071 123 45 67"
    home_page.join_heading = "Help mee"
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    assert "Deze dagen" in html and "Help mee" in html
    assert 'href="tel:0711234567"' in html and "Bel <span class=\"nowrap\">071 123 45 67</span>" in html
    # Without a number of its own, the help block calls the site's contact number.
    home_page.help_phone = ""
    home_page.save_revision().publish()
    site_phone = SiteSettings.objects.get().contact_phone
    html = client.get("/").content.decode()
    first = html.split('class="container home-first"', 1)[1].split('class="home-welcome"', 1)[0]
    assert site_phone in first


def test_a_new_sites_home_page_shows_no_empty_blocks(client, home_page):
    from wagtail.models import Site

    other = Page.get_first_root_node().add_child(
        instance=HomePage(title="Andere wijk", slug="andere", welcome_title="Hoi", welcome_text="Welkom.")
    )
    Site.objects.create(hostname="andere.test", root_page=other)
    html = client.get("/", HTTP_HOST="andere.test").content.decode()
    assert "Vandaag en morgen in de wijk" in html
    # No number, no text and no page to join yet: those blocks wait until an editor fills them.
    assert "Hulp nodig?" not in html and 'href="tel:' not in html.split("<footer", 1)[0]
    assert 'id="home-join-heading"' not in html
    other.join_page = StandardPageFactory(parent=other, slug="meedoen")
    other.join_page.unpublish()
    other.save_revision().publish()
    html = client.get("/", HTTP_HOST="andere.test").content.decode()
    assert 'id="home-join-heading"' not in html  # never a button to a page that is not live


@pytest.mark.parametrize(
    ("field", "value"),
    [("help_phone", "bel mij maar"), ("help_phone", "<script>"), ("events_count", 0), ("events_count", 40)],
)
def test_home_page_first_screen_refuses_bad_input(home_page, field, value):
    from django.core.exceptions import ValidationError

    setattr(home_page, field, value)
    with pytest.raises(ValidationError) as error:
        home_page.full_clean()
    assert field in error.value.message_dict


def test_welcome_route_leads_to_agenda_house_and_welcome_package(client, home_page):
    html = client.get("/nieuw-in-de-wijk/").content.decode()
    main = html.split('id="inhoud"', 1)[1].split("</main>", 1)[0]
    assert 'href="/agenda/"' in main
    assert "Huis van de Buurt" in main and "9.00 tot 17.00 uur" in main
    assert 'href="/initiatieven/ontmoetingsplek/"' in main
    assert "welkomstpakket" in main
    assert 'href="mailto:wijkraad@stevenshof.test"' in main
    assert 'href="tel:0710000109"' in main
    # In the menu, and linked from the home page, not only from the footer.
    home = client.get("/").content.decode()
    nav = home.split('aria-label="Hoofdmenu"')[1].split("</nav>")[0]
    assert 'href="/nieuw-in-de-wijk/"' in nav
    assert 'href="/nieuw-in-de-wijk/"' in home.split('id="inhoud"', 1)[1].split("</main>", 1)[0]


def test_the_welcome_package_offer_says_where_to_send_the_mail(client, home_page):
    html = client.get("/wat-kun-je-doen/welkomstpakket/").content.decode()
    assert 'href="mailto:wijkraad@stevenshof.test"' in html


MAIN_PAGES = [
    "/", "/agenda/", "/initiatieven/", "/initiatieven/groen/", "/nieuws/", "/wat-kun-je-doen/",
    "/wat-kun-je-doen/thema/samen-en-sociaal/", "/wat-kun-je-doen/jongerenplek/", "/nieuw-in-de-wijk/",
    "/over-ons/", "/privacy/", "/doe-mee/", "/nieuwsbrief/", "/accounts/login/", "/accounts/signup/",
]


def test_residents_are_addressed_as_u_never_je(client, home_page):
    import re

    from django.utils.html import strip_tags

    informal = re.compile(r"\b(je|jij|jou|jouw|jullie|jezelf)\b", re.IGNORECASE)
    for path in MAIN_PAGES:
        html = client.get(path).content.decode()
        body = html.split("<body", 1)[1]
        text = strip_tags(re.sub(r"<(script|style)\b.*?</\1>", "", body, flags=re.S))
        assert not informal.findall(text), (path, informal.findall(text))
    # allauth's own Dutch says "je"; ours (stevenshof/locale/nl) says "u".
    html = client.post(
        "/accounts/signup/",
        {"email": "nieuw@example.org", "password1": "lang-genoeg-123", "password2": "iets-anders-456"},
    ).content.decode()
    assert "Vul twee keer hetzelfde wachtwoord in." in html
    assert not informal.findall(strip_tags(html.split("<body", 1)[1]))


def test_error_summaries_never_put_a_colon_after_a_question(client, home_page):
    from initiatieven.forms import DoeMeeForm

    html = client.post("/doe-mee/", {}).content.decode()
    assert "?:" not in html
    label = str(DoeMeeForm.base_fields["group"].label)
    assert label.endswith("?") and f"{label} " in html


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
