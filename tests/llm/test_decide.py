"""The model decides: a scripted model (hand-written answers, named as such) whose answers change the brief."""

from __future__ import annotations

import asyncio

import pytest

from summarizer import summarize
from summarizer.core.article import Article
from summarizer.llm.answers import FigureRoleAnswer, SpeakerPick
from summarizer.llm.config import resolve
from summarizer.llm.embedded import EmbeddedServer
from summarizer.llm.scripted import ScriptedModel
from summarizer.pipeline import run
from summarizer.stages.locate import PlacePick

REAL_START = EmbeddedServer.start  # taken before the test guard replaces it
# Made up for tests; not real events.
ARTICLES = [
    Article(
        id="a",
        published_at="2031-05-11",
        text=(
            "Blast at Harlow Market kills 12\n\n"
            "An explosion tore through Harlow Market in Tessaly on Saturday, killing 12 people, police said. "
            "Dozens of the injured were taken to St Brennan Hospital near Corven Station.\n\n"
            "Detective Anna Morrow and fire chief Paul Okafor visited the scene. "
            "\"We are treating this as a criminal act and not an accident,\" she said."
        ),
    ),
    Article(
        id="b",
        published_at="2031-05-12",
        text=(
            "Toll rises after Harlow Market explosion\n\n"
            "The toll from Saturday's explosion at Harlow Market in Tessaly rose to 14, officials said. "
            "Rescuers set up a command post at the Tessaly Arena. "
            "In 2019, a fire near Corven Station killed 3 people."
        ),
    ),
]


def option(prompt: str, name: str) -> int:
    """The number the prompt gives the option `name` ("2. Paul Okafor")."""
    return next(int(line.split(".")[0]) for line in prompt.splitlines() if line.endswith(f". {name}"))


def brief_with(answers: str, script=None):
    config = resolve(answers=answers, cache=False, backend="embedded", ask="all")
    model = ScriptedModel(script) if script else None
    return asyncio.run(run(list(ARTICLES), config, model=model)), model


def test_rules_and_constant_answers_make_no_model_call():
    for answers in ("rules", "constant"):
        brief, _ = brief_with(answers)
        assert brief.run.llm_calls == 0 and brief.run.answers == answers
        assert brief.run.questions["figure"].asked >= 2


def test_a_scripted_model_that_agrees_with_the_rules_gives_the_rules_brief():
    rules, _ = brief_with("rules")

    def agree(model, prompt):  # reads the question as a careful reader would
        if model is FigureRoleAnswer:
            return FigureRoleAnswer(role="other_event" if "In 2019" in prompt else "total")
        if model is PlacePick:
            return PlacePick(choice=option(prompt, "Harlow Market"))
        if model is SpeakerPick:
            return SpeakerPick(choice=option(prompt, "Anna Morrow"))
        return None  # the synopsis: the template writes it

    scripted, fake = brief_with("model", agree)
    assert fake.usage.calls > 0
    assert scripted.casualties.killed.best.value == rules.casualties.killed.best.value == 14
    assert scripted.location == rules.location
    assert [s.speaker for s in scripted.statements] == [s.speaker for s in rules.statements]


def test_different_answers_change_the_brief():
    """What the model says is what the brief says: figures dropped, another venue, another speaker."""
    rules, _ = brief_with("rules")
    assert rules.location.venue == "Harlow Market"
    assert [s.speaker for s in rules.statements] == ["Anna Morrow"]

    def contrary(model, prompt):
        if model is FigureRoleAnswer:  # every count belongs to another event
            return FigureRoleAnswer(role="other_event")
        if model is PlacePick:  # the other venue
            return PlacePick(choice=option(prompt, "Tessaly Arena"))
        if model is SpeakerPick:
            return SpeakerPick(choice=option(prompt, "Paul Okafor"))
        return None

    other, fake = brief_with("model", contrary)
    assert other.casualties.killed is None
    assert other.location.venue != "Harlow Market"
    assert [s.speaker for s in other.statements] == ["Paul Okafor"]
    assert other.run.questions["figure"].agreed_with_rule == 1  # only on the 2019 fire, a background count
    # The questions name the incident by its type, date and place, not by a file's title.
    assert any("explosion at Harlow Market" in p and "2031-05-10" in p for p in fake.prompts)


def test_an_answer_that_never_validates_falls_back_to_the_rule():
    brief, fake = brief_with("model", lambda model, prompt: None)
    assert brief.casualties.killed.best.value == 14
    assert brief.run.questions["figure"].fell_back == brief.run.questions["figure"].asked > 0


def test_which_questions_the_model_answers_by_default_and_on_request():
    assert resolve(backend="embedded", cache=False).ask == frozenset()  # measured: the 135M model loses
    assert resolve(backend="remote", cache=False).ask == {"figure", "venue", "speaker", "synopsis"}
    assert resolve(backend="remote", cache=False, ask="none").ask == frozenset()
    assert resolve(backend="embedded", cache=False, ask="venue, speaker").ask == {"venue", "speaker"}


def test_the_embedded_default_starts_no_model_and_the_template_writes_the_synopsis(monkeypatch):
    """Measured (README "Backends"): the 135M model's synopsis passed the checks in 3 of 15 briefs, so on
    the embedded default it is not asked, and the model is not started at all."""
    from summarizer.llm import embedded

    def refuse():
        raise AssertionError("the embedded model was started")

    monkeypatch.setattr(embedded, "ensure_server", refuse)
    brief = summarize(
        [
            "A gas explosion destroyed a bakery in Tessaly on 4 May 2031, killing three people, "
            "police in Tessaly said. Two more were injured in the blast."
        ],
        cache=False,
    )
    assert brief.run.summary_by == "template" and brief.run.llm_calls == 0
    assert (
        "synopsis" in resolve(backend="embedded", cache=False, ask="synopsis").ask
    )  # a user may still ask it


def test_asking_the_embedded_model_without_it_installed_says_what_it_adds_and_how_to_get_it(monkeypatch):
    import importlib.util

    from summarizer.core.errors import BackendError

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "llama_cpp" else real_find_spec(name, *a),
    )
    with pytest.raises(BackendError) as err:
        REAL_START(EmbeddedServer())  # the real method (the test guard replaces it to refuse any start)
    message = str(err.value)
    assert (
        "not installed" in message
        and "--ask" in message
        and "[embedded]" in message
        and "make install" in message
    )
