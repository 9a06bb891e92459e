"""One understanding of the words residents type, and one search over the whole site.

- `words.py`: Dutch words as the search understands them (accents, hyphens, compounds, a Dutch
  Snowball stemmer, the shared synonyms of `synonyms.py`), the same on SQLite and PostgreSQL
  because the database does none of it;
- `site.py`: the site search (`/zoeken/`): an in-memory index of every public page, theme and
  organisation of a site, kept per content version, ranked and grouped by kind.

The guide's search and the smoelenboek directory rank with the same `words.Query`.
"""
