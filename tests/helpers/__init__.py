"""Shared test helpers: where the test data lives, the fake servers the network guard lets through, and the
secrets no cassette may keep."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
DATA = TESTS / "data"
CASSETTES = ROOT / "cassettes"
EXAMPLES = ROOT / "examples" / "crocus"
GOLD = DATA / "crocus-city-hall.gold.json"
CLUSTERS = DATA / "clusters"  # made-up incidents, one folder each
CRUSH = CLUSTERS / "crush"
SHARED_EVAL = ROOT.parent / "shared" / "eval"  # the evaluation sets beside the checkout (CI has them)
DEV = SHARED_EVAL / "dev"
needs_dev_set = pytest.mark.skipif(
    not (DEV / "gold").is_dir(), reason="../shared/eval/dev not beside the checkout"
)
# Replay needs a URL; its host and port are not matched (the embedded server's port is random).
REPLAY_URL = "http://127.0.0.1:9/v1"
LOOPBACK_FAKES: set[tuple[str, int]] = set()  # hand-made fake servers the guard lets tests reach
SECRET_HEADERS = ["authorization", "api-key", "x-api-key", "cookie", "openai-organization", "openai-project"]
SECRET_RESPONSE_HEADERS = {"set-cookie", "openai-organization", "openai-project", "x-request-id"}


def scrub_response(response: dict) -> dict:
    """A recorded response without the headers that can carry an account's identity."""
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in SECRET_RESPONSE_HEADERS:
            del headers[name]
    return response


def recording(request: pytest.FixtureRequest) -> bool:
    return request.config.getoption("--record-mode") not in (None, "none")
