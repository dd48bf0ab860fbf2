"""Progress: a live bar on a terminal, plain lines otherwise (a log, a pipe), always on stderr."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from summarizer.core.text import one_line

if TYPE_CHECKING:
    from summarizer.commands.batch import Tally


class Bar:
    """Progress on a terminal: a live bar (articles extracted and read) with the latest step beside it."""

    def __init__(self, console: Console) -> None:
        self.live = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.task = self.live.add_task("starting", total=0)
        self.live.start()

    def __call__(self, message: str) -> None:
        self.live.update(self.task, description=one_line(message)[:60])

    def plan(self, steps: int) -> None:
        """`steps` more to come."""
        self.live.update(self.task, total=(self.live.tasks[0].total or 0) + steps)

    def step(self) -> None:
        self.live.advance(self.task)

    def stop(self) -> None:
        self.live.stop()


class BatchBar:
    """A batch's progress on a terminal: incidents done, articles, model calls and time left."""

    def __init__(self, console: Console, total: int) -> None:
        self.live = Progress(
            TextColumn("incidents"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(
                "{task.fields[articles]} articles · {task.fields[calls]} calls · {task.fields[failed]} failed"
            ),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
            console=console,
        )
        self.task = self.live.add_task("batch", total=total, articles=0, calls=0, failed=0)
        self.live.start()

    def __call__(self, tally: Tally) -> None:
        self.live.update(
            self.task, completed=tally.done, articles=tally.articles, calls=tally.calls, failed=tally.failed
        )

    def stop(self) -> None:
        self.live.stop()


def progress(quiet: bool) -> Callable[[str], None] | None:
    """A bar on a terminal, plain lines otherwise (a log, a pipe), nothing with --quiet."""
    if quiet:
        return None
    console = Console(stderr=True, highlight=False)  # stdout carries the brief
    if console.is_terminal:
        return Bar(console)
    return lambda message: console.print(f"[dim]summarizer:[/dim] {escape(one_line(message))}")
