from django.urls import reverse
from django.utils.functional import classproperty
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet

from home.snippets import PrivateSnippetViewSet, ScopedBulkActionMixin

from .forms import RejectForm
from .models import Profile, Status


class ReviewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Members make their own entry; beheer reviews (edits status) or deletes, never adds."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Profile, ReviewOnlyPermissionPolicy(Profile))


class ProfileViewSet(PrivateSnippetViewSet):
    model = Profile
    icon = "user"
    menu_label = "Smoelenboek"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "account_email", "role", "organisation", "status", "created_at"]
    list_filter = ["status", "role"]
    search_fields = ["name", "job_title"]
    ordering = ["status", "-created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "organisation")


register_snippet(ProfileViewSet)


class _ReviewAction(ScopedBulkActionMixin, SnippetBulkAction):
    status = None

    @classproperty
    def models(cls):
        return [Profile]

    def check_perm(self, obj):
        return self.request.user.has_perm("smoelenboek.change_profile")

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}


@hooks.register("register_bulk_action")
class ApproveBulkAction(_ReviewAction):
    display_name = "Goedkeuren"
    action_type = "approve"
    aria_label = "Keur de gekozen aanmeldingen goed"
    template_name = "smoelenboek/admin/confirm_approve.html"
    action_priority = 10

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        count = 0
        for profile in objects:
            if profile.status != Status.APPROVED:
                profile.review(Status.APPROVED, by=user)
                count += 1
        return count, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"{num_parent_objects} aanmelding(en) goedgekeurd. Zij krijgen een e-mail."


@hooks.register("register_bulk_action")
class RejectBulkAction(_ReviewAction):
    display_name = "Afwijzen"
    action_type = "reject"
    aria_label = "Wijs de gekozen aanmeldingen af"
    template_name = "smoelenboek/admin/confirm_reject.html"
    action_priority = 20
    form_class = RejectForm
    classes = {"serious"}

    def get_execution_context(self):
        return {**super().get_execution_context(), "reason": self.cleaned_form.cleaned_data["reason"]}

    @classmethod
    def execute_action(cls, objects, user=None, reason="", **kwargs):
        for profile in objects:
            profile.review(Status.REJECTED, by=user, reason=reason)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"{num_parent_objects} aanmelding(en) afgewezen. Zij krijgen een e-mail met de reden."


@hooks.register("register_main_menu_item")
def smoelenboek_menu_item(request):
    return {"title": "Smoelenboek", "url": reverse("smoelenboek:directory"), "icon": "contact-round"}



class PendingProfilesPanel(Component):
    """On the admin dashboard of beheer: how many sign-ups wait, with a link to them."""

    name = "smoelenboek_pending"
    order = 50
    template_name = "smoelenboek/admin/pending_panel.html"

    def get_context_data(self, parent_context):
        return {
            "count": Profile.objects.filter(status=Status.PENDING).count(),
            "url": reverse("wagtailsnippets_smoelenboek_profile:list") + "?status=aangemeld",
        }


@hooks.register("construct_homepage_panels")
def add_pending_profiles_panel(request, panels):
    if request.user.has_perm("smoelenboek.change_profile"):
        panels.append(PendingProfilesPanel())
