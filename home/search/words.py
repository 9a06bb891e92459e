"""Dutch words as the search understands them, the same on every database.

A text becomes a set of terms, each with the weight of the field it came from:
- lowercase, without accents ("café" is "cafe");
- a hyphenated word counts as its parts and as one word ("koffie-ochtend": "koffie", "ochtend",
  "koffieochtend");
- a rare word that is two common words is also its parts ("geldzorgen": "geld", "zorgen";
  "welzijnscoach": "welzijn", "coach"), found with wordfreq's Dutch word frequencies;
- every word is stemmed with the classic Dutch Snowball stemmer (snowballstemmer's
  `dutch_porter`, the algorithm of PostgreSQL's 'dutch' configuration), so "eenzaamheid" meets
  "eenzaam" and "wandelingen" meets "wandelen".

A `Query` is the reader's words, each with what it may match: its own stem, its compound parts,
the synonyms of `synonyms.py` (weaker) and longer words it starts ("wandel" finds "wandelroute",
weaker still). `Query.score(terms)` ranks one text; the site search, the guide's search and the
smoelenboek directory all rank with it. No database search runs, so SQLite and PostgreSQL give
the same answers in the same order.
"""

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

from .synonyms import SYNONYMS

MAX_QUERY_LENGTH = 100
MAX_WORDS = 8

# How much a match counts: the reader's own word, all parts of their compound, a synonym, a
# longer word that starts with theirs, one part of their compound.
EXACT, PARTS, SYNONYM, PART_SYNONYM, PREFIX, SOME_PARTS = 1.0, 0.75, 0.7, 0.5, 0.6, 0.3
SECOND = 0.2  # a text that meets a word in two ways (two synonyms) is a little better
# How much the field a word is in counts: close together, so that the reader's own word in the
# body still beats a synonym in the title.
TITLE, SUMMARY, TEXT = 1.5, 1.25, 1.0
MIN_PREFIX = 5  # a stem this long also finds longer words ("wandel" -> "wandelroute")
ALL_WORDS_BONUS = 1.25  # a text that has every word of a longer question goes first

# Words that carry no meaning in a search.
STOPWORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "of",
        "in",
        "op",
        "aan",
        "bij",
        "met",
        "voor",
        "van",
        "om",
        "te",
        "tot",
        "uit",
        "over",
        "ik",
        "je",
        "jij",
        "u",
        "we",
        "wij",
        "zij",
        "ze",
        "mijn",
        "me",
        "mij",
        "uw",
        "is",
        "zijn",
        "ben",
        "bent",
        "wil",
        "wilt",
        "kan",
        "kun",
        "kunt",
        "iets",
        "wat",
        "waar",
        "hoe",
        "wie",
        "die",
        "dat",
        "dit",
        "er",
        "naar",
        "ook",
        "graag",
        "zoek",
        "zoeken",
        "heb",
        "hebt",
        "heeft",
        "nodig",
        "doen",
        "niet",
        "meer",
        "als",
        "the",
        "a",
        "mee",
        "hier",
        "daar",
        "nog",
        "al",
        "wel",
        "nu",
        "dan",
        "maar",
        "wordt",
        "worden",
        "was",
        "iemand",
        "ergens",
        "zo",
        "eens",
        "voel",
        "voelt",
        "voelen",
    ]
)

_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_local = threading.local()


def normalise(text):
    """Lowercase, without accents ("Café" -> "cafe")."""
    text = unicodedata.normalize("NFKD", (text or "").lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def clean_query(raw):
    """Return (query, error): what the reader typed without control characters and with single
    spaces, cut to a sane length, with a Dutch message when it was too long."""
    query = "".join(c for c in (raw or "") if c.isprintable()).strip()
    query = re.sub(r"\s+", " ", query)
    error = ""
    if len(query) > MAX_QUERY_LENGTH:
        error = f"Uw zoekvraag is te lang. We zoeken met de eerste {MAX_QUERY_LENGTH} tekens."
        query = query[:MAX_QUERY_LENGTH].strip()
    return query, error


@lru_cache(maxsize=100_000)
def stem(word):
    """The Dutch Snowball stem of one normalised word (one stemmer per thread)."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("dutch_porter")
    return stemmer.stemWord(word)


@lru_cache(maxsize=100_000)
def _frequency(word):
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "nl")


COMMON = 3.3  # a compound's parts must be at least this common (Zipf scale)
RARE = 3.5  # only a word rarer than this is split
LINKS = ("s", "en", "e")  # "welzijn-s-coach", "boek-en-markt", "kinder-en"


@lru_cache(maxsize=100_000)
def compound_parts(word):
    """The two (or more) common words a rare compound is made of, or () when it is none."""
    if len(word) < 7 or not word.isalpha() or _frequency(word) >= RARE:
        return ()
    best, best_score = (), 0.0
    for cut in range(3, len(word) - 2):
        left, right = word[:cut], word[cut:]
        candidates = [left] + [left[: -len(link)] for link in LINKS if left.endswith(link)]
        for head in candidates:
            if len(head) < 3:
                continue
            score = min(_frequency(head), _frequency(right))
            if score >= COMMON and score > best_score:
                best, best_score = (head, right), score
    if not best:
        return ()
    head, tail = best
    return (head, *(compound_parts(tail) or (tail,)))


def token_terms(token):
    """The stems one written word stands for: itself, and its parts."""
    pieces = token.split("-")
    joined = "".join(pieces)
    terms = {stem(joined)}
    for piece in pieces:
        if len(pieces) > 1:
            terms.add(stem(piece))
        for part in compound_parts(piece):
            terms.add(stem(part))
    return terms


def analyse(fields):
    """{term: weight} for a text made of (text, weight) fields: each term keeps the weight of
    the heaviest field it is in (a word in the title counts more than one in the body).
    Remembered per text, so the guide and the directory, which rank their objects on each
    request, analyse an unchanged offer or profile only once per process."""
    return _analyse(tuple((str(text or ""), weight) for text, weight in fields))


@lru_cache(maxsize=5_000)
def _analyse(fields):
    terms = {}
    for text, weight in fields:
        if not text:
            continue
        for token in _WORD.findall(normalise(str(text))):
            for term in token_terms(token):
                if terms.get(term, 0) < weight:
                    terms[term] = weight
    return terms


def _synonym_table():
    table = {}
    for word, others in SYNONYMS.items():
        key = stem(normalise(word))
        table.setdefault(key, set()).update(stem(normalise(other)) for other in others)
    for key, others in table.items():
        others.discard(key)
    return table


_SYNONYMS = None


def synonyms_of(term):
    """The stems the content may use for a reader's stem, from synonyms.py."""
    global _SYNONYMS
    if _SYNONYMS is None:
        _SYNONYMS = _synonym_table()
    return _SYNONYMS.get(term, set())


class Word:
    """One word of a query and what it may match, with how much each match counts."""

    def __init__(self, token):
        self.text = token
        pieces = token.split("-")
        self.stem = stem("".join(pieces))
        parts = [p for piece in pieces for p in (compound_parts(piece) or (piece,))]
        self.parts = [stem(p) for p in parts] if len(parts) > 1 else []
        alternatives = {}
        for term in synonyms_of(self.stem):
            alternatives[term] = SYNONYM
        for part in self.parts:
            for term in synonyms_of(part):
                alternatives.setdefault(term, PART_SYNONYM)
        alternatives[self.stem] = EXACT
        self.alternatives = alternatives

    def terms(self):
        """Every term that can make this word match (for looking candidates up)."""
        return set(self.alternatives) | set(self.parts)

    def score(self, terms):
        """How well a text with these {term: weight} matches this word (0 when it does not)."""
        alternatives = self.alternatives.items()
        found = sorted((factor * terms[term] for term, factor in alternatives if term in terms), reverse=True)
        best = found[0] + SECOND * found[1] if len(found) > 1 else (found[0] if found else 0.0)
        if self.parts:
            parts = [terms[p] for p in self.parts if p in terms]
            if len(parts) == len(self.parts):
                best = max(best, PARTS * min(parts))
            elif parts:
                best = max(best, SOME_PARTS * max(parts))
        if best < PREFIX * max(terms.values(), default=0) and len(self.stem) >= MIN_PREFIX:
            for term, weight in terms.items():
                if PREFIX * weight > best and len(term) > len(self.stem) and term.startswith(self.stem):
                    best = PREFIX * weight
        return best

    def __repr__(self):
        return f"<Word {self.text!r}: {self.stem}>"


class Query:
    """What a reader typed, cleaned, as the meaningful words the search looks for."""

    def __init__(self, raw):
        self.text, self.error = clean_query(raw)
        tokens = [t.strip("-") for t in _WORD.findall(normalise(self.text))]
        words, seen = [], set()
        for token in tokens:
            if not token or token in STOPWORDS or (len(token) < 2 and not token.isdigit()):
                continue
            if token not in seen:
                seen.add(token)
                words.append(Word(token))
            if len(words) >= MAX_WORDS:
                break
        self.words = words

    def __bool__(self):
        return bool(self.words)

    def score(self, terms):
        """How well a text with these {term: weight} (see `analyse`) answers the query."""
        scores = [word.score(terms) for word in self.words]
        total = sum(scores)
        if len(scores) > 1 and all(scores):
            total *= ALL_WORDS_BONUS
        return total

    def rank(self, items, terms_of):
        """The items that match, best first (ties keep their order)."""
        scored = [(self.score(terms_of(item)), index, item) for index, item in enumerate(items)]
        scored = [entry for entry in scored if entry[0] > 0]
        scored.sort(key=lambda entry: (-entry[0], entry[1]))
        return [item for _score, _index, item in scored]
