"""Chart: a disputed figure's reports against publication time, as coordinates for an inline SVG."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from summarizer.core.brief import Figure, FigureReport

WIDTH, HEIGHT, PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 420, 180, 44, 24, 24, 34


@dataclass
class Point:
    x: float
    y: float
    value: int
    source_id: str
    label: str  # "at least 137 (002, 2024-03-26T09:00:00Z)"
    best: bool


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    points: list[Point] = field(default_factory=list)
    y_ticks: list[tuple[float, int]] = field(default_factory=list)  # (y, value)
    x_ticks: list[tuple[float, str]] = field(default_factory=list)  # (x, day)
    undated: int = 0  # reports without a publication time: listed in the table, not drawn
    plot: tuple[int, int, int, int] = (PAD_LEFT, PAD_TOP, WIDTH - PAD_RIGHT, HEIGHT - PAD_BOTTOM)


def _when(stamp: str | None) -> datetime | None:
    if not stamp:
        return None
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


@dataclass(frozen=True)
class Scale:
    """Publication time to x and a count to y, inside the plot area."""

    plot: tuple[int, int, int, int]  # left, top, right, bottom
    first: datetime
    last: datetime
    top_value: int  # the count drawn at the top

    def x(self, when: datetime) -> float:
        """One report alone in time is drawn in the middle."""
        left, _top, right, _bottom = self.plot
        span = (self.last - self.first).total_seconds() or 1.0
        share = (when - self.first).total_seconds() / span if self.last > self.first else 0.5
        return round(left + (right - left) * share, 1)

    def y(self, value: int) -> float:
        _left, top, _right, bottom = self.plot
        return round(bottom - (bottom - top) * value / self.top_value, 1)


def chart(fig: Figure | None) -> Chart | None:
    """None unless the figure is disputed and at least one whole-incident report has a publication time."""
    if fig is None or not fig.disputed:
        return None
    whole = [r for r in fig.reports if r.scope is None and r.vague_high is None]
    dated = [(t, r) for r in whole if (t := _when(r.published_at)) is not None]
    if not dated:
        return None
    drawn = Chart(undated=len(whole) - len(dated))
    times = [t for t, _ in dated]
    scale = Scale(drawn.plot, min(times), max(times), max(r.value for _, r in dated) or 1)
    drawn.points = _points(fig, dated, scale)
    drawn.y_ticks = [(scale.y(v), v) for v in sorted({0, scale.top_value // 2, scale.top_value})]
    drawn.x_ticks = _day_ticks(dated, scale)
    return drawn


def _points(fig: Figure, dated: list[tuple[datetime, FigureReport]], scale: Scale) -> list[Point]:
    """Each dated report in time order; the figure's best report marked."""
    points = []
    for when, report in sorted(dated, key=lambda pair: pair[0]):
        best = (
            fig.best is not None and report.source_id == fig.best.source_id and report.value == fig.best.value
        )
        words = f"{report.as_stated} ({report.source_id}, {report.published_at})"
        points.append(
            Point(scale.x(when), scale.y(report.value), report.value, report.source_id, words, best)
        )
    return points


def _day_ticks(dated: list[tuple[datetime, FigureReport]], scale: Scale) -> list[tuple[float, str]]:
    """A tick at each day's midnight, kept inside the plot; when every report has the same time, at
    their point."""
    days = sorted({t.date() for t, _ in dated})
    left, _top, right, _bottom = scale.plot
    ticks = [
        (
            scale.x(datetime.combine(day, datetime.min.time()) if scale.last > scale.first else scale.first),
            day.isoformat(),
        )
        for day in days
    ]
    return [(max(left, min(right, x)), day) for x, day in ticks]
