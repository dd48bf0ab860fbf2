"""Extract: per-article facts, found by rules and judged by the model, with evidence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

from summarizer.core.brief import (
    Cause,
    FigureReport,
    FigureRole,
    Perpetrator,
    Quote,
    Responsibility,
    Statement,
    TextFact,
    TimelineEvent,
)
from summarizer.core.doc import Doc, Facts, Sentence
from summarizer.core.evidence import quote
from summarizer.llm.answers import FigureRoleAnswer, SpeakerPick
from summarizer.llm.decide import Decider
from summarizer.readers import blame, causes, cues, dates, disputes, language, places, speakers
from summarizer.readers.culprits import culprits, introduces_culprits, listed
from summarizer.readers.figures import FigureReading, has_toll_argument, read_figures
from summarizer.readers.lexicon import SAY_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

MAX_SPEAKER_OPTIONS = 3
_ATTRIBUTION = re.compile(r"\baccording to (?:the )?([^,.;:()“”\"]{2,80})")
_SAID_AFTER = re.compile(
    r",\s*(?:the\s+)?((?:[A-Za-z][\w.’'-]*\s+){0,4}?[A-Za-z][\w.’'-]*)\s+"
    r"(?:said|says|reported|announced|confirmed|stated)(?:\s+on\s+\w+)?\s*\.?$"
)
_ATTRIBUTION_END = re.compile(r"\s+(?:on|in|at|after|as|when|while|who|which|that|and|but)\b.*$")
_SAID_BY = re.compile(r"^(?:The\s+)?((?:[A-Z][\w.\-’']*\s+){1,5}?)(?:said|announced|reported|stated)\b")


# --- the incident's date, voted across sources -------------------------------------------------


def date_mentions(doc: Doc, others_dateline: str | None = None) -> list[tuple[str, Quote]]:
    """Dates stated in an article's lead, resolved against its own publication date; an undated
    article's against the earliest dateline of the others (its "Sunday" is the Sunday before the
    first report), which makes a weekday no later than that."""
    published = doc.article.published_at
    out = []
    for sentence in doc.lead():
        for found in dates.dates(sentence.text, published or others_dateline, published):
            if (
                found.value
                and found.kind != "iso"
                and not dates_a_report(doc.parsed, sentence.start + found.start)
            ):
                out.append((found.value, doc.evidence(sentence, found.start, found.end)))
    return out


def dates_a_report(parsed: SpacyDoc, start: int) -> bool:
    """Whether the date at character `start` dates a report rather than the incident: it hangs on a
    verb of saying ("the minister said on Sunday") or on a verb whose subject or object is a toll
    ("lowered the death toll on Monday", "the toll rose on Thursday"), not on what happened ("gunmen
    attacked on Saturday", "died in the crash last Tuesday")."""
    span = parsed.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return False
    tok = span[0]
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if tok.lemma_.lower() in SAY_VERBS:
        return True
    return has_toll_argument(tok)


# --- one article ------------------------------------------------------------------------------


def attribution(text: str) -> str | None:
    """Who a sentence says it has its facts from ("according to police", "..., the ministry said")."""
    if found := _ATTRIBUTION.search(text):
        return _ATTRIBUTION_END.sub("", found.group(1)).strip(" ,.") or None
    if found := _SAID_BY.match(text) or _SAID_AFTER.search(text):
        who = found.group(1).strip()
        return (
            None if who.lower() in {"he", "she", "they", "it", "we", "i", "officials said"} else who or None
        )
    return None


def in_quote(text: str, pos: int) -> bool:
    """Whether character `pos` of `text` is inside a quotation (an opening mark not yet closed)."""
    head = text[:pos]
    return head.count("“") > head.count("”") or head.count('"') % 2 == 1


def with_background(doc: Doc, date: str | None) -> list[tuple[Sentence, bool]]:
    """Each content sentence, and whether it tells of another event than the incident; worked out
    once per article and date (figures, disagreements, causes, the reader and the time all ask)."""
    if date not in doc.backgrounds:
        doc.backgrounds[date] = list(_background_flags(doc, date))
    return doc.backgrounds[date]


def _background_flags(doc: Doc, date: str | None) -> Iterator[tuple[Sentence, bool]]:
    own_prev, bg_prev, para_prev = False, False, -1
    for sentence in doc.sentences:
        if sentence.heading:  # a new section starts afresh
            own_prev = bg_prev = False
        if sentence.boilerplate or sentence.heading or sentence.suspect:
            continue
        # A background sentence colours the next one (even across a paragraph break) unless that one
        # states a date of its own; a coloured one colours the next only within its paragraph.
        own = cues.background(sentence.text, date)
        carried = own_prev or bg_prev and sentence.paragraph == para_prev
        bg = own or carried and not dates.dates(sentence.text, doc.article.published_at)
        own_prev, bg_prev, para_prev = own, bg, sentence.paragraph
        yield sentence, bg


# --- figures ----------------------------------------------------------------------------------


async def figures(
    doc: Doc,
    decider: Decider,
    incident: str,
    date: str | None,
    facts: Facts,
    place_words: frozenset[str] = frozenset(),
) -> None:
    """Every count of the killed, injured, missing or arrested, with the role the parse gives it; the
    `figure` question may overrule the role (the model answers it only where it is asked to)."""
    year = date[:4] if date else None
    month = date[:7] if date else None
    for sentence, bg in with_background(doc, date):
        span = doc.parsed.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        for found in read_figures(span, place_words, background=bg, year=year, month=month):
            if found.category not in facts.figures or _no_figure_of_its_own(found):
                continue  # other people (aboard, evacuated)
            role = await _judged_role(decider, incident, sentence, found)
            if role in ("other_event", "increment"):
                continue  # another incident's count; a count added ("two more bodies"): no figure of its own
            reports = facts.figures[found.category]
            if any(r.value == found.value and r.role == role for r in reports):
                continue
            start = span.start_char - sentence.start + found.start
            reports.append(_figure_report(doc, sentence, start, found, role, date))


def _no_figure_of_its_own(found: FigureReading) -> bool:
    """A part that makes no figure: "one of the dead" is a person; the arrested among them ("including
    the four assailants") and the hurt in a condition ("in critical condition") are no count of their own."""
    return found.role == "part" and (
        found.value == 1
        or found.category == "arrests"
        or bool(
            found.scope
            and found.scope.startswith("in ")
            and found.category == "injured"
            and found.place is None
        )
    )


async def _judged_role(
    decider: Decider, incident: str, sentence: Sentence, found: FigureReading
) -> FigureRole:
    """The role of a count: the parse's, unless the `figure` question is asked and answered otherwise."""
    answer = await decider.ask(
        "figure",
        FigureRoleAnswer,
        "judge",
        dict(incident=incident, sentence=sentence.text, as_stated=found.as_stated, category=found.category),
        rule=FigureRoleAnswer(role=found.role),
        constant=FigureRoleAnswer(role="total"),
        max_tokens=30,
    )
    return answer.role


def _figure_report(
    doc: Doc, sentence: Sentence, start: int, found: FigureReading, role: FigureRole, date: str | None
) -> FigureReport:
    """A count as its source's report; `start`: where its words begin in the sentence."""
    published = doc.article.published_at
    return FigureReport(
        as_of=stated_day(found.day_words, published, date) if role == "total" and found.day_words else None,
        value=found.value,
        qualifier=found.qualifier,
        as_stated=found.as_stated,
        source_id=doc.id,
        role=role,
        scope=found.scope if role == "part" else None,
        published_at=published,
        attributed_to=attribution(sentence.text),
        vague_high=found.vague[1] if found.vague else None,
        evidence=[doc.evidence(sentence, start, start + len(found.as_stated))],
    )


def stated_day(sentence: str, published: str | None, date: str | None) -> str | None:
    """The day a toll verb says its count stood ("rose to 135 on Tuesday"): a weekday or a date, read
    against the source's dateline (undated: counted forward from the incident's date), never before
    the incident nor after the dateline."""
    days = []
    for found in dates.dates(sentence, published or (f"{date[:4]}-12-31" if date else None)):
        value = found.value if published or found.kind != "wd" else dates.weekday_after(found.text, date)
        if value and (not date or value >= date) and (not published or value <= published[:10]):
            days.append(value)
    return max(days) if days else None


# --- places -----------------------------------------------------------------------------------


def adjectives_of_places(
    doc: Doc, sentence: Sentence, entities: list[language.Entity]
) -> list[language.Entity]:
    """A nationality right before a place's name ("the French Alps", "the Spanish coast"): it names the
    place's country. A nationality anywhere else is people's, never a place."""
    starts = {e.start for e in entities}
    return [
        e
        for e in language.entities(doc.parsed, sentence.start, sentence.end)
        if e.label == "NORP"
        and any(e.end + k in starts for k in (1, 2))
        and sentence.text[e.end : e.end + 1] == " "
    ]


def place_mentions(doc: Doc, date: str | None) -> list[places.Mention]:
    """Place entities in the article's sentences (background sentences left out), for `locate`; each
    knows its rank, so that `locate` can weigh the opening."""
    lead = [s for s in doc.content() if not cues.background(s.text, date)]
    return [
        mention for rank, sentence in enumerate(lead) for mention in _sentence_mentions(doc, sentence, rank)
    ]


def _sentence_mentions(doc: Doc, sentence: Sentence, rank: int) -> list[places.Mention]:
    """The places one sentence names: its region names (these win over the tagger's overlapping guess),
    the tagger's places and the nationalities that name a place's country."""
    regions = language.region_names(doc.parsed, sentence.start, sentence.end)
    entities = regions + [
        e
        for e in language.entities(doc.parsed, sentence.start, sentence.end)
        if e.label in places.PLACE_LABELS and not any(e.start < r.end and r.start < e.end for r in regions)
    ]
    entities += adjectives_of_places(doc, sentence, entities)
    names = frozenset(places.strip_article(e.text) for e in entities)
    out: list[places.Mention] = []
    previous = None
    for entity in sorted(entities, key=lambda e: e.start):
        if not _may_be_place(doc, entity):
            continue
        near = names - {places.strip_article(entity.text)}
        previous = _mention(doc, sentence, rank, entity, previous, near=near, region_noun=entity in regions)
        out.append(previous)
    return out


def _may_be_place(doc: Doc, entity: language.Entity) -> bool:
    """Not "288", nor a person the tagger elsewhere calls a person: those are never a place."""
    return places.names_a_place(entity.text) and not (
        entity.label != "PERSON" and language.is_person_named(doc.parsed, entity.text)
    )


def _mention(
    doc: Doc,
    sentence: Sentence,
    rank: int,
    entity: language.Entity,
    previous: places.Mention | None,
    *,
    near: frozenset[str],
    region_noun: bool,
) -> places.Mention:
    """One place entity as `locate` weighs it; `previous`: the mention before it in the sentence."""
    before, after = sentence.text[: entity.start], sentence.text[entity.end :]
    gap = sentence.text[previous.end - sentence.start : entity.start] if previous else ""
    role = places.place_role(doc.parsed, sentence.start + entity.start, sentence.start + entity.end)
    scene = role == "scene"
    return places.Mention(
        text=entity.text,
        label=entity.label,
        source_id=doc.id,
        sentence=rank,
        start=sentence.start + entity.start,
        end=sentence.start + entity.end,
        locative=places.is_locative(before),
        near=near,
        region_noun=region_noun,
        after=after[: places.ADJACENT],
        reference=role == "speech"
        or places.is_reference(before, after, previous, gap)
        or places.is_water(places.strip_article(entity.text))
        and not scene,
        scene=scene,
        town_noun=places.is_town_noun(before),
        dateline=places.is_dateline(before, after),
    )


# --- blame, culprits, hedges, quotations and dated events, sentence by sentence ------------------


async def add_sentence_facts(doc: Doc, facts: Facts, date: str | None, decider: Decider) -> None:
    """What the rules read in each content sentence: blame and the causes it names, weapons and culprits
    (outside background sentences), hedged claims, quotations with their speakers and the first date
    of the incident's year; then every group that claims the attack, as a perpetrator."""
    content = doc.content()
    for i, sentence in enumerate(content):
        if not cues.background(sentence.text, date):
            nearby = " ".join(x.text for x in content[i + 1 : i + 3])
            _add_blame(doc, sentence, nearby, facts)
            _add_weapons(doc, sentence, facts)
            _add_culprits(doc, sentence, facts)
        if cues.hedged(sentence.text):
            facts.unverified.append(_unverified(doc, sentence, content[i - 1] if i > 0 else None))
        await _add_statements(doc, sentence, facts, decider)
        _add_dated_event(doc, sentence, date, facts)
    _add_claimed_perpetrators(facts)


def _add_blame(doc: Doc, sentence: Sentence, nearby: str, facts: Facts) -> None:
    """Who the sentence says is responsible (not inside a quotation), and the thing it blames, if any."""
    for found in blame.blames(doc.parsed, sentence.start, sentence.end, nearby):
        if in_quote(sentence.text, found.cue_start - sentence.start):
            continue
        facts.responsibility.append(
            Responsibility(
                kind=found.kind,
                actor=found.actor,
                asserted_by=found.asserted_by,
                channel=found.channel,
                text=sentence.text[:300],
                evidence=[doc.evidence(sentence)],
            )
        )
        if found.cause and not any(c.text == found.cause for c in causes.causes(sentence.text)):
            # "the minister blamed faulty wiring": a cause, by the one who blames it
            facts.causes.append(
                Cause(
                    text=found.cause,
                    asserted_by=found.asserted_by,
                    evidence=[doc.evidence(sentence)],
                    status="suspected" if causes.hedged(sentence.text) else "stated",
                )
            )


def _add_weapons(doc: Doc, sentence: Sentence, facts: Facts) -> None:
    for weapon in cues.weapons(sentence.text):
        facts.weapons.append(
            TextFact(text=weapon.text, evidence=[doc.evidence(sentence, weapon.start, weapon.end)])
        )


def _add_culprits(doc: Doc, sentence: Sentence, facts: Facts) -> None:
    for culprit in culprits(doc.parsed, sentence.start, sentence.end):
        start, end = culprit.start - sentence.start, culprit.end - sentence.start
        facts.perpetrators.append(
            Perpetrator(
                name=culprit.name,
                kind=culprit.kind,
                role=culprit.role,
                status=culprit.status,
                details=None,
                evidence=[doc.evidence(sentence, start, end)],
            )
        )


def _unverified(doc: Doc, sentence: Sentence, before: Sentence | None) -> TextFact:
    """A hedged sentence ("unconfirmed reports say"), with the one before when it refers back to it."""
    evidence = [doc.evidence(sentence)]
    text = sentence.text
    if cues.refers_back(sentence.text) and before is not None:
        evidence.insert(0, doc.evidence(before))
        text = f"{before.text} {sentence.text}"
    return TextFact(text=text[:400], evidence=evidence)


async def _add_statements(doc: Doc, sentence: Sentence, facts: Facts, decider: Decider) -> None:
    """Each quotation that opens in the sentence, with who says it."""
    for quoted in speakers.quotations(doc.parsed, sentence.start, sentence.end):
        role = quoted.role
        if quoted.pronoun:  # "he said": one of the people named just before
            options, ranked = _speaker_options(doc, quoted.start, quoted.anchor, quoted.pronoun_word)
            speaker = await _pick_speaker(doc, sentence, quoted.quote, options, ranked, decider)
            if speaker is None:
                continue
        else:
            # quotations() names the speaker of every quotation it does not leave to a pronoun
            speaker = cast(str, quoted.speaker)
            if org := speakers.organisation_antecedent(doc.parsed, quoted.start, speaker):
                # "stated the news agency": RIA Novosti, named just before
                speaker, role = org, role or speaker
        facts.statements.append(
            Statement(
                speaker=speaker[:120],
                role=role[:120] if role else None,
                quote=quoted.quote,
                evidence=[quote(doc.id, doc.article.text, quoted.start, quoted.end)],
            )
        )


def _speaker_options(
    doc: Doc, start: int, anchor: int, pronoun_word: str | None
) -> tuple[list[str], list[str]]:
    """The people a pronoun before the quotation at `start` may be: in text order (the options shown),
    and in the rule's order (the rule's answer is its first)."""
    ranked = speakers.antecedents(doc.parsed, anchor, pronoun=pronoun_word)[:MAX_SPEAKER_OPTIONS]
    text_before = doc.article.text[:start]
    return sorted(ranked, key=lambda name: text_before.rfind(name)), ranked


async def _pick_speaker(
    doc: Doc, sentence: Sentence, quotation: str, options: list[str], ranked: list[str], decider: Decider
) -> str | None:
    """The person the `speaker` question picks among the options (the constant answer: the first
    named); None when there is none to pick or the answer picks none."""
    if not ranked:
        return None
    pick = await decider.ask(
        "speaker",
        SpeakerPick,
        "speaker",
        dict(
            context=doc.article.text[max(0, sentence.start - 300) : sentence.end],
            quote=quotation,
            options=options,
        ),
        rule=SpeakerPick(choice=options.index(ranked[0]) + 1),
        constant=SpeakerPick(choice=1),
        max_tokens=20,
    )
    return options[pick.choice - 1] if 0 < pick.choice <= len(options) else None


def _add_dated_event(doc: Doc, sentence: Sentence, date: str | None, facts: Facts) -> None:
    """The sentence as a timeline event, at the first date it states in the incident's year.
    Without a dateline, a yearless "March 7" takes the incident's year; weekdays stay unresolved."""
    published = doc.article.published_at
    anchor = published or (f"{date[:4]}-12-31" if date else None)
    for found in dates.dates(sentence.text, anchor):
        if found.kind == "wd" and not published:
            continue
        if found.value and found.kind != "iso" and not (date and found.value[:4] != date[:4]):
            facts.timeline.append(
                TimelineEvent(date=found.value, text=sentence.text[:300], evidence=[doc.evidence(sentence)])
            )
            return


def _add_claimed_perpetrators(facts: Facts) -> None:
    """A group that claims the attack is a perpetrator by its own account."""
    for claim in facts.responsibility:
        if claim.kind == "claim" and claim.actor:
            facts.perpetrators.append(
                Perpetrator(
                    name=claim.actor,
                    kind="group",
                    role="claimed",
                    status="unknown",
                    details=None,
                    evidence=claim.evidence,
                )
            )


def drop_vague(facts: Facts) -> None:
    """ "Dozens" says less than a number: a vague total is kept only when the source gives no numeric
    total."""
    for cat, reports in facts.figures.items():
        if any(r.vague_high is None and r.role == "total" for r in reports):
            facts.figures[cat] = [r for r in reports if r.vague_high is None or r.role != "total"]


def disagreements(doc: Doc, date: str | None, facts: Facts) -> None:
    """Sentences in which the source says accounts differ, and the magnitudes it gives the incident."""
    for sentence, bg in with_background(doc, date):
        if bg:
            continue
        if disputes.stated(sentence.text):
            facts.disputes.append(doc.evidence(sentence))
        for value, start, end in disputes.magnitudes(sentence.text):
            facts.magnitudes.append((value, doc.evidence(sentence, start, end)))


def stated_causes(doc: Doc, date: str | None, facts: Facts) -> None:
    """What the article says caused the incident ("blamed the crush on fans"), outside background
    passages."""
    for sentence, bg in with_background(doc, date):
        for found in [] if bg else causes.causes(sentence.text):
            facts.causes.append(
                Cause(
                    text=found.text,
                    asserted_by=attribution(sentence.text),
                    status=found.status,
                    evidence=[doc.evidence(sentence)],
                )
            )


def listed_culprits(doc: Doc, facts: Facts) -> None:
    """Suspects listed under a paragraph that introduces them ("police named six suspects ...:" then
    "- Akhmad Hadian Lukita, president director of ...;")."""
    paragraphs: dict[int, list[Sentence]] = {}
    for sentence in doc.sentences:  # a short list item reads as a heading; it still names someone
        if sentence.boilerplate or sentence.suspect:
            continue
        paragraphs.setdefault(sentence.paragraph, []).append(sentence)
    in_list = False
    for sents in paragraphs.values():
        if in_list and (span := listed(sents[0].text)):
            facts.perpetrators.append(
                Perpetrator(
                    name=sents[0].text[span[0] : span[1]],
                    kind="person",
                    role="suspect",
                    status="unknown",
                    evidence=[doc.evidence(sents[0], *span)],
                )
            )
            continue
        in_list = introduces_culprits(" ".join(s.text for s in sents))


async def extract(
    doc: Doc, decider: Decider, incident: str, date: str | None, place_words: frozenset[str] = frozenset()
) -> Facts:
    """What the rules (and the decider's questions) find in one article."""
    facts = Facts(doc.id)
    await figures(doc, decider, incident, date, facts, place_words)
    drop_vague(facts)
    await add_sentence_facts(doc, facts, date, decider)
    listed_culprits(doc, facts)
    disagreements(doc, date, facts)
    stated_causes(doc, date, facts)
    return facts
