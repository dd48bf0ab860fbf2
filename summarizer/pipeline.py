"""Pipeline: articles in, an incident brief out. The stages, in order:

    load (inputs/ingest: files, folders, strings)
    -> triage (each input used, or failed, a duplicate, in another language, off topic)
    -> segment (each used article parsed into sentences; suspected prompt injections set aside)
    -> dating (the incident's date and time, voted across sources)
    -> kind (its type and subtype, from the titles and openings)
    -> locate (its place)
    -> extract (each source's facts; a source a previous brief carried is re-checked instead: carry)
    -> read (the model reads the articles, when the config asks it to)
    -> sources (every input with its status)
    -> order (the sources in publication order)
    -> reconcile (the facts merged across sources, with their contradictions)
    -> synthesize (headline and summary)
    -> ground (every quote checked against its source's text)
    -> the run's record (model calls, tokens, cost, warnings).

`run` triages and starts the model client (only when a model is asked something); `build` calls the
other stages, each a function of this module or of summarizer/stages/."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from summarizer.core.article import Article
from summarizer.core.brief import (
    Casualties,
    Contradiction,
    DateFact,
    Figure,
    IncidentBrief,
    Location,
    Perpetrator,
    Questions,
    ReadingReport,
    Rule,
    Run,
    Source,
    SourceOrder,
    Statement,
    Tokens,
)
from summarizer.core.doc import Doc, Facts, Sentence
from summarizer.core.errors import BackendError, InputError, SummarizerError
from summarizer.core.protocols import ModelClient, Progress
from summarizer.core.text import plural
from summarizer.core.vocab import FIGURE_CATEGORIES
from summarizer.inputs.ingest import load
from summarizer.llm.config import Config, resolve
from summarizer.llm.decide import Decider
from summarizer.llm.prompts import prompt_hash
from summarizer.llm.scripted import NoModel
from summarizer.readers import cues, kinds, language
from summarizer.stages import reconcile
from summarizer.stages.carry import recheck
from summarizer.stages.dating import incident_date
from summarizer.stages.extract import extract, place_mentions
from summarizer.stages.ground import check
from summarizer.stages.locate import locate
from summarizer.stages.order import source_order
from summarizer.stages.read import merge, read
from summarizer.stages.segment import segment_and_parse
from summarizer.stages.synthesize import synthesize
from summarizer.stages.triage import Verdict, triage

if TYPE_CHECKING:
    import httpx2  # the httpx fork openai's client is built on: only its type is named here
    from spacy.tokens import Span


@dataclass
class RunState:
    """What the stages of one run share: its settings, its model, and what it has noted so far."""

    config: Config
    client: ModelClient
    say: Progress
    carried: dict[str, Facts]  # facts a previous brief holds for some sources (update.py)
    started: float  # time.monotonic() when the run began
    warnings: list[str]
    tokens: dict[str, Tokens] = field(default_factory=dict)  # model use per path


@dataclass(frozen=True)
class Incident:
    """What the sources' openings say happened, found before any source's facts are read."""

    date: DateFact | None
    kind: str
    subtype: str | None
    location: Location | None
    description: str  # how the questions name it: "armed assault at Crocus City Hall on 2024-03-22"
    place_words: frozenset[str]  # words of its place: a count "in" another place is that place's share

    @property
    def day(self) -> str | None:
        return self.date.value if self.date else None


# What a caller summarizes: paths, folders, raw strings or `Article`s, or a list of them.
Inputs = list[Article] | list[str | Path | Article] | str | Path | Article
Results = dict[str, Facts | Exception]  # per used source: its facts, or why they could not be read


def _plan(say: Progress, steps: int) -> None:
    getattr(say, "plan", lambda _steps: None)(steps)


def _step(say: Progress) -> None:
    getattr(say, "step", lambda: None)()


async def run(
    articles: list[Article],
    config: Config,
    progress: Progress | None = None,
    rule: str = "latest",
    http_client: httpx2.AsyncClient | None = None,
    model: ModelClient | None = None,
    carried: dict[str, Facts] | None = None,
) -> IncidentBrief:
    """`model`: an object with the client's `ask`, `usage` and `close` (e.g. `ScriptedModel`) instead of a
    backend. `carried`: facts a previous brief already holds for some sources (update.py); those are not
    read again."""
    started = time.monotonic()
    say = progress or (lambda _message: None)
    verdicts = triage(articles)
    warnings = triage_warnings(articles, verdicts)
    if not any(verdict.status == "used" for verdict in verdicts.values()):  # no model start, no call
        reasons = "; ".join(f"{a.id}: {verdicts[a.id].status.replace('_', ' ')}" for a in articles)
        raise InputError(f"no usable article ({reasons})")
    if model is None and needs_embedded_server(config):
        config = await start_embedded_server(config, say)
    client = model if model is not None else model_client(config, http_client)
    try:
        state = RunState(config, client, say, carried or {}, started, warnings)
        # The CLI offers only the Rule values; another one fails the Figure schema, as it always did.
        return await build(articles, verdicts, state, cast(Rule, rule))
    finally:
        await client.close()


def triage_warnings(articles: list[Article], verdicts: dict[str, Verdict]) -> list[str]:
    """The inputs' own warnings, then one for each input triage sets aside."""
    warnings = [warning for article in articles for warning in article.warnings]
    for article in articles:
        if (verdict := verdicts[article.id]).status != "used":
            warnings.append(f"{article.id}: {verdict.status.replace('_', ' ')} ({verdict.error})")
    return warnings


async def start_embedded_server(config: Config, say: Progress) -> Config:
    """The config with the embedded model's server, started now (it starts only when asked something)."""
    # deferred: the server's machinery (httpx, subprocesses) only for runs that ask the embedded model
    from summarizer.llm.embedded import aensure_server

    say("starting the embedded model")
    server = await aensure_server()
    say(f"embedded model server ready (pid {server.pid}, {server.base_url})")
    return dataclasses.replace(config, base_url=server.base_url)


def model_client(config: Config, http_client: httpx2.AsyncClient | None) -> ModelClient:
    """The backend's client; `NoModel` when nothing is asked of a model, so that openai and instructor
    are not even imported."""
    if not asks_model(config):
        return NoModel()
    from summarizer.llm.client import Client  # deferred: a heavy import only runs that ask a model need

    return Client(config, http_client=http_client)


def asks_model(config: Config) -> bool:
    """Whether a run asks a model anything: a question kind, the synopsis, or to read the articles."""
    return config.answers == "model" and bool(config.ask) or config.reader != "candidates"


def needs_embedded_server(config: Config) -> bool:
    """True when the brief asks a model something (a question kind, the synopsis, or to read) and the
    model is the embedded one, not yet started: it starts only when it is asked something."""
    return asks_model(config) and config.backend == "embedded" and not config.base_url


async def build(
    articles: list[Article], verdicts: dict[str, Verdict], state: RunState, rule: Rule
) -> IncidentBrief:
    """The stages after triage, in order (see the module's docstring)."""
    docs = segment_and_parse([article for article in articles if verdicts[article.id].status == "used"])
    suspected = set_aside_suspects(docs, state.warnings)
    decider = Decider(state.client, state.config.answers, state.config.ask)
    incident = await identify_incident(docs, decider)
    results = await extract_all(docs, incident, decider, state)
    reading = await read_all(docs, results, incident, state) if state.config.reader != "candidates" else None
    sources, all_facts = list_sources(articles, verdicts, results, suspected, state.warnings)
    state.say("reconciling")
    read_docs = [
        article_doc for article_doc in docs if not isinstance(results.get(article_doc.id), Exception)
    ]
    order = source_order(read_docs, all_facts, incident.day)
    brief = reconciled_brief(docs, all_facts, order, rule, incident, sources, state.config)
    nothing = warn_if_nothing_found(brief, state.warnings)
    written_by = await write_synopsis(brief, state)
    verify_evidence(brief)
    carried_over = sorted(set(state.carried) & {article_doc.id for article_doc in docs})
    brief.run = run_record(state, decider, order, reading, nothing, written_by, carried_over)
    return brief


def set_aside_suspects(docs: list[Doc], warnings: list[str]) -> dict[str, list[Sentence]]:
    """Per source, the sentences set aside as suspected prompt injection, each with a warning (the sentence
    itself is not repeated: it is the attacker's text)."""
    suspected = {article_doc.id: [s for s in article_doc.sentences if s.suspect] for article_doc in docs}
    for article_doc in docs:
        for sentence in suspected[article_doc.id]:
            warnings.append(
                f"{article_doc.id}: sentence {sentence.id + 1} (characters {sentence.start}-{sentence.end}) "
                "set aside as suspected prompt injection; not used as evidence"
            )
    return suspected


async def identify_incident(docs: list[Doc], decider: Decider) -> Incident:
    """The incident's date, kind and place, from the sources' openings."""
    date = incident_date(docs)
    kind, subtype = kinds.subtype(
        cues.incident_type(
            [[article_doc.article.title or ""] + [s.text for s in article_doc.lead()] for article_doc in docs]
        ),
        [lead_spans(article_doc) for article_doc in docs],
    )
    texts = {article_doc.id: article_doc.article.text for article_doc in docs}
    mentions = [m for article_doc in docs for m in place_mentions(article_doc, date.value if date else None)]
    location = await locate(mentions, texts, decider, describe_incident(kind, date, None))
    return Incident(
        date, kind, subtype, location, describe_incident(kind, date, location), place_words(location)
    )


def lead_spans(article_doc: Doc) -> list[Span]:
    """A source's title and opening sentences as spaCy spans, for reading its kind."""
    title = [language.pipeline()(article_doc.article.title)[:]] if article_doc.article.title else []
    return title + [
        span
        for sentence in article_doc.lead()
        if (span := article_doc.parsed.char_span(sentence.start, sentence.end, alignment_mode="expand"))
    ]


def describe_incident(kind: str, date: DateFact | None, location: Location | None) -> str:
    """The incident as the questions name it: its type, date and place, all taken from the sources'
    openings."""
    what = kind.replace("_", " ") if kind not in ("unknown", "other") else "incident"
    where = ", ".join(x for x in (location.venue, location.city, location.country) if x) if location else ""
    return f"{what}{' at ' + where if where else ''}{' on ' + date.value if date else ''}"


def place_words(location: Location | None) -> frozenset[str]:
    """The words of the incident's place (venue, city, region, country)."""
    if location is None:
        return frozenset()
    names = (location.venue, location.city, location.region, location.country)
    return frozenset(word for name in names if name for word in name.split())


async def extract_all(docs: list[Doc], incident: Incident, decider: Decider, state: RunState) -> Results:
    """Every source's facts, read concurrently; a carried source's facts re-checked by the rules."""
    state.say(f"extracting from {plural(len(docs), 'article')}")
    _plan(state.say, len(docs))
    rereader = Decider(state.client, "rules")  # carried facts are checked against what the rules read
    with record_usage(state.client, state.tokens, "candidates"):
        found = await asyncio.gather(
            *(extract_one(article_doc, incident, decider, rereader, state) for article_doc in docs)
        )
    return dict(zip((article_doc.id for article_doc in docs), found, strict=True))


async def extract_one(
    article_doc: Doc, incident: Incident, decider: Decider, rereader: Decider, state: RunState
) -> Facts | Exception:
    """One source's facts: the previous brief's, re-checked (no model call), or read now."""
    if article_doc.id in state.carried:
        facts, dropped = await recheck(
            state.carried[article_doc.id],
            article_doc,
            rereader,
            incident.description,
            incident.day,
            incident.place_words,
        )
        state.warnings.extend(dropped)
        return facts
    try:
        facts = (
            await extract(article_doc, decider, incident.description, incident.day, incident.place_words)
            if state.config.reader != "articles"
            else Facts(article_doc.id)
        )
    except BackendError as e:
        state.say(f"failed {article_doc.id}: {e}")
        return e
    state.say(f"extracted {article_doc.id}")
    _step(state.say)
    return facts


async def read_all(docs: list[Doc], results: Results, incident: Incident, state: RunState) -> ReadingReport:
    """The model reads every source that was not carried and did not fail; its findings are merged in."""
    reading = ReadingReport()
    state.say(f"the model reads {plural(len(docs), 'article')}")
    _plan(state.say, len(docs))
    with record_usage(state.client, state.tokens, "articles"):
        await asyncio.gather(
            *(
                read_one(article_doc, facts, incident, state, reading)
                for article_doc in docs
                if not isinstance(facts := results[article_doc.id], Exception)
                and article_doc.id not in state.carried
            )
        )
    return reading


async def read_one(
    article_doc: Doc, facts: Facts, incident: Incident, state: RunState, reading: ReadingReport
) -> None:
    """One source read by the model, its findings merged into `facts` and counted in `reading`."""
    config = state.config
    try:
        found, report = await read(
            article_doc,
            state.client,
            incident.description,
            incident.day,
            config.chunk_chars,
            config.read_tokens,
        )
    except BackendError as e:
        state.warnings.append(f"{article_doc.id}: the model could not read it ({e}); code's candidates only")
        return
    merge(facts, found, report)
    for name, value in report.model_dump().items():
        setattr(reading, name, getattr(reading, name) + value)
    state.say(f"read {article_doc.id}: {report.kept} of {report.items} items kept")
    _step(state.say)


def source(
    article: Article,
    status: str = "used",
    error: str | None = None,
    duplicate_of: str | None = None,
    suspected: int = 0,
) -> Source:
    """An input as the brief lists it, with its status."""
    return Source(
        id=article.id,
        name=article.name,
        title=article.title,
        outlet=article.outlet,
        published_at=article.published_at,
        url=article.url,
        language=article.language,
        words=len(article.text.split()),
        status=status,
        duplicate_of=duplicate_of,
        error=error,
        suspected_injection=suspected,
        text=article.text,
    )


def list_sources(
    articles: list[Article],
    verdicts: dict[str, Verdict],
    results: Results,
    suspected: dict[str, list[Sentence]],
    warnings: list[str],
) -> tuple[list[Source], list[Facts]]:
    """Every input as a source with its status, and the facts of those read; a BackendError when every
    used one failed."""
    sources, all_facts = [], []
    for article in articles:
        verdict, result = verdicts[article.id], results.get(article.id)
        if isinstance(result, Exception):
            sources.append(source(article, "failed", str(result), suspected=len(suspected[article.id])))
            warnings.append(f"{article.id}: failed ({result}); the brief is built from the other articles")
            continue
        sources.append(
            source(
                article,
                verdict.status,
                verdict.error,
                verdict.duplicate_of,
                len(suspected.get(article.id, [])),
            )
        )
        if result is not None:
            all_facts.append(result)
            warnings.extend(result.warnings)
    if not all_facts:
        errors = [s.error for s in sources if s.status == "failed"]
        raise BackendError(f"every article failed: {errors[0] if errors else 'no usable article'}")
    return sources, all_facts


def reconciled_brief(
    docs: list[Doc],
    all_facts: list[Facts],
    order: list[SourceOrder],
    rule: Rule,
    incident: Incident,
    sources: list[Source],
    config: Config,
) -> IncidentBrief:
    """The brief without headline and summary: every source's facts merged, contradictions listed."""
    figures = reconciled_figures(all_facts, order, rule)
    idf = reconcile.idf_of([sentence.text for article_doc in docs for sentence in article_doc.sentences])
    timeline, date_conflicts = reconcile.timeline(
        [event for facts in all_facts for event in facts.timeline], idf
    )
    responsibility, blame_conflicts = reconcile.responsibility(all_facts)
    weapons, unverified, statements = reconcile.weapons_unverified_statements(all_facts)
    perpetrators = reconcile.perpetrators(all_facts)
    causes, cause_conflicts = reconcile.causes(all_facts)
    contradictions = (
        outcome_contradictions(all_facts, figures, statements, perpetrators)
        + blame_conflicts
        + cause_conflicts
        + date_conflicts
        + reconcile.stated_disputes(all_facts)
    )
    return IncidentBrief(
        headline="",
        summary="",
        incident_type=incident.kind,
        incident_subtype=incident.subtype,
        date=incident.date,
        location=incident.location,
        casualties=Casualties(
            killed=figures["killed"], injured=figures["injured"], missing=figures["missing"]
        ),
        arrests=figures["arrests"],
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


def reconciled_figures(
    all_facts: list[Facts], order: list[SourceOrder], rule: Rule
) -> dict[str, Figure | None]:
    """Per category (killed, injured, missing, arrests), the sources' reports reconciled by `rule`."""
    at = {entry.source_id: entry.at for entry in order if entry.at}
    return {
        cat: reconcile.figure([report for facts in all_facts for report in facts.figures[cat]], rule, at)
        for cat in FIGURE_CATEGORIES
    }


def outcome_contradictions(
    all_facts: list[Facts],
    figures: dict[str, Figure | None],
    statements: list[Statement],
    perpetrators: list[Perpetrator],
) -> list[Contradiction]:
    """Sources that disagree on a count, on whether anyone got away, or on the incident's magnitude."""
    found = (
        *(reconcile.figure_contradiction(cat, figures[cat]) for cat in FIGURE_CATEGORIES),
        reconcile.got_away_vs_caught(statements, figures["arrests"], perpetrators),
        reconcile.magnitude(all_facts),
    )
    return [contradiction for contradiction in found if contradiction]


def found_nothing(brief: IncidentBrief) -> bool:
    """Whether the brief holds nothing about an incident: no date, place, type, figure, statement,
    claim, cause or event."""
    return not (
        brief.date
        or brief.location
        or brief.incident_type not in ("unknown", "other")
        or brief.casualties.killed
        or brief.casualties.injured
        or brief.casualties.missing
        or brief.arrests
        or brief.perpetrators
        or brief.responsibility
        or brief.statements
        or brief.causes
        or brief.timeline
    )


def warn_if_nothing_found(brief: IncidentBrief, warnings: list[str]) -> bool:
    """`found_nothing`, with a warning when so."""
    nothing = found_nothing(brief)
    if nothing:
        warnings.append(
            "nothing about an incident was found in the articles: no date, place, type, figure, "
            "statement, claim or cause (is the text an English news report?)"
        )
    return nothing


async def write_synopsis(brief: IncidentBrief, state: RunState) -> str:
    """Headline and summary into the brief, by the model when the config asks it to; who wrote them."""
    config = state.config
    writer = state.client if config.answers == "model" and "synopsis" in config.ask else None
    state.say("writing headline and summary")
    with record_usage(state.client, state.tokens, "synopsis"):
        brief.headline, brief.summary, written_by, more = await synthesize(brief, writer)
    state.warnings.extend(more)
    return written_by


def verify_evidence(brief: IncidentBrief) -> None:
    """Never ship unverified evidence: every quote must be its source's text at its offsets. This cannot
    fail unless a rule is wrong."""
    bad = check(brief)
    if bad:
        raise SummarizerError(
            f"internal error: evidence that does not match its source at {', '.join(bad[:3])}"
        )


def run_record(
    state: RunState,
    decider: Decider,
    order: list[SourceOrder],
    reading: ReadingReport | None,
    nothing: bool,
    written_by: str,
    carried_over: list[str],
) -> Run:
    """What the run used and noted: model calls, tokens, cost, time, warnings, the sources' order."""
    config, usage, tally = state.config, state.client.usage, decider.tally
    return Run(
        backend=config.backend,
        model=config.model,
        prompt_hash=prompt_hash(),
        llm_calls=usage.calls,
        cached_answers=usage.cached,
        prompt_tokens=usage.prompt_tokens,
        completion_tokens=usage.completion_tokens,
        seconds=round(time.monotonic() - state.started, 2),
        summary_by=written_by,
        warnings=state.warnings,
        nothing_extracted=nothing,
        reader=config.reader,
        source_order=order,
        reading=reading,
        carried_over=carried_over,
        tokens={path: used for path, used in state.tokens.items() if used.calls},
        cost_usd=cost(config, usage.prompt_tokens, usage.completion_tokens),
        answers=config.answers,
        questions={
            kind: Questions(asked=asked, agreed_with_rule=tally.agreed[kind], fell_back=tally.fell_back[kind])
            for kind, asked in sorted(tally.asked.items())
        },
    )


@contextlib.contextmanager
def record_usage(client: ModelClient, tokens: dict[str, Tokens], path: str) -> Iterator[None]:
    """Count in `tokens[path]` the model calls and tokens one path of the pipeline uses (the client
    counts all of them)."""
    usage = client.usage
    before = (usage.calls, usage.prompt_tokens, usage.completion_tokens)
    try:
        yield
    finally:
        used = tokens.setdefault(path, Tokens())
        used.calls += usage.calls - before[0]
        used.prompt_tokens += usage.prompt_tokens - before[1]
        used.completion_tokens += usage.completion_tokens - before[2]


def cost(config: Config, prompt_tokens: int, completion_tokens: int) -> float | None:
    """The brief's price in US dollars from genai-prices' bundled price list (pydantic's, no network);
    None for the embedded model, a model the list does not know, or no tokens."""
    if config.backend != "remote" or not (prompt_tokens or completion_tokens):
        return None
    try:
        from genai_prices import Usage as PricedUsage  # deferred: an optional package, for remote runs only
        from genai_prices import calc_price

        usage = PricedUsage(input_tokens=prompt_tokens, output_tokens=completion_tokens)
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
    articles: Inputs,
    *,
    progress: Progress | None = None,
    rule: str = "latest",
    config: Config | None = None,
    **options: Any,
) -> IncidentBrief:
    """Summarize articles (paths, folders, raw strings or `Article`s) into an `IncidentBrief`.

    Options: base_url, api_key, model, backend ('embedded' | 'remote'), jobs, timeout, retries,
    cache (True: the default folder, a path, or False).
    """
    items: list[str | Path | Article] = [*articles] if isinstance(articles, list) else [articles]
    return await run(load(items), config or resolve(**options), progress=progress, rule=rule)


def summarize(articles: Inputs, **options: Any) -> IncidentBrief:
    """Blocking form of `asummarize`."""
    return asyncio.run(asummarize(articles, **options))


__all__ = ["asummarize", "summarize"]


def __getattr__(name: str) -> Callable[..., str]:
    if name == "describe":  # the client's one-line failure text, without importing the client eagerly
        from summarizer.llm.client import describe  # deferred: openai and instructor

        return describe
    raise AttributeError(name)
