"""Public views of the initiative groups that are not pages: the general "Doe mee" form."""

from home.models import site_for

from .join import doe_mee as join_form
from .models import InitiatiefPage


def doe_mee(request):
    """/doe-mee/: the "Doe mee" form with a choice of group (the group pages have their own)."""
    return join_form(request, groups=InitiatiefPage.objects.live_in(site_for(request)).for_cards())
