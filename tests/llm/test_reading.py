"""Reading with libraries: spaCy's parse for speakers and blame, text2num for counts; every case made up."""

from __future__ import annotations

import pytest

from summarizer.readers import dates, language, places
from summarizer.readers.blame import blames
from summarizer.readers.culprits import culprits
from summarizer.readers.figures import read_figures
from summarizer.readers.speakers import antecedents, quotations


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "The Black Harbour Front claimed responsibility on Monday, saying its fighters attacked.",
            ("claim", "The Black Harbour Front", "The Black Harbour Front"),
        ),
        (
            "The Valdorian interior ministry denied any involvement in the bombing.",
            ("denial", "The Valdorian interior ministry", "The Valdorian interior ministry"),
        ),
        (
            "Prime Minister Elsa Varga accused Ostrania of arming the gunmen.",
            ("accusation", "Ostrania", "Elsa Varga"),
        ),
        (
            "Police said the operator was responsible for the failings.",
            ("attribution", "the operator", "Police"),
        ),
        (
            "The Red Hand said on its Telegram channel that it was behind the blast.",
            ("claim", "The Red Hand", "The Red Hand"),
        ),
        (
            "Officials in Tessaly said accusations against the militia were baseless.",
            ("denial", "the militia", "Officials in Tessaly"),
        ),
        (
            "Before his arrest, Tariq Oumar denied that his brother had any part in the fire.",
            ("denial", "Tariq Oumar", "Tariq Oumar"),
        ),  # the tagger's person is "Oumar" alone
        (
            "The port authority rejected suggestions that its cranes had not been inspected.",
            ("denial", "The port authority", "The port authority"),
        ),
        (
            "The Black Harbour Front, writing on a new Telegram channel, denies that children were targeted.",
            ("denial", "The Black Harbour Front", "The Black Harbour Front"),
        ),
        (
            "The interior minister told a radio station that two Ostranians were among the gunmen.",
            ("attribution", "two Ostranians", "The interior minister"),
        ),
    ],
)
def test_responsibility_from_the_parse(sentence, expected):
    found = [(b.kind, b.actor, b.asserted_by) for b in blames(language.parse(sentence), 0, len(sentence))]
    assert expected in found, found


@pytest.mark.parametrize(
    "sentence",
    [
        "The Valdorian embassy would neither confirm nor deny any involvement.",
        "Police dismissed suggestions that the toll was higher than 40.",
        "Officials said two nurses were among the dead.",
    ],
)
def test_no_responsibility_in(sentence):
    assert blames(language.parse(sentence), 0, len(sentence)) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "“The bridge had been closing for weeks before it fell,” said Rosa Lind, a local engineer.",
            [("Rosa Lind", "a local engineer")],
        ),
        (
            "Harbour master Tomas Reyes told reporters the ferry was “badly overloaded when she left port”.",
            [("Tomas Reyes", "Harbour master")],
        ),
        (
            "Mayor Ida Holm met the families on Sunday. “We will rebuild every home that was lost,” she said.",
            [("Ida Holm", None)],
        ),
        (
            "“We are checking every single report we receive,” some shouted at the gates.",
            [],
        ),  # no speaker to name
        ("Her son said: “Nobody told us anything at all for hours.”", []),  # a relation, not a name
    ],
)
def test_speakers_from_the_parse(text, expected):
    doc = language.parse(text)
    got = []
    for q in quotations(doc, 0, len(text)):
        assert text[q.start : q.end] == q.quote
        got.append((antecedents(doc, q.start)[0], None) if q.pronoun else (q.speaker, q.role))
    assert got == expected


def brief_counts(sentence: str, place_words: frozenset[str] = frozenset()) -> list:
    """What the figure reader gives the brief for a sentence: totals and parts, with their scope."""
    span = next(iter(language.parse(sentence).sents))
    return [
        f
        for f in read_figures(span, place_words)
        if f.role in ("total", "part") and f.category != "other_people"
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Forty-nine people were killed and twenty-five injured.",
            [("killed", 49, "exact"), ("injured", 25, "exact")],
        ),
        ("One man, aged 43, was arrested near the station.", [("arrests", 1, "exact")]),
        ("The captain, Arno Veld, 68, was arrested on Saturday.", []),
        ("A 56-year-old man died in hospital.", []),
        ("Eleven men, aged 18 to 44, are in custody.", [("arrests", 11, "exact")]),
        (
            "The ministry put the dead at 2,012 and the injured at 2,059.",
            [("killed", 2012, "exact"), ("injured", 2059, "exact")],
        ),
        ("The 6.8-magnitude quake struck at 11.11pm, killing 1,300.", [("killed", 1300, "exact")]),
        ("One of the arrests followed a raid.", []),
    ],
)
def test_counts_read_by_the_number_library(sentence, expected):
    assert [(f.category, f.value, f.qualifier) for f in brief_counts(sentence)] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("At least 41 people were killed in the blast.", [("killed", 41, None)]),
        (
            "Ten children were among the 84 killed.",
            [("killed", 10, "among the 84 killed"), ("killed", 84, None)],
        ),
        ("Two Valdorians were killed.", [("killed", 2, "Valdorians")]),
        ("Some 30 bodies have been identified so far.", [("killed", 30, "bodies identified")]),
        ("1,604 people died in Harwick province.", [("killed", 1604, "in Harwick province")]),
        (
            "61 civilians and six members of the security forces were killed, bringing the toll to 67.",
            [
                ("killed", 61, "civilians"),
                ("killed", 6, "members of the security forces"),
                ("killed", 67, None),
            ],
        ),
        ("Twenty-two people were killed and 59 were wounded.", [("killed", 22, None), ("injured", 59, None)]),
        (
            "The ministry put the injured at 2,059, with 1,404 of them in critical condition.",
            [("injured", 2059, None), ("injured", 1404, "of them")],
        ),
    ],
)
def test_scope_of_a_count(sentence, expected):
    assert [
        (f.category, f.value, f.scope) for f in brief_counts(sentence, frozenset({"Tessaly"}))
    ] == expected


@pytest.mark.parametrize(
    "name, label, kind",
    [
        ("Kenya", "GPE", "country"),
        ("Britain", "GPE", "country"),
        ("South Korea's", "GPE", "country"),
        ("Nairobi", "GPE", "city"),
        ("NAIROBI", "GPE", "city"),
        ("west London", "GPE", "city"),
        ("Westgate mall", "ORG", "venue"),
        ("Promenade des Anglais", "ORG", "venue"),
        ("Port Ardel", "GPE", "place"),
        ("St Mary's hospital", "FAC", None),
        ("Manchester Arena", "PERSON", "venue"),
        ("East Java province", "GPE", "region"),
        ("Park", "ORG", None),  # a bare venue noun is a surname ("Park Han-gyeol") or a common word
    ],
)
def test_places_are_classified_by_gazetteers_not_word_lists(name, label, kind):
    got = places.classify(places.Mention(name, label, "s", 0, 0, len(name), True))
    assert (got[0] if got else None) == kind


def test_country_names_come_from_iso_and_geonames():
    # The old hand-typed list fused "Hungary" "India" into one name: India and both Koreas never matched.
    for name, code in (
        ("India", "IN"),
        ("Hungary", "HU"),
        ("South Korea", "KR"),
        ("North Korea", "KP"),
        ("Russia", "RU"),
        ("Morocco", "MA"),
    ):
        assert places.country_code(name) == code
    assert places.country_code("Honduran") is None  # a nationality is not where it happened


def test_clock_times():
    assert [t for t, _a, _b in dates.clock_times("The lorry struck shortly after 10.30pm local time.")] == [
        "22:30"
    ]
    assert [t for t, _a, _b in dates.clock_times("It sank at 8:48 a.m. and rescuers came at 09:40.")] == [
        "08:48",
        "09:40",
    ]
    assert dates.clock_times("The score was 2.1 and 3 of 4 were hurt.") == []


def test_the_spacy_model_is_explosions_en_core_web_sm_3_8():
    """The PyPI re-upload is pinned; its meta must still be Explosion's model (README "Reading with libraries")."""
    meta = language.pipeline().meta
    assert (meta["lang"], meta["version"], meta["author"]) == ("en", "3.8.0", "Explosion")
    assert meta["spacy_git_version"] == "5010fcbd3"
    assert {"tok2vec", "tagger", "parser", "ner"} <= set(language.pipeline().pipe_names)


def test_scoped_reports_are_never_the_best_figure_nor_a_dispute():
    from summarizer.core.brief import FigureReport
    from summarizer.core.evidence import quote
    from summarizer.stages import reconcile

    def report(value, source, published, scope=None):
        return FigureReport(
            value=value,
            as_stated=str(value),
            source_id=source,
            published_at=published,
            scope=scope,
            evidence=[quote(source, f"{value} held", 0, len(str(value)))],
        )

    held = reconcile.figure(
        [report(11, "a", "2031-01-02"), report(1, "b", "2031-01-03", "on the spot")], "latest"
    )
    assert (held.best.value, held.disputed, held.low, held.high) == (11, False, 11, 11)
    assert [r.value for r in held.reports] == [11, 1]  # kept, with its scope
    only_parts = reconcile.figure([report(2, "a", "2031-01-02", "Valdorians")], "latest")
    assert only_parts.best is None and not only_parts.disputed


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("The Black Harbour Front", "Black Harbour Front", True),
        ("The Black Harbour Front group", "the Black Harbour Front of Ostrania", True),
        ("The Black Harbour Front of Ostrania (BHFO)", "BHFO", True),
        ("Arno Veld", "Mira Veld", False),  # one family name is not one person
        ("The Red Hand", "The Black Harbour Front", False),
    ],
)
def test_one_entity_one_name(a, b, expected):
    from summarizer.readers.names import same

    assert same(a, b) is expected


def test_perpetrators_merge_aliases_and_the_claiming_groups_description():
    from summarizer.core.brief import Perpetrator
    from summarizer.core.doc import Facts
    from summarizer.core.evidence import quote
    from summarizer.stages import reconcile

    def p(name, role="claimed", status="unknown", source="a"):
        return Perpetrator(
            name=name,
            kind="group",
            role=role,
            status=status,
            evidence=[quote(source, name + ".", 0, len(name))],
        )

    a, b = Facts("a"), Facts("b")
    a.perpetrators = [p("The Black Harbour Front group"), p("the militant outfit", source="a")]
    b.perpetrators = [p("Black Harbour Front of Ostrania (BHFO)", source="b"), p("BHFO", source="b")]
    merged = reconcile.perpetrators([a, b])
    assert [m.name for m in merged] == ["The Black Harbour Front group"]
    assert {q.source_id for q in merged[0].evidence} == {"a", "b"} and len(merged[0].evidence) == 4


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The gunman, Teodor Vasquez, died at the scene.", [("Teodor Vasquez", "attacker", "unknown")]),
        ("Police arrested Mira Okonjo on Friday.", [("Mira Okonjo", "suspect", "arrested")]),
        (
            "The captain, Ivo Brenner, was arrested on Saturday with the first officer, Lena Paulsen.",
            [("Ivo Brenner", "suspect", "arrested"), ("Lena Paulsen", "suspect", "arrested")],
        ),
        ("The driver was Karim Benali, 41, a father of two.", [("Karim Benali", "attacker", "unknown")]),
        (
            "The suspects, identified as Aron Falk and Bela Torres, appeared in court.",
            [("Aron Falk", "suspect", "unknown"), ("Bela Torres", "suspect", "unknown")],
        ),
        # Not culprits: a job, an official who arrested someone, a ceremony "held" for someone.
        ("The bus driver, Tom Jones, told reporters he saw the truck.", []),
        ("Police Chief Ana Ruiz, who arrested the men, spoke on Monday.", []),
        ("A ceremony was held in memory of the officer, Qassim Arvani.", []),
    ],
)
def test_culprits_from_the_parse(sentence, expected):
    got = culprits(language.parse(sentence), 0, len(sentence))
    assert [(c.name, c.role, c.status) for c in got] == expected


def test_a_list_introduced_as_suspects_names_them():
    from summarizer.core.doc import Facts
    from summarizer.inputs.ingest import from_text
    from summarizer.stages.extract import listed_culprits
    from summarizer.stages.segment import doc

    text = (
        "On Thursday the police named three suspects:\n\n- Rana Obuya, the club's security chief;\n"
        "- Teo Marsh, head of operations;\n\nIn Vessa, a driver was fined:\n\n- In Vessa, a taxi driver, fined.\n"
    )
    facts = Facts("s")
    listed_culprits(doc(from_text(text, "s")), facts)
    assert [p.name for p in facts.perpetrators] == ["Rana Obuya", "Teo Marsh"]


def test_a_described_speaker_is_the_one_named_before():
    from summarizer.readers import speakers

    text = (
        'President Ana Lund flew to Vessa on Monday with port authority president Max Ode. Later the '
        'president said she had seen the damage. "We will rebuild," she said.'
    )
    doc = language.parse(text)
    assert speakers.antecedents(doc, text.index('"We'))[0] == "Ana Lund"
    text = 'According to the State-run news agency Tass, gunmen "opened fire." They "fled in a van," stated the news agency.'
    assert (
        speakers.organisation_antecedent(language.parse(text), text.index('"fled'), "the news agency")
        == "Tass"
    )
    assert speakers.organisation_antecedent(language.parse(text), text.index('"fled'), "Tass") is None


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Home Secretary Amber Rudd said the attack was cowardly.", ("Amber Rudd", "Home Secretary")),
        ("Detective Anna Morrow said the blast was deliberate.", ("Anna Morrow", "Detective")),
    ],
)
def test_a_title_before_a_name_is_its_role(sentence, expected):
    from summarizer.readers.speakers import speaker_phrase

    doc = language.parse(sentence)
    assert speaker_phrase(next(t for t in doc if t.dep_ == "nsubj")) == expected
