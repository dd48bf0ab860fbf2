"""Chart: a disputed figure's reports against publication time, as coordinates for an inline SVG."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from summarizer.core.brief import Figure

WIDTH, HEIGHT, PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 420, 180, 44, 24, 24, 34


@dataclass
class Point:
    x: float
    y: float
    value: int
    source_id: str
    label: str  # "at least 137 — 002, 2024-03-26"
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


def chart(fig: Figure | None) -> Chart | None:
    """None unless the figure is disputed and at least one whole-incident report has a publication time."""
    if fig is None or not fig.disputed:
        return None
    whole = [r for r in fig.reports if r.scope is None and r.vague_high is None]
    dated = [(t, r) for r in whole if (t := _when(r.published_at)) is not None]
    if not dated:
        return None
    c = Chart(undated=len(whole) - len(dated))
    left, top, right, bottom = c.plot
    t0, t1 = min(t for t, _ in dated), max(t for t, _ in dated)
    span = (t1 - t0).total_seconds() or 1.0
    hi = max(r.value for _, r in dated) or 1

    def x(t: datetime) -> float:
        return round(left + (right - left) * ((t - t0).total_seconds() / span if t1 > t0 else 0.5), 1)

    def y(v: int) -> float:
        return round(bottom - (bottom - top) * v / hi, 1)

    for t, r in sorted(dated, key=lambda p: p[0]):
        best = fig.best is not None and r.source_id == fig.best.source_id and r.value == fig.best.value
        words = f"{r.as_stated} ({r.source_id}, {r.published_at})"
        c.points.append(Point(x(t), y(r.value), r.value, r.source_id, words, best))
    c.y_ticks = [(y(v), v) for v in sorted({0, hi // 2, hi})]
    days = sorted({t.date() for t, _ in dated})
    c.x_ticks = [
        (x(datetime.combine(d, datetime.min.time()) if t1 > t0 else t0), d.isoformat()) for d in days
    ]
    c.x_ticks = [(max(left, min(right, px)), d) for px, d in c.x_ticks]
    return c
