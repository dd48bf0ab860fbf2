"""Batch: a JSONL feed of many incidents in, one brief (or one error) per incident out, as each is done."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import json
import multiprocessing
import os
import re
import signal
import sys
import time
from collections.abc import Awaitable, Callable, Iterator, Set
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import BinaryIO, TextIO

from summarizer.core.article import Article
from summarizer.core.brief import IncidentBrief
from summarizer.core.errors import InputError, SummarizerError
from summarizer.core.protocols import ModelClient
from summarizer.inputs.ingest import MAX_BYTES, from_record, unique_ids
from summarizer.llm.config import Config
from summarizer.pipeline import asks_model, run
from summarizer.readers import language

# One feed line: an article's text under the article limit, and its metadata.
MAX_RECORD = MAX_BYTES + 100_000
# A record an earlier run was killed in the middle of writing starts like every record: {"incident": KEY, ...
_RECORD_KEY = re.compile(r'^\{"incident": ("(?:[^"\\]|\\.)*")')


@dataclasses.dataclass
class Incident:
    key: str
    articles: list[Article] = dataclasses.field(default_factory=list)
    error: str | None = None  # a feed line that could not be read: the incident fails, the batch goes on


def feed_lines(path: Path) -> Iterator[tuple[int, bytes | None]]:
    """The feed's lines as bytes, numbered from 1; a line over MAX_RECORD bytes comes as None, never read
    whole."""
    with path.open("rb") as f:
        for n in itertools.count(1):
            line = f.readline(MAX_RECORD + 2)
            if not line:
                return
            if n == 1:
                line = line.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte-order mark
            if len(line.rstrip(b"\r\n")) <= MAX_RECORD:
                yield n, line
                continue
            while not line.endswith(b"\n") and (line := f.readline(1 << 20)):
                pass  # the rest of the oversized line, skipped in pieces
            yield n, None


def read_feed(path: Path) -> list[Incident]:
    """Records grouped by their `incident` key, incidents in the order they first appear. A line that cannot
    be read fails on its own, as `line N`; a record that is not an article fails only that source."""
    by_key: dict[str, Incident] = {}

    def bad(line_number: int, why: str) -> None:
        key = f"line {line_number}"
        by_key.setdefault(key, Incident(key, error=f"{path.name}:{line_number}: {why}"))

    try:
        for n, raw in feed_lines(path):
            if raw is None:
                bad(n, f"over the {MAX_RECORD:,}-byte limit for one record; not read")
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                bad(n, f"not valid UTF-8 (byte {e.start + 1} of the line); re-save the feed as UTF-8")
                continue
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                bad(n, f"not valid JSON ({e.msg})")
                continue
            key = rec.get("incident") if isinstance(rec, dict) else None
            if not isinstance(key, (str, int)) or not str(key).strip():
                bad(n, "no 'incident' key")
                continue
            incident = by_key.setdefault(str(key), Incident(str(key)))
            incident.articles.append(article_of(rec, f"{path.name}:{n}"))
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    for incident in by_key.values():
        unique_ids(incident.articles)
    if not by_key:
        raise InputError(f"{path}: no records")
    return list(by_key.values())


def article_of(rec: dict[str, object], where: str) -> Article:
    """One record as an article of its incident, under the limits of one article; a record that cannot be
    one is that incident's failed source (as `brief` marks an unreadable file), never the whole incident."""
    fields = {k: v for k, v in rec.items() if k != "incident"}
    try:
        for name, value in fields.items():
            if isinstance(value, str):
                size = encoded_size(value, f"{where}: '{name}'")
                if name == "text" and size > MAX_BYTES:
                    raise InputError(
                        f"{where}: text of {size:,} bytes is over the {MAX_BYTES:,}-byte limit "
                        "for one article"
                    )
        return from_record(fields, where)
    except InputError as e:
        rid = fields.get("id")
        return Article(text="", id=str(rid) if rid is not None else "", name=where, error=str(e))


def encoded_size(value: str, what: str) -> int:
    """Bytes of `value` as UTF-8; a JSON escape of half a surrogate pair ("\\ud800") is not text."""
    try:
        return len(value.encode("utf-8"))
    except UnicodeEncodeError as e:
        raise InputError(
            f"{what} is not valid Unicode (an unpaired surrogate at character {e.start})"
        ) from None


def unreadable(incident: Incident) -> InputError | None:
    """The incident's failure when none of its records could be read (the words `brief` uses)."""
    if incident.error:
        return InputError(incident.error)
    errors = [a.error for a in incident.articles if a.error]
    if errors and len(errors) == len(incident.articles):
        return InputError(errors[0] if len(errors) == 1 else f"no readable article: {errors[0]}")
    return None


def mend(out: Path | None) -> str | None:
    """An output an earlier run was killed while writing ends in a cut line: dropped (its incident has no
    brief there, so it is briefed again), so the next record starts on a line of its own. A last line
    that is whole but lacks its newline gets one. Says what was dropped; None if nothing was."""
    if out is None or not out.is_file() or out.stat().st_size == 0:
        return None
    with out.open("rb+") as f:
        size = f.seek(0, 2)
        f.seek(size - 1)
        if f.read(1) == b"\n":
            return None
        start = last_line_start(f, size)
        f.seek(start)
        tail = f.read()
        try:
            json.loads(tail)
        except ValueError:
            f.truncate(start)
        else:
            f.write(b"\n")
            return None
    m = _RECORD_KEY.match(tail.decode("utf-8", "replace"))
    which = f"incident {json.loads(m.group(1))!r}, " if m else ""
    return (
        f"{out.name}: dropped its last line, cut off by an interrupted run ({which}{len(tail):,} bytes); "
        "that incident is briefed again"
    )


def last_line_start(file: BinaryIO, size: int) -> int:
    """Where the last line of a file that does not end in a newline starts (read backwards, in blocks)."""
    pos = size
    while pos > 0:
        step = min(1 << 16, pos)
        file.seek(pos - step)
        block = file.read(step)
        if (i := block.rfind(b"\n")) >= 0:
            return pos - step + i + 1
        pos -= step
    return 0


def already_written(out: Path | None) -> set[str]:
    """Incidents whose brief an earlier run wrote (error records are tried again)."""
    if out is None or not out.exists():
        return set()
    done = set()
    with out.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(rec, dict) and "brief" in rec:
                done.add(str(rec.get("incident")))
    return done


@dataclasses.dataclass
class Tally:
    incidents: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0
    articles: int = 0
    calls: int = 0


async def run_batch(
    incidents: list[Incident],
    config: Config,
    write: Callable[[str], None],
    jobs: int,
    skip: Set[str] = frozenset(),
    progress: Callable[[Tally], None] | None = None,
    rule: str = "latest",
    brief: Brief | None = None,
) -> Tally:
    """Each incident through `brief(articles, config)` (the pipeline by default), `jobs` at a time; each
    record written as soon as its incident is done (no incident waits for another). A run that asks no
    model is CPU work (spaCy's parse and the rule readers): it is spread over worker processes, as many
    as `jobs` up to the cores there are; a run that asks a model waits on it, in this process."""
    todo = [inc for inc in incidents if inc.key not in skip]
    tally = Tally(incidents=len(todo), skipped=len(incidents) - len(todo))
    gate = asyncio.Semaphore(jobs)
    workers = min(jobs, len(todo), cores()) if brief is None and not asks_model(config) else 1
    pool = worker_pool(workers) if workers > 1 else None

    async def one(incident: Incident) -> None:
        async with gate:
            if pool is None:
                record, calls = await record_of(incident, config, brief or pipeline_brief(rule))
            else:
                record, calls = await in_worker(pool, incident, config, rule)
            tally.done += 1
            tally.failed += "error" in record
            tally.calls += calls
            tally.articles += len(incident.articles)
            write(json.dumps(record, ensure_ascii=False) + "\n")  # as it is done
            if progress:
                progress(tally)

    try:
        await asyncio.gather(*(one(inc) for inc in todo))
    except BaseException:  # interrupted (Ctrl-C, SIGTERM): the incidents in flight are briefed next run
        if pool is not None:
            stop_workers(pool)
        raise
    if pool is not None:
        pool.shutdown()
    return tally


Brief = Callable[[list[Article], Config], Awaitable[IncidentBrief]]


def pipeline_brief(rule: str) -> Brief:
    """The pipeline's brief of an incident's articles, under `rule`."""
    return lambda articles, config: run(articles, config, rule=rule)


async def record_of(incident: Incident, config: Config, brief: Brief) -> tuple[dict[str, object], int]:
    """The incident's output record (its brief, or its error and exit code; the seconds it took) and the
    model calls it made. Every failure is the incident's own: the batch goes on."""
    started = time.monotonic()
    record: dict[str, object] = {"incident": incident.key}
    calls = 0
    try:
        if error := unreadable(incident):
            raise error
        result = await brief(incident.articles, config)
        record["brief"] = json.loads(result.model_dump_json())
        calls = result.run.llm_calls
    except SummarizerError as e:
        record.update(error=str(e), exit_code=e.exit_code)
    except Exception as e:  # one incident's bug must not stop the batch; said, not hidden
        record.update(error=f"internal error: {type(e).__name__}: {e}"[:500], exit_code=70)
    record["seconds"] = round(time.monotonic() - started, 2)
    return record, calls


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes for the reading. Forked ones share the spaCy model this process loads first;
    started afresh (spawn, forkserver), each loads its own, once."""
    if multiprocessing.get_start_method() == "fork":
        language.pipeline()
    return ProcessPoolExecutor(workers, initializer=start_worker)


def start_worker() -> None:
    """A worker leaves Ctrl-C and SIGTERM to the batch, which stops it (a terminal's Ctrl-C reaches
    every process of its group: the worker would print a traceback of its own), ends with it even if it
    is killed, and loads spaCy."""
    from summarizer.llm.embedded import die_with_parent  # deferred: the module imports httpx

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the command's handler, copied by fork
    die_with_parent()
    language.pipeline()


def brief_in_worker(incident: Incident, config: Config, rule: str) -> tuple[dict[str, object], int]:
    """`record_of` the incident through the pipeline, in a worker process."""
    return asyncio.run(record_of(incident, config, pipeline_brief(rule)))


async def in_worker(
    pool: ProcessPoolExecutor, incident: Incident, config: Config, rule: str
) -> tuple[dict[str, object], int]:
    """The incident's record from a worker process; a worker that died (killed, out of memory) fails
    the incidents it leaves undone, as an internal error."""
    started = time.monotonic()
    try:
        return await asyncio.get_running_loop().run_in_executor(pool, brief_in_worker, incident, config, rule)
    except BrokenProcessPool as e:
        error = f"internal error: {type(e).__name__}: {e}"[:500]
        record = {"incident": incident.key, "error": error, "exit_code": 70}
        return {**record, "seconds": round(time.monotonic() - started, 2)}, 0


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """The workers stopped in the middle of their incidents: an interrupted batch does not wait for them.
    concurrent.futures has no public way to stop a busy worker before Python 3.14's terminate_workers."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()


def lines_progress(stream: TextIO = sys.stderr) -> Callable[[Tally], None]:
    """Progress as one line per incident done (a log, a pipe)."""

    def say(tally: Tally) -> None:
        print(
            f"summarizer: {tally.done}/{tally.incidents} incidents ({tally.failed} failed), "
            f"{tally.articles} articles, {tally.calls} model calls",
            file=stream,
            flush=True,
        )

    return say


async def openai_backfill(
    incidents: list[Incident],
    config: Config,
    write: Callable[[str], None],
    jobs: int,
    skip: Set[str],
    rule: str,
    poll: float,
    say: Callable[[str], None],
) -> Tally:
    """The batch through OpenAI's Batch API (llm/openai_batch.py): rounds of batch jobs, then the briefs."""
    from summarizer.llm.openai_batch import rounds  # deferred: openai and instructor, for this mode only

    if config.cache_dir is None:
        raise ValueError("the batch mode keeps answers in the cache: do not turn it off")
    folder = Path(config.cache_dir) / "batches"
    folder.mkdir(parents=True, exist_ok=True)

    tallies: list[Tally] = []  # one a round; the last round's briefs are the batch's

    async def briefs(make_client: Callable[[], ModelClient]) -> list[str]:
        lines: list[str] = []
        brief: Brief = lambda articles, cfg: run(articles, cfg, rule=rule, model=make_client())  # noqa: E731
        tallies.append(await run_batch(incidents, config, lines.append, jobs, skip, rule=rule, brief=brief))
        return lines

    lines = await rounds(briefs, config, folder, poll, say)
    for line in lines:
        write(line)
    return tallies[-1]
