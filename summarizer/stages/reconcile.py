"""Reconcile: merge per-source facts, pick best figures by a stated rule, flag disagreement."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable

from rapidfuzz import fuzz

from summarizer.core.brief import (
    Cause,
    Contradiction,
    Figure,
    FigureReport,
    Perpetrator,
    Position,
    Quote,
    Responsibility,
    Rule,
    Statement,
    TextFact,
    TimelineEvent,
)
from summarizer.core.doc import Facts
from summarizer.readers import cues, names
from summarizer.readers.figures import figures_in
from summarizer.readers.lexicon import STOP


def source_ids(evidence: list[Quote]) -> list[str]:
    return sorted({q.source_id for q in evidence})


# --- figures ----------------------------------------------------------------------------------


def pick_best(
    reports: list[FigureReport], rule: Rule, at: dict[str, str] | None = None
) -> FigureReport | None:
    """Among the sources' totals (reports of role `total` with no scope). latest: see `_latest`.
    conservative: the lowest value. max: the highest value. Vague reports ("dozens") count only when
    no number is given."""
    reports = [r for r in reports if r.vague_high is None] or reports
    if not reports:
        return None
    if rule == "conservative":
        return min(reports, key=lambda r: r.value)
    if rule == "max":
        return max(reports, key=lambda r: r.value)
    return _latest(reports, at)


def _latest(reports: list[FigureReport], at: dict[str, str] | None) -> FigureReport:
    """The newest source's current total, the first it states (a source leads with its current count;
    older ones come later, as history); among totals that stand on the same day, the highest of those
    (tolls rise as counting goes on; a lower one is no revision unless its source says so, and then it
    is that source's current total). Sources with no place in time compete only when none has one."""
    days = _source_days(reports, at)

    def when(report: FigureReport) -> str:
        return days.get(report.source_id, "")

    pool = [r for r in reports if when(r)] or reports
    newest = max(when(r) for r in pool)
    first = _first_per_source([r for r in pool if when(r) == newest])
    return max(first.values(), key=lambda r: r.value)


def _source_days(reports: list[FigureReport], at: dict[str, str] | None) -> dict[str, str]:
    """Where each source stands in time (source id -> YYYY-MM-DD): from `at` (its dateline, or the day
    its content names; see order.py), else its dateline; a total dated by its own sentence ("climbed
    to 142 on Monday") stands on that day, not its source's."""
    days = (
        dict(at) if at is not None else {r.source_id: r.published_at[:10] for r in reports if r.published_at}
    )
    days.update({sid: r.as_of for sid, r in _first_per_source(reports).items() if r.as_of})
    return days


def _first_per_source(reports: list[FigureReport]) -> dict[str, FigureReport]:
    """Each source's report that comes first in its text."""
    first: dict[str, FigureReport] = {}
    for report in sorted(reports, key=lambda r: r.evidence[0].start):
        first.setdefault(report.source_id, report)
    return first


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
    low, high, disputed = _spread(whole)
    return Figure(
        reports=reports, best=pick_best(whole, rule, at), rule=rule, low=low, high=high, disputed=disputed
    )


def _spread(totals: list[FigureReport]) -> tuple[int, int, bool]:
    """The lowest and highest total (of the numbers; of the vague ranges when no number is given),
    and whether they are disputed: numbers that differ, or one outside a vague range ("dozens")."""
    exact = [r.value for r in totals if r.vague_high is None]
    vague = [(r.value, r.vague_high) for r in totals if r.vague_high is not None]
    if exact:
        low, high = min(exact), max(exact)
    else:
        low, high = min(lo for lo, _ in vague), max(hi for _, hi in vague)
    outside = any(not lo <= v <= hi for v in exact for lo, hi in vague)
    return low, high, len(set(exact)) > 1 or outside


def _day_month(published: str | None) -> str:
    """ "12 Mar" of a dateline, or "undated"."""
    if not published:
        return "undated"
    day = dt.date.fromisoformat(published[:10])
    return f"{day.day} {day.strftime('%b')}"


def figure_contradiction(topic: str, fig: Figure | None) -> Contradiction | None:
    if fig is None or not fig.disputed:
        return None
    by_value: dict[int, list[FigureReport]] = defaultdict(list)
    for r in current_totals(fig.reports):
        by_value[r.value].append(r)
    chain = " → ".join(
        f"{r.as_stated} ({_day_month(r.published_at)}, {r.source_id})" for r in current_totals(fig.reports)
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


# --- the timeline -----------------------------------------------------------------------------

_SUFFIX = re.compile(r"(?:ings?|ed|es|s|ion|ions)$")


def stems(text: str) -> set[str]:
    """Crude stems: 'warned', 'warning' and 'warnings' all count as 'warn'."""
    return {
        _SUFFIX.sub("", w)[:5] for w in re.findall(r"[a-z]+", text.lower()) if w not in STOP and len(w) > 2
    }


def similar(first: str, second: str, idf: dict[str, float], threshold: float = 0.3) -> bool:
    """IDF-weighted overlap of crude stems, against the shorter sentence (one outlet says more)."""
    first_stems, second_stems = stems(first), stems(second)
    if not first_stems or not second_stems:
        return False
    shared = sum(idf.get(w, 1.0) for w in first_stems & second_stems)
    smaller = min(sum(idf.get(w, 1.0) for w in first_stems), sum(idf.get(w, 1.0) for w in second_stems))
    return shared / smaller >= threshold


def idf_of(texts: list[str]) -> dict[str, float]:
    """Each stem's inverse document frequency over `texts` (rare stems weigh more in `similar`)."""
    df = Counter(w for t in texts for w in stems(t))
    n = max(len(texts), 1)
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


def timeline(
    events: list[TimelineEvent], idf: dict[str, float]
) -> tuple[list[TimelineEvent], list[Contradiction]]:
    """Merge the same event told by several sources; flag one event given different dates."""
    merged: list[TimelineEvent] = []
    for event in sorted(events, key=lambda e: (e.date or "", e.evidence[0].source_id)):
        twin = next(
            (m for m in merged if m.date == event.date and similar(m.text, event.text, idf, 0.4)), None
        )
        if twin:
            twin.evidence.extend(q for q in event.evidence if q not in twin.evidence)
        else:
            merged.append(event.model_copy(deep=True))
    contradictions = [
        conflict
        for i, first in enumerate(merged)
        for second in merged[i + 1 :]
        if (conflict := _date_conflict(first, second, idf))
    ]
    return merged, contradictions


def _date_conflict(
    first: TimelineEvent, second: TimelineEvent, idf: dict[str, float]
) -> Contradiction | None:
    """Two events of different sources, dated at most three days apart, that read alike: one event the
    sources date differently."""
    if not (first.date and second.date) or first.date == second.date:
        return None
    day_a, day_b = dt.date.fromisoformat(first.date), dt.date.fromisoformat(second.date)
    ids_a, ids_b = {q.source_id for q in first.evidence}, {q.source_id for q in second.evidence}
    if abs((day_a - day_b).days) > 3 or ids_a & ids_b or not similar(first.text, second.text, idf, 0.35):
        return None
    return Contradiction(
        topic="timeline",
        text=f"Sources date what looks like the same event differently: {day_a:%B} {day_a.day} "
        f"({', '.join(sorted(ids_a))}) vs {day_b:%B} {day_b.day} ({', '.join(sorted(ids_b))}).",
        positions=[
            Position(text=first.text, source_ids=sorted(ids_a), evidence=first.evidence),
            Position(text=second.text, source_ids=sorted(ids_b), evidence=second.evidence),
        ],
    )


# --- responsibility, perpetrators and causes ----------------------------------------------------


def _bare_name(name: str | None) -> str:
    """A name in lower case without its article ("the Islamic State" -> "islamic state")."""
    return re.sub(r"^(?:the|a|an)\s+", "", (name or "").strip().lower())


def responsibility(all_facts: list[Facts]) -> tuple[list[Responsibility], list[Contradiction]]:
    """One entry per kind, actor and asserter (every evidence kept); a claim or confirmation by one
    party against blame put on another makes a contradiction."""
    merged: list[Responsibility] = []
    for facts in all_facts:
        for found in facts.responsibility:
            twin = next((m for m in merged if _same_responsibility(m, found)), None)
            if twin:
                twin.evidence.extend(found.evidence)
            else:
                merged.append(found.model_copy(deep=True))
    return merged, _claimed_vs_blamed(merged)


def _same_responsibility(first: Responsibility, second: Responsibility) -> bool:
    return (
        first.kind == second.kind
        and same_or_both_none(first.actor, second.actor)
        and same_or_both_none(first.asserted_by, second.asserted_by)
    )


def _claimed_vs_blamed(merged: list[Responsibility]) -> list[Contradiction]:
    """Claims and confirmations against accusations and attributions that name someone else."""
    claimed = [r for r in merged if r.kind in ("claim", "confirmation")]
    blamed = [
        r
        for r in merged
        if r.kind in ("accusation", "attribution")
        and not any(_bare_name(c.actor) and _bare_name(c.actor) in _bare_name(r.actor) for c in claimed)
    ]
    if not (claimed and blamed):
        return []
    return [
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
    ]


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
    claim = claims[0]
    positions = [
        Position(
            text=f"{claim.speaker}: “{claim.quote[:160]}”",
            source_ids=[claim.evidence[0].source_id],
            evidence=claim.evidence,
        )
    ]
    if arrests and arrests.best:
        best = arrests.best
        positions.append(
            Position(text=f"{best.as_stated} arrested", source_ids=[best.source_id], evidence=best.evidence)
        )
        other = f"{best.source_id} reports {best.as_stated} arrested"
    else:
        other = f"{len(caught)} named suspects are reported {caught[0].status}"
    for p in caught[:4]:
        positions.append(
            Position(text=f"{p.name} ({p.status})", source_ids=source_ids(p.evidence), evidence=p.evidence)
        )
    return Contradiction(
        topic="perpetrators",
        text=f"{claim.speaker} says the attackers got away safely, while {other}.",
        positions=positions,
    )


def stated_disputes(all_facts: list[Facts]) -> list[Contradiction]:
    """Each sentence in which a source says accounts differ, topic from what it counts or names."""
    out = []
    for facts in all_facts:
        for q in facts.disputes:
            counted = [f.category for f in figures_in(q.quote)]
            topic = "weapons" if cues.weapons(q.quote) else counted[0] if counted else "other"
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
    by_value: dict[str, list[Quote]] = defaultdict(list)
    for facts in all_facts:
        for value, q in facts.magnitudes:
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
    for cause in (c for facts in all_facts for c in facts.causes):
        twin = next(
            (m for m in merged if fuzz.token_set_ratio(m.text.lower(), cause.text.lower()) >= 80), None
        )
        if twin is None:
            merged.append(cause.model_copy(deep=True))
        else:
            _merge_cause(twin, cause)
    differ = _differing_causes(merged)
    if not differ and not any(c.status == "disputed" for c in merged):
        return merged, []
    picked = {
        id(c): c for c in [c for pair in differ for c in pair] + [c for c in merged if c.status == "disputed"]
    }
    return merged, [_cause_contradiction(list(picked.values())[:4])]


def _merge_cause(twin: Cause, cause: Cause) -> None:
    """The same cause from another source: its evidence added; disputed by either is disputed, else
    stated by either is stated."""
    twin.evidence.extend(q for q in cause.evidence if q not in twin.evidence)
    if cause.status == "disputed" or twin.status == "disputed":
        twin.status = "disputed"
    elif "stated" in (cause.status, twin.status):
        twin.status = "stated"


def _differing_causes(merged: list[Cause]) -> list[tuple[Cause, Cause]]:
    """Pairs of causes that share no source and say different things (token-set ratio under 50)."""
    ids = [set(source_ids(c.evidence)) for c in merged]
    return [
        (first, second)
        for i, first in enumerate(merged)
        for j, second in enumerate(merged[i + 1 :], i + 1)
        if not ids[i] & ids[j] and fuzz.token_set_ratio(first.text.lower(), second.text.lower()) < 50
    ]


def _cause_contradiction(shown: list[Cause]) -> Contradiction:
    return Contradiction(
        topic="cause",
        text="Sources give different causes: "
        + "; ".join(
            f"{c.text} ({c.status}{', ' + c.asserted_by if c.asserted_by else ''}; "
            f"{', '.join(source_ids(c.evidence))})"
            for c in shown
        )
        + ".",
        positions=[
            Position(text=c.text, source_ids=source_ids(c.evidence), evidence=c.evidence) for c in shown
        ],
    )


def merged_by_key(items: list[TextFact], key: Callable[[TextFact], str]) -> list[TextFact]:
    """One item per key, the first given, with the evidence of all that share its key."""
    seen: dict[str, TextFact] = {}
    for item in items:
        item_key = key(item)
        if item_key in seen:
            seen[item_key].evidence.extend(q for q in item.evidence if q not in seen[item_key].evidence)
        else:
            seen[item_key] = item.model_copy(deep=True)
    return list(seen.values())


def same_or_both_none(first: str | None, second: str | None) -> bool:
    return (first is None and second is None) or names.same(first, second)


# How far a perpetrator's case has gone: the merged entry keeps the most advanced status.
_STATUS_RANK = {"charged": 3, "arrested": 2, "killed": 2, "at_large": 1, "unknown": 0}


def perpetrators(all_facts: list[Facts]) -> list[Perpetrator]:
    """One entry per entity (aliases and acronyms merged, every evidence kept), with its most advanced
    status."""
    merged: list[Perpetrator] = []
    aliases: list[list[str]] = []  # every name each merged entry was found under
    found = [p for facts in all_facts for p in facts.perpetrators]
    full_names = [p.name for p in found if p.kind == "person" and len(p.name.split()) > 1]
    # Named entries first, so that "the terror outfit" joins the one group that claimed, when only one did.
    for perpetrator in sorted(found, key=lambda p: names.is_description(p.name)):
        perpetrator = _with_claiming_group(_with_full_name(perpetrator, full_names), merged)
        i = _alias_index(perpetrator, merged, aliases)
        if i is None:
            merged.append(perpetrator.model_copy(deep=True))
            aliases.append([perpetrator.name])
            continue
        twin = merged[i]
        aliases[i].append(perpetrator.name)
        twin.evidence.extend(q for q in perpetrator.evidence if q not in twin.evidence)
        twin.status = max(twin.status, perpetrator.status, key=lambda s: _STATUS_RANK[s])
    return merged


def _with_full_name(perpetrator: Perpetrator, full_names: list[str]) -> Perpetrator:
    """A person named by one word is the one full name that begins or ends with it ("Hashem" is
    "Hashem Abedi" when no other one is)."""
    if perpetrator.kind == "person" and len(perpetrator.name.split()) == 1:
        whole = {n for n in full_names if perpetrator.name in (n.split()[0], n.split()[-1])}
        if len(whole) == 1:
            return perpetrator.model_copy(update={"name": whole.pop()})
    return perpetrator


def _with_claiming_group(perpetrator: Perpetrator, merged: list[Perpetrator]) -> Perpetrator:
    """A claimant named only by a description ("the terror outfit") is the one named group that
    claimed, when only one did."""
    if perpetrator.role == "claimed" and names.is_description(perpetrator.name):
        groups = [m for m in merged if m.role == "claimed" and not names.is_description(m.name)]
        if len(groups) == 1:
            return perpetrator.model_copy(update={"name": groups[0].name})
    return perpetrator


def _alias_index(perpetrator: Perpetrator, merged: list[Perpetrator], aliases: list[list[str]]) -> int | None:
    """The merged entry of the same kind found under a name that is the same as this one's, if any."""
    return next(
        (
            i
            for i, m in enumerate(merged)
            if m.kind == perpetrator.kind and any(names.same(a, perpetrator.name) for a in aliases[i])
        ),
        None,
    )


def weapons_unverified_statements(
    all_facts: list[Facts],
) -> tuple[list[TextFact], list[TextFact], list[Statement]]:
    """The weapons (one per name, plural aside), the unverified claims (one per text) and the
    statements (one per quotation) of every source, each with the evidence of all that give it."""
    weapons = merged_by_key(
        [w for facts in all_facts for w in facts.weapons], key=lambda w: w.text.lower().rstrip("s")
    )
    unverified = merged_by_key([u for facts in all_facts for u in facts.unverified], key=lambda u: u.text)
    return weapons, unverified, one_per_quote([s for facts in all_facts for s in facts.statements])


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
