"""Cache: model answers on disk, keyed by backend, model, prompt templates and messages.

Each answer is written atomically the moment it arrives, so a second run makes no model calls
and a run killed half-way resumes with only the calls it had not finished.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path


def default_folder() -> Path | None:
    """$SUMMARIZER_CACHE ('off' disables), else $XDG_CACHE_HOME or ~/.cache, /incident-summarizer."""
    env = os.environ.get("SUMMARIZER_CACHE")
    if env:
        return None if env.lower() in ("off", "0", "no", "false") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "incident-summarizer"


class Cache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    @staticmethod
    def key(*parts: object) -> str:
        return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        try:
            return json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):  # missing, unreadable or damaged: ask the model again
            return None

    def put(self, key: str, value: dict) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        except OSError:  # a read-only or full disk must not fail the brief
            return
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(value, f)
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)

    def __len__(self) -> int:
        return sum(1 for _ in self.folder.glob("*/*.json")) if self.folder.is_dir() else 0
