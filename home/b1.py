"""A B1 check for Dutch texts, for editors: it advises, it never blocks.

Figures: the number of sentences and words, the average sentence length, sentences longer than
15 words, long words (more than four syllables, counted with the Dutch hyphenation dictionary
of pyphen), rare words (Dutch word frequencies of wordfreq), passive sentences, officialese
with a plain alternative, and the Flesch-Douma reading ease (Douma's Dutch version of Flesch):

    206.84 - 0.77 * syllables per 100 words - 0.93 * words per sentence

The traffic light: green (easy to read, B1), orange (can be simpler), red (too hard).
"""

import re
from functools import lru_cache

from django.utils.html import strip_tags
from django.utils.translation import ngettext

LONG_SENTENCE = 15  # words
LONG_WORD_SYLLABLES = 5  # "more than four syllables"
RARE_ZIPF = 3.0  # fewer than about 1 in a million words of everyday Dutch
MAX_TEXT = 20_000  # characters analysed; longer texts are cut

# Officialese and difficult words, with the plain word to use instead.
PLAIN_WORDS = {
    "indien": "als",
    "middels": "met, via",
    "teneinde": "om",
    "derhalve": "daarom",
    "alsmede": "en, ook",
    "aangaande": "over",
    "betreffende": "over",
    "inzake": "over",
    "omtrent": "over",
    "echter": "maar",
    "reeds": "al",
    "thans": "nu",
    "doch": "maar",
    "alvorens": "voordat",
    "zodoende": "zo",
    "trachten": "proberen",
    "tracht": "probeer",
    "woonachtig": "wonen",
    "verstrekken": "geven",
    "verstrekt": "geeft",
    "retourneren": "terugsturen",
    "gelieve": "wilt u",
    "participeren": "meedoen",
    "faciliteren": "helpen, mogelijk maken",
    "conform": "volgens",
    "dient": "moet",
    "nader": "later, meer",
    "vigerende": "geldende",
    "ingevolge": "door, volgens",
    "benodigd": "nodig",
    "benodigde": "nodige",
    "desalniettemin": "toch",
    "niettemin": "toch",
    "hetgeen": "wat",
    "welke": "die, dat",
    "ten behoeve van": "voor",
    "in het kader van": "bij, voor",
    "met betrekking tot": "over",
    "ten aanzien van": "over",
    "naar aanleiding van": "door, na",
    "in verband met": "door, omdat",
    "op grond van": "door, volgens",
    "teneinde te": "om te",
}

_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:[-'’][A-Za-zÀ-ÖØ-öø-ÿ]+)*")
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote)>|<br\s*/?>", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n\s*\n|\n(?=\s*[-*•])")
_PASSIVE_AUX = re.compile(r"\b(wordt|worden|werd|werden)\b", re.IGNORECASE)
_PARTICIPLE = re.compile(
    r"\b(ge\w{2,}(?:d|t|en)|(?:be|ver|ont|her|er)\w{2,}(?:d|t))\b", re.IGNORECASE
)


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="nl_NL", left=1, right=1)


_VOWEL_SOUND = re.compile(
    r"aai|ooi|oei|eeu|ieu|aa|ee|oo|uu|ie|oe|eu|ei|ij|ui|ou|au|[aeiouyàáâäèéêëìíîïòóôöùúûü]"
)


@lru_cache(maxsize=4096)
def syllables(word):
    """Syllables of a Dutch word: the hyphenation points of the Dutch dictionary, or the vowel
    sounds when the dictionary splits too little (it never splits "eten" or "idee")."""
    word = word.lower()
    by_dictionary = len(_hyphenator().positions(word)) + 1
    by_vowels = len(_VOWEL_SOUND.findall(word))
    return max(by_dictionary, by_vowels, 1)


@lru_cache(maxsize=4096)
def zipf(word):
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return 7.0
    return zipf_frequency(word, "nl")


def split_sentences(text):
    text = re.sub(r"[ \t]+", " ", text.strip())
    parts = [p.strip(" -*•\n") for p in _SENTENCE_END.split(text)]
    return [p for p in parts if _WORD.search(p)]


def words_of(text):
    return _WORD.findall(text)


def _is_name(word, position):
    """A capitalised word in the middle of a sentence is most likely a name."""
    return position > 0 and word[:1].isupper()


def is_passive(sentence):
    return bool(_PASSIVE_AUX.search(sentence) and _PARTICIPLE.search(sentence))


def find_officialese(text):
    lowered = " " + re.sub(r"\s+", " ", text.lower()) + " "
    found = []
    for word, plain in PLAIN_WORDS.items():
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", lowered):
            found.append({"word": word, "plain": plain})
    return found


def flesch_douma(n_words, n_sentences, n_syllables):
    if not n_words or not n_sentences:
        return None
    return round(206.84 - 0.77 * (100 * n_syllables / n_words) - 0.93 * (n_words / n_sentences), 1)


def analyse(text):
    """The B1 figures of a text, as a dict that the editor's panel and the save message use."""
    text = (text or "")[:MAX_TEXT]
    sentences = split_sentences(text)
    n_words = n_syllables = 0
    long_sentences, passive, long_words, rare_words = [], [], {}, {}
    for sentence in sentences:
        words = words_of(sentence)
        n_words += len(words)
        if len(words) > LONG_SENTENCE:
            long_sentences.append({"text": sentence, "words": len(words)})
        if is_passive(sentence):
            passive.append(sentence)
        for position, word in enumerate(words):
            count = syllables(word)
            n_syllables += count
            key = word.lower()
            if _is_name(word, position) or len(key) < 4:
                continue
            if count >= LONG_WORD_SYLLABLES:
                long_words[key] = count
            elif zipf(key) < RARE_ZIPF and "-" not in key:
                rare_words[key] = True
    score = flesch_douma(n_words, len(sentences), n_syllables)
    average = round(n_words / len(sentences), 1) if sentences else 0
    officialese = find_officialese(text)
    result = {
        "sentences": len(sentences),
        "words": n_words,
        "syllables": n_syllables,
        "average_sentence_length": average,
        "long_sentences": long_sentences,
        "long_words": sorted(long_words),
        "rare_words": sorted(rare_words),
        "passive": passive,
        "officialese": officialese,
        "flesch_douma": score,
    }
    result.update(traffic_light(result))
    result["figures"] = figures(result)
    return result


def decimal(value):
    """A figure as Dutch writes it: 68,4."""
    return "–" if value is None else str(value).replace(".", ",")


def figures(result):
    """The figures in one line, as the editor's panel shows them (home/static/home/b1.js)."""
    sentences = result["sentences"]
    return (
        f"leesgemak {decimal(result['flesch_douma'])} (Flesch-Douma; 60 of hoger is makkelijk) · "
        f"{decimal(result['average_sentence_length'])} woorden per zin · "
        + ngettext("%(n)d zin", "%(n)d zinnen", sentences) % {"n": sentences}
    )


def traffic_light(result):
    """Green, orange or red, with one short Dutch sentence to say why."""
    if not result["words"]:
        return {"light": "none", "label": "Nog geen tekst", "advice": ""}
    score = result["flesch_douma"]
    share_long = len(result["long_sentences"]) / result["sentences"]
    problems = []
    if result["long_sentences"]:
        count = len(result["long_sentences"])
        problems.append(
            ngettext(
                "%(n)d zin met meer dan %(max)d woorden", "%(n)d zinnen met meer dan %(max)d woorden", count
            )
            % {"n": count, "max": LONG_SENTENCE}
        )
    if result["officialese"]:
        count = len(result["officialese"])
        problems.append(
            ngettext(
                "%(n)d moeilijk woord met een makkelijker woord",
                "%(n)d moeilijke woorden met een makkelijker woord",
                count,
            )
            % {"n": count}
        )
    if result["passive"]:
        count = len(result["passive"])
        problems.append(
            ngettext("%(n)d zin in de lijdende vorm", "%(n)d zinnen in de lijdende vorm", count)
            % {"n": count}
        )
    if result["long_words"]:
        count = len(result["long_words"])
        problems.append(ngettext("%(n)d lang woord", "%(n)d lange woorden", count) % {"n": count})
    if score < 40 or result["average_sentence_length"] > 20 or share_long > 0.4:
        light, label = "red", "Te moeilijk"
    elif (
        score < 60
        or result["average_sentence_length"] > LONG_SENTENCE
        or share_long > 0.2
        or len(result["officialese"]) > 0
        or len(result["passive"]) > 1
    ):
        light, label = "orange", "Kan eenvoudiger"
    else:
        light, label = "green", "Goed leesbaar (B1)"
    if problems:
        advice = "Let op: " + ", ".join(problems) + "."
    elif light == "green":
        advice = "Korte zinnen en gewone woorden. Goed zo!"
    else:  # hard to read as a whole, without one sentence or word that stands out
        advice = "Maak de zinnen wat korter en kies kortere woorden."
    return {"light": light, "label": label, "advice": advice}


def _plain(html):
    """Text of a bit of (rich text) HTML, with a paragraph break after each block."""
    return strip_tags(_BLOCK_END.sub("\n\n", html))


def _stream_texts(raw):
    """The reader's text in a StreamField's raw data: strings with more than one word, which
    leaves out block types, ids, links and numbers."""
    if isinstance(raw, str):
        return [raw] if " " in raw.strip() and not raw.startswith(("http", "/")) else []
    items = raw.values() if isinstance(raw, dict) else raw if isinstance(raw, list) else []
    return [text for item in items for text in _stream_texts(item)]


def long_text_fields(instance):
    """The texts readers see in a model instance (text fields, long char fields, rich text and
    StreamField bodies) with their labels, for the check on save. Wagtail's own page fields
    (slug, paths, SEO fields) are left out: readers never read those as text."""
    from django.db import models
    from wagtail.fields import StreamField
    from wagtail.models import Page

    fields = []
    for field in instance._meta.get_fields():
        if not getattr(field, "concrete", False) or field.model is Page:
            continue
        if isinstance(field, StreamField):
            raw = list(field.value_from_object(instance).raw_data)
            value = "\n\n".join(_plain(text) for text in _stream_texts(raw))
        elif isinstance(field, models.TextField) or (
            isinstance(field, models.CharField) and (field.max_length or 0) >= 200
        ):
            value = _plain(getattr(instance, field.name, "") or "")
        else:
            continue
        if value.strip():
            fields.append((str(field.verbose_name), value))
    return fields
