"""Pipeline: ingest -> extract (concurrent) -> ground -> reconcile -> synthesize -> brief."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import time
from collections import Counter
from pathlib import Path

from summarizer.core.article import Article
from summarizer.core.brief import (
    Casualties,
    DateFact,
    IncidentBrief,
    Location,
    Questions,
    Quote,
    ReadingReport,
    Run,
    Source,
    Tokens,
)
from summarizer.core.doc import Doc, Facts
from summarizer.core.errors import BackendError, InputError, SummarizerError
from summarizer.core.protocols import ModelClient, Progress
from summarizer.core.text import plural
from summarizer.core.vocab import FIGURE_CATEGORIES
from summarizer.inputs.ingest import load
from summarizer.llm.config import Config, resolve
from summarizer.llm.decide import Decider
from summarizer.llm.prompts import prompt_hash
from summarizer.llm.scripted import NoModel
from summarizer.readers import cues as rules
from summarizer.readers import dates as parse
from summarizer.readers import kinds
from summarizer.readers import language as nlp
from summarizer.stages import reconcile
from summarizer.stages.extract import date_mentions, extract, place_mentions, with_background
from summarizer.stages.ground import check
from summarizer.stages.locate import locate
from summarizer.stages.order import source_order
from summarizer.stages.read import merge, read
from summarizer.stages.segment import doc
from summarizer.stages.synthesize import synthesize
from summarizer.stages.triage import triage
from summarizer.update import reconfirm, still_holds


def _plan(say: Progress, n: int) -> None:
    getattr(say, "plan", lambda _n: None)(n)


def _step(say: Progress) -> None:
    getattr(say, "step", lambda: None)()


def source(
    a: Article,
    status: str = "used",
    error: str | None = None,
    duplicate_of: str | None = None,
    suspected: int = 0,
) -> Source:
    return Source(
        id=a.id,
        name=a.name,
        title=a.title,
        outlet=a.outlet,
        published_at=a.published_at,
        url=a.url,
        language=a.language,
        words=len(a.text.split()),
        status=status,
        duplicate_of=duplicate_of,
        error=error,
        suspected_injection=suspected,
        text=a.text,
    )


def incident_date(docs: list[Doc]) -> DateFact | None:
    """The earliest date the sources' openings give for what happened (an incident comes before its
    reports), among those given by at least half as many sources as the best supported one (a day
    one source names against the others' agreement is its background); a date hung on a verb of
    saying or on a toll dates a report (extract.dates_a_report). A weekday is
    read against the article's own dateline; in an undated article, against the first dateline of
    the others, and then it counts only where a dated source or another undated one agrees."""
    datelines = sorted(d.article.published_at[:10] for d in docs if d.article.published_at)
    first = datelines[0] if datelines else latest_full_date(docs)
    mentions = [m for d in docs for m in date_mentions(d)]
    borrowed = [
        m for d in docs if not d.article.published_at for m in date_mentions(d, first) if m not in mentions
    ]
    if not mentions and not borrowed:
        return month_or_year(docs)
    support = Counter(v for v, q in {(v, q.source_id) for v, q in mentions + borrowed})
    own = {v for v, _q in mentions}
    candidates = [v for v in support if v in own or support[v] > 1] or list(support)
    top = max(support[v] for v in candidates)
    value = min(v for v in candidates if 2 * support[v] >= top)  # the earliest that half as many sources give
    evidence = [q for v, q in mentions + borrowed if v == value][:4]
    time, time_quote = incident_time(docs, {q.source_id for q in evidence}, value)
    return DateFact(
        value=value, time=time, precision="day", evidence=evidence + ([time_quote] if time_quote else [])
    )


def month_or_year(docs: list[Doc]) -> DateFact | None:
    """Without a day, the month ("in March 2024") or the year ("in 2019") the openings give the
    incident, with that precision; the earliest when several are given."""
    found = [
        (value, precision, d.evidence(s, a, b))
        for d in docs
        for s in d.lead()
        for value, precision, a, b in parse.months_and_years(s.text)
    ]
    if not found:
        return None
    value, precision, quote = min(found, key=lambda f: f[0])
    return DateFact(value=value, precision=precision, evidence=[quote])


def latest_full_date(docs: list[Doc]) -> str | None:
    """Without any dateline, the latest date with its year that any source writes ("APR 26, 2015" at the
    foot of a page): a report is no older than that, and it gives undated days their year."""
    found = [
        m.value
        for d in docs
        for s in d.sentences
        if not s.boilerplate
        for m in parse.dates(s.text, None)
        if m.value and m.kind in ("mdy", "dmy", "iso")
    ]
    return max(found) if found else None


def incident_time(docs: list[Doc], dated: set[str], date: str) -> tuple[str | None, Quote | None]:
    """The clock time most sources' openings give; ties go to the source that gave the date, then the
    earliest. Without one, a time stated where a source says when the incident started ("the attack
    began shortly after noon")."""
    found: list[tuple[str, Quote]] = []
    for d in docs:
        for s in d.lead():
            for t, a, b in parse.clock_times(s.text):
                found.append((t, d.evidence(s, a, b)))
                break
    for d in docs if not found else ():
        for s, bg in with_background(d, date):
            for t, a, b in parse.clock_times(s.text) if not bg and rules.tells_start(s.text) else ():
                found.append((t, d.evidence(s, a, b)))
                break
    if not found:
        return None, None
    support = Counter(t for t, _q in {(t, q.source_id): q for t, q in found})
    best = max(
        support,
        key=lambda t: (
            support[t],
            any(q.source_id in dated for u, q in found if u == t),
            -min(i for i, (u, _q) in enumerate(found) if u == t),
        ),
    )
    return best, next(q for t, q in found if t == best)


def lead_spans(d: Doc) -> list:
    """A source's title and opening sentences as spaCy spans, for reading its kind."""
    title = [nlp.pipeline()(d.article.title)[:]] if d.article.title else []
    return title + [
        span for s in d.lead() if (span := d.parsed.char_span(s.start, s.end, alignment_mode="expand"))
    ]


def describe_incident(kind: str, date: DateFact | None, location: Location | None) -> str:
    """The incident as the questions name it: its type, date and place, all taken from the sources' openings."""
    what = kind.replace("_", " ") if kind not in ("unknown", "other") else "incident"
    where = ", ".join(x for x in (location.venue, location.city, location.country) if x) if location else ""
    return f"{what}{' at ' + where if where else ''}{' on ' + date.value if date else ''}"


def asks_model(config: Config) -> bool:
    """Whether a run asks a model anything: a question kind, the synopsis, or to read the articles."""
    return config.answers == "model" and bool(config.ask) or config.reader != "candidates"


def needs_embedded_server(config: Config) -> bool:
    """True when the brief asks a model something (a question kind, the synopsis, or to read) and the
    model is the embedded one, not yet started: it starts only when it is asked something."""
    return asks_model(config) and config.backend == "embedded" and not config.base_url


async def run(
    articles: list[Article],
    config: Config,
    progress: Progress | None = None,
    rule: str = "latest",
    http_client=None,
    model: ModelClient | None = None,
    carried: dict[str, Facts] | None = None,
) -> IncidentBrief:
    """`model`: an object with the client's `ask`, `usage` and `close` (e.g. `ScriptedModel`) instead of a backend.
    `carried`: facts a previous brief already holds for some sources (update.py); those are not read again."""
    t0 = time.monotonic()
    say = progress or (lambda _m: None)
    verdicts = triage(articles)
    warnings = [w for a in articles for w in a.warnings]
    for a in articles:
        if (v := verdicts[a.id]).status != "used":
            warnings.append(f"{a.id}: {v.status.replace('_', ' ')} ({v.error})")
    if not any(v.status == "used" for v in verdicts.values()):  # nothing to read: no model start, no call
        reasons = "; ".join(f"{a.id}: {verdicts[a.id].status.replace('_', ' ')}" for a in articles)
        raise InputError(f"no usable article ({reasons})")
    if model is None and needs_embedded_server(config):
        from summarizer.llm.embedded import aensure_server

        say("starting the embedded model")
        server = await aensure_server()
        say(f"embedded model server ready (pid {server.pid}, {server.base_url})")
        config = dataclasses.replace(config, base_url=server.base_url)
    if model is None and not asks_model(config):
        model = NoModel()  # nothing is asked of a model: openai and instructor are not even imported
    if model is None:
        from summarizer.llm.client import Client  # deferred: a heavy import only runs that ask a model need

        model = Client(config, http_client=http_client)
    client = model
    try:
        return await build(articles, verdicts, warnings, config, client, say, rule, t0, carried or {})
    finally:
        await client.close()


async def build(
    articles: list[Article],
    verdicts: dict,
    warnings: list[str],
    config: Config,
    client: ModelClient,
    say: Progress,
    rule: str,
    t0: float,
    carried: dict[str, Facts],
) -> IncidentBrief:
    used = [a for a in articles if verdicts[a.id].status == "used"]
    docs = [doc(a) for a in used]
    suspected = {d.id: [s for s in d.sentences if s.suspect] for d in docs}
    for d in docs:
        for s in suspected[d.id]:  # the sentence itself is not repeated: it is the attacker's text
            warnings.append(
                f"{d.id}: sentence {s.id + 1} (characters {s.start}-{s.end}) set aside as suspected "
                "prompt injection; not used as evidence"
            )
    date = incident_date(docs)
    kind, subtype = kinds.subtype(
        rules.incident_type([[d.article.title or ""] + [s.text for s in d.lead()] for d in docs]),
        [lead_spans(d) for d in docs],
    )
    decider = Decider(client, config.answers, config.ask)
    texts = {d.id: d.article.text for d in docs}
    mentions = [m for d in docs for m in place_mentions(d, date.value if date else None)]
    location = await locate(mentions, texts, decider, describe_incident(kind, date, None))
    incident = describe_incident(kind, date, location)
    # Words of the incident's place: a count "in" another place is that place's share.
    place_words = frozenset(
        w
        for x in ((location.venue, location.city, location.region, location.country) if location else ())
        if x
        for w in x.split()
    )
    say(f"extracting from {plural(len(docs), 'article')}")
    _plan(say, len(docs))

    day = date.value if date else None
    tokens: dict[str, Tokens] = {}
    rereader = Decider(client, "rules")  # carried facts are checked against what the rules read

    async def one(d: Doc) -> Facts | Exception:
        if d.id in carried:  # the previous brief's facts, each read again by the rules (no model call)
            fresh = await extract(d, rereader, incident, day, place_words)
            facts, dropped = reconfirm(carried[d.id], fresh)
            warnings.extend(dropped)
            return still_holds(facts, d, day)
        try:
            facts = (
                await extract(d, decider, incident, day, place_words)
                if config.reader != "articles"
                else Facts(d.id)
            )
            say(f"extracted {d.id}")
            _step(say)
            return facts
        except BackendError as e:
            say(f"failed {d.id}: {e}")
            return e

    with spent(client, tokens, "candidates"):
        results = dict(zip((d.id for d in docs), await asyncio.gather(*(one(d) for d in docs))))
    reading = None
    if config.reader != "candidates":
        reading = ReadingReport()

        async def read_one(d: Doc) -> None:
            if isinstance(results[d.id], Exception) or d.id in carried:
                return
            try:
                found, report = await read(d, client, incident, day, config.chunk_chars, config.read_tokens)
            except BackendError as e:
                warnings.append(f"{d.id}: the model could not read it ({e}); code's candidates only")
                return
            merge(results[d.id], found, report)
            for k, v in report.model_dump().items():
                setattr(reading, k, getattr(reading, k) + v)
            say(f"read {d.id}: {report.kept} of {report.items} items kept")
            _step(say)

        say(f"the model reads {plural(len(docs), 'article')}")
        _plan(say, len(docs))
        with spent(client, tokens, "articles"):
            await asyncio.gather(*(read_one(d) for d in docs))
    sources, all_facts = [], []
    for a in articles:
        v, r = verdicts[a.id], results.get(a.id)
        if isinstance(r, Exception):
            sources.append(source(a, "failed", str(r), suspected=len(suspected[a.id])))
            warnings.append(f"{a.id}: failed ({r}); the brief is built from the other articles")
        else:
            sources.append(source(a, v.status, v.error, v.duplicate_of, len(suspected.get(a.id, []))))
            if r is not None:
                all_facts.append(r)
                warnings.extend(r.warnings)
    if not all_facts:
        errors = [s.error for s in sources if s.status == "failed"]
        raise BackendError(f"every article failed: {errors[0] if errors else 'no usable article'}")

    say("reconciling")
    order = source_order([d for d in docs if not isinstance(results.get(d.id), Exception)], all_facts, day)
    at = {o.source_id: o.at for o in order if o.at}
    killed, injured, missing, arrests = (
        reconcile.figure([r for f in all_facts for r in f.figures[cat]], rule, at)
        for cat in FIGURE_CATEGORIES
    )
    all_sentences = [s.text for d in docs for s in d.sentences]
    idf = reconcile.idf_of(all_sentences)
    timeline, date_conflicts = reconcile.timeline([e for f in all_facts for e in f.timeline], idf)
    responsibility, blame_conflicts = reconcile.responsibility(all_facts)
    weapons, unverified, statements = reconcile.weapons_unverified_statements(all_facts)
    perpetrators = reconcile.perpetrators(all_facts)
    causes, cause_conflicts = reconcile.causes(all_facts)
    contradictions = (
        [
            c
            for c in (
                reconcile.figure_contradiction("killed", killed),
                reconcile.figure_contradiction("injured", injured),
                reconcile.figure_contradiction("missing", missing),
                reconcile.figure_contradiction("arrests", arrests),
                reconcile.got_away_vs_caught(statements, arrests, perpetrators),
                reconcile.magnitude(all_facts),
            )
            if c
        ]
        + blame_conflicts
        + cause_conflicts
        + date_conflicts
        + reconcile.stated_disputes(all_facts)
    )

    brief = IncidentBrief(
        headline="",
        summary="",
        incident_type=kind,
        incident_subtype=subtype,
        date=date,
        location=location,
        casualties=Casualties(killed=killed, injured=injured, missing=missing),
        arrests=arrests,
        perpetrators=perpetrators,
        responsibility=responsibility,
        weapons=weapons,
        unverified=unverified,
        statements=statements,
        timeline=timeline,
        causes=causes,
        contradictions=contradictions,
        sources=sources,
        run=Run(backend=config.backend, model=config.model, prompt_hash=prompt_hash()),
    )
    nothing = not (
        date
        or location
        or kind not in ("unknown", "other")
        or killed
        or injured
        or missing
        or arrests
        or perpetrators
        or responsibility
        or statements
        or causes
        or timeline
    )
    if nothing:
        warnings.append(
            "nothing about an incident was found in the articles: no date, place, type, figure, "
            "statement, claim or cause (is the text an English news report?)"
        )
    say("writing headline and summary")
    with spent(client, tokens, "synopsis"):
        brief.headline, brief.summary, written_by, more = await synthesize(
            brief, client if config.answers == "model" and "synopsis" in config.ask else None
        )
    warnings.extend(more)
    bad = check(brief)
    if bad:  # cannot happen unless a rule is wrong; never ship unverified evidence
        raise SummarizerError(
            f"internal error: evidence that does not match its source at {', '.join(bad[:3])}"
        )
    u = client.usage
    brief.run = Run(
        backend=config.backend,
        model=config.model,
        prompt_hash=prompt_hash(),
        llm_calls=u.calls,
        cached_answers=u.cached,
        prompt_tokens=u.prompt_tokens,
        completion_tokens=u.completion_tokens,
        seconds=round(time.monotonic() - t0, 2),
        summary_by=written_by,
        warnings=warnings,
        nothing_extracted=nothing,
        reader=config.reader,
        source_order=order,
        reading=reading,
        carried_over=sorted(set(carried) & {d.id for d in docs}),
        tokens={k: v for k, v in tokens.items() if v.calls},
        cost_usd=cost(config, u.prompt_tokens, u.completion_tokens),
        answers=config.answers,
        questions={
            k: Questions(
                asked=n, agreed_with_rule=decider.tally.agreed[k], fell_back=decider.tally.fell_back[k]
            )
            for k, n in sorted(decider.tally.asked.items())
        },
    )
    return brief


@contextlib.contextmanager
def spent(client: ModelClient, tokens: dict[str, Tokens], path: str):
    """The model calls and tokens one path of the pipeline used (the client counts all of them)."""
    u = client.usage
    before = (u.calls, u.prompt_tokens, u.completion_tokens)
    try:
        yield
    finally:
        t = tokens.setdefault(path, Tokens())
        t.calls += u.calls - before[0]
        t.prompt_tokens += u.prompt_tokens - before[1]
        t.completion_tokens += u.completion_tokens - before[2]


def cost(config: Config, prompt_tokens: int, completion_tokens: int) -> float | None:
    """The brief's price in US dollars from genai-prices' bundled price list (pydantic's, no network);
    None for the embedded model, a model the list does not know, or no tokens."""
    if config.backend != "remote" or not (prompt_tokens or completion_tokens):
        return None
    try:
        from genai_prices import Usage, calc_price

        usage = Usage(input_tokens=prompt_tokens, output_tokens=completion_tokens)
        # The provider is the one at base_url (a local Ollama or vLLM server matches none: no price).
        price = (
            calc_price(usage, config.model, provider_api_url=config.base_url)
            if config.base_url
            else calc_price(usage, config.model, provider_id="openai")
        )
    except Exception:  # LookupError for an unknown model; the package is optional
        return None
    return round(float(price.total_price), 6)


async def asummarize(
    articles: list[str | Path | Article] | str | Path | Article,
    *,
    progress: Progress | None = None,
    rule: str = "latest",
    config: Config | None = None,
    **options,
) -> IncidentBrief:
    """Summarize articles (paths, folders, raw strings or `Article`s) into an `IncidentBrief`.

    Options: base_url, api_key, model, backend ('embedded' | 'remote'), jobs, timeout, retries,
    cache (True: the default folder, a path, or False).
    """
    items = articles if isinstance(articles, list) else [articles]
    arts = load(items)
    return await run(arts, config or resolve(**options), progress=progress, rule=rule)


def summarize(articles, **options) -> IncidentBrief:
    """Blocking form of `asummarize`."""
    return asyncio.run(asummarize(articles, **options))


__all__ = ["asummarize", "summarize"]


def __getattr__(name: str):
    if name == "describe":  # the client's one-line failure text, without importing the client eagerly
        from summarizer.llm.client import describe

        return describe
    raise AttributeError(name)
