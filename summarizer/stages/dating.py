"""Dating: the incident's date and time, voted across sources."""

from __future__ import annotations

from collections import Counter

from summarizer.core.brief import DateFact, Quote
from summarizer.core.doc import Doc
from summarizer.readers import cues, dates
from summarizer.stages.extract import date_mentions, with_background

DayVote = tuple[str, Quote]  # a day (YYYY-MM-DD) a source gives, with its quote
TimeVote = tuple[str, Quote]  # a clock time (HH:MM) a source gives, with its quote


def incident_date(docs: list[Doc]) -> DateFact | None:
    """The earliest date the sources' openings give for what happened (an incident comes before its
    reports), among those given by at least half as many sources as the best supported one (a day
    one source names against the others' agreement is its background); a date hung on a verb of
    saying or on a toll dates a report (extract.dates_a_report). Without a day, the month or year."""
    mentions, borrowed = day_votes(docs)
    if not mentions and not borrowed:
        return month_or_year(docs)
    value = voted_day(mentions, borrowed)
    evidence = [quote for day, quote in mentions + borrowed if day == value][:4]
    time, time_quote = incident_time(docs, {quote.source_id for quote in evidence}, value)
    return DateFact(
        value=value, time=time, precision="day", evidence=evidence + ([time_quote] if time_quote else [])
    )


def day_votes(docs: list[Doc]) -> tuple[list[DayVote], list[DayVote]]:
    """The days the openings give, read against each article's own dateline; and those an undated
    article gives when its weekdays are read against the first dateline of the others (or, with no
    dateline anywhere, the latest full date any source writes)."""
    datelines = sorted(
        article_doc.article.published_at[:10] for article_doc in docs if article_doc.article.published_at
    )
    first = datelines[0] if datelines else latest_full_date(docs)
    mentions = [vote for article_doc in docs for vote in date_mentions(article_doc)]
    borrowed = [
        vote
        for article_doc in docs
        if not article_doc.article.published_at
        for vote in date_mentions(article_doc, first)
        if vote not in mentions
    ]
    return mentions, borrowed


def voted_day(mentions: list[DayVote], borrowed: list[DayVote]) -> str:
    """The earliest day given by at least half as many sources as the best supported one. A day read
    against another source's dateline counts only where a dated source or another undated one agrees."""
    support = Counter(day for day, _source in {(day, quote.source_id) for day, quote in mentions + borrowed})
    own = {day for day, _quote in mentions}
    candidates = [day for day in support if day in own or support[day] > 1] or list(support)
    top = max(support[day] for day in candidates)
    return min(day for day in candidates if 2 * support[day] >= top)


def month_or_year(docs: list[Doc]) -> DateFact | None:
    """Without a day, the month ("in March 2024") or the year ("in 2019") the openings give the
    incident, with that precision; the earliest when several are given."""
    found = [
        (value, precision, article_doc.evidence(sentence, start, end))
        for article_doc in docs
        for sentence in article_doc.lead()
        for value, precision, start, end in dates.months_and_years(sentence.text)
    ]
    if not found:
        return None
    value, precision, quote = min(found, key=lambda item: item[0])
    return DateFact(value=value, precision=precision, evidence=[quote])


def latest_full_date(docs: list[Doc]) -> str | None:
    """Without any dateline, the latest date with its year that any source writes ("APR 26, 2015" at the
    foot of a page): a report is no older than that, and it gives undated days their year."""
    found = [
        mention.value
        for article_doc in docs
        for sentence in article_doc.sentences
        if not sentence.boilerplate
        for mention in dates.dates(sentence.text, None)
        if mention.value and mention.kind in ("mdy", "dmy", "iso")
    ]
    return max(found) if found else None


def incident_time(docs: list[Doc], dated: set[str], date: str) -> tuple[str | None, Quote | None]:
    """The clock time most sources' openings give; ties go to the source that gave the date, then the
    earliest. Without one, a time stated where a source says when the incident started ("the attack
    began shortly after noon")."""
    found = opening_times(docs) or start_times(docs, date)
    if not found:
        return None, None
    best = most_given_time(found, dated)
    return best, next(quote for time, quote in found if time == best)


def opening_times(docs: list[Doc]) -> list[TimeVote]:
    """The first clock time of each opening sentence that gives one."""
    found: list[TimeVote] = []
    for article_doc in docs:
        for sentence in article_doc.lead():
            for time, start, end in dates.clock_times(sentence.text)[:1]:
                found.append((time, article_doc.evidence(sentence, start, end)))
    return found


def start_times(docs: list[Doc], date: str) -> list[TimeVote]:
    """The first clock time of each sentence, not background, that says when the incident started."""
    found: list[TimeVote] = []
    for article_doc in docs:
        for sentence, background in with_background(article_doc, date):
            if background or not cues.tells_start(sentence.text):
                continue
            for time, start, end in dates.clock_times(sentence.text)[:1]:
                found.append((time, article_doc.evidence(sentence, start, end)))
    return found


def most_given_time(found: list[TimeVote], dated: set[str]) -> str:
    """The time the most sources give; ties go to one a source in `dated` gives, then the first found."""
    support = Counter(time for time, _source in {(time, quote.source_id): quote for time, quote in found})
    return max(
        support,
        key=lambda time: (
            support[time],
            any(quote.source_id in dated for given, quote in found if given == time),
            -min(i for i, (given, _quote) in enumerate(found) if given == time),
        ),
    )
