"""Test setup: cassettes replayed, no real model request unless a test is marked for it."""

from __future__ import annotations

import os
import socket

import pytest

from tests.helpers import CASSETTES, LOOPBACK_FAKES, REPLAY_URL, SECRET_HEADERS, recording, scrub_response

# Tests that take minutes (install builds, real model servers): left out of `make test` unless
# SUMMARIZER_TEST_ALL=1 asks for them, as CI (.ci/run) does.
SLOW_MARKS = ("install", "slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("SUMMARIZER_TEST_ALL") == "1":
        return
    skip = pytest.mark.skip(reason="slow: run with SUMMARIZER_TEST_ALL=1 (CI does)")
    for item in items:
        if any(item.get_closest_marker(mark) for mark in SLOW_MARKS):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def vcr_config() -> dict:
    return {
        "filter_headers": SECRET_HEADERS,
        "filter_query_parameters": ["api_key", "key"],
        "before_record_response": scrub_response,
        "decode_compressed_response": True,
        "match_on": ["method", "path", "body"],
        "allow_playback_repeats": True,
    }


@pytest.fixture(scope="session")
def vcr_cassette_dir() -> str:
    return str(CASSETTES)


@pytest.fixture(autouse=True)
def fresh_cache(tmp_path_factory, monkeypatch: pytest.MonkeyPatch):
    """Every test starts with an empty answer cache of its own (never the user's)."""
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(autouse=True)
def no_real_requests(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """The global guard: any real socket connection fails the test, unless recording or marked `embedded`."""
    for var in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "SUMMARIZER_MODEL",
        "SUMMARIZER_BACKEND",
        "SUMMARIZER_EMBEDDED_URL",
    ):
        monkeypatch.delenv(var, raising=False)
    if recording(request) or request.node.get_closest_marker("embedded"):
        yield
        return

    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def refuse(self, address, *args, **kwargs):
        if isinstance(address, tuple) and tuple(address[:2]) in LOOPBACK_FAKES:
            return real_connect(self, address, *args, **kwargs)
        raise RuntimeError(
            f"a test tried a real network connection to {address!r}; replay a cassette instead"
        )

    def refuse_ex(self, address, *args, **kwargs):
        if isinstance(address, tuple) and tuple(address[:2]) in LOOPBACK_FAKES:
            return real_connect_ex(self, address, *args, **kwargs)
        return refuse(self, address)

    def no_server(self):
        raise RuntimeError(
            "a test tried to start the embedded model server; mark it `embedded` or replay a cassette"
        )

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse_ex)
    monkeypatch.setattr("summarizer.llm.embedded.EmbeddedServer.start", no_server)
    yield


@pytest.fixture
def model_url(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Where model calls go: the real embedded server when recording, a dead URL when replaying."""
    if recording(request):
        from summarizer.llm.embedded import ensure_server

        url = ensure_server().base_url
    else:
        url = REPLAY_URL
    monkeypatch.setenv("SUMMARIZER_EMBEDDED_URL", url)
    return url


@pytest.fixture
def fake():
    """A hand-made fake OpenAI-compatible server (tests/fakeserver.py) that counts its calls."""
    from tests.helpers.fakeserver import FakeServer

    server = FakeServer().start()
    LOOPBACK_FAKES.add(server.address)
    yield server
    LOOPBACK_FAKES.discard(server.address)
    server.stop()


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        from summarizer.llm.embedded import stop_server

        stop_server()
