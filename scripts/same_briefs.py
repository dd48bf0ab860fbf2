"""Same briefs: write every brief of crocus, the dev set and `../shared/eval/real` (JSON, Markdown and
the review page, default answers and `--answers rules`) and the sentence bank's facts into a folder,
or compare two such folders byte for byte, apart from `run.seconds`.

    python scripts/same_briefs.py write build/before
    (change the code)
    python scripts/same_briefs.py write build/after
    python scripts/same_briefs.py compare build/before build/after
"""

from __future__ import annotations

import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SUMMARIZER = [
    sys.executable,
    "-m",
    "summarizer",
]  # the code on PYTHONPATH (a worktree) before the installed one
FORMATS = {"json": "json", "markdown": "md", "html": "html"}
SECONDS = re.compile(
    r"\"seconds\": [0-9.]+|· [0-9.]+ ?s(?![a-z])"
)  # the run's timing: JSON, Markdown and review page


def clusters() -> dict[str, Path]:
    found = {"crocus": ROOT / "examples" / "crocus"}
    for part in ("dev", "real"):
        for folder in sorted((EVAL / part / "articles").iterdir()):
            if folder.is_dir():
                found[f"{part}-{folder.name}"] = folder
    return found


def jobs(out: Path) -> list[list[str]]:
    commands = []
    for name, folder in clusters().items():
        for answers in ("default", "rules"):
            for fmt, ext in FORMATS.items():
                extra = [] if answers == "default" else ["--answers", "rules"]
                target = out / f"{name}.{answers}.{ext}"
                commands.append(
                    [*SUMMARIZER, "brief", str(folder), "-q", "--format", fmt, "-o", str(target), *extra]
                )
    for bank in ("figures", "quotes"):
        commands.append(
            [
                *SUMMARIZER,
                "facts",
                str(EVAL / "bank" / f"{bank}.jsonl"),
                "-o",
                str(out / f"bank-{bank}.jsonl"),
            ]
        )
    return commands


def write(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    commands = jobs(out)
    with ThreadPoolExecutor(2) as pool:
        for done in pool.map(lambda c: subprocess.run(c, capture_output=True, text=True), commands):
            if done.returncode:
                sys.exit(f"failed: {' '.join(done.args)}\n{done.stderr}")
    print(f"wrote {len(commands)} files to {out}")


def without_timing(path: Path) -> str:
    return SECONDS.sub("<seconds>", path.read_text(encoding="utf-8"))


def compare(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()})
    differ = [
        n
        for n in names
        if not (before / n).exists()
        or not (after / n).exists()
        or without_timing(before / n) != without_timing(after / n)
    ]
    print(f"{len(names) - len(differ)} of {len(names)} files identical apart from run timings")
    for name in differ:
        print(f"  differs: {name}")
    return 1 if differ else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "write":
        write(Path(sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        sys.exit(__doc__)
