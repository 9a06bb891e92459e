"""Public views of the initiative groups that are not pages: the general "Doe mee" form."""

from wagtail.models import Site

from .join import doe_mee as join_form
from .models import groups_of_site


def doe_mee(request):
    """/doe-mee/: the "Doe mee" form with a choice of group (the group pages have their own)."""
    return join_form(request, groups=groups_of_site(Site.find_for_request(request)))
