"""Paths: the folder the tool keeps what it may reuse across runs (model answers, the town index), and
files written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def default_cache_folder() -> Path | None:
    """$SUMMARIZER_CACHE ('off' disables), else $XDG_CACHE_HOME or ~/.cache, /incident-summarizer."""
    env = os.environ.get("SUMMARIZER_CACHE")
    if env:
        return None if env.lower() in ("off", "0", "no", "false") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "incident-summarizer"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()  # read once: setting it per write would race with other threads creating files


def write_atomic(path: Path, text: str) -> None:
    """Temp file in the same folder, then rename: a reader never sees half a brief."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)  # mkstemp's 0600 would hide the brief from the newsroom's other users
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
