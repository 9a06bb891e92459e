"""A search for people who type the way they talk: "koffie", "bewegen", "hulp bij geldzaken",
"iets om samen koffie te drinken voor ouderen".

Each word of the query is widened with a small list of B1 synonyms, then matched (as part of a
word, so "koffie" finds "koffiekar") against themes, offers, organisations and groups. Results
are ranked by how many of the reader's words they match. A fixed number of queries, whatever
the amount of content.
"""

import re
import unicodedata
from functools import reduce
from operator import or_

from django.db.models import Q

MAX_QUERY_LENGTH = 100
MAX_TERMS = 8

# Words that carry no meaning in a search.
STOPWORDS = {
    "de", "het", "een", "en", "of", "in", "op", "aan", "bij", "met", "voor", "van", "om", "te",
    "ik", "je", "u", "we", "wij", "zij", "ze", "mijn", "me", "mij", "is", "zijn", "wil", "wilt",
    "kan", "kun", "kunt", "iets", "wat", "waar", "hoe", "wie", "die", "dat", "er", "naar", "ook",
    "graag", "zoek", "zoeken", "heb", "hebt", "heeft", "nodig", "doen", "niet", "meer", "als",
    "the", "a", "mee",
}

# A reader's word -> the words the content uses. Keys are lowercase, without accents.
SYNONYMS = {
    "koffie": ["koffie", "thee", "koffiekar", "ontmoet", "inloop"],
    "thee": ["thee", "koffie", "koffiekar"],
    "drinken": ["koffie", "thee", "drink"],
    "kletsen": ["ontmoet", "praat", "koffie", "samen"],
    "praten": ["praat", "gesprek", "ontmoet", "luister"],
    "ontmoeten": ["ontmoet", "samen", "koffie", "inloop"],
    "samen": ["samen", "ontmoet", "groep", "maatje"],
    "alleen": ["eenzaam", "ontmoet", "maatje", "samen"],
    "eenzaam": ["eenzaam", "ontmoet", "maatje", "welzijn"],
    "vrienden": ["vriend", "ontmoet", "maatje", "samen"],
    "bewegen": ["beweg", "sport", "wandel", "fiets", "fit", "gym", "tennis", "schaats"],
    "sporten": ["sport", "beweg", "fit", "tennis", "gym"],
    "sport": ["sport", "beweg", "fit", "tennis", "gym"],
    "wandelen": ["wandel", "loop", "beweg", "ommetje"],
    "lopen": ["wandel", "loop", "beweg"],
    "fietsen": ["fiets", "duofiets", "beweg"],
    "fit": ["fit", "beweg", "sport", "vitaal", "vitality"],
    "gezond": ["gezond", "vitaal", "leefstijl", "fit"],
    "eten": ["eten", "recept", "kook", "voeding", "maaltijd", "gezond eten"],
    "koken": ["kook", "recept", "eten", "maaltijd"],
    "recept": ["recept", "kook", "eten"],
    "afvallen": ["leefstijl", "gewicht", "gezond", "beweg", "eten"],
    "geld": ["geld", "schuld", "financ", "rekening", "betal", "toeslag", "reos", "wijkteam"],
    "geldzaken": ["geld", "schuld", "financ", "rekening", "betal", "toeslag", "reos", "wijkteam"],
    "schulden": ["schuld", "geld", "financ"],
    "rekeningen": ["rekening", "geld", "betal", "schuld"],
    "hulp": ["hulp", "help", "advies", "steun", "wijkteam", "coach"],
    "helpen": ["hulp", "help", "vrijwillig"],
    "advies": ["advies", "hulp", "vraag"],
    "zorg": ["zorg", "hulp", "huisarts", "mantelzorg"],
    "dokter": ["huisarts", "dokter", "gezondheidscentrum"],
    "huisarts": ["huisarts", "dokter", "gezondheidscentrum", "recept"],
    "ouderen": ["ouder", "senior", "55", "65", "70"],
    "oud": ["ouder", "senior"],
    "senioren": ["ouder", "senior"],
    "kinderen": ["kind", "jeugd", "opgroei", "school"],
    "kind": ["kind", "jeugd", "opgroei"],
    "jongeren": ["jonger", "jeugd", "tiener", "buzz"],
    "baby": ["baby", "opvoed", "ouders", "cjg", "jeugd"],
    "opvoeden": ["opvoed", "ouders", "cjg", "opgroei"],
    "tuin": ["tuin", "groen", "plant", "bloem"],
    "groen": ["groen", "tuin", "boom", "bomen", "bloem", "plant"],
    "dieren": ["dier", "dierenweide", "geit", "kip"],
    "boeken": ["boek", "bibliotheek", "lezen", "bplusc"],
    "lezen": ["lees", "lezen", "boek", "bibliotheek", "taal"],
    "bibliotheek": ["bibliotheek", "boek", "bplusc"],
    "vrijwilliger": ["vrijwillig", "meedoen", "help"],
    "vrijwilligerswerk": ["vrijwillig", "meedoen", "help"],
    "mantelzorg": ["mantelzorg", "zorg", "hulp"],
    "wonen": ["woon", "wonen", "huis", "buurt"],
    "gratis": ["gratis"],
}


def normalise(text):
    """Lowercase, without accents ("café" -> "cafe")."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def clean_query(raw):
    """Return (query, error): the query trimmed to a sane length, and a Dutch message when it
    was too long. Control characters go; everything else is kept as the reader typed it."""
    query = "".join(c for c in (raw or "") if c.isprintable()).strip()
    query = re.sub(r"\s+", " ", query)
    error = ""
    if len(query) > MAX_QUERY_LENGTH:
        error = f"Uw zoekvraag is te lang. We zoeken met de eerste {MAX_QUERY_LENGTH} tekens."
        query = query[:MAX_QUERY_LENGTH]
    return query, error


def query_words(query):
    """The meaningful words of a query, each with the terms it stands for."""
    words = re.findall(r"[a-z0-9]+", normalise(query))
    result = []
    for word in words:
        if word in STOPWORDS or len(word) < 2:
            continue
        terms = SYNONYMS.get(word) or SYNONYMS.get(_singular(word)) or [_stem(word)]
        result.append((word, list(dict.fromkeys(terms))))
        if len(result) >= MAX_TERMS:
            break
    return result


def _singular(word):
    for suffix in ("en", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)]
    return word


def _stem(word):
    """A very light Dutch stem, so that "wandelingen" meets "wandeling" and "wandelen"."""
    for suffix in ("ingen", "ing", "en", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _matches(fields, terms):
    return reduce(or_, (Q(**{f"{field}__icontains": term}) for field in fields for term in terms))


def _score(texts, words):
    """How many of the reader's words this item matches, with a bonus for the name."""
    haystack = normalise(" ".join(t for t in texts if t))
    name = normalise(texts[0] or "")
    score = 0
    for _word, terms in words:
        if any(term in haystack for term in terms):
            score += 2 if any(term in name for term in terms) else 1
    return score


def _rank(items, words, texts_of):
    scored = [(_score(texts_of(item), words), item) for item in items]
    scored = [pair for pair in scored if pair[0] > 0]
    scored.sort(key=lambda pair: -pair[0])
    return [item for _score_, item in scored]


def search(query, *, offers, themes, organisations, groups, limit=30):
    """Search the given querysets; returns a dict of ranked lists. Four queries at most."""
    words = query_words(query)
    empty = {"themes": [], "offers": [], "organisations": [], "groups": [], "words": words}
    if not words:
        return empty
    terms = [term for _word, ts in words for term in ts]
    offer_fields = ["title", "summary", "body", "audience", "audience_note", "where", "cost",
                    "themes__name", "organisation__name", "group__title"]
    offer_q = _matches(offer_fields, terms)
    if "gratis" in [w for w, _t in words]:
        offer_q |= Q(is_free=True)
    found_offers = (
        offers.filter(offer_q)
        .distinct()
        .select_related("organisation", "group")
        .prefetch_related("themes")[: limit * 3]
    )
    found_themes = themes.filter(_matches(["name", "description"], terms))
    found_orgs = organisations.filter(_matches(["name", "description"], terms))[: limit * 3]
    found_groups = groups.filter(_matches(["title", "intro"], terms))[: limit * 3]

    def offer_texts(offer):
        return [offer.title, offer.summary, offer.body, offer.audience, offer.audience_note,
                offer.where, offer.cost, "gratis" if offer.is_free else "",
                " ".join(t.name for t in offer.themes.all()),
                offer.organisation.name if offer.organisation else "",
                offer.group.title if offer.group else ""]

    return {
        "themes": _rank(found_themes, words, lambda t: [t.name, t.description]),
        "offers": _rank(found_offers, words, offer_texts)[:limit],
        "organisations": _rank(found_orgs, words, lambda o: [o.name, o.description])[:limit],
        "groups": _rank(found_groups, words, lambda g: [g.title, g.intro])[:limit],
        "words": words,
    }
