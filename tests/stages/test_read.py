"""The model reads the articles: a scripted model (hand-written answers, named as such) lists items;
code aligns each quote to the source and checks it, and only what passes reaches the brief."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from summarizer.commands.cli import main
from summarizer.core.article import Article
from summarizer.core.brief import FigureReport, Quote, ReadingReport, Statement
from summarizer.core.doc import Facts
from summarizer.evaluate import score
from summarizer.inputs.ingest import from_text
from summarizer.llm.config import resolve
from summarizer.llm.reading import (
    CauseItem,
    EventItem,
    FigureItem,
    Reading,
    ResponsibilityItem,
    StatementItem,
)
from summarizer.llm.scripted import ScriptedModel
from summarizer.pipeline import run
from summarizer.stages.align import align
from summarizer.stages.ground import check_json
from summarizer.stages.read import merge, parts, read
from summarizer.stages.segment import doc
from tests.helpers import CLUSTERS

# Made up for tests; not real events.
TEXT = (
    "Blast at Harlow Market kills 12\n\n"
    "An explosion tore through Harlow Market in Tessaly on Saturday, killing 12 people, police said. "
    "Investigators suspect a gas leak in a bakery caused the blast.\n\n"
    "Detective Anna Morrow and fire chief Paul Okafor visited the scene. "
    "\"We are treating this as a criminal act and not an accident,\" Morrow said. "
    "The Tessaly Gas Board denied that its pipes had any part in the explosion.\n\n"
    "In 2019, a fire near Corven Station killed 3 people."
)


def reading_script(items: Reading):
    def script(model, _prompt):
        return items if model is Reading else None

    return script


def read_with(items: Reading, text: str = TEXT, date: str = "2031-05-10"):
    d = doc(from_text(text, "a"))
    return asyncio.run(
        read(d, ScriptedModel(reading_script(items)), "explosion at Harlow Market", date, 12_000)
    )


def test_each_item_ends_where_it_should():
    facts, report = read_with(
        Reading(
            figures=[
                FigureItem(category="killed", value=12, quote="killing 12 people"),  # right
                FigureItem(
                    category="killed", value=14, quote="killing 12 people"
                ),  # a number not in its quote
                FigureItem(
                    category="killed", value=3, quote="a fire near Corven Station killed 3 people"
                ),  # background
                FigureItem(
                    category="injured", value=40, quote="forty people were hurt in the blast"
                ),  # not in the text
            ],
            statements=[
                StatementItem(
                    speaker="Anna Morrow", quote="We are treating this as a criminal act and not an accident"
                ),
                StatementItem(
                    speaker="Paul Okafor", quote="Investigators suspect a gas leak in a bakery"
                ),  # not quoted
                StatementItem(
                    speaker="Mayor Ines Dale", quote="We are treating this as a criminal act"
                ),  # no such name
            ],
            causes=[
                CauseItem(
                    text="a gas leak",
                    status="suspected",
                    quote="Investigators suspect a gas leek in a bakery caused the blast",
                )
            ],
            responsibility=[
                ResponsibilityItem(
                    kind="denial",
                    actor="Tessaly Gas Board",
                    asserted_by="Tessaly Gas Board",
                    quote="The Tessaly Gas Board denied that its pipes had any part",
                )
            ],
            events=[EventItem(date="2019-06-01", text="a fire", quote="In 2019, a fire near Corven Station")],
        )
    )
    assert [r.value for r in facts.figures["killed"]] == [12] and facts.figures["injured"] == []
    assert [s.speaker for s in facts.statements] == ["Anna Morrow"]
    cause = facts.causes[0]
    assert cause.evidence[0].alignment == "fuzzy"  # "leek": matched to the source's own words
    assert cause.evidence[0].quote == "Investigators suspect a gas leak in a bakery caused the blast"
    assert [r.kind for r in facts.responsibility] == ["denial"]
    assert facts.timeline == []  # another year: another event
    assert (report.items, report.kept, report.unaligned, report.unverified) == (10, 4, 1, 5)
    for q in [e for r in facts.figures["killed"] for e in r.evidence] + cause.evidence:
        assert TEXT[q.start : q.end] == q.quote


def test_the_parse_of_the_say_verb_overrules_the_models_speaker():
    facts, report = read_with(
        Reading(
            statements=[
                StatementItem(
                    speaker="Paul Okafor", quote="We are treating this as a criminal act and not an accident"
                )
            ]
        )
    )
    found = Facts("a")
    start = TEXT.index("We are treating")
    found.statements.append(
        Statement(
            speaker="Anna Morrow",
            quote="x",
            evidence=[Quote(source_id="a", quote=TEXT[start : start + 10], start=start, end=start + 10)],
        )
    )
    merged = merge(found, facts, report)
    assert [s.speaker for s in merged.statements] == ["Anna Morrow"] and report.overruled == 1


def test_what_code_found_and_what_the_model_read_merge_by_value_and_span():
    found = Facts("a")
    found.figures["killed"].append(
        FigureReport(
            value=12,
            as_stated="12",
            source_id="a",
            evidence=[
                Quote(
                    source_id="a", quote="12", start=TEXT.index("12 people"), end=TEXT.index("12 people") + 2
                )
            ],
        )
    )
    facts, report = read_with(
        Reading(figures=[FigureItem(category="killed", value=12, quote="killing 12 people")])
    )
    merged = merge(found, facts, report)
    assert len(merged.figures["killed"]) == 1 and report.added == 0


def test_a_long_article_is_read_in_overlapping_parts_that_lose_no_sentence():
    sentences = [
        f"Rescuers searched block {i} of the market and found {i % 7} more people alive." for i in range(2000)
    ]
    text = "Market blast\n\n" + " ".join(sentences)  # about 20,000 words
    d = doc(from_text(text, "long"))
    ps = parts(d, 6_000)
    assert len(ps) > 20
    covered = [(p.start, p.end) for p in ps]
    for s in d.sentences:  # every sentence lies whole inside some part
        assert any(a <= s.start and s.end <= b for a, b in covered), s.text
    assert all(b1 > a2 for (a1, b1), (a2, b2) in zip(covered, covered[1:]))  # consecutive parts overlap
    assert all(text[a:b].strip() for a, b in covered)


def test_alignment_is_fast_on_a_long_article():
    words = TEXT.split()
    text = " ".join(words[i % len(words)] + ("" if i % 11 else f" n{i}") for i in range(20_000))
    quotes = [text[i : i + 60].replace("e", "a", 1) for i in range(0, 200 * 500, 500)]
    t0 = time.monotonic()
    found = [align(q, text) for q in quotes]
    assert all(found)
    print(f"\n200 quotes aligned in a 20,000-word text: {time.monotonic() - t0:.2f} s")


def test_the_reader_path_runs_end_to_end_and_reports_what_it_added():
    article = Article(id="a", published_at="2031-05-11", text=TEXT)

    def script(model, _prompt):
        if model is Reading:
            return Reading(
                causes=[
                    CauseItem(
                        text="a gas leak",
                        status="suspected",
                        asserted_by="Investigators",
                        quote="Investigators suspect a gas leak in a bakery caused the blast",
                    )
                ],
                figures=[FigureItem(category="killed", value=99, quote="killing 12 people")],
            )
        return None

    config = resolve(answers="rules", cache=False, backend="embedded", reader="both")
    brief = asyncio.run(run([article], config, model=ScriptedModel(script)))
    assert brief.run.reader == "both" and isinstance(brief.run.reading, ReadingReport)
    assert brief.run.reading.kept == 1 and brief.run.reading.unverified == 1
    assert [c.text for c in brief.causes] and all(c.status == "suspected" for c in brief.causes)
    assert 99 not in [r.value for r in brief.casualties.killed.reports]
    assert brief.run.tokens["articles"].calls == 1


def test_articles_only_reads_with_the_model_alone():
    article = Article(id="a", published_at="2031-05-11", text=TEXT)
    config = resolve(answers="rules", cache=False, backend="embedded", reader="articles")
    brief = asyncio.run(run([article], config, model=ScriptedModel(reading_script(Reading()))))
    assert brief.casualties.killed is None and brief.statements == []  # the model listed nothing
    assert brief.date is not None and brief.location is not None  # the openings are still read by code


def test_a_rejected_model_summary_says_why():
    from summarizer.llm.answers import Synopsis

    article = Article(id="a", published_at="2031-05-11", text=TEXT)

    def script(model, _prompt):  # a synopsis with a number no source gives
        if model is Synopsis:
            return Synopsis(
                headline="Blast kills 40", summary="A blast killed 40 people. Police are investigating."
            )
        return None

    config = resolve(answers="model", cache=False, backend="embedded", ask="synopsis")
    brief = asyncio.run(run([article], config, model=ScriptedModel(script)))
    assert brief.run.summary_by == "template"
    assert any("rejected (a number that is not one of the brief's)" in w for w in brief.run.warnings)


def test_an_item_whose_own_text_its_quote_does_not_say_is_dropped():
    facts, report = read_with(
        Reading(
            causes=[
                CauseItem(
                    text="This Friday a shooting left dozens dead",
                    status="disputed",
                    quote="Investigators suspect a gas leak in a bakery caused the blast",
                ),
                CauseItem(
                    text="a gas leak in a bakery",
                    status="suspected",
                    quote="Investigators suspect a gas leak in a bakery caused the blast",
                ),
            ]
        )
    )
    assert [c.text for c in facts.causes] == ["a gas leak in a bakery"] and report.unverified == 1


@pytest.mark.vcr
@pytest.mark.parametrize("kind", ["crush", "earthquake", "train"])
def test_embedded_reader(kind, model_url, tmp_path, capsys):
    """Recorded from the embedded 135M server reading each made-up article whole (`--reader both`).
    It does poorly; whatever it lists, only aligned and checked items reach the brief, and the
    brief scores as the code path alone does."""
    out = tmp_path / "brief.json"
    assert main(["brief", str(CLUSTERS / kind), "-o", str(out), "-q", "--reader", "both"]) == 0
    brief = json.loads(out.read_text(encoding="utf-8"))
    reading = brief["run"]["reading"]
    with capsys.disabled():
        print(f"\n{kind}, embedded reader: {reading}")
    assert brief["run"]["reader"] == "both" and reading["chunks"] == len(brief["sources"])
    assert reading["kept"] + reading["unaligned"] + reading["unverified"] == reading["items"]
    assert brief["run"]["tokens"]["articles"]["calls"] >= reading["chunks"]
    assert check_json(brief) == []  # every quote, the model's included, is the source's own words
    result = score(brief, json.loads((CLUSTERS / f"{kind}.gold.json").read_text()))
    assert result.passed == result.total and result.spurious.n == 0 and result.misattributed.n == 0, (
        result.line()
    )


def test_a_real_sentence_given_the_wrong_meaning_is_dropped():
    """Seen from the embedded model on the dev set: real quotes labelled a denial or a cause."""
    facts, report = read_with(
        Reading(
            responsibility=[
                ResponsibilityItem(
                    kind="denial", quote="Detective Anna Morrow and fire chief Paul Okafor visited the scene"
                ),
                ResponsibilityItem(
                    kind="denial",
                    actor="Tessaly Gas Board",
                    quote="The Tessaly Gas Board denied that its pipes had any part",
                ),
            ],
            causes=[
                CauseItem(
                    text="We are treating this as a criminal act",
                    status="disputed",
                    quote="We are treating this as a criminal act and not an accident",
                )
            ],
        )
    )
    assert [r.actor for r in facts.responsibility] == ["Tessaly Gas Board"] and facts.causes == []
    assert report.unverified == 2
