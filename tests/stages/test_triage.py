"""Triage's duplicate check: the same verdicts as comparing every pair, in near-linear work."""

from __future__ import annotations

import random

from summarizer.core.article import Article
from summarizer.stages import triage

VOCABULARY = [f"w{n}" for n in range(3_000)]


def distinct(n: int, words: int = 80, seed: int = 7) -> list[Article]:
    rnd = random.Random(seed)
    return [Article(text=" ".join(rnd.choices(VOCABULARY, k=words)) + ".", id=f"a{i}") for i in range(n)]


def every_pair(articles: list[Article]) -> dict[str, str | None]:
    """The verdicts as triage gave them before the index: each article against every kept one, in order."""
    sh = {a.id: triage.shingles(a.text) for a in articles}
    kept, out = [], {}
    for a in articles:
        twin = next((k for k in kept if triage.jaccard(sh[a.id], sh[k.id]) >= triage.NEAR_DUPLICATE), None)
        out[a.id] = twin.id if twin else None
        if twin is None:
            kept.append(a)
    return out


def copies_around_the_threshold(seed: int) -> list[Article]:
    """Articles and edited copies of them (a share of words changed, cut or added), some copies of copies,
    so that pairs fall on both sides of the threshold and chains make the 'first twin' matter."""
    rnd = random.Random(seed)
    out = distinct(25, words=rnd.choice([12, 40, 120]), seed=seed)
    for i in range(120):
        words = rnd.choice(out).text.rstrip(".").split()
        for _ in range(int(len(words) * rnd.uniform(0.0, 0.35))):
            at = rnd.randrange(len(words))
            edit = rnd.random()
            if edit < 0.4:
                words[at] = rnd.choice(VOCABULARY)
            elif edit < 0.7 and len(words) > 6:
                del words[at]
            else:
                words.insert(at, rnd.choice(VOCABULARY))
        out.append(Article(text=" ".join(words) + ".", id=f"copy{i}"))
    rnd.shuffle(out)
    return out


def test_the_index_gives_the_same_verdicts_as_every_pair():
    pairs = 0
    for seed in range(12):
        articles = copies_around_the_threshold(seed)
        want = every_pair(articles)
        got = {a.id: (twin.id if twin else None) for a, twin in triage.first_twins(articles)}
        assert got == want, seed
        pairs += sum(v is not None for v in want.values())
    assert pairs > 300  # many duplicates found, and (by the edits) many copies that are not


def test_distinct_articles_are_not_compared_pair_by_pair(monkeypatch):
    """2,000 distinct short articles: comparing every pair took 2 million Jaccard calls (quadratic); the
    index compares only articles that share a rare shingle. Speed itself: benchmarks/scale.py."""
    calls = 0
    real = triage.jaccard

    def counted(a, b):
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(triage, "jaccard", counted)
    monkeypatch.setattr(
        triage, "similarity_table", lambda kept: [(a.id, 1.0) for a in kept]
    )  # not this check's
    articles = distinct(2_000)
    verdicts = triage.triage(articles)
    assert all(v.status == "used" for v in verdicts.values())
    assert calls <= len(articles)
