"""No admin screen shows a record its user may not see.

For every kind of admin user (a group's volunteer, the agenda editors, smoelenboek beheer),
every screen of every snippet that holds personal data is tried: the listing, each record's
own views, the chooser (list, search, chosen, chosen-multiple) and the bulk actions. The names
of records outside the user's scope must appear nowhere, and the records are "not found"."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.log_actions import log

from agenda.models import EventPage, EventSubmission
from initiatieven.models import InitiatiefPage, JoinRequest, NewsPage
from smoelenboek.models import Profile, Status
from tests.home.factories import UserFactory
from tests.smoelenboek.factories import ProfileFactory

pytestmark = pytest.mark.django_db

SECRET = "Geheimnaam"


@pytest.fixture
def records():
    voeding = InitiatiefPage.objects.get(slug="voeding")
    event = EventPage.objects.live().first()
    return {
        Profile: ProfileFactory(name=f"Rob {SECRET}", status=Status.PENDING),
        JoinRequest: JoinRequest.objects.create(
            group=voeding, name=f"Vera {SECRET}", email="vera@example.org"
        ),
        EventSubmission: EventSubmission.objects.create(
            page=event, name=f"Sandra {SECRET}", email="sandra@example.org", organiser="Buurtclub"
        ),
    }


def _user(username, *, groups=(), perms=()):
    user = UserFactory(username=username, password="een-goed-wachtwoord")
    for name in groups:
        user.groups.add(Group.objects.get(name=name) if isinstance(name, str) else name)
    for codename in perms:
        app_label, code = codename.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=code))
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def admin_users():
    """(name, user factory, the models whose records this user may see)."""
    return {
        "volunteer": (
            lambda: _user("anke", groups=[InitiatiefPage.objects.get(slug="groen").editor_group]),
            set(),
        ),
        "agenda": (
            lambda: _user("agenda-redacteur", groups=["Agenda-redactie"]),
            {EventSubmission},
        ),
        "smoelenboek": (
            lambda: _user("beheerder", perms=["smoelenboek.change_profile"]),
            {Profile},
        ),
    }


def record_urls(model, pk):
    app, name = model._meta.app_label, model._meta.model_name
    urls = [
        f"/admin/snippets/{app}/{name}/",
        f"/admin/snippets/{app}/{name}/results/?q={SECRET}",
        f"/admin/snippets/{app}/{name}/edit/{pk}/",
        f"/admin/snippets/{app}/{name}/delete/{pk}/",
        f"/admin/snippets/{app}/{name}/history/{pk}/",
        f"/admin/snippets/{app}/{name}/usage/{pk}/",
        f"/admin/snippets/{app}/{name}/inspect/{pk}/",
        f"/admin/snippets/choose/{app}/{name}/",
        f"/admin/snippets/choose/{app}/{name}/results/",
        f"/admin/snippets/choose/{app}/{name}/results/?q={SECRET}",
        f"/admin/snippets/choose/{app}/{name}/chosen/{pk}/",
        f"/admin/snippets/choose/{app}/{name}/chosen-multiple/?id={pk}",
        f"/admin/bulk/{app}/{name}/delete/?id={pk}",
        f"/admin/bulk/{app}/{name}/delete/?id=all",
    ]
    if model is Profile:
        urls += [f"/admin/bulk/{app}/{name}/approve/?id={pk}", f"/admin/bulk/{app}/{name}/reject/?id={pk}"]
    return urls


@pytest.mark.parametrize("kind", admin_users().keys())
def test_no_admin_screen_shows_a_record_outside_the_users_scope(client, records, kind):
    make_user, allowed = admin_users()[kind]
    client.force_login(make_user())
    for model, record in records.items():
        if model in allowed:
            continue
        for url in record_urls(model, record.pk):
            response = client.get(url)
            body = response.content.decode(errors="replace")
            assert SECRET not in body, f"{kind} saw a {model.__name__} name at {url}"
            if "/chosen/" in url:
                assert response.status_code in (403, 404), url


@pytest.mark.parametrize("kind", admin_users().keys())
def test_the_records_in_scope_stay_reachable(client, records, kind):
    make_user, allowed = admin_users()[kind]
    client.force_login(make_user())
    for model in allowed:
        record = records[model]
        app, name = model._meta.app_label, model._meta.model_name
        for url in (
            f"/admin/snippets/{app}/{name}/",
            f"/admin/snippets/{app}/{name}/edit/{record.pk}/",
            f"/admin/snippets/{app}/{name}/history/{record.pk}/",
            f"/admin/snippets/{app}/{name}/usage/{record.pk}/",
            f"/admin/snippets/choose/{app}/{name}/results/?q={SECRET}",
            f"/admin/bulk/{app}/{name}/delete/?id={record.pk}",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            assert SECRET in response.content.decode(), url


def test_a_volunteer_sees_and_handles_their_own_groups_join_requests(client, records):
    groen = InitiatiefPage.objects.get(slug="groen")
    own = JoinRequest.objects.create(group=groen, name="Gerrit Groen", email="gerrit@example.org")
    client.force_login(_user("anke", groups=[groen.editor_group]))
    listing = client.get("/admin/snippets/initiatieven/joinrequest/").content.decode()
    assert "Gerrit Groen" in listing and SECRET not in listing
    # History and usage answered 500 before (a get_object() with the wrong signature).
    for view in ("history", "usage", "edit"):
        assert client.get(f"/admin/snippets/initiatieven/joinrequest/{view}/{own.pk}/").status_code == 200
    response = client.post(
        f"/admin/snippets/initiatieven/joinrequest/edit/{own.pk}/", {"handled": "on"}, follow=True
    )
    assert response.status_code == 200
    own.refresh_from_db()
    assert own.handled
    # The other group's request cannot be changed or deleted by posting either.
    other = records[JoinRequest]
    client.post(f"/admin/snippets/initiatieven/joinrequest/edit/{other.pk}/", {"handled": "on"})
    client.post(f"/admin/snippets/initiatieven/joinrequest/delete/{other.pk}/")
    client.post(f"/admin/bulk/initiatieven/joinrequest/delete/?id={other.pk}")
    other.refresh_from_db()
    assert not other.handled


def test_beheer_cannot_approve_through_the_bulk_screen_without_the_permission(client, records):
    client.force_login(_user("anke", groups=[InitiatiefPage.objects.get(slug="groen").editor_group]))
    profile = records[Profile]
    client.post(f"/admin/bulk/smoelenboek/profile/approve/?id={profile.pk}")
    profile.refresh_from_db()
    assert profile.status == Status.PENDING


def test_site_history_does_not_name_other_groups_records(client, records):
    superuser = UserFactory(username="hoofdredactie", is_superuser=True)
    for record in records.values():
        log(instance=record, action="wagtail.edit", user=superuser)
    client.force_login(_user("anke", groups=[InitiatiefPage.objects.get(slug="groen").editor_group]))
    for url in ("/admin/reports/site-history/", "/admin/reports/site-history/results/"):
        response = client.get(url)
        assert SECRET not in response.content.decode(), url


def test_the_page_chooser_hides_other_groups_unpublished_pages(client):
    groen = InitiatiefPage.objects.get(slug="groen")
    voeding = InitiatiefPage.objects.get(slug="voeding")
    voeding.add_child(instance=NewsPage(title=f"Concept van Voeding {SECRET}", live=False))
    groen.add_child(instance=NewsPage(title="Concept van Groen", live=False))
    client.force_login(_user("anke", groups=[groen.editor_group]))
    for url in (
        f"/admin/choose-page/search/?q={SECRET}",
        "/admin/choose-page/search/?q=Concept",
        f"/admin/choose-page/{voeding.pk}/",
    ):
        assert SECRET not in client.get(url).content.decode(), url
    # A volunteer still finds their own group's draft, and every published page.
    own = client.get("/admin/choose-page/search/?q=Concept").content.decode()
    assert "Concept van Groen" in own
    assert "Voeding" in client.get("/admin/choose-page/search/?q=Voeding").content.decode()


def test_the_admin_searches_do_not_show_other_groups_drafts(client):
    groen = InitiatiefPage.objects.get(slug="groen")
    voeding = InitiatiefPage.objects.get(slug="voeding")
    draft = voeding.add_child(instance=NewsPage(title=f"Concept van Voeding {SECRET}", live=False))
    client.force_login(_user("anke", groups=[groen.editor_group]))
    for url in (
        f"/admin/search/?q={SECRET}",
        f"/admin/pages/search/?q={SECRET}",
        f"/admin/pages/search/results/?q={SECRET}",
        f"/admin/pages/{voeding.pk}/",
        f"/admin/pages/{draft.pk}/edit/",
        f"/admin/pages/{draft.pk}/view_draft/",
        f"/admin/pages/{draft.pk}/history/",
        f"/admin/pages/{draft.pk}/revisions/compare/earliest...latest/",
    ):
        # The search box repeats the query itself; the draft's title must not appear.
        assert "Concept van Voeding" not in client.get(url).content.decode(errors="replace"), url
