"""Check size: every function's cyclomatic complexity (radon) at most 15 and its length at most 50 lines.

Run by `make lint`; prints each function over budget and exits 1 if there is one."""

from __future__ import annotations

import sys
from pathlib import Path

from radon.complexity import cc_visit

MAX_COMPLEXITY = 15
MAX_LINES = 50


def over_budget(path: Path) -> list[str]:
    found = []
    for block in cc_visit(path.read_text(encoding="utf-8")):
        if hasattr(block, "methods"):
            continue  # a class: radon lists its methods as blocks of their own
        lines = block.endline - block.lineno + 1
        if block.complexity > MAX_COMPLEXITY or lines > MAX_LINES:
            found.append(
                f"{path}:{block.lineno}: {block.fullname}: complexity {block.complexity}, {lines} lines"
            )
    return found


def python_files(paths: list[str]) -> list[Path]:
    return [
        p
        for name in paths
        for p in ([Path(name)] if name.endswith(".py") else sorted(Path(name).rglob("*.py")))
    ]


def main(paths: list[str]) -> int:
    found = [line for path in python_files(paths) for line in over_budget(path)]
    print("\n".join(found) or f"every function within complexity {MAX_COMPLEXITY} and {MAX_LINES} lines")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["summarizer"]))
