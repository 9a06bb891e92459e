"""The guide's own search (/wat-kun-je-doen/zoeken/): themes, offers, organisations and groups,
ranked with the site's one understanding of words (home/search/words.py: Dutch stemming,
compounds, the shared synonyms), so the guide finds what /zoeken/ finds.

It reads the guide's offers with their themes and provider (four queries, whatever the amount
of content) and ranks them in Python; the offer cards need the objects themselves.
"""

from home.search.words import SUMMARY, TEXT, TITLE, Query, analyse, clean_query

__all__ = ["clean_query", "search"]


def _offer_terms(offer):
    return analyse(
        [
            (offer.title, TITLE),
            (offer.summary, SUMMARY),
            (" ".join(theme.name for theme in offer.themes.all()), SUMMARY),
            (offer.organisation.name if offer.organisation else "", SUMMARY),
            (offer.group.title if offer.group else "", SUMMARY),
            (offer.body, TEXT),
            (offer.audience_note, TEXT),
            (offer.get_audience_display(), TEXT),
            (offer.where, TEXT),
            (offer.cost, TEXT),
            ("gratis" if offer.is_free else "", TEXT),
        ]
    )


def search(query, *, offers, themes, organisations, groups, limit=30):
    """Rank the given querysets against `query` (text or a words.Query); a dict of lists."""
    query = query if isinstance(query, Query) else Query(query)
    empty = {"themes": [], "offers": [], "organisations": [], "groups": []}
    if not query:
        return empty
    offers = offers.select_related("organisation", "group").prefetch_related("themes")
    return {
        "themes": query.rank(list(themes), lambda t: analyse([(t.name, TITLE), (t.description, SUMMARY)])),
        "offers": query.rank(list(offers), _offer_terms)[:limit],
        "organisations": query.rank(
            list(organisations), lambda o: analyse([(o.name, TITLE), (o.description, SUMMARY)])
        )[:limit],
        "groups": query.rank(list(groups), lambda g: analyse([(g.title, TITLE), (g.intro, SUMMARY)]))[:limit],
    }
