"""Reconcile: the best figure by a stated rule, disputes kept, contradictions between sources."""

from __future__ import annotations

from summarizer.core.brief import FigureReport
from summarizer.core.evidence import quote
from summarizer.stages import reconcile


def report(value, source, published, qualifier="exact"):
    q = quote(source, f"{value} dead", 0, len(str(value)))
    return FigureReport(
        value=value,
        qualifier=qualifier,
        as_stated=str(value),
        source_id=source,
        published_at=published,
        evidence=[q],
    )


def test_best_figure_rules_and_dispute():
    reports = [report(40, "a", "2024-03-23"), report(137, "b", "2024-03-26"), report(60, "c", None)]
    latest = reconcile.figure(reports, "latest")
    assert (latest.best.value, latest.low, latest.high, latest.disputed) == (137, 40, 137, True)
    assert reconcile.figure(reports, "conservative").best.value == 40
    assert reconcile.figure(reports, "max").best.value == 137
    # Undated reports only: the highest (tolls rise as counting goes on).
    assert reconcile.figure([report(5, "a", None), report(7, "b", None)], "latest").best.value == 7
    # A downward revision from the newest source wins under 'latest' and is kept as a report.
    revised = reconcile.figure([report(90, "a", "2024-01-01"), report(84, "b", "2024-01-02")], "latest")
    assert revised.best.value == 84 and [r.value for r in revised.reports] == [90, 84]
    # The newest source's current figure is the first it states; later ones are its history.
    history = [report(71, "z", "2024-09-01"), report(58, "z", "2024-09-01"), report(80, "z", "2024-09-01")]
    for i, r in enumerate(history):
        r.evidence[0] = r.evidence[0].model_copy(update={"start": 100 * i})
    assert reconcile.figure(history + reports, "latest").best.value == 71
    c = reconcile.figure_contradiction("killed", latest)
    assert c.topic == "killed" and "40 (23 Mar, a)" in c.text and "137 (26 Mar, b)" in c.text
    assert (
        reconcile.figure_contradiction("killed", reconcile.figure([report(3, "a", None)], "latest")) is None
    )


def test_vague_reports_never_become_the_best_figure_while_numbers_exist():
    dozens = report(24, "a", "2024-03-24", "at_least").model_copy(
        update={"as_stated": "dozens", "vague_high": 99}
    )
    alone = reconcile.figure([dozens], "latest")
    assert (alone.best.as_stated, alone.low, alone.high, alone.disputed) == ("dozens", 24, 99, False)
    mixed = reconcile.figure([dozens, report(40, "b", "2024-03-23")], "latest")
    assert (mixed.best.value, mixed.low, mixed.high, mixed.disputed) == (40, 40, 40, False)
    assert reconcile.figure([dozens, report(137, "b", "2024-03-23")], "latest").disputed  # outside "dozens"


def test_got_away_safely_against_arrests_on_other_text():
    """The contradiction rule on made-up text: a group says its men escaped safely, police report arrests."""
    from summarizer.core.brief import Statement

    text = "“Our brothers withdrew safely to their camps after the raid,” the Red Hand said."
    st = Statement(speaker="the Red Hand", quote=text[1:58], evidence=[quote("s", text, 1, 58)])
    held = reconcile.figure([report(4, "p", "2031-01-02")], "latest")
    c = reconcile.got_away_vs_caught([st], held, [])
    assert c is not None and c.topic == "perpetrators" and "the Red Hand" in c.text
    calm = Statement(
        speaker="a witness",
        quote="The crowd stayed calm while police searched the hall",
        evidence=[quote("s", text, 1, 20)],
    )
    assert reconcile.got_away_vs_caught([calm], held, []) is None
