"""Snippets that hold personal data: sign-ups for the smoelenboek, "Doe mee" messages, the
senders of activities.

Wagtail checks model permissions on a snippet's listing and edit views, but its chooser (and
the confirmation screen of a bulk action) lists every record by name, whoever asks. A
`PrivateSnippetViewSet` makes every screen of its model ask one question, the model's
`objects.for_admin(user)`: the listing, each object's views (edit, delete, history, usage,
inspect), the chooser and the bulk actions. A record outside that answer is "not found"."""

from django.contrib.admin.utils import unquote
from django.http import Http404
from django.utils.functional import classproperty
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import get_snippet_models
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import SnippetViewSet


def visible_to(user, model):
    return model.objects.for_admin(user)


class ScopedChooseMixin:
    def get_object_list(self):
        return visible_to(self.request.user, self.model_class)


class ScopedChooseView(ScopedChooseMixin, chooser.ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooseMixin, chooser.ChooseResultsView):
    pass


class ScopedChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        return visible_to(self.request.user, self.model_class).get(pk=pk)


class ScopedChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return visible_to(self.request.user, self.model_class).filter(pk__in=pks)


class PrivateChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView


class PrivateSnippetViewSet(SnippetViewSet):
    chooser_viewset_class = PrivateChooserViewSet
    copy_view_enabled = False

    def get_queryset(self, request):
        return visible_to(request.user, self.model)

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)

        # Every view of one record (edit, delete, history, usage, inspect) takes its pk from
        # the URL: refuse it here, once, for a record this user may not see.
        def scoped_view(request, *args, **url_kwargs):
            pk = url_kwargs.get("pk")
            if pk is not None and not self.get_queryset(request).filter(pk=unquote(str(pk))).exists():
                raise Http404
            return view(request, *args, **url_kwargs)

        return scoped_view


def private_snippet_models():
    return [
        model
        for model in get_snippet_models()
        if isinstance(getattr(model, "snippet_viewset", None), PrivateSnippetViewSet)
    ]


class ScopedBulkActionMixin:
    """The confirmation screen lists the chosen records by name, including those the user may
    not act on: only look records up among those the user may see."""

    def get_queryset(self, model, object_ids):
        return list(visible_to(self.request.user, model).filter(pk__in=object_ids))

    def get_all_objects_in_listing_query(self, parent_id):
        return visible_to(self.request.user, self.model).values_list("pk", flat=True)


class PrivateDeleteBulkAction(ScopedBulkActionMixin, DeleteBulkAction):
    @classproperty
    def models(cls):
        return private_snippet_models()
