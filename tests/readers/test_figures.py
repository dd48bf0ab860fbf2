"""The figure reader (readers/figures.py): category, qualifier, role and scope from the parse; every
sentence made up here, in words of our own, none from the dev set or the sentence bank."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from summarizer import read_facts
from summarizer.readers import language
from summarizer.readers.figures import read_figures


def read(sentence: str, **kw) -> list[tuple]:
    span = next(iter(language.parse(sentence).sents))
    return [(f.category, f.value, f.qualifier, f.role) for f in read_figures(span, **kw)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a toll noun as the subject of any verb: no list of verbs
        ("The death toll topped 20,000 on Thursday.", [("killed", 20000, "more_than", "total")]),
        ("Death toll surpasses 22,000", [("killed", 22000, "more_than", "total")]),
        ("The toll has crossed 1,200 in the flooded valley.", [("killed", 1200, "more_than", "total")]),
        ("The number of dead rose to nearly 21,000.", [("killed", 21000, "about", "total")]),
        # increments, earlier figures, projections, other events
        (
            "Divers recovered four more bodies, raising the toll to 61.",
            [("killed", 4, "exact", "increment"), ("killed", 61, "exact", "total")],
        ),
        (
            "The toll rose to 85, up from 74.",
            [("killed", 85, "exact", "total"), ("killed", 74, "exact", "earlier")],
        ),
        ("Officials warned that the toll could rise to 3,000.", [("killed", 3000, "exact", "projection")]),
        (
            "The storm was worse than the 1998 cyclone, which killed more than 900 people.",
            [("killed", 900, "more_than", "other_event")],
        ),
        # parts: bodies handled, a partitive, a group
        ("So far 212 bodies have been identified by forensic teams.", [("killed", 212, "exact", "part")]),
        (
            "Forty people were hurt, nine of them critically.",
            [("injured", 40, "exact", "total"), ("injured", 9, "exact", "part")],
        ),
        # missing and arrests
        ("At least 70 miners remain trapped underground.", [("missing", 70, "at_least", "total")]),
        ("Thirty people are missing and feared dead.", [("missing", 30, "exact", "total")]),
        ("Six men were taken into custody overnight.", [("arrests", 6, "exact", "total")]),
        # who did it is no casualty; things are no people; a count that explains a toll is an increment
        ("Two gunmen killed a shopkeeper in Dorrow.", []),
        ("Police detained six men in three separate raids.", [("arrests", 6, "exact", "total")]),
        ("Four memorial services were held in the square.", []),
        (
            "The toll reached 58 after one more patient succumbed.",
            [("killed", 58, "exact", "total"), ("killed", 1, "exact", "increment")],
        ),
        # numbers that count no people
        ("The 1,400-tonne ferry left port at 9.15pm with 312 cars on deck.", []),
        ("The arena holds 18,000 and was built in 1994.", []),
        ("Reconstruction will cost $40 million over five years.", []),
    ],
)
def test_counts_read_by_role(sentence, expected):
    assert read(sentence) == expected


def test_a_count_in_another_place_is_a_part_of_the_incident():
    got = read("Eleven people died in Harwick and three in Lowmere.", place_words=frozenset({"Harwick"}))
    assert ("killed", 3, "exact", "part") in got and ("killed", 11, "exact", "total") in got


def test_a_background_sentence_gives_other_event_counts():
    assert read("A bus crash killed 14 people there.", background=True) == [
        ("killed", 14, "exact", "other_event")
    ]


def test_read_facts_names_the_speaker_of_a_pronoun_from_the_context():
    out = read_facts("“We are still digging,” she said.", context="Rescue chief Ilse Marrow arrived at dawn.")
    assert (
        out["statements"] == [{"quote": "We are still digging,", "speaker": "Ilse Marrow"}]
        or out["statements"][0]["speaker"] == "Ilse Marrow"
    )
    assert read_facts("At least 12 people died.")["figures"] == [
        {
            "as_stated": "At least 12",
            "value": 12,
            "category": "killed",
            "qualifier": "at_least",
            "role": "total",
            "scope": None,
        }
    ]


def test_facts_command_writes_one_line_per_snippet_and_reports_bad_lines(tmp_path):
    feed = tmp_path / "snippets.jsonl"
    feed.write_text(
        json.dumps({"id": "a", "text": "Nine people were injured."})
        + "\n"
        + "not json\n"
        + json.dumps({"id": "c", "text": "No numbers here."})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "summarizer", "facts", str(feed), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["id"] for x in lines] == ["a", "line 2", "c"]
    assert lines[0]["figures"][0]["category"] == "injured" and "error" in lines[1]
    assert set(lines[2]) == {"id", "figures", "statements"} and lines[2]["figures"] == []


# --- publication order and the best figure: made-up reports of a made-up flood -------------------


def brief_of(texts: dict[str, tuple[str | None, str]]):
    from summarizer import Article, summarize

    arts = [Article(text=text, id=sid, published_at=published) for sid, (published, text) in texts.items()]
    return summarize(arts, answers="rules", cache=False)


FLOOD = {
    "a": (
        "2024-03-04",
        "Flash floods swept through the river town of Marlow Vale on Monday, killing at least 12 "
        "people, officials said. Rescuers were searching for survivors in Marlow Vale.",
    ),
    "b": (
        None,
        "The death toll from Monday's floods in Marlow Vale rose to 31 on Thursday, up from 12, the "
        "regional governor said. Thirty-one people are now known to have died in Marlow Vale.",
    ),
    "c": (
        None,
        "Floodwaters receded in Marlow Vale on Tuesday as the toll from Monday's flash floods reached 19. "
        "Nine people remain missing in Marlow Vale.",
    ),
}


def test_undated_sources_are_placed_by_the_days_they_name():
    brief = brief_of(FLOOD)
    order = {o.source_id: (o.at, o.basis) for o in brief.run.source_order}
    assert order["a"] == ("2024-03-04", "dateline")  # a Monday
    assert order["b"] == ("2024-03-07", "content") and order["c"] == ("2024-03-05", "content")
    killed = brief.casualties.killed
    assert (
        killed.best.value == 31 and killed.best.source_id == "b"
    )  # the latest by content, not the dated one
    assert {r.value for r in killed.reports if r.role == "earlier"} == {12}  # "up from 12" stays as history
    assert brief.casualties.missing.best.value == 9


def test_a_toll_dated_by_its_own_verb_stands_on_that_day():
    texts = {
        "x": (
            "2024-06-10",
            "The toll in the bridge collapse at Orrin Ford climbed to 44 on Sunday, police said.",
        ),
        "y": (
            "2024-06-10",
            "The death toll from Saturday's bridge collapse at Orrin Ford rose to 41 on Monday.",
        ),
    }
    brief = brief_of(texts)
    assert brief.casualties.killed.best.value == 41  # Monday's count, though lower and the same dateline
    assert [r.as_of for r in brief.casualties.killed.reports if r.source_id == "y"] == ["2024-06-10"]


def test_the_incident_date_is_what_happened_not_when_it_was_said():
    """Made-up reports of a made-up fire: the date a minister spoke or a toll rose dates a report; a
    relative day ("yesterday") is read against the source's own dateline; one source's stray day
    against the others' agreement is background."""
    texts = {
        "p": (
            "2024-05-15",
            "A fire swept through the Kestrel Lane market yesterday, killing 9 people. "
            "The interior minister said on Wednesday that the toll rose on Wednesday.",
        ),
        "q": ("2024-05-16", "The fire at the Kestrel Lane market was the worst in the city for decades."),
        "r": (
            None,
            "Traders had warned of faulty wiring on May 2. The Kestrel Lane market fire on Tuesday "
            "killed nine people.",
        ),
    }
    brief = brief_of(texts)
    assert brief.date.value == "2024-05-14"  # "yesterday" in p, Tuesday in r; not Wednesday, not May 2


def test_a_date_without_a_day_keeps_its_precision():
    texts = {
        "m": (None, "Floods swept the Harrow valley in March 2019, leaving 40 people dead."),
        "n": (None, "The Harrow valley floods in March 2019 destroyed 300 homes."),
    }
    brief = brief_of(texts)
    assert (brief.date.value, brief.date.precision) == ("2019-03-01", "month")


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The attack killed at least 137 people.", [("killed", 137, "at_least")]),
        (
            "More than 60 people died and over 100 were injured.",
            [("killed", 60, "more_than"), ("injured", 100, "more_than")],
        ),
        ("Eleven people were arrested, officials said.", [("arrests", 11, "exact")]),
        ("A train carrying 300 passengers crashed, killing 12.", [("killed", 12, "exact")]),
        (
            "Twelve people, including five children, died in the blaze.",
            [("killed", 12, "exact"), ("killed", 5, "exact")],
        ),
        ("The quake of magnitude 7 struck 40 km away at 10:30.", []),
        ("Rescuers found some 45 bodies.", [("killed", 45, "about")]),
        (
            "The death toll from Friday's quake in Kessin, Valdoria, has risen to 41.",
            [("killed", 41, "exact")],
        ),
        ("The toll was revised down to 84 after two victims were counted twice.", [("killed", 84, "exact")]),
        ("Ten people were killed when two trains collided.", [("killed", 10, "exact")]),
        (
            "More than 40 people died and dozens remain missing.",
            [("killed", 40, "more_than"), ("missing", 24, "at_least")],
        ),
        (
            "The crash killed 12, while 80 were taken to hospital.",
            [("killed", 12, "exact"), ("injured", 80, "exact")],
        ),
        (
            "The blast left dozens dead and hundreds injured.",
            [("killed", 24, "at_least"), ("injured", 200, "at_least")],
        ),
        ("Deaths overnight brought the death toll to 30.", [("killed", 30, "exact")]),
        ("A further 10 walked in, bringing the number being treated to 74.", [("injured", 74, "exact")]),
        ("His wife was detained, bringing to five the number of people held.", [("arrests", 5, "exact")]),
        ("The council said 119 people had sought treatment.", [("injured", 119, "exact")]),
        ("The ferry sank with more than 400 people aboard.", []),
        ("The jet crashed, killing all 150 people on board.", [("killed", 150, "exact")]),
        ("Nine soldiers and 30 civilians were killed.", [("killed", 9, "exact"), ("killed", 30, "exact")]),
    ],
)
def test_casualty_counts(sentence, expected):
    """Counts the brief keeps (totals and parts), read from the parse (readers/figures.py)."""
    span = next(iter(language.parse(sentence).sents))
    assert [
        (f.category, f.value, f.qualifier)
        for f in read_figures(span)
        if f.role in ("total", "part") and f.category != "other_people"
    ] == expected
