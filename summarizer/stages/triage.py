"""Triage: each input's status before extraction: failed, duplicate, other language, off topic, or used."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Hashable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from summarizer.core.article import Article
from summarizer.core.brief import SourceStatus
from summarizer.readers.lexicon import STOP

NEAR_DUPLICATE = 0.6  # Jaccard of 5-word shingles; separate reports of one incident measure 0.16 at most
# Off topic: an article's best name overlap with another is under this share of the set's median.
# Measured: same-incident articles 0.70 and up (crocus 0.231 vs median 0.327); a stray article 0.24 at most.
OFF_TOPIC = 0.4
# ...unless most of its names are another article's: a short follow-up that names the venue, the town and
# the group has few names, so a low overlap, yet every one of them is the incident's. Measured: an
# article's own cluster holds 40% of its names and up; a stray's best other article 25% at most.
FOLLOW_UP_SHARE, FOLLOW_UP_NAMES = 0.5, 3
MIN_WORDS_FOR_LANGUAGE = 20

# A few of each language's commonest words: enough to tell English copy from other copy.
STOPWORDS = {
    "en": "the of and to in a is that for on was with as by at from he it said were are has have".split(),
    "fr": "le la les de des et à en un une du est que dans pour qui sur au par ont été a".split(),
    "es": "el la los las de del y en un una que por con para se es al fue han según".split(),
    "de": "der die das und in den von zu mit ist im des dem nicht ein eine auf für wurde sind".split(),
    "it": "il la di che e in un una per del della sono è con gli le al ha".split(),
    "pt": "o a os as de do da e em um uma que para com por no na foi são".split(),
    "nl": "de het een en van in is op te dat met voor zijn werd door niet".split(),
    "ru": "и в не на что с по как из за от к это был были для о".split(),
    "uk": "і в не на що з по як із за від до це був було для та".split(),
    "ar": "في من على إلى أن عن مع هذا التي الذي كان".split(),
}
LANGUAGE_NAMES = {
    "fr": "French",
    "es": "Spanish",
    "de": "German",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "ru": "Russian",
    "uk": "Ukrainian",
    "ar": "Arabic",
}
_WORD = re.compile(r"\w+", re.U)
# Capitalised words that name nothing: function words, weekdays and months (as in reconcile), and a few more.
_KEYWORD_STOP = STOP | set("them being whom more most some other such only just very while".split())
_NAME = re.compile(r"\b[A-Z][\w’'-]{3,}")


@dataclass
class Verdict:
    status: SourceStatus = "used"
    error: str | None = None
    duplicate_of: str | None = None


def lowercase_words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def guess_language(text: str) -> str | None:
    """ISO 639-1 code by stopword share; None when too short to tell."""
    ws = lowercase_words(text)
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isascii() for c in letters) / len(letters) < 0.5:  # another script, however short
        return "ru" if sum("\u0400" <= c <= "\u04ff" for c in letters) > len(letters) / 2 else "und"
    if len(ws) < MIN_WORDS_FOR_LANGUAGE:
        return None
    counts = Counter(ws)
    share = {lang: sum(counts[w] for w in set(sw)) / len(ws) for lang, sw in STOPWORDS.items()}
    best = max(share, key=lambda lang: share[lang])
    return best if share[best] >= 0.08 else "und"


def shingles(text: str, length: int = 5) -> set[tuple[str, ...]]:
    """The text's runs of `length` words (lowercased)."""
    ws = lowercase_words(text)
    return {tuple(ws[i : i + length]) for i in range(max(1, len(ws) - length + 1))}


def jaccard(first: AbstractSet[Hashable], second: AbstractSet[Hashable]) -> float:
    return len(first & second) / len(first | second) if first and second else 0.0


def first_twins(articles: list[Article]) -> list[tuple[Article, Article | None]]:
    """Each article with the first earlier non-duplicate whose shingles it shares at Jaccard >= NEAR_DUPLICATE
    (None if there is none): the verdicts of comparing every pair, found in near-linear time.

    Prefix filtering, exact: with the shingles of every article sorted rarest first, two sets at Jaccard
    >= t share at least one shingle among the first |A| - ceil(t|A|) + 1 of each. So only articles that
    share a shingle of their prefixes are compared, and the rarest shingles (one article's own words) rarely
    match; boilerplate common to many articles sorts last, outside the prefixes."""
    sets = [shingles(a.text) for a in articles]
    frequency = Counter(s for shingle_set in sets for s in shingle_set)
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)  # prefix shingle -> kept articles (positions)
    out: list[tuple[Article, Article | None]] = []
    for i, (a, mine) in enumerate(zip(articles, sets, strict=True)):
        prefix = sorted(mine, key=lambda s: (frequency[s], s))[: prefix_length(len(mine))]
        candidates = sorted({k for s in prefix for k in index.get(s, ())})
        twin = next((k for k in candidates if jaccard(mine, sets[k]) >= NEAR_DUPLICATE), None)
        out.append((a, articles[twin] if twin is not None else None))
        if twin is None:  # only a kept article can be a later one's twin
            for s in prefix:
                index[s].append(i)
    return out


def prefix_length(size: int) -> int:
    """How many of a set's rarest shingles must be indexed so that no pair at NEAR_DUPLICATE is missed:
    |A| - ceil(t|A|) + 1, with the overlap rounded down (one more shingle, never one too few)."""
    overlap = math.floor(NEAR_DUPLICATE * size - 1e-9)
    return max(1, size - max(overlap, 0) + 1)


def keywords(text: str) -> set[str]:
    """Capitalised words (names of places, people, groups): what tells one incident from another."""
    return {w.lower()[:6] for w in _NAME.findall(text) if w.lower() not in _KEYWORD_STOP}


def triage(articles: list[Article]) -> dict[str, Verdict]:
    """A verdict per article id; the first of a set of duplicates is the one used."""
    out = {article.id: Verdict() for article in articles}
    for article in articles:
        if verdict := unreadable(article):
            out[article.id] = verdict
    kept = mark_duplicates([article for article in articles if out[article.id].status == "used"], out)
    if len(kept) >= 3:  # with two articles there is no majority to tell which one strays
        mark_off_topic(kept, out)
    if all(verdict.status != "used" for verdict in out.values()) and kept:
        out[kept[0].id] = Verdict()  # never leave the brief with nothing: the first readable one stays
    return out


def unreadable(article: Article) -> Verdict | None:
    """Why an article cannot be read: it failed to load, or it is not in English. Sets the article's
    language when it has none."""
    if article.error:
        return Verdict("failed", article.error)
    article.language = article.language or guess_language(article.text)
    if article.language and not article.language.startswith(("en", "und")):
        name = LANGUAGE_NAMES.get(article.language, article.language)
        return Verdict(
            "unsupported_language",
            f"written in {name} ({article.language}); the extraction rules read English only",
        )
    return None


def mark_duplicates(live: list[Article], out: dict[str, Verdict]) -> list[Article]:
    """Each copy of an earlier article marked in `out` as its duplicate; the articles kept."""
    kept: list[Article] = []
    for article, twin in first_twins(live):
        if twin:
            exact = " ".join(lowercase_words(article.text)) == " ".join(lowercase_words(twin.text))
            out[article.id] = Verdict(
                "duplicate",
                duplicate_of=twin.id,
                error=f"{'same text as' if exact else 'near copy of'} {twin.id}",
            )
        else:
            kept.append(article)
    return kept


def mark_off_topic(kept: list[Article], out: dict[str, Verdict]) -> None:
    """Mark in `out` each article that names almost none of what the others name, and follows none up."""
    best = dict(similarity_table(kept))
    median = sorted(best.values())[len(best) // 2]
    for article in kept:
        if best[article.id] < OFF_TOPIC * median and not follows_up(article, kept):
            out[article.id] = Verdict(
                "off_topic",
                f"names almost none of the places, people or groups the "
                f"other articles name (overlap {best[article.id]:.2f}, median {median:.2f})",
            )


def follows_up(article: Article, others: list[Article]) -> bool:
    """Whether most of an article's names (at least FOLLOW_UP_NAMES of them) are named by one other
    article."""
    own = keywords(article.text)
    shared = max((len(own & keywords(b.text)) for b in others if b is not article), default=0)
    return shared >= FOLLOW_UP_NAMES and shared >= FOLLOW_UP_SHARE * len(own)


def similarity_table(articles: list[Article]) -> list[tuple[str, float]]:
    """Each article's best keyword overlap with another (for calibrating OFF_TOPIC)."""
    kw = {a.id: keywords(a.text) for a in articles}
    holders: dict[str, list[str]] = {}  # keyword -> the articles naming it: only those can overlap at all
    for a in articles:
        for w in kw[a.id]:
            holders.setdefault(w, []).append(a.id)
    out = []
    for a in articles:
        others = {b for w in kw[a.id] for b in holders[w]} - {a.id}
        out.append((a.id, max((jaccard(kw[a.id], kw[b]) for b in others), default=0.0)))
    return out
