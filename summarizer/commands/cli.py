"""CLI: `summarizer brief PATH...`, `summarizer update BRIEF.json PATH...`, `summarizer schema`, `summarizer eval BRIEF GOLD`."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
from pathlib import Path

from summarizer.commands.progress import Bar, BatchBar, progress
from summarizer.core.errors import CannotCreateError, SummarizerError, UsageError
from summarizer.core.text import one_line, shown
from summarizer.llm.cache import write_atomic

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


def parser() -> argparse.ArgumentParser:
    from summarizer import __version__

    p = argparse.ArgumentParser(
        prog="summarizer",
        description="Grounded incident briefs from news articles.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"summarizer {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    backend = argparse.ArgumentParser(add_help=False)  # which model, and how it is asked
    backend.add_argument("--model", help="model name (env SUMMARIZER_MODEL)")
    backend.add_argument("--base-url", help="OpenAI-compatible endpoint (env OPENAI_BASE_URL)")
    backend.add_argument(
        "--backend", choices=("embedded", "remote"), help="default: remote if a key or base URL is set"
    )
    backend.add_argument("--jobs", type=int, help="concurrent model calls")
    backend.add_argument("--retries", type=int, help="retries of a transient backend fault (default 3)")
    backend.add_argument("--timeout", type=float, help="seconds to wait for one model answer (default 120)")
    backend.add_argument(
        "--cache",
        metavar="DIR",
        help="answer cache folder (default ~/.cache/incident-summarizer, or $SUMMARIZER_CACHE)",
    )
    backend.add_argument("--no-cache", action="store_true", help="ask the model every time")
    backend.add_argument(
        "--answers",
        choices=("model", "rules", "constant"),
        help="who answers the pipeline's questions (env SUMMARIZER_ANSWERS; default: model); "
        "'rules' needs no model at all",
    )
    backend.add_argument(
        "--ask",
        metavar="KINDS",
        help="the question kinds the model answers, e.g. "
        "'figure,venue,speaker,synopsis' 'all' or 'none'; rules answer the rest (env SUMMARIZER_ASK; "
        "default: see README)",
    )
    backend.add_argument(
        "--reader",
        choices=("candidates", "articles", "both"),
        help="who reads the articles: code's candidates, the model (aligned and checked), or both "
        "(env SUMMARIZER_READER; default: both on a remote model, candidates on the embedded one)",
    )
    common = argparse.ArgumentParser(add_help=False, parents=[backend])  # a run that writes briefs
    common.add_argument(
        "--format",
        choices=("json", "markdown", "html"),
        default="json",
        help="json (the brief, for tools; default), markdown, or html (a review page for editors)",
    )
    common.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write the brief to FILE (atomically) instead of stdout; its folder must exist",
    )
    common.add_argument(
        "--rule",
        choices=("latest", "conservative", "max"),
        default="latest",
        help="how the best figure is picked (default: latest report)",
    )
    common.add_argument(
        "--allow-private",
        action="store_true",
        help="let links point at this machine or a private network (refused by default)",
    )
    common.add_argument(
        "--strict",
        action="store_true",
        help="exit 65 if nothing was extracted or an unreadable article failed, 75 if the backend "
        "failed on one",
    )
    common.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    b = sub.add_parser(
        "brief",
        parents=[common],
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        help="write an incident brief from articles (files, folders, links, '-' for stdin)",
    )
    b.add_argument("paths", nargs="+", metavar="PATH", help=PATH_HELP)
    u = sub.add_parser(
        "update",
        parents=[common],
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        help="a developing story: a previous brief (JSON) and new articles give the next brief, "
        "with what changed",
    )
    u.add_argument("previous", type=Path, metavar="BRIEF.json", help="a brief this tool wrote (JSON)")
    u.add_argument("paths", nargs="+", metavar="PATH", help="the new articles: " + PATH_HELP)
    bt = sub.add_parser(
        "batch",
        parents=[common],
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        help="many incidents: a JSONL feed (records with an 'incident' key) in, one brief per "
        "incident out as JSONL",
    )
    bt.add_argument(
        "feed",
        type=Path,
        metavar="FEED.jsonl",
        help="one article per line: {incident, id, title, text, published_at, url, outlet}",
    )
    bt.add_argument(
        "--openai-batch",
        action="store_true",
        help="send the questions through OpenAI's Batch API (cheaper, hours not seconds; remote only)",
    )
    bt.add_argument(
        "--poll",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="with --openai-batch: how often to ask whether a batch job is done (default 30)",
    )
    sv = sub.add_parser(
        "serve", parents=[backend], help="an HTTP JSON API for newsroom tools (the 'serve' extra)"
    )
    sv.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)"
    )
    sv.add_argument("--port", type=int, default=8080, help="port (default 8080)")
    sv.add_argument(
        "--client-options",
        metavar="NAMES",
        help="the request options a client may choose, of rule,reader,answers,model, or 'none' "
        "(default: rule); any other option that differs from this server's settings is refused (422)",
    )
    sv.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="processes that make briefs, one at a time each (default: one per CPU core)",
    )
    sv.add_argument(
        "--request-timeout",
        type=float,
        metavar="SECONDS",
        help="one request's time limit, its wait for a free worker included (default 300; then 504)",
    )
    f = sub.add_parser(
        "facts",
        help="per-snippet figures (with roles) and quotations, no reconciliation: "
        "JSONL {id, text, context, published} in, {id, figures, statements} out",
    )
    f.add_argument("snippets", type=Path, help="a JSONL file of snippets, or - for stdin")
    f.add_argument("-o", "--output", type=Path, help="write the JSONL here (default: stdout)")
    sub.add_parser("schema", help="print the IncidentBrief JSON Schema")
    e = sub.add_parser("eval", help="score a brief (JSON) against a gold file")
    e.add_argument("brief", type=Path)
    e.add_argument("gold", type=Path)
    return p


def options(args: argparse.Namespace):
    from summarizer.llm.config import resolve

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
    from summarizer.core.text import plural
    from summarizer.inputs.fetch import is_url
    from summarizer.inputs.ingest import load
    from summarizer.pipeline import run
    from summarizer.render import render

    config = prepare(args)
    if args.command == "update":
        from summarizer.update import aupdate, previous_brief

        previous = previous_brief(args.previous)
    articles = load(
        [p if p == "-" or is_url(p) else Path(p) for p in args.paths],
        stdin=sys.stdin.buffer,
        allow_private=args.allow_private,
    )
    say = progress(args.quiet)
    try:
        if say:
            say(f"read {plural(len(articles), 'article')}")
        if args.command == "update":
            result = asyncio.run(aupdate(previous, articles, progress=say, rule=args.rule, config=config))
        else:
            result = asyncio.run(run(articles, config, progress=say, rule=args.rule))
    finally:
        if isinstance(say, Bar):
            say.stop()
    text = render(result, args.format)
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    failed = [s.id for s in result.sources if s.status == "failed"]
    for w in result.run.warnings:
        print(f"summarizer: warning: {one_line(w)}", file=sys.stderr)
    if not args.quiet:
        print(f"summarizer: {usage_line(result.run)}", file=sys.stderr)
    if result.run.nothing_extracted and args.strict:
        print("summarizer: nothing was extracted (--strict)", file=sys.stderr)
        return 65
    if failed and args.strict:
        print(f"summarizer: {len(failed)} article(s) failed: {', '.join(failed)}", file=sys.stderr)
        unreadable = {a.id for a in articles if a.error}
        return 65 if unreadable.issuperset(failed) else 75  # bad input, or a backend that may recover
    return 0


def batch(args: argparse.Namespace) -> int:
    import dataclasses

    from rich.console import Console

    from summarizer.commands.batch import (
        already_written,
        lines_progress,
        mend,
        openai_backfill,
        read_feed,
        run_batch,
    )

    if args.format != "json":
        raise UsageError("batch writes JSONL (one JSON record per incident); --format does not apply")
    config = prepare(args)
    if args.openai_batch and (config.backend != "remote" or config.cache_dir is None):
        raise UsageError(
            "--openai-batch needs a remote backend (OPENAI_API_KEY or --base-url) and the answer cache"
        )
    jobs = args.jobs or config.jobs
    config = dataclasses.replace(config, jobs=jobs)  # incidents in flight and model calls share one limit
    incidents = read_feed(args.feed)
    if mended := mend(args.output):
        print(f"summarizer: warning: {mended}", file=sys.stderr)
    skip = already_written(args.output)
    sink = args.output.open("a", encoding="utf-8") if args.output else sys.stdout

    def write(line: str) -> None:
        sink.write(line)
        sink.flush()

    console = Console(stderr=True, highlight=False)
    todo = sum(i.key not in skip for i in incidents)
    bar = BatchBar(console, todo) if console.is_terminal and not args.quiet else None
    say = bar or (None if args.quiet else lines_progress())
    if skip and not args.quiet:
        print(
            f"summarizer: {len(incidents) - todo} incidents already written to {args.output}; skipped",
            file=sys.stderr,
        )
    note = (lambda m: None) if args.quiet else (lambda m: console.print(f"summarizer: {m}", markup=False))
    try:
        if args.openai_batch:
            tally = asyncio.run(
                openai_backfill(incidents, config, write, jobs, skip, args.rule, args.poll, note)
            )
        else:
            tally = asyncio.run(run_batch(incidents, config, write, jobs, skip, say, args.rule))
    finally:
        if bar:
            bar.stop()
        if args.output:
            sink.close()
    if not args.quiet:
        print(
            f"summarizer: {tally.done - tally.failed} briefs, {tally.failed} failed, {tally.skipped} skipped; "
            f"{tally.calls} model calls",
            file=sys.stderr,
        )
    return 0 if not (args.strict and tally.failed) else 75


def serve(args: argparse.Namespace) -> int:
    try:
        from summarizer.commands.serve import serve as start
    except ImportError:
        print(
            "summarizer: the service needs its extra: pip install 'incident-summarizer[serve]'",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return start(prepare(args), args.host, args.port, args.client_options, args.workers, args.request_timeout)


def prepare(args: argparse.Namespace):
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


def usage_line(run) -> str:
    """What the model was used for and what it cost: "12 calls, 8,104 + 1,220 tokens (articles 10 ...)"."""
    parts = ", ".join(f"{k} {t.calls}" for k, t in run.tokens.items())
    line = f"{run.llm_calls} model calls, {run.prompt_tokens:,} prompt + {run.completion_tokens:,} completion tokens"
    line += f" ({parts})" if parts else ""
    line += f", ${run.cost_usd:.4f}" if run.cost_usd is not None else ""
    if run.reading is not None:
        r = run.reading
        line += (
            f"; the model read {r.chunks} parts: {r.items} items, {r.kept} kept ({r.added} new), "
            f"{r.unaligned} not in the text, {r.unverified} failed a check"
        )
    return line


def schema(_args: argparse.Namespace) -> int:
    from summarizer.core.brief import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")
    return 0


def evaluate(args: argparse.Namespace) -> int:
    from summarizer.evaluate import score
    from summarizer.stages.ground import check_json, count_evidence

    try:
        data = json.loads(args.brief.read_text(encoding="utf-8"))
        gold = json.loads(args.gold.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        print(f"summarizer: no such file: {e.filename}", file=sys.stderr)
        return 66
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        print(f"summarizer: not JSON: {e}", file=sys.stderr)
        return 65
    result = score(data, gold)
    bad, total = check_json(data), count_evidence(data)
    report = {
        "passed": result.passed,
        "total": result.total,
        "failed": result.failed,
        "unverified_evidence": len(bad),
        "evidence": total,
    }
    for name in ("headline", "spurious", "misattributed"):
        r = getattr(result, name)
        if r.of is not None:
            report[name] = {"n": r.n, "of": r.of, "items": r.items}
    print(json.dumps(report, indent=2))
    print(result.line((total - len(bad), total)))
    return 0


def facts(args: argparse.Namespace) -> int:
    """One output line per snippet line; a line that is no snippet gives {id, error} and the rest go on."""
    from summarizer.facts import read_snippets

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
        except (OSError, UnicodeDecodeError) as e:
            print(
                f"summarizer: {shown(str(args.snippets))}: cannot read it ({type(e).__name__})",
                file=sys.stderr,
            )
            return 65
    text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in read_snippets(lines))
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0


EXIT_TERMINATED = 143


def _quiet_unwinding() -> None:
    # An object cut off mid-construction by the signal (an HTTP client, say) may complain from its
    # __del__ while the process unwinds, and asyncio logs the task the signal stopped ("Task exception
    # was never retrieved", with its traceback); that is noise after a requested stop, not a failure to show.
    sys.unraisablehook = lambda _unraisable: None
    logging.getLogger("asyncio").disabled = True


def _terminate(_signum, _frame):
    _quiet_unwinding()
    raise SystemExit(EXIT_TERMINATED)  # unwinds like Ctrl-C, so the embedded server is stopped


def _interrupt(_signum, _frame):
    _quiet_unwinding()
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _interrupt)
    try:
        return {
            "brief": brief,
            "update": brief,
            "batch": batch,
            "serve": serve,
            "schema": schema,
            "eval": evaluate,
            "facts": facts,
        }[args.command](args)
    except SummarizerError as e:
        print(
            f"summarizer: {one_line(str(e))}", file=sys.stderr
        )  # a name in it never starts a line of its own
        return e.exit_code
    except KeyboardInterrupt:
        print("summarizer: interrupted", file=sys.stderr)
        return 130
    except SystemExit as e:
        if e.code != EXIT_TERMINATED:
            raise
        print("summarizer: terminated", file=sys.stderr)
        return EXIT_TERMINATED
    except BrokenPipeError:
        return 0
    finally:
        if "summarizer.llm.embedded" in sys.modules:  # only it starts the server; unloaded, it spares httpx
            from summarizer.llm.embedded import stop_server

            stop_server()
