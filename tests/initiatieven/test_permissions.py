"""Each group's volunteers touch only their own group's pages and collection."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from initiatieven.models import InitiatiefPage, JoinRequest, NewsPage
from initiatieven.signals import sync_group_access
from tests.initiatieven.factories import InitiatiefPageFactory, NewsPageFactory

from .conftest import make_volunteer

pytestmark = pytest.mark.django_db


def news_form(title="Nieuwe bomen", slug="nieuwe-bomen", body="<p>We plantten tien bomen.</p>", **extra):
    data = {
        "title": title,
        "slug": slug,
        "intro": "Een kort bericht.",
        "date": "2026-11-20",
        "image_alt": "",
        "body": streamfield([("paragraph", rich_text(body))]) if body else streamfield([]),
        **extra,
    }
    return nested_form_data(data)


def _png(width=40, height=30):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (20, 120, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_new_group_page_gets_its_own_editor_group_and_collection(index_page):
    group = InitiatiefPageFactory(parent=index_page, title="Buurtmoestuin", slug="buurtmoestuin")
    group.refresh_from_db()
    assert group.editor_group.name == "Redactie Buurtmoestuin"
    assert group.collection.name == "Groep Buurtmoestuin"
    actions = {p.permission.codename for p in GroupPagePermission.objects.filter(group=group.editor_group)}
    assert actions == {"add_page", "change_page", "publish_page"}
    assert all(p.page_id == group.pk for p in GroupPagePermission.objects.filter(group=group.editor_group))
    assert group.editor_group.permissions.filter(codename="access_admin").exists()
    assert group.editor_group.collection_permissions.filter(collection=group.collection).count() == 6


def test_creating_a_group_in_the_admin_sets_up_access(client, admin_user, index_page):
    client.force_login(admin_user)
    data = nested_form_data(
        {
            "title": "Repair Café",
            "slug": "repair-cafe",
            "intro": "Wij maken samen kapotte spullen.",
            "body": streamfield([]),
            "photos": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
            "action-publish": "1",
        }
    )
    response = client.post(f"/admin/pages/add/initiatieven/initiatiefpage/{index_page.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    group = InitiatiefPage.objects.get(slug="repair-cafe")
    assert group.live
    assert Group.objects.filter(name="Redactie Repair Café").exists()
    assert group.collection is not None


def test_volunteer_can_add_news_under_own_group_only(volunteer_client, volunteer, groen, voeding):
    assert groen.permissions_for_user(volunteer).can_add_subpage()
    assert not voeding.permissions_for_user(volunteer).can_add_subpage()
    assert volunteer_client.get(f"/admin/pages/add/initiatieven/newspage/{groen.pk}/").status_code == 200
    response = volunteer_client.get(f"/admin/pages/add/initiatieven/newspage/{voeding.pk}/")
    assert response.status_code in (302, 403)
    response = volunteer_client.post(
        f"/admin/pages/add/initiatieven/newspage/{voeding.pk}/", news_form(**{"action-publish": "1"})
    )
    assert response.status_code in (302, 403)
    assert not NewsPage.objects.filter(slug="nieuwe-bomen").exists()


def test_volunteer_posts_and_publishes_news_for_own_group(volunteer_client, groen, client):
    response = volunteer_client.post(
        f"/admin/pages/add/initiatieven/newspage/{groen.pk}/", news_form(**{"action-publish": "1"})
    )
    assert response.status_code == 302
    news = NewsPage.objects.get(slug="nieuwe-bomen")
    assert news.live
    assert news.get_parent().pk == groen.pk
    client.logout()
    assert "Nieuwe bomen" in client.get("/nieuws/").content.decode()


def test_volunteer_cannot_edit_publish_move_or_delete_other_groups_pages(
    volunteer, volunteer_client, voeding, groen
):
    other_news = NewsPage.objects.child_of(voeding).first()
    own_news = NewsPage.objects.child_of(groen).first()
    for page in (voeding, other_news):
        tester = page.permissions_for_user(volunteer)
        assert not tester.can_edit()
        assert not tester.can_publish()
        assert not tester.can_unpublish()
        assert not tester.can_delete()
        assert not tester.can_move()
    assert own_news.permissions_for_user(volunteer).can_edit()
    assert not own_news.permissions_for_user(volunteer).can_move_to(voeding)

    title = other_news.title
    urls = [
        f"/admin/pages/{other_news.pk}/edit/",
        f"/admin/pages/{other_news.pk}/delete/",
        f"/admin/pages/{other_news.pk}/unpublish/",
        f"/admin/pages/{other_news.pk}/move/",
        f"/admin/pages/{other_news.pk}/move/{groen.pk}/confirm/",
        f"/admin/pages/{voeding.pk}/edit/",
    ]
    for url in urls:
        assert volunteer_client.get(url).status_code in (302, 403), url
        assert volunteer_client.post(url, {"title": "Gehackt"}).status_code in (302, 403), url
    response = volunteer_client.post(
        f"/admin/pages/{other_news.pk}/edit/",
        news_form(title="Gehackt", slug=other_news.slug, **{"action-publish": "1"}),
    )
    assert response.status_code in (302, 403)
    other_news.refresh_from_db()
    assert other_news.title == title and other_news.live
    assert other_news.get_parent().pk == voeding.pk


def test_volunteer_cannot_delete_or_move_own_group_page(volunteer_client, groen, index_page):
    response = volunteer_client.post(f"/admin/pages/{groen.pk}/delete/")
    assert response.status_code in (302, 403)
    assert InitiatiefPage.objects.filter(pk=groen.pk).exists()
    response = volunteer_client.post(f"/admin/pages/{groen.pk}/move/{index_page.pk}/confirm/")
    assert response.status_code in (302, 403)


def test_volunteer_sees_only_own_collection(volunteer_client, volunteer, groen, voeding):
    Image = get_image_model()
    theirs = Image.objects.create(
        title="Foto van Voeding", collection=voeding.collection, file=SimpleUploadedFile("v.png", _png())
    )
    ours = Image.objects.create(
        title="Foto van Groen", collection=groen.collection, file=SimpleUploadedFile("g.png", _png())
    )
    listing = volunteer_client.get("/admin/images/").content.decode()
    assert "Foto van Groen" in listing
    assert "Foto van Voeding" not in listing
    chooser = volunteer_client.get("/admin/images/chooser/").content.decode()
    assert "Foto van Voeding" not in chooser and "Foto van Groen" in chooser
    assert volunteer_client.get(f"/admin/images/{theirs.pk}/").status_code in (302, 403)
    assert volunteer_client.get(f"/admin/images/{ours.pk}/").status_code == 200
    assert volunteer_client.post(f"/admin/images/{theirs.pk}/delete/").status_code in (302, 403)
    assert Image.objects.filter(pk=theirs.pk).exists()
    # Uploading lands in the group's own collection, even when the post names another one.
    response = volunteer_client.post(
        "/admin/images/add/",
        {
            "title": "Stiekem",
            "collection": voeding.collection.pk,
            "file": SimpleUploadedFile("s.png", _png()),
        },
    )
    assert not Image.objects.filter(title="Stiekem", collection=voeding.collection).exists()
    response = volunteer_client.post(
        "/admin/images/add/",
        {
            "title": "Onze plantdag",
            "collection": groen.collection.pk,
            "file": SimpleUploadedFile("p.png", _png()),
        },
    )
    assert response.status_code == 302
    assert Image.objects.get(title="Onze plantdag").collection == groen.collection


def test_publish_is_the_main_button_for_news(volunteer_client, groen):
    html = volunteer_client.get(f"/admin/pages/add/initiatieven/newspage/{groen.pk}/").content.decode()
    first_button = html.split('name="action-')[1].split('"')[0] if 'name="action-' in html else ""
    assert first_button == "publish"


def test_volunteer_cannot_switch_moderation_off(volunteer_client, groen):
    html = volunteer_client.get(f"/admin/pages/{groen.pk}/edit/").content.decode()
    assert 'name="moderation"' not in html


def test_moderation_uses_a_workflow_and_notifies_moderators(client, index_page, django_user_model):
    group = InitiatiefPageFactory(parent=index_page, title="Jongeren", slug="jongeren")
    group.moderation = True
    group.save_revision().publish()
    group.refresh_from_db()
    assert WorkflowPage.objects.filter(page=group).exists()
    actions = {p.permission.codename for p in GroupPagePermission.objects.filter(group=group.editor_group)}
    assert actions == {"add_page", "change_page"}

    moderators = Group.objects.get(name="Moderators")
    moderator = django_user_model.objects.create_user("moderator", "mod@example.org", "geheim-wachtwoord-123")
    moderator.groups.add(moderators)
    volunteer = make_volunteer(group, "jongere")
    client.force_login(volunteer)
    response = client.post(
        f"/admin/pages/add/initiatieven/newspage/{group.pk}/", news_form(**{"action-submit": "1"})
    )
    assert response.status_code == 302
    news = NewsPage.objects.get(slug="nieuwe-bomen")
    assert not news.live
    assert WorkflowState.objects.filter(base_content_type__isnull=False, object_id=str(news.pk)).exists()
    assert any("mod@example.org" in m.to for m in mail.outbox)
    # Publishing directly is refused.
    client.post(f"/admin/pages/{news.pk}/edit/", news_form(slug=news.slug, **{"action-publish": "1"}))
    news.refresh_from_db()
    assert not news.live

    # The web editors switch moderation off: volunteers publish themselves again.
    group.moderation = False
    group.save_revision().publish()
    assert not WorkflowPage.objects.filter(page=group).exists()
    assert news.permissions_for_user(volunteer).can_publish()


def test_sync_is_idempotent(groen):
    before = GroupPagePermission.objects.filter(group=groen.editor_group).count()
    sync_group_access(groen)
    sync_group_access(groen)
    assert GroupPagePermission.objects.filter(group=groen.editor_group).count() == before


def test_volunteer_can_add_an_event_under_own_group_only(volunteer, groen, voeding):
    from django.apps import apps

    event_page = apps.get_model("agenda", "EventPage")
    assert event_page in groen.specific_class.creatable_subpage_models()
    assert groen.permissions_for_user(volunteer).can_add_subpage()
    assert not voeding.permissions_for_user(volunteer).can_add_subpage()


def test_join_requests_only_for_own_group(volunteer_client, groen, voeding):
    own = JoinRequest.objects.create(group=groen, name="Lotte", email="lotte@example.org")
    other = JoinRequest.objects.create(group=voeding, name="Karim", phone="0612345678")
    listing = volunteer_client.get("/admin/snippets/initiatieven/joinrequest/").content.decode()
    assert "Lotte" in listing and "Karim" not in listing
    assert "Nee" in listing and "False" not in listing  # yes/no in Dutch
    assert volunteer_client.get(f"/admin/snippets/initiatieven/joinrequest/edit/{own.pk}/").status_code == 200
    response = volunteer_client.get(f"/admin/snippets/initiatieven/joinrequest/edit/{other.pk}/")
    assert response.status_code in (302, 403, 404)
    assert "0612345678" not in response.content.decode()
    response = volunteer_client.post(
        f"/admin/snippets/initiatieven/joinrequest/edit/{other.pk}/", {"handled": "on"}
    )
    assert response.status_code in (302, 403, 404)
    other.refresh_from_db()
    assert not other.handled


def test_own_news_can_be_deleted_by_the_volunteer(volunteer_client, groen):
    news = NewsPageFactory(parent=groen, slug="foutje")
    response = volunteer_client.post(f"/admin/pages/{news.pk}/delete/")
    assert response.status_code == 302
    assert not NewsPage.objects.filter(pk=news.pk).exists()


def test_web_editors_choose_moderation(client, admin_user, groen, django_user_model):
    client.force_login(admin_user)
    assert 'name="moderation"' in client.get(f"/admin/pages/{groen.pk}/edit/").content.decode()
    editor = django_user_model.objects.create_user("redacteur", password="geheim-wachtwoord-123")
    editor.groups.add(Group.objects.get(name="Editors"))
    assert editor.has_perm("initiatieven.choose_moderation")


def test_demo_load_twice_keeps_groups_news_and_access(groen):
    from django.core.management import call_command

    counts = (InitiatiefPage.objects.count(), NewsPage.objects.count(), Group.objects.count())
    perms = GroupPagePermission.objects.count()
    call_command("load_demo", verbosity=0)
    assert (InitiatiefPage.objects.count(), NewsPage.objects.count(), Group.objects.count()) == counts
    assert GroupPagePermission.objects.count() == perms


def test_two_groups_with_the_same_name_never_share_access(groen):
    from wagtail.models import Page, Site

    from home.models import HomePage
    from initiatieven.models import InitiatiefIndexPage

    other_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Andere wijk", slug="andere", welcome_title="Hoi", welcome_text="Hoi")
    )
    Site.objects.create(hostname="andere.test", root_page=other_home)
    other_index = other_home.add_child(instance=InitiatiefIndexPage(title="Groepen", slug="groepen"))
    other_groen = InitiatiefPageFactory(parent=other_index, title="Groen", slug="groen")
    other_groen.refresh_from_db()
    assert other_groen.editor_group != groen.editor_group
    assert other_groen.editor_group.name == "Redactie Groen (2)"
    assert other_groen.collection != groen.collection
    volunteer = make_volunteer(groen, "groen-a")
    assert not other_groen.permissions_for_user(volunteer).can_edit()


def test_copying_a_group_page_makes_new_access(groen, index_page):
    copy = groen.copy(recursive=False, update_attrs={"slug": "groen-kopie", "title": "Groen kopie"})
    copy = InitiatiefPage.objects.get(pk=copy.pk)
    assert copy.editor_group is not None and copy.editor_group != groen.editor_group
    assert copy.collection != groen.collection


def test_web_editors_see_all_join_requests(client, admin_user, groen, voeding):
    JoinRequest.objects.create(group=groen, name="Lotte", email="lotte@example.org")
    other = JoinRequest.objects.create(group=voeding, name="Karim", phone="0612345678")
    client.force_login(admin_user)
    listing = client.get("/admin/snippets/initiatieven/joinrequest/").content.decode()
    assert "Lotte" in listing and "Karim" in listing
    html = client.get(f"/admin/snippets/initiatieven/joinrequest/edit/{other.pk}/").content.decode()
    assert "0612345678" in html
