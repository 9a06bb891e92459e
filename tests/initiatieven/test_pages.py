import xml.etree.ElementTree as ET  # noqa: S405 - our own feed, in a test

import pytest
from django.core.cache import cache
from wagtail.models import Page, Site

from home.cache import local_fragments
from home.models import HomePage, Theme
from initiatieven.models import InitiatiefIndexPage, InitiatiefPage, NewsIndexPage, NewsPage
from tests.initiatieven.factories import InitiatiefPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def test_page_tree_rules():
    assert InitiatiefIndexPage.allowed_parent_page_models() == [HomePage]
    assert InitiatiefIndexPage.allowed_subpage_models() == [InitiatiefPage]
    assert InitiatiefPage.allowed_parent_page_models() == [InitiatiefIndexPage]
    assert NewsPage in InitiatiefPage.allowed_subpage_models()
    assert NewsPage.allowed_parent_page_models() == [InitiatiefPage]
    assert NewsPage.allowed_subpage_models() == []
    assert NewsIndexPage.allowed_parent_page_models() == [HomePage]
    assert NewsIndexPage.allowed_subpage_models() == []
    assert InitiatiefPage.is_initiatief_group is True


def test_only_one_index_per_home(home_page):
    assert not InitiatiefIndexPage.can_create_at(home_page)
    assert not NewsIndexPage.can_create_at(home_page)


def test_demo_has_the_seven_groups_with_news(index_page):
    groups = InitiatiefPage.objects.child_of(index_page).live()
    assert {g.title for g in groups} == {
        "Groen", "Ontmoetingsplek", "Sociale relaties & vriendschap", "Beweeglint",
        "Voeding", "Gezond opgroeien", "Dierenweide",
    }
    for group in groups:
        assert 2 <= NewsPage.objects.child_of(group).live().count() <= 3
        assert group.editor_group.name == f"Redactie {group.title}"
        assert group.collection is not None


def test_index_lists_group_cards(client, index_page):
    html = client.get("/initiatieven/").content.decode()
    assert "<h1>Initiatieven</h1>" in html
    for group in InitiatiefPage.objects.live():
        assert group.title.replace("&", "&amp;") in html
        assert group.intro in html
    assert 'href="/doe-mee/"' in html


def test_index_filters_by_theme(client, index_page):
    response = client.get("/initiatieven/?thema=sport-en-bewegen")
    html = response.content.decode()
    assert "Beweeglint" in html
    assert "Dierenweide</a>" not in html
    assert 'aria-current="page"' in html
    response = client.get("/initiatieven/?thema=bestaat-niet")
    assert response.status_code == 200
    assert "Dit thema kennen we niet" in response.content.decode()


def test_group_page_shows_everything_a_resident_needs(client, groen):
    response = client.get("/initiatieven/groen/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wat hebben we al bereikt?" in html
    assert "Nieuwe bomen in drie straten" in html
    assert "Huis van de Buurt" in html
    assert "Anke de Wit" in html
    assert "Plantdag in het voorjaar" in html  # latest news
    assert 'href="/initiatieven/groen/doe-mee/"' in html
    assert "Groen en leefomgeving" in html  # theme badge


def test_contact_email_is_not_on_the_page(client, groen):
    html = client.get("/initiatieven/groen/").content.decode()
    assert groen.contact_email not in html
    assert "mailto:groen" not in html
    # The only mailto links are the share link and the site's general address in the footer.
    assert html.count("mailto:") == 2


def test_open_graph_and_twitter_tags(client, groen):
    html = client.get("/initiatieven/groen/").content.decode()
    assert '<meta property="og:title" content="Groen">' in html
    canonical = html.split('<link rel="canonical" href="')[1].split('"')[0]
    assert canonical.endswith("/initiatieven/groen/")
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert '<meta property="og:image" content="http://testserver/media/images/' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    news = NewsPage.objects.get(slug="plantdag-in-het-voorjaar")
    html = client.get(news.url).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:description" content="{news.intro}">' in html
    assert "og:image:alt" in html


def test_share_buttons_are_plain_links(client, groen):
    html = client.get("/initiatieven/groen/").content.decode()
    assert 'href="https://wa.me/?text=Groen%20http%3A%2F%2F' in html
    assert "%2Finitiatieven%2Fgroen%2F" in html
    assert "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2F" in html
    # The only script is the site's own, which adds the phone's share sheet or a copy button.
    main = html.split("<main")[1].split("</main>")[0]
    assert main.count("<script") == 1 and '<script src="/static/share/share.js" defer>' in main


def test_news_page_shows_group_date_image_and_link_back(client):
    news = NewsPage.objects.get(slug="lammetjes-geboren")
    html = client.get(news.url).content.decode()
    assert "Er zijn lammetjes geboren" in html
    assert f'datetime="{news.date:%Y-%m-%d}"' in html
    assert 'href="/initiatieven/dierenweide/"' in html
    assert 'alt="Tekening van bomen en een zon"' in html


def test_news_index_newest_first_and_paginated(client, news_index, groen):
    for i in range(12):
        NewsPageFactory(parent=groen, title=f"Extra bericht {i:02d}", slug=f"extra-{i}")
    html = client.get("/nieuws/").content.decode()
    assert "Pagina 1 van 3" in html
    dates = [n.date for n in NewsPage.objects.live().order_by("-date", "-first_published_at")[:10]]
    assert dates == sorted(dates, reverse=True)
    assert html.index("Extra bericht 11") < html.index("Lammetjes") if "Lammetjes" in html else True
    second = client.get("/nieuws/?page=2").content.decode()
    assert "Pagina 2 van 3" in second
    assert client.get("/nieuws/?page=abc").status_code == 200
    assert client.get("/nieuws/?page=999").status_code == 200


def test_news_index_filters_keep_the_choice_in_links(client, news_index, groen):
    for i in range(12):
        NewsPageFactory(parent=groen, slug=f"veel-{i}")
    html = client.get("/nieuws/?groep=groen").content.decode()
    assert "Plantdag in het voorjaar" in html or "Bericht" in html
    assert "Recept van de week" not in html
    assert "?page=2&amp;groep=groen" in html
    assert '<option value="groen" selected>' in html


def test_news_index_filters_by_theme(client, news_index):
    html = client.get("/nieuws/?thema=gezond-eten").content.decode()
    assert "Recept van de week: linzensoep" in html
    assert "Er zijn lammetjes geboren" not in html
    html = client.get("/nieuws/?thema=onzin").content.decode()
    assert "Deze groep of dit thema kennen we niet" in html


def test_drafts_and_private_news_are_not_listed(client, news_index, groen):
    draft = NewsPageFactory(parent=groen, title="Geheim concept", slug="concept")
    draft.unpublish()
    assert "Geheim concept" not in client.get("/nieuws/").content.decode()
    assert "Geheim concept" not in client.get("/nieuws/rss/").content.decode()


def test_news_of_another_site_is_not_listed(client, news_index):
    root = Page.get_first_root_node()
    other_home = root.add_child(
        instance=HomePage(title="Andere wijk", slug="andere", welcome_title="Hoi", welcome_text="Hoi")
    )
    Site.objects.create(hostname="andere.test", root_page=other_home)
    other_index = other_home.add_child(instance=InitiatiefIndexPage(title="Groepen", slug="groepen"))
    other_group = InitiatiefPageFactory(parent=other_index, slug="andere-groep")
    NewsPageFactory(parent=other_group, title="Nieuws uit een andere wijk", slug="ander")
    assert "Nieuws uit een andere wijk" not in client.get("/nieuws/").content.decode()
    assert "Nieuws uit een andere wijk" not in client.get("/nieuws/rss/").content.decode()
    assert "andere-groep" not in client.get("/initiatieven/").content.decode()
    assert client.get("/initiatieven/andere-groep/rss/").status_code == 404


def _feed_items(response, atom=False):
    root = ET.fromstring(  # noqa: S314
        response.content)
    if atom:
        ns = {"a": "http://www.w3.org/2005/Atom"}
        return [e.find("a:title", ns).text for e in root.findall("a:entry", ns)]
    return [i.find("title").text for i in root.iter("item")]


def test_feeds_are_valid_and_list_the_right_items(client, news_index):
    rss = client.get("/nieuws/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    titles = _feed_items(rss)
    assert len(titles) == NewsPage.objects.live().count()
    assert titles[0] == NewsPage.objects.live().order_by("-date", "-first_published_at").first().title
    atom = client.get("/nieuws/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert _feed_items(atom, atom=True) == titles
    group_titles = _feed_items(client.get("/initiatieven/voeding/rss/"))
    assert set(group_titles) == {"Recept van de week: linzensoep", "Kookles voor ouders en kinderen"}
    link = ET.fromstring(  # noqa: S314
        rss.content).find("channel/item/link").text
    assert link.startswith("http") and "/initiatieven/voeding/" in link
    assert client.get("/initiatieven/bestaat-niet/rss/").status_code == 404


def test_feeds_are_linked_with_link_alternate(client, news_index, groen):
    html = client.get("/nieuws/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/nieuws/rss/"' in html and 'href="/nieuws/atom/"' in html
    html = client.get("/initiatieven/groen/").content.decode()
    assert 'href="/initiatieven/groen/rss/"' in html


def test_template_tags_for_the_home_page(rf, home_page):
    from django.template import Context, Template

    request = rf.get("/")
    html = Template(
        "{% load initiatieven_tags %}{% news_feed_links %}{% latest_news 3 %}{% initiatief_groups %}"
    ).render(
        Context({"request": request})
    )
    newest = NewsPage.objects.live().order_by("-date", "-first_published_at")
    assert newest[0].title in html and newest[2].title in html
    assert newest[3].title not in html
    assert "Dierenweide" in html
    assert 'href="/doe-mee/"' in html
    assert 'href="/nieuws/"' in html
    assert '<link rel="alternate" type="application/rss+xml"' in html


def _count(client, url, django_assert_max_num_queries, cold=True):
    """Queries of a page built afresh (cold: its cached fragments emptied, as after a publish)
    or served from its fragments."""
    client.get(url)  # warm up: renditions, site root paths
    if cold:
        cache.clear()
        local_fragments.clear()
    with django_assert_max_num_queries(60) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_content(client, index_page, groen, django_assert_max_num_queries):
    urls = ["/initiatieven/", "/initiatieven/groen/", "/nieuws/", "/nieuws/?thema=groen-en-leefomgeving"]
    before = {url: _count(client, url, django_assert_max_num_queries) for url in urls}
    theme = Theme.objects.get(slug="groen-en-leefomgeving")
    from home.demo import demo_image

    for i in range(8):
        group = InitiatiefPageFactory(parent=index_page, slug=f"extra-groep-{i}")
        group.image = demo_image(f"Extra {i}", "blue")
        group.image_alt = "Een tekening"
        group.themes.add(theme)
        group.save_revision().publish()
        for j in range(3):
            image = demo_image(f"Extra {i}", "blue")
            NewsPageFactory(parent=group, slug=f"n-{i}-{j}", image=image, image_alt="x")
    for j in range(5):
        NewsPageFactory(parent=groen, slug=f"groen-extra-{j}", image=groen.image, image_alt="x")
    after = {url: _count(client, url, django_assert_max_num_queries) for url in urls}
    assert after == before
    assert max(before.values()) <= 25
    # From the fragments: the versions, the page, Wagtail's check for private pages.
    warm = {url: _count(client, url, django_assert_max_num_queries, cold=False) for url in urls}
    assert max(warm.values()) <= 5, warm


def test_news_of_an_offline_group_is_not_listed(client, news_index, voeding):
    voeding.unpublish()
    assert "Recept van de week" not in client.get("/nieuws/").content.decode()
    assert "Recept van de week" not in client.get("/nieuws/rss/").content.decode()


def test_feed_dates_are_the_dates_the_site_shows(client, news_index):
    from email.utils import parsedate_to_datetime

    from django.utils import timezone

    root = ET.fromstring(client.get("/nieuws/rss/").content)  # noqa: S314
    for item in root.findall("channel/item"):
        page = NewsPage.objects.get(title=item.find("title").text)
        shown = timezone.localdate(parsedate_to_datetime(item.find("pubDate").text))
        assert shown == page.date, page.title
