"""Cache: model answers on disk, keyed by backend, model, prompt templates and messages.

Each answer is written atomically (`write_atomic`, which the brief file uses too) the moment it
arrives, so a second run makes no model calls and a run killed half-way resumes with only the calls
it had not finished.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from summarizer.core.paths import write_atomic


class Cache:
    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    @staticmethod
    def key(*parts: object) -> str:
        return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            answer: dict[str, Any] = json.loads(self._path(key).read_text(encoding="utf-8"))
            return answer
        except (OSError, ValueError):  # missing, unreadable or damaged: ask the model again
            return None

    def put(self, key: str, value: dict[str, Any]) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps(value))
        except OSError:  # a read-only or full disk must not fail the brief
            pass

    def __len__(self) -> int:
        return sum(1 for _ in self.folder.glob("*/*.json")) if self.folder.is_dir() else 0
