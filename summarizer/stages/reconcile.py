"""Reconcile: merge per-source facts, pick best figures by a stated rule, flag disagreement."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict

from rapidfuzz import fuzz

from summarizer.core.brief import (
    Cause,
    Contradiction,
    Figure,
    FigureReport,
    Perpetrator,
    Position,
    Responsibility,
    Rule,
    Statement,
    TextFact,
    TimelineEvent,
)
from summarizer.core.doc import Facts
from summarizer.readers import cues as rules
from summarizer.readers import names
from summarizer.readers.figures import figures_in
from summarizer.readers.lexicon import STOP


def source_ids(evidence: list) -> list[str]:
    return sorted({q.source_id for q in evidence})


def pick_best(
    reports: list[FigureReport], rule: Rule, at: dict[str, str] | None = None
) -> FigureReport | None:
    """Among the sources' totals (reports of role `total` with no scope). latest: the newest source's
    current total, the first it states (a source leads with its current count; older ones come later,
    as history); a total dated by its own sentence ("climbed to 142 on Monday") stands on that day,
    not its source's; among totals that stand on the same day, the highest of those (tolls rise as
    counting goes on; a lower one is no revision unless its source says so, and then it is that
    source's current total). Where a source stands comes from `at` (source id -> YYYY-MM-DD: its
    dateline, or the day its content names; see order.py); sources with no place in time compete
    only when none has one. conservative: the lowest value. max: the highest value. Vague reports
    ("dozens") count only when no number is given."""
    reports = [r for r in reports if r.vague_high is None] or reports
    if not reports:
        return None
    if rule == "conservative":
        return min(reports, key=lambda r: r.value)
    if rule == "max":
        return max(reports, key=lambda r: r.value)
    by_source = (
        dict(at) if at is not None else {r.source_id: r.published_at[:10] for r in reports if r.published_at}
    )
    leads: dict[str, FigureReport] = {}
    for r in sorted(reports, key=lambda r: r.evidence[0].start):
        leads.setdefault(r.source_id, r)
    # A source whose current toll names its day ("climbed to 142 on Monday") stands on that day.
    by_source.update({sid: r.as_of for sid, r in leads.items() if r.as_of})

    def when(r: FigureReport) -> str:
        return by_source.get(r.source_id, "")

    pool = [r for r in reports if when(r)] or reports
    newest = max(when(r) for r in pool)
    first: dict[str, FigureReport] = {}
    for r in sorted((r for r in pool if when(r) == newest), key=lambda r: r.evidence[0].start):
        first.setdefault(r.source_id, r)
    return max(first.values(), key=lambda r: r.value)


def current_totals(reports: list[FigureReport]) -> list[FigureReport]:
    """Each source's totals: reports of the whole incident (role `total`, no scope)."""
    return [r for r in reports if r.role == "total" and r.scope is None]


def figure(reports: list[FigureReport], rule: Rule, at: dict[str, str] | None = None) -> Figure | None:
    """All of a category's reports; only totals compete for best, low, high and disputed (parts,
    increments, earlier figures and projections stay as their sources' reports)."""
    if not reports:
        return None
    when = at or {}
    reports = sorted(reports, key=lambda r: (when.get(r.source_id) or r.published_at or "9999", r.source_id))
    whole = current_totals(reports)
    if not whole:
        return Figure(reports=reports, best=None, rule=rule)
    exact = [r.value for r in whole if r.vague_high is None]
    vague = [(r.value, r.vague_high) for r in whole if r.vague_high is not None]
    if exact:
        low, high = min(exact), max(exact)
    else:
        low, high = min(lo for lo, _ in vague), max(hi for _, hi in vague)
    outside = any(not lo <= v <= hi for v in exact for lo, hi in vague)
    return Figure(
        reports=reports,
        best=pick_best(whole, rule, at),
        rule=rule,
        low=low,
        high=high,
        disputed=len(set(exact)) > 1 or outside,
    )


def _day(published: str | None) -> str:
    if not published:
        return "undated"
    d = dt.date.fromisoformat(published[:10])
    return f"{d.day} {d.strftime('%b')}"


def figure_contradiction(topic: str, fig: Figure | None) -> Contradiction | None:
    if fig is None or not fig.disputed:
        return None
    by_value: dict[int, list[FigureReport]] = defaultdict(list)
    for r in current_totals(fig.reports):
        by_value[r.value].append(r)
    chain = " → ".join(
        f"{r.as_stated} ({_day(r.published_at)}, {r.source_id})" for r in current_totals(fig.reports)
    )
    return Contradiction(
        topic=topic,
        text=f"Sources differ on the number {topic}: {chain}. Best by rule '{fig.rule}': "
        f"{fig.best.value if fig.best else 'none'}.",
        positions=[
            Position(
                text=f"{rs[0].as_stated}",
                source_ids=sorted({r.source_id for r in rs}),
                evidence=[q for r in rs for q in r.evidence],
            )
            for _, rs in sorted(by_value.items())
        ],
    )


_SUFFIX = re.compile(r"(?:ings?|ed|es|s|ion|ions)$")


def words(text: str) -> set[str]:
    """Crude stems: 'warned', 'warning' and 'warnings' all count as 'warn'."""
    return {
        _SUFFIX.sub("", w)[:5] for w in re.findall(r"[a-z]+", text.lower()) if w not in STOP and len(w) > 2
    }


def similar(a: str, b: str, idf: dict[str, float], threshold: float = 0.3) -> bool:
    """IDF-weighted overlap of crude stems, against the shorter sentence (one outlet says more)."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    shared = sum(idf.get(w, 1.0) for w in wa & wb)
    smaller = min(sum(idf.get(w, 1.0) for w in wa), sum(idf.get(w, 1.0) for w in wb))
    return shared / smaller >= threshold


def idf_of(texts: list[str]) -> dict[str, float]:
    import math

    df = Counter(w for t in texts for w in words(t))
    n = max(len(texts), 1)
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


def timeline(
    events: list[TimelineEvent], idf: dict[str, float]
) -> tuple[list[TimelineEvent], list[Contradiction]]:
    """Merge the same event told by several sources; flag one event given different dates."""
    merged: list[TimelineEvent] = []
    for e in sorted(events, key=lambda e: (e.date or "", e.evidence[0].source_id)):
        twin = next((m for m in merged if m.date == e.date and similar(m.text, e.text, idf, 0.4)), None)
        if twin:
            twin.evidence.extend(q for q in e.evidence if q not in twin.evidence)
        else:
            merged.append(e.model_copy(deep=True))
    contradictions = []
    for i, a in enumerate(merged):
        for b in merged[i + 1 :]:
            if not (a.date and b.date) or a.date == b.date:
                continue
            gap = abs((dt.date.fromisoformat(a.date) - dt.date.fromisoformat(b.date)).days)
            ids_a = {q.source_id for q in a.evidence}
            ids_b = {q.source_id for q in b.evidence}
            if gap <= 3 and not ids_a & ids_b and similar(a.text, b.text, idf, 0.35):
                da = dt.date.fromisoformat(a.date)
                db = dt.date.fromisoformat(b.date)
                contradictions.append(
                    Contradiction(
                        topic="timeline",
                        text=f"Sources date what looks like the same event differently: {da:%B} {da.day} "
                        f"({', '.join(sorted(ids_a))}) vs {db:%B} {db.day} ({', '.join(sorted(ids_b))}).",
                        positions=[
                            Position(text=a.text, source_ids=sorted(ids_a), evidence=a.evidence),
                            Position(text=b.text, source_ids=sorted(ids_b), evidence=b.evidence),
                        ],
                    )
                )
    return merged, contradictions


def _norm(name: str | None) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", (name or "").strip().lower())


def responsibility(all_facts: list[Facts]) -> tuple[list[Responsibility], list[Contradiction]]:
    out: list[Responsibility] = []
    for f in all_facts:
        for r in f.responsibility:
            twin = next(
                (
                    o
                    for o in out
                    if o.kind == r.kind
                    and same_or_both_none(o.actor, r.actor)
                    and same_or_both_none(o.asserted_by, r.asserted_by)
                ),
                None,
            )
            if twin:
                twin.evidence.extend(r.evidence)
            else:
                out.append(r.model_copy(deep=True))
    claimed = [r for r in out if r.kind in ("claim", "confirmation")]
    blamed = [
        r
        for r in out
        if r.kind in ("accusation", "attribution")
        and not any(_norm(c.actor) and _norm(c.actor) in _norm(r.actor) for c in claimed)
    ]
    contradictions = []
    if claimed and blamed:
        contradictions.append(
            Contradiction(
                topic="responsibility",
                text="Sources disagree on who is responsible: "
                + "; ".join(f"{r.asserted_by} ({r.kind}): {r.actor}" for r in (claimed[:2] + blamed[:2])),
                positions=[
                    Position(
                        text=f"{r.asserted_by}: {r.actor}",
                        source_ids=source_ids(r.evidence),
                        evidence=r.evidence,
                    )
                    for r in claimed[:3] + blamed[:3]
                ],
            )
        )
    return out, contradictions


_GOT_AWAY = re.compile(
    r"\b(?:retreat|return|withdr[ae]w|escap|fled|got away)\w*\b[^!?;]{0,60}?\bsafe(?:ly)?\b|"
    r"\bsafe(?:ly)?\b[^.]{0,30}\b(?:retreat|return|escap)\w*",
    re.I,
)


def got_away_vs_caught(
    statements: list[Statement], arrests: Figure | None, perpetrators: list[Perpetrator]
) -> Contradiction | None:
    """A claim that the attackers got away safely, against reports of arrests."""
    claims = [s for s in statements if _GOT_AWAY.search(s.quote)]
    caught = [p for p in perpetrators if p.status in ("arrested", "charged")]
    if not claims or not (arrests and arrests.best) and not caught:
        return None
    c = claims[0]
    positions = [
        Position(
            text=f"{c.speaker}: “{c.quote[:160]}”", source_ids=[c.evidence[0].source_id], evidence=c.evidence
        )
    ]
    if arrests and arrests.best:
        b = arrests.best
        positions.append(
            Position(text=f"{b.as_stated} arrested", source_ids=[b.source_id], evidence=b.evidence)
        )
        other = f"{b.source_id} reports {b.as_stated} arrested"
    else:
        other = f"{len(caught)} named suspects are reported {caught[0].status}"
    for p in caught[:4]:
        positions.append(
            Position(text=f"{p.name} ({p.status})", source_ids=source_ids(p.evidence), evidence=p.evidence)
        )
    return Contradiction(
        topic="perpetrators",
        text=f"{c.speaker} says the attackers got away safely, while {other}.",
        positions=positions,
    )


def stated_disputes(all_facts: list[Facts]) -> list[Contradiction]:
    """Each sentence in which a source says accounts differ, topic from what it counts or names."""
    out = []
    for f in all_facts:
        for q in f.disputes:
            counted = [f.category for f in figures_in(q.quote)]
            topic = "weapons" if rules.weapons(q.quote) else counted[0] if counted else "other"
            out.append(
                Contradiction(
                    topic=topic,
                    text=q.quote,
                    positions=[Position(text=q.quote, source_ids=[q.source_id], evidence=[q])],
                )
            )
    return out


def magnitude(all_facts: list[Facts]) -> Contradiction | None:
    """An earthquake given different magnitudes (agencies measure differently)."""
    by_value: dict[str, list] = defaultdict(list)
    for f in all_facts:
        for value, q in f.magnitudes:
            by_value[value].append(q)
    if len(by_value) < 2:
        return None
    ordered = sorted(by_value.items(), key=lambda kv: -len(kv[1]))
    return Contradiction(
        topic="other",
        text="Sources give the magnitude as "
        + " and as ".join(f"{v} ({', '.join(source_ids(qs))})" for v, qs in ordered)
        + ".",
        positions=[
            Position(text=f"magnitude {v}", source_ids=source_ids(qs), evidence=qs) for v, qs in ordered
        ],
    )


def causes(all_facts: list[Facts]) -> tuple[list[Cause], list[Contradiction]]:
    """Causes merged when they say the same (rapidfuzz token-set ratio >= 80), keeping every evidence;
    sources giving different causes, or one disputing a cause, make a contradiction."""
    merged: list[Cause] = []
    for c in (c for f in all_facts for c in f.causes):
        twin = next((m for m in merged if fuzz.token_set_ratio(m.text.lower(), c.text.lower()) >= 80), None)
        if twin is None:
            merged.append(c.model_copy(deep=True))
            continue
        twin.evidence.extend(q for q in c.evidence if q not in twin.evidence)
        if c.status == "disputed" or twin.status == "disputed":
            twin.status = "disputed"
        elif "stated" in (c.status, twin.status):
            twin.status = "stated"
    ids = [source_ids(c.evidence) for c in merged]
    differ = [
        (a, b)
        for i, a in enumerate(merged)
        for j, b in enumerate(merged[i + 1 :], i + 1)
        if not set(ids[i]) & set(ids[j]) and fuzz.token_set_ratio(a.text.lower(), b.text.lower()) < 50
    ]
    if not differ and not any(c.status == "disputed" for c in merged):
        return merged, []
    picked = {
        id(c): c for c in [c for pair in differ for c in pair] + [c for c in merged if c.status == "disputed"]
    }
    shown = list(picked.values())
    return merged, [
        Contradiction(
            topic="cause",
            text="Sources give different causes: "
            + "; ".join(
                f"{c.text} ({c.status}{', ' + c.asserted_by if c.asserted_by else ''}; "
                f"{', '.join(source_ids(c.evidence))})"
                for c in shown[:4]
            )
            + ".",
            positions=[
                Position(text=c.text, source_ids=source_ids(c.evidence), evidence=c.evidence)
                for c in shown[:4]
            ],
        )
    ]


def unique(items: list, key) -> list:
    seen: dict = {}
    for it in items:
        k = key(it)
        if k in seen:
            seen[k].evidence.extend(q for q in it.evidence if q not in seen[k].evidence)
        else:
            seen[k] = it.model_copy(deep=True)
    return list(seen.values())


def same_or_both_none(a: str | None, b: str | None) -> bool:
    return (a is None and b is None) or names.same(a, b)


def perpetrators(all_facts: list[Facts]) -> list[Perpetrator]:
    """One entry per entity (aliases and acronyms merged, every evidence kept), with its most advanced status."""
    rank = {"charged": 3, "arrested": 2, "killed": 2, "at_large": 1, "unknown": 0}
    merged: list[Perpetrator] = []
    aliases: list[list[str]] = []  # every name each merged entry was found under
    found = [p for f in all_facts for p in f.perpetrators]
    full = [p.name for p in found if p.kind == "person" and len(p.name.split()) > 1]
    # Named entries first, so that "the terror outfit" joins the one group that claimed, when only one did.
    for p in sorted(found, key=lambda p: names.is_description(p.name)):
        if p.kind == "person" and len(p.name.split()) == 1:  # "Hashem" is "Hashem Abedi" when no other one is
            whole = {n for n in full if p.name in (n.split()[0], n.split()[-1])}
            if len(whole) == 1:
                p = p.model_copy(update={"name": whole.pop()})
        if p.role == "claimed" and names.is_description(p.name):
            groups = [m for m in merged if m.role == "claimed" and not names.is_description(m.name)]
            if len(groups) == 1:
                p = p.model_copy(update={"name": groups[0].name})
        i = next(
            (
                i
                for i, m in enumerate(merged)
                if m.kind == p.kind and any(names.same(a, p.name) for a in aliases[i])
            ),
            None,
        )
        if i is None:
            merged.append(p.model_copy(deep=True))
            aliases.append([p.name])
            continue
        twin = merged[i]
        aliases[i].append(p.name)
        twin.evidence.extend(q for q in p.evidence if q not in twin.evidence)
        twin.status = max(twin.status, p.status, key=lambda s: rank[s])
    return merged


def simple(all_facts: list[Facts]) -> tuple[list[TextFact], list[TextFact], list[Statement]]:
    weapons = unique([w for f in all_facts for w in f.weapons], key=lambda w: w.text.lower().rstrip("s"))
    unverified = unique([u for f in all_facts for u in f.unverified], key=lambda u: u.text)
    return weapons, unverified, one_per_quote([s for f in all_facts for s in f.statements])


# Quotation marks, apostrophes and dashes of every shape, as one: two sources' copies of a quotation
# differ in these alone.
_TYPOGRAPHY = str.maketrans(
    {"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-", "\u00a0": " "}
)


def quote_key(quote: str) -> str:
    """A quotation's words, whatever the marks, dashes, spacing and end punctuation it is copied with."""
    return " ".join(quote.translate(_TYPOGRAPHY).casefold().split()).strip(" ,.;:!?'\"-")


def one_per_quote(statements: list[Statement]) -> list[Statement]:
    """One statement per quotation, with every source that gives it; the speaker is the first that
    names someone ("Ana Lund" over "the mayor"), else the first given."""
    merged: dict[str, Statement] = {}
    for s in statements:
        key = quote_key(s.quote)
        twin = merged.get(key)
        if twin is None:
            merged[key] = s.model_copy(deep=True)
            continue
        twin.evidence.extend(q for q in s.evidence if q not in twin.evidence)
        if names.is_description(twin.speaker) and not names.is_description(s.speaker):
            twin.speaker, twin.role = s.speaker, s.role or twin.role
    return list(merged.values())
