"""A person's own data outside their account: the messages they sent through the site's forms.

A model takes part by defining, next to its fields (compare `retention_date_field`, which
`purge_personal_data` reads):

- `personal_data_heading`: a Dutch heading, "Berichten die u stuurde met Doe mee";
- `personal_data_of(user, emails)`, a classmethod: the rows of this person, found by the link to
  their account or else by one of their *verified* e-mail addresses (`emails`; an address that
  was never confirmed proves nothing, so it never shows or deletes anyone else's message);
- `personal_data()`: one row as {Dutch label: value} (text, dates, yes/no), with only what this
  person sent or may know (a page by its title; never an editor or another member).

smoelenboek/privacy.py puts these in the member's download and deletes them with the account
(the page an activity became stays; only who sent it goes). No app imports another for this:
`holders()` finds the models."""

from django.apps import apps
from django.db.models import Q


def holders():
    """Every model that holds a person's own data outside their account."""
    return [model for model in apps.get_models() if hasattr(model, "personal_data_of")]


def person_q(user, emails, user_field="user", email_field="email"):
    """Rows linked to `user`, or sent with one of the addresses in `emails` (any case)."""
    query = Q(**{user_field: user}) if user is not None and user.pk else Q(pk__in=[])
    for email in emails:
        query |= Q(**{f"{email_field}__iexact": email})
    return query

