"""CLI: `summarizer brief PATH...`, `update BRIEF.json PATH...`, `batch FEED.jsonl`, `serve`,
`facts SNIPPETS`, `schema`, `eval BRIEF GOLD`."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import logging
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rich.console import Console

from summarizer import __version__
from summarizer.commands.batch import (
    Incident,
    Tally,
    already_written,
    lines_progress,
    mend,
    openai_backfill,
    read_feed,
    run_batch,
)
from summarizer.commands.progress import Bar, BatchBar, progress
from summarizer.core.article import Article
from summarizer.core.brief import IncidentBrief, Run, json_schema
from summarizer.core.errors import CannotCreateError, SummarizerError, UsageError
from summarizer.core.paths import write_atomic
from summarizer.core.text import one_line, plural, shown
from summarizer.core.vocab import ANSWERS, BACKENDS, READERS
from summarizer.evaluate import score
from summarizer.facts import read_snippets
from summarizer.inputs.fetch import is_url
from summarizer.inputs.ingest import load
from summarizer.llm.config import Config, resolve
from summarizer.pipeline import run
from summarizer.render import render_brief
from summarizer.stages.ground import check_json, count_evidence
from summarizer.update import aupdate, previous_brief

if TYPE_CHECKING:
    from types import FrameType

EXIT_USAGE = 2

PATH_HELP = (
    "an article file (text, Markdown, HTML, PDF, JSON or JSONL records), a folder of them, "
    "an http(s) link, or '-' for stdin"
)
EPILOG = """\
exit codes:
  0   the brief was written (some articles may have failed: see sources and warnings)
  2   usage error (unknown option or value)
  65  bad input data: no readable article; with --strict, nothing extracted or an unreadable article
  66  no input: a path that does not exist, an empty folder, no previous brief
  73  the output file cannot be created (checked before any work)
  75  the model backend is unavailable, or (with --strict) failed on an article
  130 interrupted (Ctrl-C), 143 terminated

environment:
  OPENAI_API_KEY          use OpenAI (or the endpoint below) instead of the embedded model
  OPENAI_BASE_URL         any OpenAI-compatible endpoint: Ollama, vLLM, llama.cpp server
  SUMMARIZER_MODEL        model name (default gpt-4o-mini remote, the bundled SmolLM2-135M embedded)
  SUMMARIZER_BACKEND      embedded | remote
  SUMMARIZER_EMBEDDED_URL a server on the bundled model that is already running
  SUMMARIZER_ANSWERS      model | rules | constant: who answers the pipeline's questions
  SUMMARIZER_ASK          question kinds the model answers: figure,venue,speaker | all | none
  SUMMARIZER_READER       candidates | articles | both: who reads the articles
  SUMMARIZER_CACHE        answer cache folder (default ~/.cache/incident-summarizer), or off
  SUMMARIZER_API_TOKEN    summarizer serve: the bearer token every brief request must carry
"""


# An option: its flags (or its name, for a positional) and add_argument's keywords.
Option = tuple[tuple[str, ...], dict[str, Any]]

# Which model, and how it is asked: every command that may ask one.
BACKEND_OPTIONS: list[Option] = [
    (("--model",), {"help": "model name (env SUMMARIZER_MODEL)"}),
    (("--base-url",), {"help": "OpenAI-compatible endpoint (env OPENAI_BASE_URL)"}),
    (
        ("--backend",),
        {"choices": BACKENDS, "help": "default: remote if a key or base URL is set"},
    ),
    (("--jobs",), {"type": int, "help": "concurrent model calls"}),
    (("--retries",), {"type": int, "help": "retries of a transient backend fault (default 3)"}),
    (("--timeout",), {"type": float, "help": "seconds to wait for one model answer (default 120)"}),
    (
        ("--cache",),
        {
            "metavar": "DIR",
            "help": "answer cache folder (default ~/.cache/incident-summarizer, or $SUMMARIZER_CACHE)",
        },
    ),
    (("--no-cache",), {"action": "store_true", "help": "ask the model every time"}),
    (
        ("--answers",),
        {
            "choices": ANSWERS,
            "help": "who answers the pipeline's questions (env SUMMARIZER_ANSWERS; default: model); "
            "'rules' needs no model at all",
        },
    ),
    (
        ("--ask",),
        {
            "metavar": "KINDS",
            "help": "the question kinds the model answers, e.g. "
            "'figure,venue,speaker,synopsis' 'all' or 'none'; rules answer the rest (env SUMMARIZER_ASK; "
            "default: see README)",
        },
    ),
    (
        ("--reader",),
        {
            "choices": READERS,
            "help": "who reads the articles: code's candidates, the model (aligned and checked), or both "
            "(env SUMMARIZER_READER; default: both on a remote model, candidates on the embedded one)",
        },
    ),
]

# A run that writes briefs: brief, update, batch.
RUN_OPTIONS: list[Option] = [
    (
        ("--format",),
        {
            "choices": ("json", "markdown", "html"),
            "default": "json",
            "help": "json (the brief, for tools; default), markdown, or html (a review page for editors)",
        },
    ),
    (
        ("-o", "--output"),
        {
            "type": Path,
            "metavar": "FILE",
            "help": "write the brief to FILE (atomically) instead of stdout; its folder must exist",
        },
    ),
    (
        ("--rule",),
        {
            "choices": ("latest", "conservative", "max"),
            "default": "latest",
            "help": "how the best figure is picked (default: latest report)",
        },
    ),
    (
        ("--allow-private",),
        {
            "action": "store_true",
            "help": "let links point at this machine or a private network (refused by default)",
        },
    ),
    (
        ("--strict",),
        {
            "action": "store_true",
            "help": "exit 65 if nothing was extracted or an unreadable article failed, 75 if the backend "
            "failed on one",
        },
    ),
    (("-q", "--quiet"), {"action": "store_true", "help": "no progress on stderr"}),
]


@dataclass(frozen=True)
class Command:
    """A subcommand: its name, which shared options it takes ('backend', 'run' or none), whether its help
    ends with the exit codes and environment, its one-line help and its own options."""

    name: str
    shared: Literal["backend", "run", "none"]
    epilog: bool
    help: str
    options: list[Option]


COMMANDS: list[Command] = [
    Command(
        "brief",
        "run",
        True,
        "write an incident brief from articles (files, folders, links, '-' for stdin)",
        [(("paths",), {"nargs": "+", "metavar": "PATH", "help": PATH_HELP})],
    ),
    Command(
        "update",
        "run",
        True,
        "a developing story: a previous brief (JSON) and new articles give the next brief, with what changed",
        [
            (
                ("previous",),
                {"type": Path, "metavar": "BRIEF.json", "help": "a brief this tool wrote (JSON)"},
            ),
            (("paths",), {"nargs": "+", "metavar": "PATH", "help": "the new articles: " + PATH_HELP}),
        ],
    ),
    Command(
        "batch",
        "run",
        True,
        "many incidents: a JSONL feed (records with an 'incident' key) in, one brief per "
        "incident out as JSONL",
        [
            (
                ("feed",),
                {
                    "type": Path,
                    "metavar": "FEED.jsonl",
                    "help": "one article per line: {incident, id, title, text, published_at, url, outlet}",
                },
            ),
            (
                ("--openai-batch",),
                {
                    "action": "store_true",
                    "help": "send the questions through OpenAI's Batch API (cheaper, hours not seconds; "
                    "remote only)",
                },
            ),
            (
                ("--poll",),
                {
                    "type": float,
                    "default": 30.0,
                    "metavar": "SECONDS",
                    "help": "with --openai-batch: how often to ask whether a batch job is done (default 30)",
                },
            ),
        ],
    ),
    Command(
        "serve",
        "backend",
        False,
        "an HTTP JSON API for newsroom tools (the 'serve' extra)",
        [
            (
                ("--host",),
                {
                    "default": "127.0.0.1",
                    "help": "address to listen on (default 127.0.0.1: this machine only)",
                },
            ),
            (("--port",), {"type": int, "default": 8080, "help": "port (default 8080)"}),
            (
                ("--client-options",),
                {
                    "metavar": "NAMES",
                    "help": "the request options a client may choose, of rule,reader,answers,model, or "
                    "'none' (default: rule); any other option that differs from this server's settings is "
                    "refused (422)",
                },
            ),
            (
                ("--workers",),
                {
                    "type": int,
                    "metavar": "N",
                    "help": "processes that make briefs, one at a time each (default: one per CPU core)",
                },
            ),
            (
                ("--request-timeout",),
                {
                    "type": float,
                    "metavar": "SECONDS",
                    "help": "one request's time limit, its wait for a free worker included (default 300; "
                    "then 504)",
                },
            ),
        ],
    ),
    Command(
        "facts",
        "none",
        False,
        "per-snippet figures (with roles) and quotations, no reconciliation: "
        "JSONL {id, text, context, published} in, {id, figures, statements} out",
        [
            (("snippets",), {"type": Path, "help": "a JSONL file of snippets, or - for stdin"}),
            (("-o", "--output"), {"type": Path, "help": "write the JSONL here (default: stdout)"}),
        ],
    ),
    Command("schema", "none", False, "print the IncidentBrief JSON Schema", []),
    Command(
        "eval",
        "none",
        False,
        "score a brief (JSON) against a gold file",
        [(("brief",), {"type": Path}), (("gold",), {"type": Path})],
    ),
]


def with_options(parser: argparse.ArgumentParser, options: list[Option]) -> argparse.ArgumentParser:
    for flags, keywords in options:
        parser.add_argument(*flags, **keywords)
    return parser


def parser() -> argparse.ArgumentParser:
    """The command line: every subcommand of COMMANDS, with the options it shares with others."""
    main_parser = argparse.ArgumentParser(
        prog="summarizer",
        description="Grounded incident briefs from news articles.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    main_parser.add_argument("--version", action="version", version=f"summarizer {__version__}")
    subcommands = main_parser.add_subparsers(dest="command", required=True)
    backend = with_options(argparse.ArgumentParser(add_help=False), BACKEND_OPTIONS)
    run_options = with_options(argparse.ArgumentParser(add_help=False, parents=[backend]), RUN_OPTIONS)
    shared = {"backend": [backend], "run": [run_options], "none": []}
    for command in COMMANDS:
        ending: dict[str, Any] = (
            {"epilog": EPILOG, "formatter_class": argparse.RawDescriptionHelpFormatter}
            if command.epilog
            else {}
        )
        if command.shared != "none":
            ending["parents"] = shared[command.shared]
        with_options(subcommands.add_parser(command.name, help=command.help, **ending), command.options)
    return main_parser


def options(args: argparse.Namespace) -> Config:
    return resolve(
        base_url=args.base_url,
        model=args.model,
        backend=args.backend,
        jobs=args.jobs,
        retries=args.retries,
        timeout=args.timeout,
        answers=args.answers,
        ask=args.ask,
        reader=args.reader,
        cache=False if args.no_cache else (args.cache or True),
    )


def brief(args: argparse.Namespace) -> int:
    """`brief` and `update`: the brief to stdout or --output; its warnings and usage on stderr."""
    config = prepare(args)
    previous = previous_brief(args.previous) if args.command == "update" else None
    articles = load(
        [path if path == "-" or is_url(path) else Path(path) for path in args.paths],
        stdin=sys.stdin.buffer,
        allow_private=args.allow_private,
    )
    result = make_brief(args, config, articles, previous)
    write_output(args.output, render_brief(result, args.format))
    for warning in result.run.warnings:
        print(f"summarizer: warning: {one_line(warning)}", file=sys.stderr)
    if not args.quiet:
        print(f"summarizer: {usage_line(result.run)}", file=sys.stderr)
    return strict_exit(args.strict, result, articles)


def make_brief(
    args: argparse.Namespace, config: Config, articles: list[Article], previous: IncidentBrief | None
) -> IncidentBrief:
    """The brief, or the next one of an update, with progress on stderr unless --quiet."""
    say = progress(args.quiet)
    try:
        if say:
            say(f"read {plural(len(articles), 'article')}")
        if previous is not None:
            return asyncio.run(aupdate(previous, articles, progress=say, rule=args.rule, config=config))
        return asyncio.run(run(articles, config, progress=say, rule=args.rule))
    finally:
        if isinstance(say, Bar):
            say.stop()


def write_output(output: Path | None, text: str) -> None:
    """To --output, atomically; else to stdout."""
    if output:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)


def strict_exit(strict: bool, result: IncidentBrief, articles: list[Article]) -> int:
    """0; with --strict, 65 when nothing was extracted or only unreadable articles failed, 75 when the
    backend failed on one."""
    failed = [source.id for source in result.sources if source.status == "failed"]
    if result.run.nothing_extracted and strict:
        print("summarizer: nothing was extracted (--strict)", file=sys.stderr)
        return 65
    if failed and strict:
        print(f"summarizer: {len(failed)} article(s) failed: {', '.join(failed)}", file=sys.stderr)
        unreadable = {article.id for article in articles if article.error}
        return 65 if unreadable.issuperset(failed) else 75  # bad input, or a backend that may recover
    return 0


def batch(args: argparse.Namespace) -> int:
    """Many incidents from a JSONL feed, one brief each as a JSONL line; those already written are skipped."""
    config = batch_config(args)
    incidents = read_feed(args.feed)
    if mended := mend(args.output):
        print(f"summarizer: warning: {mended}", file=sys.stderr)
    skip = already_written(args.output)
    sink = args.output.open("a", encoding="utf-8") if args.output else sys.stdout

    def write(line: str) -> None:
        sink.write(line)
        sink.flush()

    try:
        tally = run_feed(args, config, incidents, skip, write)
    finally:
        if args.output:
            sink.close()
    if not args.quiet:
        print(
            f"summarizer: {tally.done - tally.failed} briefs, {tally.failed} failed, "
            f"{tally.skipped} skipped; {tally.calls} model calls",
            file=sys.stderr,
        )
    return 0 if not (args.strict and tally.failed) else 75


def run_feed(
    args: argparse.Namespace,
    config: Config,
    incidents: list[Incident],
    skip: set[str],
    write: Callable[[str], None],
) -> Tally:
    """The feed's briefs, through the model or OpenAI's Batch API, with a bar on a terminal."""
    console = Console(stderr=True, highlight=False)
    todo = sum(incident.key not in skip for incident in incidents)
    bar = BatchBar(console, todo) if console.is_terminal and not args.quiet else None
    if skip and not args.quiet:
        print(
            f"summarizer: {len(incidents) - todo} incidents already written to {args.output}; skipped",
            file=sys.stderr,
        )
    try:
        if args.openai_batch:
            note = batch_notes(console, args.quiet)
            backfill = openai_backfill(
                incidents, config, write, config.jobs, skip, args.rule, args.poll, note
            )
            return asyncio.run(backfill)
        say = bar or (None if args.quiet else lines_progress())
        return asyncio.run(run_batch(incidents, config, write, config.jobs, skip, say, args.rule))
    finally:
        if bar:
            bar.stop()


def batch_config(args: argparse.Namespace) -> Config:
    """The checked config of a batch; its `jobs` limit both the incidents in flight and the model calls."""
    if args.format != "json":
        raise UsageError("batch writes JSONL (one JSON record per incident); --format does not apply")
    config = prepare(args)
    if args.openai_batch and (config.backend != "remote" or config.cache_dir is None):
        raise UsageError(
            "--openai-batch needs a remote backend (OPENAI_API_KEY or --base-url) and the answer cache"
        )
    return dataclasses.replace(config, jobs=args.jobs or config.jobs)


def batch_notes(console: Console, quiet: bool) -> Callable[[str], None]:
    """Where an OpenAI batch's notes go: a line each on stderr, or nowhere with --quiet."""
    if quiet:
        return lambda _message: None
    return lambda message: console.print(f"summarizer: {message}", markup=False)


def serve(args: argparse.Namespace) -> int:
    try:
        from summarizer.commands.serve import serve as start  # deferred: fastapi, the optional 'serve' extra
    except ImportError:
        print(
            "summarizer: the service needs its extra: pip install 'incident-summarizer[serve]'",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return start(prepare(args), args.host, args.port, args.client_options, args.workers, args.request_timeout)


def prepare(args: argparse.Namespace) -> Config:
    """Checks that need no work done first: the output path, then the options; the resolved config."""
    output = getattr(args, "output", None)
    if output is not None and (why := unwritable(output)):
        raise CannotCreateError(f"cannot write {output}: {why}")
    try:
        return options(args)
    except ValueError as e:
        raise UsageError(str(e)) from None


def unwritable(path: Path) -> str | None:
    """Why the brief could not be written to `path`, found before any work is done; None if it can."""
    if path.is_dir():
        return "it is a folder"
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        return f"no folder {parent}"
    if not os.access(parent, os.W_OK):
        return f"no permission to write in {parent}"
    if path.exists() and not os.access(path, os.W_OK):
        return "no permission to overwrite it"
    return None


def usage_line(run_report: Run) -> str:
    """What the model was used for and what it cost: "12 model calls, 8,104 prompt + 1,220 completion
    tokens (articles 10 ...)"."""
    parts = ", ".join(f"{kind} {tokens.calls}" for kind, tokens in run_report.tokens.items())
    line = (
        f"{run_report.llm_calls} model calls, {run_report.prompt_tokens:,} prompt + "
        f"{run_report.completion_tokens:,} completion tokens"
    )
    line += f" ({parts})" if parts else ""
    line += f", ${run_report.cost_usd:.4f}" if run_report.cost_usd is not None else ""
    if (reading := run_report.reading) is not None:
        line += (
            f"; the model read {reading.chunks} parts: {reading.items} items, {reading.kept} kept "
            f"({reading.added} new), {reading.unaligned} not in the text, {reading.unverified} failed a check"
        )
    return line


def schema(_args: argparse.Namespace) -> int:
    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")
    return 0


def evaluate(args: argparse.Namespace) -> int:
    try:
        data = json.loads(args.brief.read_text(encoding="utf-8"))
        gold = json.loads(args.gold.read_text(encoding="utf-8"))
    except FileNotFoundError as missing:
        print(f"summarizer: no such file: {missing.filename}", file=sys.stderr)
        return 66
    except (json.JSONDecodeError, UnicodeDecodeError) as not_json:
        print(f"summarizer: not JSON: {not_json}", file=sys.stderr)
        return 65
    result = score(data, gold)
    bad, total = check_json(data), count_evidence(data)
    report: dict[str, object] = {
        "passed": result.passed,
        "total": result.total,
        "failed": result.failed,
        "unverified_evidence": len(bad),
        "evidence": total,
    }
    for name in ("headline", "spurious", "misattributed"):
        count = getattr(result, name)
        if count.of is not None:
            report[name] = {"n": count.n, "of": count.of, "items": count.items}
    print(json.dumps(report, indent=2))
    print(result.line((total - len(bad), total)))
    return 0


def facts(args: argparse.Namespace) -> int:
    """One output line per snippet line; a line that is no snippet gives {id, error} and the rest go on."""
    if args.output is not None and (why := unwritable(args.output)):  # before any work, as for a brief
        raise CannotCreateError(f"cannot write {shown(str(args.output))}: {why}")
    if str(args.snippets) == "-":
        lines = sys.stdin.read().splitlines()
    else:
        try:
            lines = args.snippets.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            print(f"summarizer: no such file: {shown(str(args.snippets))}", file=sys.stderr)
            return 66
        except (OSError, UnicodeDecodeError) as error:
            print(
                f"summarizer: {shown(str(args.snippets))}: cannot read it ({type(error).__name__})",
                file=sys.stderr,
            )
            return 65
    text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in read_snippets(lines))
    write_output(args.output, text)
    return 0


EXIT_TERMINATED = 143
RUNS: dict[str, Callable[[argparse.Namespace], int]] = {
    "brief": brief,
    "update": brief,
    "batch": batch,
    "serve": serve,
    "schema": schema,
    "eval": evaluate,
    "facts": facts,
}


def _quiet_unwinding() -> None:
    # An object cut off mid-construction by the signal (an HTTP client, say) may complain from its
    # __del__ while the process unwinds, and asyncio logs the task the signal stopped ("Task exception
    # was never retrieved", with its traceback); that is noise after a requested stop, not a failure to show.
    sys.unraisablehook = lambda _unraisable: None
    logging.getLogger("asyncio").disabled = True


def _terminate(_signum: int, _frame: FrameType | None) -> None:
    _quiet_unwinding()
    raise SystemExit(EXIT_TERMINATED)  # unwinds like Ctrl-C, so the embedded server is stopped


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    _quiet_unwinding()
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _interrupt)
    try:
        return RUNS[args.command](args)
    except SummarizerError as error:
        print(f"summarizer: {one_line(str(error))}", file=sys.stderr)  # a name in it never starts a line
        return error.exit_code
    except KeyboardInterrupt:
        print("summarizer: interrupted", file=sys.stderr)
        return 130
    except SystemExit as exit_request:
        if exit_request.code != EXIT_TERMINATED:
            raise
        print("summarizer: terminated", file=sys.stderr)
        return EXIT_TERMINATED
    except BrokenPipeError:
        return 0
    finally:
        if "summarizer.llm.embedded" in sys.modules:  # only it starts a server; unloaded, it spares httpx
            from summarizer.llm.embedded import stop_server  # deferred: it loads httpx

            stop_server()
