"""Progress: a live bar on a terminal, plain lines otherwise (a log, a pipe), always on stderr."""

from __future__ import annotations

from summarizer.core.text import one_line


class Bar:
    """Progress on a terminal: a live bar (articles extracted and read) with the latest step beside it."""

    def __init__(self, console):
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

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

    def __call__(self, msg: str) -> None:
        self.live.update(self.task, description=one_line(msg)[:60])

    def plan(self, n: int) -> None:
        self.live.update(self.task, total=self.live.tasks[0].total + n)

    def step(self) -> None:
        self.live.advance(self.task)

    def stop(self) -> None:
        self.live.stop()


class BatchBar:
    """A batch's progress on a terminal: incidents done, articles, model calls and time left."""

    def __init__(self, console, total: int):
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

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

    def __call__(self, t) -> None:
        self.live.update(self.task, completed=t.done, articles=t.articles, calls=t.calls, failed=t.failed)

    def stop(self) -> None:
        self.live.stop()


def progress(quiet: bool):
    """A bar on a terminal, plain lines otherwise (a log, a pipe), nothing with --quiet."""
    if quiet:
        return None
    from rich.console import Console
    from rich.markup import escape

    console = Console(stderr=True, highlight=False)  # stdout carries the brief
    if console.is_terminal:
        return Bar(console)
    return lambda msg: console.print(f"[dim]summarizer:[/dim] {escape(one_line(msg))}")
