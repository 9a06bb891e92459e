"""The admin as a group's volunteer sees it: web addresses that make themselves unique, one
Dutch sentence after saving, no search-engine fields, and errors that say where they are."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.utils import timezone
from wagtail.models import WorkflowState

from agenda.models import EventPage
from initiatieven.models import NewsPage
from initiatieven.signals import sync_group_access
from tests.initiatieven.factories import NewsPageFactory

from .conftest import make_volunteer
from .test_permissions import news_form

pytestmark = pytest.mark.django_db

PROMOTE_FIELDS = {"slug", "seo_title", "search_description", "show_in_menus", "go_live_at", "expire_at"}


def event_form(title="Snoeien in het park", **extra):
    return {
        "title": title,
        "summary": "We snoeien samen de struiken. Iedereen is welkom.",
        "start_date": "2027-04-10",
        "start_time": "10:00",
        "repeat": "",
        "interval": "1",
        "month_week": "0",
        "registration": "",
        "exceptions-TOTAL_FORMS": "0",
        "exceptions-INITIAL_FORMS": "0",
        "exceptions-MIN_NUM_FORMS": "0",
        "exceptions-MAX_NUM_FORMS": "1000",
        **extra,
    }


def _add_event(client, group, **extra):
    return client.post(f"/admin/pages/add/agenda/eventpage/{group.pk}/", event_form(**extra))


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def editor_client(client, django_user_model):
    """A web editor (the Editors group, as in the demo): not a superuser."""
    editor = django_user_model.objects.create_user("redacteur", password="geheim-wachtwoord-123")
    editor.groups.add(Group.objects.get(name="Editors"), Group.objects.get(name="Moderators"))
    client.force_login(editor)
    return client


# --- web addresses --------------------------------------------------------------------------


def test_the_same_title_twice_gets_a_web_address_of_its_own(volunteer_client, groen):
    """Start an activity, leave (the editor's autosave keeps a draft), start again with the
    same title: the second gets -2, nobody sees "already in use"."""
    first = _add_event(volunteer_client, groen)  # "Bewaar concept", as the autosave does
    assert first.status_code == 302
    second = _add_event(volunteer_client, groen, **{"action-publish": "1"})
    assert second.status_code == 302
    events = EventPage.objects.child_of(groen).filter(title="Snoeien in het park")
    assert set(events.values_list("slug", "live")) == {
        ("snoeien-in-het-park", False),
        ("snoeien-in-het-park-2", True),
    }
    third = _add_event(volunteer_client, groen, **{"action-publish": "1"})
    assert third.status_code == 302
    assert EventPage.objects.child_of(groen).filter(slug="snoeien-in-het-park-3", live=True).exists()


def test_news_with_the_title_of_earlier_news_gets_a_web_address_of_its_own(volunteer_client, groen):
    existing = NewsPage.objects.child_of(groen).first()
    data = news_form(title=existing.title, slug="", **{"action-publish": "1"})
    response = volunteer_client.post(f"/admin/pages/add/initiatieven/newspage/{groen.pk}/", data)
    assert response.status_code == 302
    assert NewsPage.objects.child_of(groen).filter(slug=f"{existing.slug}-2", live=True).exists()


def test_a_draft_follows_its_title_until_it_is_published(volunteer_client, groen):
    """The autosave makes the draft while the title is half typed; its address must not stay "sno"."""
    assert _add_event(volunteer_client, groen, title="Sno").status_code == 302
    event = EventPage.objects.get(title="Sno")
    assert event.slug == "sno"
    url = f"/admin/pages/{event.pk}/edit/"
    volunteer_client.post(url, event_form(title="Snoeien bij de vijver", **{"action-publish": "1"}))
    event.refresh_from_db()
    assert (event.slug, event.live) == ("snoeien-bij-de-vijver", True)
    # Once it is on the site its address stays, whatever the title becomes.
    volunteer_client.post(url, event_form(title="Snoeien bij de grote vijver", **{"action-publish": "1"}))
    event.refresh_from_db()
    assert (event.slug, event.title) == ("snoeien-bij-de-vijver", "Snoeien bij de grote vijver")


def test_an_editor_whose_address_follows_the_title_gets_a_unique_one(editor_client, groen):
    """The editor's script fills the address from the title; that is not typed on purpose."""
    _add_event(editor_client, groen, slug="snoeien-in-het-park", **{"action-publish": "1"})
    response = _add_event(editor_client, groen, slug="snoeien-in-het-park", **{"action-publish": "1"})
    assert response.status_code == 302
    assert EventPage.objects.child_of(groen).filter(slug="snoeien-in-het-park-2").exists()


def test_a_typed_address_in_use_gets_a_dutch_error_that_says_where(editor_client, groen):
    taken = NewsPage.objects.child_of(groen).first().slug
    response = _add_event(editor_client, groen, title="Iets anders", slug=taken, **{"action-publish": "1"})
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors["slug"]) == [
        f"Het webadres ‘{taken}’ is al in gebruik bij een andere pagina onder ‘Groen’. "
        f"Kies een ander webadres, bijvoorbeeld ‘{taken}-2’."
    ]
    assert form.non_field_errors() == ["Kijk op het tabblad ‘Eigenschappen’ bij ‘Webadres’."]
    assert not EventPage.objects.filter(title="Iets anders").exists()
    # The message at the top lists the summary first, then the field by its Dutch name.
    html = response.content.decode()
    summary = html.index("Kijk op het tabblad ‘Eigenschappen’ bij ‘Webadres’.")
    assert summary < html.index("Webadres: Het webadres ‘")
    assert "Uw pagina is nog niet opgeslagen. Er klopt iets niet." in html
    assert "already in use" not in html and "validatiefouten" not in html


def test_errors_on_the_first_tab_name_that_tab(volunteer_client, groen):
    response = _add_event(volunteer_client, groen, title="", **{"action-publish": "1"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Kijk op het tabblad ‘Inhoud’ bij ‘Titel’."]


# --- the Promote tab -----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["add/agenda/eventpage/{group}/", "add/initiatieven/newspage/{group}/"])
def test_volunteers_do_not_get_the_search_engine_fields(volunteer_client, groen, path):
    url = "/admin/pages/" + path.format(group=groen.pk)
    volunteer_form = volunteer_client.get(url).context["form"]
    assert not PROMOTE_FIELDS & set(volunteer_form.fields)
    assert not volunteer_form.show_schedule_publishing_toggle


@pytest.mark.parametrize("path", ["add/agenda/eventpage/{group}/", "add/initiatieven/newspage/{group}/"])
def test_web_editors_keep_the_search_engine_fields(editor_client, groen, path):
    response = editor_client.get("/admin/pages/" + path.format(group=groen.pk))
    form = response.context["form"]
    assert set(form.fields) >= PROMOTE_FIELDS
    assert form.fields["slug"].label == "Webadres"
    html = response.content.decode()
    assert "titel voor zoekmachines" in html.lower() and "Titel tag" not in html
    assert "Meta beschrijving" not in html


def test_what_an_editor_set_there_stays_when_a_volunteer_saves(volunteer_client, groen):
    event = EventPage.objects.child_of(groen).live().first()
    event.seo_title = "Bollen planten in Stevenshof"
    event.save_revision().publish()
    data = event_form(
        title=event.title,
        slug="gekaapt",
        seo_title="Anders",
        **{"action-publish": "1", "start_date": event.start_date.isoformat()},
    )
    assert volunteer_client.post(f"/admin/pages/{event.pk}/edit/", data).status_code == 302
    event.refresh_from_db()
    assert event.seo_title == "Bollen planten in Stevenshof"
    assert event.slug != "gekaapt"


def test_the_group_page_hides_them_too(volunteer_client, groen):
    form = volunteer_client.get(f"/admin/pages/{groen.pk}/edit/").context["form"]
    assert not PROMOTE_FIELDS & set(form.fields)
    assert not form.show_schedule_publishing_toggle


# --- one sentence after saving ----------------------------------------------------------------


def test_publishing_says_it_is_on_the_site(volunteer_client, groen):
    response = _add_event(volunteer_client, groen, **{"action-publish": "1"})
    texts = _messages(response)
    success = [t for t in texts if "B1-check" not in t]
    assert len(success) == 1
    assert "‘Snoeien in het park’ staat nu op de site." in success[0]
    assert "Bekijk op de site" in success[0]
    assert "gepubliceerd" not in success[0] and "Pagina" not in success[0]


def test_editing_and_publishing_says_it_is_on_the_site(volunteer_client, groen):
    news = NewsPage.objects.child_of(groen).live().first()
    data = news_form(title=news.title, slug=news.slug, **{"action-publish": "1"})
    response = volunteer_client.post(f"/admin/pages/{news.pk}/edit/", data)
    assert [t for t in _messages(response) if "B1-check" not in t] == [
        t for t in _messages(response) if f"‘{news.title}’ staat nu op de site." in t
    ]


def test_publish_is_the_main_button_when_editing_an_activity_of_the_group(volunteer_client, groen):
    event = EventPage.objects.child_of(groen).first()
    html = volunteer_client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert html.split('name="action-')[1].split('"')[0] == "publish"


def test_saving_a_draft_says_it_is_not_on_the_site_yet(volunteer_client, groen):
    response = _add_event(volunteer_client, groen)
    texts = [t for t in _messages(response) if "B1-check" not in t]
    assert len(texts) == 1 and "‘Snoeien in het park’ is bewaard, maar staat nog niet op de site." in texts[0]


@pytest.fixture
def moderated_groen(groen):
    groen.moderation = True
    groen.save_revision().publish()
    sync_group_access(groen)
    return groen


def test_sending_to_the_editors_says_so(client, moderated_groen):
    client.force_login(make_volunteer(moderated_groen, "bea"))
    html = client.get(f"/admin/pages/add/agenda/eventpage/{moderated_groen.pk}/").content.decode()
    first_button = html.split('name="action-')[1].split('"')[0]
    assert first_button == "submit" and "Stuur naar de redactie" in html and "Stuur door" not in html
    response = _add_event(client, moderated_groen, **{"action-submit": "1"})
    assert response.status_code == 302
    texts = [t for t in _messages(response) if "B1-check" not in t]
    assert len(texts) == 1
    assert (
        "‘Snoeien in het park’ is naar de redactie gestuurd. "
        "U krijgt bericht als de redactie ernaar heeft gekeken." in texts[0]
    )
    assert not EventPage.objects.get(title="Snoeien in het park").live


def test_a_publish_where_the_editors_publish_goes_to_them_and_says_so(client, moderated_groen):
    """A "Publiceren" from a screen opened before moderation was switched on: Wagtail would
    quietly save a draft; now it goes to the editors, and the volunteer is told."""
    client.force_login(make_volunteer(moderated_groen, "bea"))
    response = _add_event(client, moderated_groen, **{"action-publish": "1"})
    assert response.status_code == 302
    event = EventPage.objects.get(title="Snoeien in het park")
    assert not event.live
    states = WorkflowState.objects.filter(object_id=str(event.pk))
    assert states.filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()
    texts = [t for t in _messages(response) if "B1-check" not in t]
    assert len(texts) == 1 and "is naar de redactie gestuurd" in texts[0]


def test_a_publish_at_a_later_moment_says_when(editor_client, groen):
    later = timezone.localtime() + datetime.timedelta(days=3)
    response = _add_event(
        editor_client, groen, go_live_at=later.strftime("%Y-%m-%d %H:%M"), **{"action-publish": "1"}
    )
    texts = [t for t in _messages(response) if "B1-check" not in t]
    assert len(texts) == 1 and "komt op" in texts[0] and later.strftime("%H:%M") in texts[0]


def test_the_autosave_adds_no_messages(volunteer_client, groen):
    response = volunteer_client.post(
        f"/admin/pages/add/agenda/eventpage/{groen.pk}/", event_form(), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200 and response.json()["success"]
    assert _messages(response) == []


# --- the dashboard ------------------------------------------------------------------------------


def _group_panel(response):
    from initiatieven.wagtail_hooks import GroupPagesPanel

    panels = [p for p in response.context["panels"] if isinstance(p, GroupPagesPanel)]
    assert len(panels) == 1
    return panels[0].get_context_data()["items"]


def test_the_dashboard_lists_the_groups_news_and_activities_latest_first(volunteer_client, groen, voeding):
    _add_event(volunteer_client, groen, title="Zaadjes ruilen")  # a draft, the latest change
    response = volunteer_client.get("/admin/")
    (item,) = _group_panel(response)
    assert item["group"] == groen
    titles = [entry["page"].title for entry in item["pages"]]
    own = {p.title for p in groen.get_children()}
    assert set(titles) == own and titles[0] == "Zaadjes ruilen"
    assert item["pages"][0]["states"] == [("Nog niet op de site", False)]
    assert item["pages"][0]["kind"] == "Activiteit"
    assert all(entry["states"] == [("Op de site", True)] for entry in item["pages"][1:])
    html = response.content.decode()
    for other in voeding.get_children():
        assert other.title not in html
    # The two buttons, under their own group, with the right kind of page.
    assert [(a["label"], a["url"]) for a in item["adds"]] == [
        ("Nieuw bericht", f"/admin/pages/add/initiatieven/newspage/{groen.pk}/"),
        ("Nieuwe activiteit", f"/admin/pages/add/agenda/eventpage/{groen.pk}/"),
    ]
    panel = html[html.index('id="groep-groen') :]
    assert panel.index("Nieuw bericht") < panel.index("Nieuwe activiteit") < panel.index("Zaadjes ruilen")
    # No site figures and no "recent edits" of Wagtail's: their own list says it all.
    assert "w-summary" not in html
    assert not any(getattr(p, "name", "") == "recent_edits" for p in response.context["panels"])


def test_pages_with_the_editors_say_so(client, moderated_groen):
    client.force_login(make_volunteer(moderated_groen, "bea"))
    _add_event(client, moderated_groen, title="Zaadjes ruilen", **{"action-submit": "1"})
    (item,) = _group_panel(client.get("/admin/"))
    assert item["pages"][0]["page"].title == "Zaadjes ruilen"
    assert item["pages"][0]["states"] == [("Bij de redactie", False)]


def test_a_volunteer_of_two_groups_gets_buttons_for_each(client, groen, voeding):
    volunteer = make_volunteer(groen, "anke")
    volunteer.groups.add(voeding.editor_group)
    client.force_login(volunteer)
    items = _group_panel(client.get("/admin/"))
    assert [item["group"] for item in items] == [groen, voeding]
    assert [a["url"] for a in items[1]["adds"]] == [
        f"/admin/pages/add/initiatieven/newspage/{voeding.pk}/",
        f"/admin/pages/add/agenda/eventpage/{voeding.pk}/",
    ]


def test_the_dashboard_does_not_grow_in_queries_with_content(
    volunteer_client, groen, django_assert_max_num_queries
):
    volunteer_client.get("/admin/")
    with django_assert_max_num_queries(60) as before:
        volunteer_client.get("/admin/")
    for number in range(8):
        NewsPageFactory(parent=groen, title=f"Bericht {number}", slug=f"bericht-{number}")
    with django_assert_max_num_queries(len(before.captured_queries)):
        volunteer_client.get("/admin/")


def test_web_editors_keep_the_site_figures(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert "w-summary" in html


def test_the_menu_of_a_volunteer_has_no_reports_or_software_help(volunteer_client, admin_user, rf):
    from wagtail.admin.menu import admin_menu

    request = volunteer_client.get("/admin/").wsgi_request
    names = {item.name for item in admin_menu.menu_items_for_request(request)}
    assert "explorer" in names and not {"reports", "help"} & names
    request = rf.get("/admin/")
    request.user = admin_user
    assert {"reports", "help"} <= {item.name for item in admin_menu.menu_items_for_request(request)}


def test_an_address_without_accents_that_follows_the_title_is_kept(client, admin_user, index_page):
    """Wagtail's script may write "repair-cafe" for "Repair Café"; that is the title's too."""
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    client.force_login(admin_user)
    data = {
        "title": "Repair Café",
        "slug": "repair-cafe",
        "intro": "Wij maken samen kapotte spullen.",
        "body": streamfield([]),
        "photos": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
        "action-publish": "1",
    }
    url = f"/admin/pages/add/initiatieven/initiatiefpage/{index_page.pk}/"
    assert client.post(url, nested_form_data(data)).status_code == 302
    assert client.post(url, nested_form_data(data)).status_code == 302
    slugs = set(index_page.get_children().filter(title="Repair Café").values_list("slug", flat=True))
    assert slugs == {"repair-cafe", "repair-cafe-2"}


def test_a_page_keeps_its_numbered_address_when_the_first_is_gone(editor_client, groen):
    _add_event(editor_client, groen, slug="snoeien-in-het-park", **{"action-publish": "1"})
    _add_event(editor_client, groen, slug="snoeien-in-het-park", **{"action-publish": "1"})
    first = EventPage.objects.get(slug="snoeien-in-het-park")
    second = EventPage.objects.get(slug="snoeien-in-het-park-2")
    first.delete()
    data = event_form(slug="snoeien-in-het-park-2", **{"action-publish": "1"})
    assert editor_client.post(f"/admin/pages/{second.pk}/edit/", data).status_code == 302
    second.refresh_from_db()
    assert second.slug == "snoeien-in-het-park-2"  # its address on the site does not move
