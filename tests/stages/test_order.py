"""Order: sources in publication order, by dateline or, undated, by the days their own sentences name."""

from __future__ import annotations

from summarizer.core.article import Article
from summarizer.core.doc import Facts
from summarizer.stages.order import source_order
from summarizer.stages.segment import doc


def order_of(articles: list[Article], incident_date: str) -> list[tuple[str, str | None, str]]:
    docs = [doc(a) for a in articles]
    return [
        (o.source_id, o.at, o.basis)
        for o in source_order(docs, [Facts(a.id) for a in articles], incident_date)
    ]


def test_dated_sources_stand_at_their_datelines_and_an_undated_one_at_the_day_it_names():
    articles = [
        Article(id="late", published_at="2031-06-14", text="Divers resumed the search on Saturday."),
        Article(id="first", published_at="2031-06-10", text="A ferry sank off Kessin on Tuesday."),
        Article(id="undated", text="On Thursday, divers found the ferry's wreck off Kessin."),
    ]
    assert order_of(articles, "2031-06-10") == [
        ("first", "2031-06-10", "dateline"),
        ("undated", "2031-06-12", "content"),
        ("late", "2031-06-14", "dateline"),
    ]


def test_an_undated_source_that_names_no_day_has_no_place():
    articles = [Article(id="x", text="Divers searched the wreck.")]
    assert order_of(articles, "2031-06-10") == [("x", None, "unknown")]
