"""The guide's own search (/wat-kun-je-doen/zoeken/): themes, offers, organisations and groups,
found with the site search itself (home/search/site.py: Dutch stemming, compounds, the shared
synonyms), so the guide finds what /zoeken/ finds, in the same order. The guide shows the
objects (offer cards, theme tiles), so it loads only the ones found: four queries, whatever the
amount of content.
"""

from home.models import Organisation, Theme
from home.search.site import index_for
from home.search.words import Query, clean_query
from initiatieven.models import InitiatiefPage

__all__ = ["clean_query", "search"]

KINDS = {"offer", "theme", "organisation", "group"}


def _in_order(queryset, pks):
    found = {obj.pk: obj for obj in queryset.filter(pk__in=pks)}
    return [found[pk] for pk in pks if pk in found]


def search(query, *, site, offers, limit=30):
    """The guide's answer to `query` (text or a words.Query): a dict of lists, best first.
    `offers` are the guide's live offers (OfferPage.objects.live_in(guide))."""
    query = query if isinstance(query, Query) else Query(query)
    found = {kind: [] for kind in KINDS}
    if query:
        for _score, document in index_for(site).search(query, kinds=KINDS):
            found[document.kind].append(document.pk)
    return {
        "themes": _in_order(Theme.objects.all(), found["theme"]),
        "offers": _in_order(offers.for_listing(), found["offer"][:limit]),
        "organisations": _in_order(Organisation.objects.all(), found["organisation"][:limit]),
        "groups": _in_order(InitiatiefPage.objects.live_in(site), found["group"][:limit]),
    }
