"""Extract: per-article facts, found by rules and judged by the model, with evidence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from summarizer.core.brief import (
    Cause,
    FigureReport,
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
from summarizer.readers import blame, causes, disputes, speakers
from summarizer.readers import cues as rules
from summarizer.readers import dates as parse
from summarizer.readers import language as nlp
from summarizer.readers import places as places_nlp
from summarizer.readers.culprits import culprits, introduces_culprits, listed
from summarizer.readers.figures import has_toll_argument, read_figures
from summarizer.readers.lexicon import SAY_VERBS

MAX_SPEAKER_OPTIONS = 3
_ATTRIBUTION = re.compile(r"\baccording to (?:the )?([^,.;:()“”\"]{2,80})")
_SAID_AFTER = re.compile(
    r",\s*(?:the\s+)?((?:[A-Za-z][\w.’'-]*\s+){0,4}?[A-Za-z][\w.’'-]*)\s+"
    r"(?:said|says|reported|announced|confirmed|stated)(?:\s+on\s+\w+)?\s*\.?$"
)
_ATTRIBUTION_END = re.compile(r"\s+(?:on|in|at|after|as|when|while|who|which|that|and|but)\b.*$")
_SAID_BY = re.compile(r"^(?:The\s+)?((?:[A-Z][\w.\-’']*\s+){1,5}?)(?:said|announced|reported|stated)\b")


# --- the incident's date, voted across sources -------------------------------------------------


def date_mentions(d: Doc, others_dateline: str | None = None) -> list[tuple[str, Quote]]:
    """Dates stated in an article's lead, resolved against its own publication date; an undated
    article's against the earliest dateline of the others (its "Sunday" is the Sunday before the
    first report), which makes a weekday no later than that."""
    out = []
    for s in d.lead():
        for m in parse.dates(s.text, d.article.published_at or others_dateline, d.article.published_at):
            if m.value and m.kind != "iso" and not dates_a_report(d.parsed, s.start + m.start):
                out.append((m.value, d.evidence(s, m.start, m.end)))
    return out


def dates_a_report(parsed, start: int) -> bool:
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
    if m := _ATTRIBUTION.search(text):
        return _ATTRIBUTION_END.sub("", m.group(1)).strip(" ,.") or None
    if m := _SAID_BY.match(text) or _SAID_AFTER.search(text):
        who = m.group(1).strip()
        return (
            None if who.lower() in {"he", "she", "they", "it", "we", "i", "officials said"} else who or None
        )
    return None


def in_quote(s: str, pos: int) -> bool:
    head = s[:pos]
    return head.count("“") > head.count("”") or head.count('"') % 2 == 1


def with_background(d: Doc, date: str | None) -> list[tuple[Sentence, bool]]:
    """Each content sentence, and whether it tells of another event than the incident; worked out
    once per article and date (figures, disagreements, causes, the reader and the time all ask)."""
    if date not in d.backgrounds:
        d.backgrounds[date] = list(_background_flags(d, date))
    return d.backgrounds[date]


def _background_flags(d: Doc, date: str | None) -> Iterator[tuple[Sentence, bool]]:
    own_prev, bg_prev, para_prev = False, False, -1
    for s in d.sentences:
        if s.heading:  # a new section starts afresh
            own_prev = bg_prev = False
        if s.boilerplate or s.heading or s.suspect:
            continue
        # A background sentence colours the next one (even across a paragraph break) unless that one
        # states a date of its own; a coloured one colours the next only within its paragraph.
        own = rules.background(s.text, date)
        carried = own_prev or bg_prev and s.paragraph == para_prev
        bg = own or carried and not parse.dates(s.text, d.article.published_at)
        own_prev, bg_prev, para_prev = own, bg, s.paragraph
        yield s, bg


async def figures(
    d: Doc,
    decider: Decider,
    incident: str,
    date: str | None,
    facts: Facts,
    place_words: frozenset[str] = frozenset(),
) -> None:
    """Every count of the killed, injured, missing or arrested, with the role the parse gives it; the
    `figure` question may overrule the role (the model answers it only where it is asked to)."""
    year = date[:4] if date else None
    for s, bg in with_background(d, date):
        span = d.parsed.char_span(s.start, s.end, alignment_mode="expand")
        if span is None:
            continue
        for f in read_figures(span, place_words, background=bg, year=year, month=date[:7] if date else None):
            if (
                f.category not in facts.figures
                or f.role == "part"
                and (
                    f.value == 1
                    or f.category == "arrests"
                    or f.scope
                    and f.scope.startswith("in ")
                    and f.category == "injured"
                    and f.place is None
                )
            ):
                # other people (aboard, evacuated); "one of the dead": a person; the arrested among
                # them ("including the four assailants") and the hurt in a condition: no figure of their own
                continue
            role = (
                await decider.ask(
                    "figure",
                    FigureRoleAnswer,
                    "judge",
                    dict(incident=incident, sentence=s.text, as_stated=f.as_stated, category=f.category),
                    rule=FigureRoleAnswer(role=f.role),
                    constant=FigureRoleAnswer(role="total"),
                    max_tokens=30,
                )
            ).role
            if role in ("other_event", "increment"):
                continue  # another incident's count; a count added ("two more bodies"): no figure of its own
            reports = facts.figures[f.category]
            if any(r.value == f.value and r.role == role for r in reports):
                continue
            start = span.start_char - s.start + f.start
            reports.append(
                FigureReport(
                    as_of=stated_day(f.day_words, d.article.published_at, date)
                    if role == "total" and f.day_words
                    else None,
                    value=f.value,
                    qualifier=f.qualifier,
                    as_stated=f.as_stated,
                    source_id=d.id,
                    role=role,
                    scope=f.scope if role == "part" else None,
                    published_at=d.article.published_at,
                    attributed_to=attribution(s.text),
                    vague_high=f.vague[1] if f.vague else None,
                    evidence=[d.evidence(s, start, start + len(f.as_stated))],
                )
            )


def stated_day(sentence: str, published: str | None, date: str | None) -> str | None:
    """The day a toll verb says its count stood ("rose to 135 on Tuesday"): a weekday or a date, read
    against the source's dateline (undated: counted forward from the incident's date), never before
    the incident nor after the dateline."""
    days = []
    for m in parse.dates(sentence, published or (f"{date[:4]}-12-31" if date else None)):
        value = m.value if published or m.kind != "wd" else parse.weekday_after(m.text, date)
        if value and (not date or value >= date) and (not published or value <= published[:10]):
            days.append(value)
    return max(days) if days else None


def adjectives_of_places(d: Doc, s: Sentence, ents: list) -> list:
    """A nationality right before a place's name ("the French Alps", "the Spanish coast"): it names the
    place's country. A nationality anywhere else is people's, never a place."""
    starts = {e.start for e in ents}
    return [
        e
        for e in nlp.entities(d.parsed, s.start, s.end)
        if e.label == "NORP" and any(e.end + k in starts for k in (1, 2)) and s.text[e.end : e.end + 1] == " "
    ]


def place_mentions(d: Doc, date: str | None) -> list[places_nlp.Mention]:
    """Place entities in the article's sentences (background sentences left out), for `locate`; each
    knows its rank, so that `locate` can weigh the opening."""
    out = []
    lead = [s for s in d.content() if not rules.background(s.text, date)]
    for rank, s in enumerate(lead):
        regions = nlp.region_names(d.parsed, s.start, s.end)  # these win over the tagger's overlapping guess
        ents = regions + [
            e
            for e in nlp.entities(d.parsed, s.start, s.end)
            if e.label in places_nlp.PLACE_LABELS
            and not any(e.start < r.end and r.start < e.end for r in regions)
        ]
        ents += adjectives_of_places(d, s, ents)
        names = frozenset(places_nlp.strip_article(e.text) for e in ents)
        previous = None
        for e in sorted(ents, key=lambda e: e.start):
            if (
                not places_nlp.names_a_place(e.text)
                or e.label != "PERSON"
                and nlp.is_person_named(d.parsed, e.text)
            ):
                continue  # "288", or a person the tagger elsewhere calls a person: never a place
            gap = s.text[previous.end - s.start : e.start] if previous else ""
            role = places_nlp.place_role(d.parsed, s.start + e.start, s.start + e.end)
            scene = role == "scene"
            previous = places_nlp.Mention(
                text=e.text,
                label=e.label,
                source_id=d.id,
                sentence=rank,
                start=s.start + e.start,
                end=s.start + e.end,
                locative=places_nlp.is_locative(s.text[: e.start]),
                near=names - {places_nlp.strip_article(e.text)},
                region_noun=e in regions,
                after=s.text[e.end : e.end + places_nlp.ADJACENT],
                reference=role == "speech"
                or places_nlp.is_reference(s.text[: e.start], s.text[e.end :], previous, gap)
                or places_nlp.is_water(places_nlp.strip_article(e.text))
                and not scene,
                scene=scene,
                town_noun=places_nlp.is_town_noun(s.text[: e.start]),
                dateline=places_nlp.is_dateline(s.text[: e.start], s.text[e.end :]),
            )
            out.append(previous)
    return out


async def who_and_what(d: Doc, facts: Facts, date: str | None, decider: Decider) -> None:
    content = d.content()
    for i, s in enumerate(content):
        bg = rules.background(s.text, date)
        nearby = " ".join(x.text for x in content[i + 1 : i + 3])
        if not bg:
            for b in blame.blames(d.parsed, s.start, s.end, nearby):
                if in_quote(s.text, b.cue_start - s.start):
                    continue
                facts.responsibility.append(
                    Responsibility(
                        kind=b.kind,
                        actor=b.actor,
                        asserted_by=b.asserted_by,
                        channel=b.channel,
                        text=s.text[:300],
                        evidence=[d.evidence(s)],
                    )
                )
                if b.cause and not any(c.text == b.cause for c in causes.causes(s.text)):
                    # "the minister blamed faulty wiring": a cause, by the one who blames it
                    facts.causes.append(
                        Cause(
                            text=b.cause,
                            asserted_by=b.asserted_by,
                            evidence=[d.evidence(s)],
                            status="suspected" if causes.hedged(s.text) else "stated",
                        )
                    )
            for w in rules.weapons(s.text):
                facts.weapons.append(TextFact(text=w.text, evidence=[d.evidence(s, w.start, w.end)]))
            for c in culprits(d.parsed, s.start, s.end):
                facts.perpetrators.append(
                    Perpetrator(
                        name=c.name,
                        kind=c.kind,
                        role=c.role,
                        status=c.status,
                        details=None,
                        evidence=[d.evidence(s, c.start - s.start, c.end - s.start)],
                    )
                )
        if rules.hedged(s.text):
            ev = [d.evidence(s)]
            text = s.text
            if rules.refers_back(s.text) and i > 0:
                ev.insert(0, d.evidence(content[i - 1]))
                text = f"{content[i - 1].text} {s.text}"
            facts.unverified.append(TextFact(text=text[:400], evidence=ev))
        for q in speakers.quotations(d.parsed, s.start, s.end):
            speaker, role = q.speaker, q.role
            if q.pronoun:  # "he said": one of the people named just before
                ranked = speakers.antecedents(d.parsed, q.anchor, pronoun=q.pronoun_word)[
                    :MAX_SPEAKER_OPTIONS
                ]  # the rule's order
                if not ranked:
                    continue
                # Options in text order; the constant answer takes the first named.
                text_before = d.article.text[: q.start]
                options = sorted(ranked, key=lambda n: text_before.rfind(n))
                pick = await decider.ask(
                    "speaker",
                    SpeakerPick,
                    "speaker",
                    dict(
                        context=d.article.text[max(0, s.start - 300) : s.end], quote=q.quote, options=options
                    ),
                    rule=SpeakerPick(choice=options.index(ranked[0]) + 1),
                    constant=SpeakerPick(choice=1),
                    max_tokens=20,
                )
                if not 0 < pick.choice <= len(options):
                    continue
                speaker = options[pick.choice - 1]
            elif org := speakers.organisation_antecedent(d.parsed, q.start, speaker):
                speaker, role = (
                    org,
                    role or speaker,
                )  # "stated the news agency": RIA Novosti, named just before
            facts.statements.append(
                Statement(
                    speaker=speaker[:120],
                    role=role[:120] if role else None,
                    quote=q.quote,
                    evidence=[quote(d.id, d.article.text, q.start, q.end)],
                )
            )
        # Without a dateline, a yearless "March 7" takes the incident's year; weekdays stay unresolved.
        anchor = d.article.published_at or (f"{date[:4]}-12-31" if date else None)
        for m in parse.dates(s.text, anchor):
            if m.kind == "wd" and not d.article.published_at:
                continue
            if m.value and m.kind != "iso" and not (date and m.value[:4] != date[:4]):
                facts.timeline.append(
                    TimelineEvent(date=m.value, text=s.text[:300], evidence=[d.evidence(s)])
                )
                break
    # A group that claims the attack is a perpetrator by its own account.
    for r in facts.responsibility:
        if r.kind == "claim" and r.actor:
            facts.perpetrators.append(
                Perpetrator(
                    name=r.actor,
                    kind="group",
                    role="claimed",
                    status="unknown",
                    details=None,
                    evidence=r.evidence,
                )
            )


def drop_vague(facts: Facts) -> None:
    """ "Dozens" says less than a number: a vague total is kept only when the source gives no numeric total."""
    for cat, reports in facts.figures.items():
        if any(r.vague_high is None and r.role == "total" for r in reports):
            facts.figures[cat] = [r for r in reports if r.vague_high is None or r.role != "total"]


def disagreements(d: Doc, date: str | None, facts: Facts) -> None:
    """Sentences in which the source says accounts differ, and the magnitudes it gives the incident."""
    for s, bg in with_background(d, date):
        if bg:
            continue
        if disputes.stated(s.text):
            facts.disputes.append(d.evidence(s))
        for value, start, end in disputes.magnitudes(s.text):
            facts.magnitudes.append((value, d.evidence(s, start, end)))


def stated_causes(d: Doc, date: str | None, facts: Facts) -> None:
    """What the article says caused the incident ("blamed the crush on fans"), outside background passages."""
    for s, bg in with_background(d, date):
        for c in [] if bg else causes.causes(s.text):
            facts.causes.append(
                Cause(text=c.text, asserted_by=attribution(s.text), status=c.status, evidence=[d.evidence(s)])
            )


def listed_culprits(d: Doc, facts: Facts) -> None:
    """Suspects listed under a paragraph that introduces them ("police named six suspects ...:" then
    "- Akhmad Hadian Lukita, president director of ...;")."""
    paragraphs: dict[int, list[Sentence]] = {}
    for s in d.sentences:  # a short list item reads as a heading; it still names someone
        if s.boilerplate or s.suspect:
            continue
        paragraphs.setdefault(s.paragraph, []).append(s)
    in_list = False
    for sents in paragraphs.values():
        if in_list and (span := listed(sents[0].text)):
            facts.perpetrators.append(
                Perpetrator(
                    name=sents[0].text[span[0] : span[1]],
                    kind="person",
                    role="suspect",
                    status="unknown",
                    evidence=[d.evidence(sents[0], *span)],
                )
            )
            continue
        in_list = introduces_culprits(" ".join(s.text for s in sents))


async def extract(
    d: Doc, decider: Decider, incident: str, date: str | None, place_words: frozenset[str] = frozenset()
) -> Facts:
    facts = Facts(d.id)
    await figures(d, decider, incident, date, facts, place_words)
    drop_vague(facts)
    await who_and_what(d, facts, date, decider)
    listed_culprits(d, facts)
    disagreements(d, date, facts)
    stated_causes(d, date, facts)
    return facts
