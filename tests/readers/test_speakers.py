"""Who said it, and who is blamed: quotations and their speakers in every form news uses, and blame,
denials and causes from the parse of the verb. Every sentence is made up for these tests."""

from __future__ import annotations

import pytest

from summarizer.facts import read_facts
from summarizer.readers import language
from summarizer.readers.speakers import quotations, quote_marks


def said(text: str, context: str | None = None) -> list[tuple[str, str | None]]:
    """(quote, speaker) of every statement `summarizer facts` reads in `text`."""
    return [(s["quote"], s["speaker"]) for s in read_facts(text, context)["statements"]]


def speaker_of(text: str, words: str, context: str | None = None) -> str | None:
    found = [who for quote, who in said(text, context) if words in quote]
    assert len(found) == 1, said(text, context)
    return found[0]


@pytest.mark.parametrize(
    "text, words, speaker",
    [
        # after the quotation, subject first or last
        (
            "“The pumps failed within minutes of the surge,” a spokeswoman for the Orvell water board said.",
            "pumps failed",
            "a spokeswoman for the Orvell water board",
        ),
        (
            '"We pulled eleven people from the river before dawn," said Tomas Ekdahl, a volunteer diver.',
            "eleven people",
            "Tomas Ekdahl",
        ),
        # a colon
        (
            "Fire chief Lena Moravec said: “The roof went in less than an hour after the first call.”",
            "roof went in",
            "Lena Moravec",
        ),
        # split by the attribution, the second half in a sentence of its own
        (
            "“The carriages left the rails at the bend,” Ivo Brandt said. “Nobody could have stopped them.”",
            "Nobody could have stopped",
            "Ivo Brandt",
        ),
        # a pronoun for the speaker named before
        (
            "Harbour master Cilla Varga walked the quay on Sunday. “Three boats are still unaccounted for,” she said.",
            "Three boats",
            "Cilla Varga",
        ),
        # the parse hangs the tag's subject on an earlier noun: the name just before the verb speaks
        (
            "Forty pupils were on the bus that left the road near Kesselberg, the school's head Jonas Pirk told "
            "reporters, calling it “the darkest morning this town has known”.",
            "darkest morning",
            "Jonas Pirk",
        ),
        # "was quoted as saying": the passive subject speaks
        (
            "“We counted the missing street by street,” relief coordinator Amara Osei was quoted as saying by a local radio station.",
            "street by street",
            "Amara Osei",
        ),
    ],
)
def test_the_speaker_of_every_form(text, words, speaker):
    assert speaker_of(text, words) == speaker


@pytest.mark.parametrize(
    "text, speaker, role",
    [
        (
            "Maj Gen Tomas Verhoeven, who leads the relief effort, said “the bridge will reopen within days”.",
            "Tomas Verhoeven",
            "Maj Gen",
        ),
        ("“We found no survivors in the lower decks,” said Lt Col Anna Brandt.", "Anna Brandt", "Lt Col"),
        (
            "Rear Adm Ilse Marten said: “The valley road is cut off in three places.”",
            "Ilse Marten",
            "Rear Adm",
        ),
    ],
)
def test_a_rank_before_a_name_is_the_role_never_the_speaker(text, speaker, role):
    doc = language.parse(text)
    got = [(q.speaker, q.role) for q in quotations(doc, 0, len(text))]
    assert got == [(speaker, role)]


@pytest.mark.parametrize(
    "context, text, words, speaker",
    [
        # "it said": the body named before
        (
            "The Coastal Rescue Authority said four trawlers were missing.",
            "“Crews have searched the bay since first light,” it said in an update.",
            "searched the bay",
            "The Coastal Rescue Authority",
        ),
        # "the statement read": whoever issued it
        (
            "In a statement posted online, the festival organisers said they were helping the police.",
            "“Our thoughts are with everyone who lost someone last night,” the statement read.",
            "Our thoughts",
            "the festival organisers",
        ),
        # "the agency": the agency the text named before, in its fuller words
        (
            "Fresh ash flows threatened two villages, according to a bulletin from the volcano agency.",
            "“The next flow will follow the river valley to the south,” the agency said.",
            "next flow",
            "the volcano agency",
        ),
        # a bare quotation goes on with the speaker of the reported speech before it
        (
            "The mill's owner, Rafael Quint, said the exits had been locked for years.",
            "“I never thought anyone would need them at night.”",
            "never thought",
            "Rafael Quint",
        ),
    ],
)
def test_a_speaker_is_resolved_from_the_text_before(context, text, words, speaker):
    assert speaker_of(text, words, context) == speaker


def test_marks_of_every_shape_pair_within_a_paragraph():
    # a straight mark closing a curly one, and an opening mark typed where a closing one belongs
    text = (
        "“The water rose faster than any of us expected,\" Noor Haddad told the radio. "
        "“People climbed onto roofs and waited,“ Haddad said."
    )
    assert [w for _, w in said(text)] == ["Noor Haddad", "Haddad"]
    # single quotation marks in a headline; an apostrophe inside a word closes nothing
    text = "Dunmore’s mayor condemns ‘reckless disregard for tenants’ lives’"
    assert len(quote_marks(text)) == 1 and said(text) == [
        ("reckless disregard for tenants’ lives", "Dunmore’s mayor")
    ]


@pytest.mark.parametrize(
    "text",
    [
        'A spokesman told the "Valley Courier Daily" that two wards had been closed.',
        "The figures came from “Operation Safe Harbour”, the police said.",
        "Officials from the “Northern Relief Fund” visited the camp.",
    ],
)
def test_a_name_in_quotation_marks_is_not_a_statement(text):
    assert said(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "“Leave the building now,” residents were told by text message.",  # a passive names the hearers
        "Bystanders filmed the scene. “Everyone ran towards the river at once.”",  # no one spoke before
        "Tributes piled up at the gates.\n\nREAD MORE: Tenant group calls the fire ‘entirely preventable’\n\n"
        "“We will not stop until we get answers for every family.”",  # page furniture speaks for no one
    ],
)
def test_no_speaker_where_the_text_gives_none(text):
    assert [w for q, w in said(text) if w and q.split()[0] in ("Leave", "Everyone", "We")] == []


def test_one_statement_per_quotation_whatever_its_marks():
    from summarizer.core.brief import Statement
    from summarizer.core.evidence import quote
    from summarizer.stages.reconcile import one_per_quote

    curly = "We won’t leave until the last family is out"
    straight = "We won't leave until the last family is out."
    statements = [
        Statement(speaker="the mayor", quote=curly, evidence=[quote("a", curly, 0, len(curly))]),
        Statement(speaker="Petra Lind", quote=straight, evidence=[quote("b", straight, 0, len(straight))]),
    ]
    merged = one_per_quote(statements)
    assert len(merged) == 1 and merged[0].speaker == "Petra Lind" and len(merged[0].evidence) == 2


def test_the_announced_tag_names_the_speaker_even_past_a_long_title():
    # "recall" is a verb of saying too; the tag right after the comma is what names the speaker, and the
    # bare quotation that follows goes on with them
    text = (
        "Ferry operators should recall every crew from “the flooded districts,” the chair of the Northern "
        "Assembly's Committee for Harbours and Shipping, Piet Olsen, said on the radio. “Two boats have "
        "already been lost and we cannot risk a third.”"
    )
    assert [w for _, w in said(text)] == ["Piet Olsen", "Piet Olsen"]


@pytest.mark.parametrize(
    "text",
    [
        'Tenants were told to "leave by the north stairs and wait outside," while fire chief Ana Rook urged calm.',
        "‘It was pure chaos from the first minute’: Verrin mourns after the market fire",
        "Boats searched the estuary at dawn.\nA diver checks his gear on the quay at Lorne on Tuesday.\n"
        "“We heard the hull break apart in the dark.”",  # a caption between: no speaker just before
    ],
)
def test_no_speaker_from_another_clause_a_label_or_two_sentences_back(text):
    assert [w for _, w in said(text) if w] == []


def test_it_is_the_body_that_spoke_just_before():
    text = (
        "A group of “masked men” opened fire on the crowd, the regional prosecution said in a statement. "
        "“They arrived in three vans and left within four minutes,” it added."
    )
    assert speaker_of(text, "three vans") == "the regional prosecution"
