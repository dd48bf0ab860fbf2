"""The real embedded backend: starts llama.cpp's server on the bundled model (no network, no key)."""

from __future__ import annotations

import json

import jsonschema
import pytest

from summarizer import summarize
from summarizer.llm.embedded import ensure_server, stop_server
from summarizer.stages.ground import check
from tests.helpers import EXAMPLES, ROOT

pytestmark = pytest.mark.embedded


def test_one_real_extraction_on_the_embedded_model():
    brief = summarize([EXAMPLES / "003_5381968c088b4830.txt"], ask="synopsis")  # the default asks it nothing
    assert brief.run.backend == "embedded" and brief.run.llm_calls >= 1
    jsonschema.validate(
        json.loads(brief.model_dump_json()),
        json.loads((ROOT / "schemas" / "incident-brief.schema.json").read_text()),
    )
    assert check(brief) == []
    killed = brief.casualties.killed
    assert killed is not None and {r.value for r in killed.reports} == {40}


def test_server_process_is_stopped():
    server = ensure_server()
    proc = server.proc
    assert proc is not None and proc.poll() is None
    stop_server()
    assert proc.poll() is not None
