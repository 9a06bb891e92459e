"""The site search: every public page, theme and organisation of one site, ranked with
`words.Query` and grouped by kind, the most useful kind first.

Why not Wagtail's search backend: it leaves the words to the database (no Dutch stemming on
SQLite, PostgreSQL's 'dutch' on PostgreSQL, each ranking its own way), and knows neither compounds
nor the residents' synonyms. Instead each process keeps an index in memory per site, built with a
fixed number of queries and rebuilt when home's content version changes (every publish,
unpublish, delete and snippet change, home/cache.py) or the day turns (past activities leave).
A search on a built index asks the database nothing. `bench/search.py` measures it at ten times
the demo content.

What takes part:
- every live, public page of the site below its home page, with the text of its Wagtail
  `search_fields` (the title counts most, fields boosted or called summary/intro next). A page
  class says its kind with `search_kind` (default "page"), may leave itself out with
  `shows_in_search(today)` (past activities), and may add a line under its title with
  `search_meta` (when an activity is);
- what the `register_site_search` hook functions return: `fn(site, today)` gives `Document`s
  (the guide adds the themes and organisations, whose addresses are routes of its page).
"""

import bisect
import threading
from dataclasses import dataclass, field

from django.utils import timezone
from modelsearch import index as search_index
from wagtail import hooks
from wagtail.models import Page

from ..cache import content_version
from .words import SUMMARY, TEXT, TITLE, analyse, normalise

# (kind, heading, icon): this order breaks ties between groups and results of equal score.
KINDS = [
    ("offer", "Hulp en aanbod", "hand-helping"),
    ("activity", "Activiteiten", "calendar-days"),
    ("theme", "Onderwerpen", "compass"),
    ("group", "Groepen van bewoners", "users"),
    ("organisation", "Organisaties", "building-2"),
    ("news", "Nieuws", "newspaper"),
    ("page", "Pagina's", "file-text"),
]
KIND_ORDER = {kind: position for position, (kind, _heading, _icon) in enumerate(KINDS)}
# Something to do or to get help with is more useful than a page about it, at the same match.
KIND_WEIGHT = {"offer": 1.0, "activity": 1.0, "group": 0.9, "organisation": 0.9, "theme": 0.85}
OTHER_KINDS_WEIGHT = 0.8
TITLE_PHRASE = 1.5
SUMMARY_FIELDS = {"summary", "intro", "search_description", "description"}


@dataclass
class Document:
    kind: str
    title: str
    url: str
    summary: str = ""
    meta: str = ""
    terms: dict = field(default_factory=dict, repr=False)
    pk: int | None = None  # of the page or object, for a search that shows the objects themselves

    @classmethod
    def of(cls, kind, title, url, fields, summary="", meta="", pk=None):
        """A document from (text, weight) fields; the title always counts as TITLE."""
        return cls(kind, title, url, summary, meta, analyse([(title, TITLE), *fields]), pk)


def _field_weight(search_field):
    if search_field.field_name in SUMMARY_FIELDS or (search_field.boost or 0) >= 2:
        return SUMMARY
    return TEXT


def _texts(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _texts(item)]
    return [str(value)]


def page_document(page, site):
    """The document of one (specific) page, from its Wagtail search fields."""
    fields = []
    for search_field in page.get_search_fields():
        if not isinstance(search_field, search_index.SearchField) or search_field.field_name == "title":
            continue
        weight = _field_weight(search_field)
        fields.extend((text, weight) for text in _texts(search_field.get_value(page)))
    summary = page.search_description or getattr(page, "summary", "") or getattr(page, "intro", "") or ""
    fields.append((page.search_description, SUMMARY))
    return Document.of(
        getattr(page, "search_kind", "page"),
        page.title,
        page.relative_url(site),
        fields,
        summary=str(summary),
        meta=getattr(page, "search_meta", "") or "",
        pk=page.pk,
    )


def build_documents(site, today):
    pages = Page.objects.live().public().in_site(site).filter(depth__gt=site.root_page.depth).specific()
    documents = []
    for page in pages:
        shows = getattr(page, "shows_in_search", None)
        if shows is not None and not shows(today):
            continue
        documents.append(page_document(page, site))
    for fn in hooks.get_hooks("register_site_search"):
        documents.extend(fn(site, today))
    return documents


class Index:
    """The documents of one site with, for each term, the documents that hold it."""

    def __init__(self, documents):
        self.documents = documents
        self.postings = {}
        for position, document in enumerate(documents):
            for term in document.terms:
                self.postings.setdefault(term, []).append(position)
        self.vocabulary = sorted(self.postings)

    def _with_prefix(self, prefix):
        start = bisect.bisect_left(self.vocabulary, prefix)
        for term in self.vocabulary[start:]:
            if not term.startswith(prefix):
                break
            yield term

    def candidates(self, query):
        positions = set()
        for word in query.words:
            for term in word.terms():
                positions.update(self.postings.get(term, ()))
            if len(word.stem) >= 5:
                for term in self._with_prefix(word.stem):
                    positions.update(self.postings[term])
        return [self.documents[position] for position in sorted(positions)]

    def search(self, query, kinds=None):
        """The matching documents, best first; ties go by kind, then title."""
        if not query:
            return []
        scored = []
        phrase = normalise(query.text) if len(query.text) >= 4 else ""
        for document in self.candidates(query):
            if kinds and document.kind not in kinds:
                continue
            score = query.score(document.terms) * KIND_WEIGHT.get(document.kind, OTHER_KINDS_WEIGHT)
            if phrase and phrase in normalise(document.title):
                score *= TITLE_PHRASE  # the reader typed (part of) its title: "nieuw in de wijk"
            if score > 0:
                scored.append((score, document))
        scored.sort(key=lambda pair: (-pair[0], KIND_ORDER.get(pair[1].kind, 99), pair[1].title))
        return scored

    def of_kind(self, kind):
        return [document for document in self.documents if document.kind == kind]


_indexes = {}
_lock = threading.Lock()


def index_for(site):
    """The site's index for the current content version and day, built when either changed."""
    today = timezone.localdate()
    key = (site.pk, content_version(), today)
    found = _indexes.get(site.pk)
    if found is not None and found[0] == key:
        return found[1]
    built = Index(build_documents(site, today))
    with _lock:
        _indexes[site.pk] = (key, built)
    return built


def forget_indexes():
    """For tests and the bench: the next search builds its index again."""
    _indexes.clear()


@dataclass
class Group:
    kind: str
    heading: str
    icon: str
    results: list
    score: float

    @property
    def count(self):
        return len(self.results)


def grouped(scored):
    """Results by kind; the kind with the best result first, then by KINDS order."""
    groups = {}
    for score, document in scored:
        group = groups.get(document.kind)
        if group is None:
            _kind, heading, icon = KINDS[KIND_ORDER.get(document.kind, len(KINDS) - 1)]
            group = groups[document.kind] = Group(document.kind, heading, icon, [], score)
        group.results.append(document)
    return sorted(groups.values(), key=lambda g: (-g.score, KIND_ORDER.get(g.kind, 99)))


def search(site, query, kinds=None):
    """The site's answer to a `words.Query`, as groups of documents, most useful first."""
    return grouped(index_for(site).search(query, kinds))


def first_result(site, query):
    """The one result a reader sees first (the query table of the tests pins it)."""
    groups = search(site, query)
    return groups[0].results[0] if groups else None
