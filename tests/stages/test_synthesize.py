"""Synthesize: the headline and summary written from the reconciled facts."""

from __future__ import annotations

from summarizer.core.brief import IncidentBrief, Location, Run
from summarizer.stages.synthesize import template


def test_template_headlines_use_the_right_preposition():
    assert template(_brief(venue="Crocus City Hall", city="Moscow"))[0] == "Armed assault at Crocus City Hall"
    assert template(_brief(city="Moscow", country="Russia"))[0] == "Armed assault in Moscow"
    assert template(_brief(country="Russia"))[0] == "Armed assault in Russia"
    assert template(_brief())[1].endswith("The brief draws on 0 sources.")


def _brief(**loc) -> IncidentBrief:
    return IncidentBrief(
        headline="",
        summary="",
        incident_type="armed_assault",
        location=Location(evidence=[], **loc) if loc else None,
        run=Run(backend="x", model="x", prompt_hash="x"),
    )
