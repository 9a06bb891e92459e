"""Signal handlers of the initiatieven app (groups and news).

Every initiative group gets its own Wagtail user group ("Redactie Groen") with rights on its
own page subtree only, and its own collection for images and documents. This happens when
the group page is created, and is brought up to date on every publish (the moderation choice
decides whether volunteers may publish themselves or go through a workflow)."""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_save
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, WorkflowPage
from wagtail.signals import page_published

from home.workflows import group_approval_workflow

from .models import InitiatiefPage

MODERATORS_GROUP = "Moderators"
WORKFLOW_NAME = "Nieuws van een groep nakijken"
TASK_NAME = "Nakijken door de redactie"

COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("initiatieven", "view_joinrequest"),
    ("initiatieven", "change_joinrequest"),
]


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def moderation_workflow():
    """One shared workflow: the site's moderators check the news, then it goes online."""
    return group_approval_workflow(WORKFLOW_NAME, TASK_NAME, MODERATORS_GROUP)


def _free_name(base, is_taken):
    """`base`, or `base (2)`, `base (3)` ... when another group page already owns that name
    (two sites can each have a group called "Groen")."""
    name, number = base, 2
    while is_taken(name):
        name = f"{base} ({number})"
        number += 1
    return name


def _collection_for(page):
    if page.collection_id:
        return page.collection
    root = Collection.get_first_root_node()
    others = InitiatiefPage.objects.exclude(pk=page.pk)

    def taken(name):
        return others.filter(collection__name=name, collection__depth=root.depth + 1).exists()

    name = _free_name(f"Groep {page.title}", taken)
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def _editor_group_for(page):
    others = InitiatiefPage.objects.exclude(pk=page.pk)

    def taken(name):
        return others.filter(editor_group__name=name).exists()

    if page.editor_group_id:
        group = page.editor_group
        new_name = page.editor_group_name
        if group.name != new_name and not Group.objects.filter(name=new_name).exists():
            group.name = new_name  # follow a renamed group page
            group.save(update_fields=["name"])
        return group
    group, _ = Group.objects.get_or_create(name=_free_name(page.editor_group_name, taken))
    return group


def sync_group_access(page):
    """Create or update the editor group, collection, permissions and workflow of one group
    page. Idempotent."""
    group = _editor_group_for(page)
    collection = _collection_for(page)
    if page.editor_group_id != group.pk or page.collection_id != collection.pk:
        # A plain update: no new revision, no signals, no loop.
        InitiatiefPage.objects.filter(pk=page.pk).update(editor_group=group, collection=collection)
        page.editor_group, page.collection = group, collection

    wanted = {"add", "change"} if page.moderation else {"add", "change", "publish"}
    current = GroupPagePermission.objects.filter(group=group, page=page).select_related("permission")
    have = set()
    for perm in current:
        action = perm.permission.codename.rsplit("_", 1)[0]
        if action in wanted:
            have.add(action)
        else:
            perm.delete()
    for action in wanted - have:
        GroupPagePermission.objects.create(
            group=group, page=page, permission=_permission("wagtailcore", f"{action}_page")
        )

    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_permission(app_label, codename)
        )
    group.permissions.add(*[_permission(app, code) for app, code in MODEL_PERMISSIONS])

    if page.moderation:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": moderation_workflow()})
    else:
        WorkflowPage.objects.filter(page=page).delete()
    return group


def _on_group_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        sync_group_access(instance)


def _on_group_published(sender, instance, **kwargs):
    sync_group_access(instance)


post_save.connect(_on_group_saved, sender=InitiatiefPage, dispatch_uid="initiatieven-group-created")
page_published.connect(
    _on_group_published, sender=InitiatiefPage, dispatch_uid="initiatieven-group-published"
)
