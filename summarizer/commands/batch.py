"""Batch: a JSONL feed of many incidents in, one brief (or one error) per incident out, in input order."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ..config import Config
from ..errors import InputError, SummarizerError
from ..inputs.ingest import Article, from_record, unique_ids


@dataclasses.dataclass
class Incident:
    key: str
    articles: list[Article] = dataclasses.field(default_factory=list)
    error: str | None = None  # a feed line that could not be read: the incident fails, the batch goes on


def read_feed(path: Path) -> list[Incident]:
    """Records grouped by their `incident` key, incidents in the order they first appear."""
    try:
        lines = path.read_text(encoding="utf-8-sig").split("\n")
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    by_key: dict[str, Incident] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path.name}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            by_key.setdefault(f"line {n}", Incident(f"line {n}", error=f"{where}: not valid JSON ({e.msg})"))
            continue
        key = rec.get("incident") if isinstance(rec, dict) else None
        if not isinstance(key, (str, int)) or not str(key).strip():
            by_key.setdefault(f"line {n}", Incident(f"line {n}", error=f"{where}: no 'incident' key"))
            continue
        incident = by_key.setdefault(str(key), Incident(str(key)))
        try:
            incident.articles.append(from_record({k: v for k, v in rec.items() if k != "incident"}, where))
        except InputError as e:
            incident.error = str(e)
    for incident in by_key.values():
        unique_ids(incident.articles)
    if not by_key:
        raise InputError(f"{path}: no records")
    return list(by_key.values())


def already_written(out: Path | None) -> set[str]:
    """Incidents whose brief an earlier run wrote (error records are tried again)."""
    if out is None or not out.exists():
        return set()
    done = set()
    for line in out.read_text(encoding="utf-8").split("\n"):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line cut off by a killed run
        if isinstance(rec, dict) and "brief" in rec:
            done.add(str(rec.get("incident")))
    return done


class Ordered:
    """Appends records as incidents finish, holding back any that would come before an unfinished one."""

    def __init__(self, write: Callable[[str], None], indexes: list[int]):
        self.write, self.waiting, self.held = write, sorted(indexes), {}

    def put(self, index: int, record: dict) -> None:
        self.held[index] = record
        while self.waiting and self.waiting[0] in self.held:
            self.write(json.dumps(self.held.pop(self.waiting.pop(0)), ensure_ascii=False) + "\n")


@dataclasses.dataclass
class Tally:
    incidents: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0
    articles: int = 0
    calls: int = 0


async def run_batch(incidents: list[Incident], config: Config, write: Callable[[str], None], jobs: int,
                    skip: set[str] = frozenset(), progress: Callable[[Tally], None] | None = None,
                    rule: str = "latest", brief=None) -> Tally:
    """Each incident through `brief(articles, config)` (the pipeline by default), `jobs` at a time."""
    from ..pipeline import run

    brief = brief or (lambda articles, cfg: run(articles, cfg, rule=rule))
    todo = [(i, inc) for i, inc in enumerate(incidents) if inc.key not in skip]
    tally = Tally(incidents=len(todo), skipped=len(incidents) - len(todo))
    out = Ordered(write, [i for i, _ in todo])
    gate = asyncio.Semaphore(jobs)

    async def one(index: int, incident: Incident) -> None:
        async with gate:
            t0 = time.monotonic()
            record: dict = {"incident": incident.key}
            try:
                if incident.error:
                    raise InputError(incident.error)
                result = await brief(incident.articles, config)
                record["brief"] = json.loads(result.model_dump_json())
                tally.calls += result.run.llm_calls
            except SummarizerError as e:
                record.update(error=str(e), exit_code=e.exit_code)
                tally.failed += 1
            except Exception as e:  # one incident's bug must not stop the batch; said, not hidden
                record.update(error=f"internal error: {type(e).__name__}: {e}"[:500], exit_code=70)
                tally.failed += 1
            record["seconds"] = round(time.monotonic() - t0, 2)
            tally.done += 1
            tally.articles += len(incident.articles)
            out.put(index, record)
            if progress:
                progress(tally)

    await asyncio.gather(*(one(i, inc) for i, inc in todo))
    return tally


def lines_progress(stream=sys.stderr) -> Callable[[Tally], None]:
    def say(t: Tally) -> None:
        print(f"summarizer: {t.done}/{t.incidents} incidents ({t.failed} failed), {t.articles} articles, "
              f"{t.calls} model calls", file=stream, flush=True)
    return say


async def openai_backfill(incidents: list[Incident], config: Config, write: Callable[[str], None], jobs: int,
                          skip: set[str], rule: str, poll: float, say: Callable[[str], None]) -> Tally:
    """The batch through OpenAI's Batch API (llm/openai_batch.py): rounds of batch jobs, then the briefs."""
    from ..llm.openai_batch import rounds
    from ..pipeline import run

    folder = Path(config.cache_dir) / "batches"
    folder.mkdir(parents=True, exist_ok=True)

    async def briefs(make_client):
        lines: list[str] = []
        tally = await run_batch(incidents, config, lines.append, jobs, skip, rule=rule,
                                brief=lambda articles, cfg: run(articles, cfg, rule=rule, model=make_client()))
        return lines, tally

    lines, tally = await rounds(briefs, config, folder, poll, say)
    for line in lines:
        write(line)
    return tally
