"""Layout: the README's map names every module, and imports only go down the layers (no cycles)."""

from __future__ import annotations

import ast
import re

from tests.helpers import ROOT

PACKAGE = ROOT / "summarizer"
# Lower layers never import higher ones; `stages` and the jobs may use everything below them.
LAYERS = {
    "core": 0,
    "readers": 1,
    "inputs": 1,
    "llm": 2,
    "render": 2,
    "stages": 3,
    "pipeline": 4,
    "facts": 4,
    "evaluate": 4,
    "update": 5,
    "commands": 6,
}


def modules() -> dict[str, str]:
    """Module name (`stages.read`) -> its file's text, for every module but the package's own files."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] not in ("__init__", "__main__"):
            found[".".join(parts)] = path.read_text(encoding="utf-8")
    return found


def imported(text: str) -> set[str]:
    """The project modules a file imports (at any depth), as `stages.read`-style names."""
    names = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("summarizer."):
            names.add(node.module.removeprefix("summarizer."))
            names.update(f"{node.module.removeprefix('summarizer.')}.{alias.name}" for alias in node.names)
    return names


def test_the_readme_map_names_every_module_and_only_those():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How it works", 1)[1].split("```", 2)[1]
    named = set(re.findall(r"\b(\w+\.py)\b", section))
    on_disk = {name.rsplit(".", 1)[-1] + ".py" for name in modules()}
    assert named == on_disk


def test_imports_go_down_the_layers_only():
    every = modules()
    upward = []
    for name, text in every.items():
        layer = LAYERS[name.split(".")[0]]
        for target in imported(text) & set(every):
            if LAYERS[target.split(".")[0]] > layer:
                upward.append(f"{name} -> {target}")
    assert upward == []


def test_no_import_cycles():
    every = modules()
    graph = {name: imported(text) & set(every) - {name} for name, text in every.items()}
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> list[str] | None:
        if name in path:
            return [*path[path.index(name) :], name]
        if name in done:
            return None
        for target in sorted(graph[name]):
            if cycle := visit(target, [*path, name]):
                return cycle
        done.add(name)
        return None

    assert [cycle for name in sorted(graph) if (cycle := visit(name, []))] == []
