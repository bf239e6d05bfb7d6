"""The import graph runs one way: each layer imports only layers below it, and there is no circle.

The order is the one in README's layout section. A new module lands in a layer; a new arrow
pointing up, or a cycle, fails here with the offending import named.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = (
    "bot.errors",
    "bot.catalog",
    "bot.messages",
    "bot.views",
    "bot.answer",
    "bot.snapshot",
    "bot.store",
    "bot.digests",
    "bot.commands",
    "bot.settings",
    "handlers",
    "bot.runtime",
    "bot.__main__",
)
"""Lowest first. Everything else in the repository (tests, benchmarks, their kit) is above all."""
SLACK_TRANSPORT = ("handlers", "bot.runtime")
"""The only layers that may import ``slack_bolt``: the core is transport-free."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _sources() -> dict[str, Path]:
    return {_module_name(path): path for folder in ("bot", "handlers") for path in (ROOT / folder).rglob("*.py")}


def imports(path: Path, module: str) -> Iterator[str]:
    """Every module ``path`` imports, absolute, including imports inside functions."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def layer_of(module: str) -> int | None:
    for rank, layer in enumerate(LAYERS):
        if module == layer or module.startswith(layer + "."):
            return rank
    return None


def _edges() -> dict[str, set[str]]:
    sources = _sources()
    return {
        module: {name for name in imports(path, module) if name in sources and name != module}
        for module, path in sources.items()
    }


def test_every_module_belongs_to_a_layer() -> None:
    assert [m for m in _sources() if m not in ("bot", "handlers") and layer_of(m) is None] == []


def upward(edges: dict[str, set[str]]) -> list[str]:
    found = []
    for module, targets in edges.items():
        here = layer_of(module)
        for target in sorted(targets):
            there = layer_of(target)
            if here is not None and there is not None and there > here:
                found.append(f"{module} imports {target}")
    return found


def cycles(edges: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}
    found: list[str] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                found.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    return found


def test_no_import_points_up() -> None:
    assert upward(_edges()) == []


def test_no_module_cycle() -> None:
    assert cycles(_edges()) == []


@pytest.mark.parametrize("module", sorted(_sources()))
def test_only_the_transport_layers_import_slack_bolt(module: str) -> None:
    uses_bolt = any(name.split(".")[0] == "slack_bolt" for name in imports(_sources()[module], module))
    allowed = any(module == layer or module.startswith(layer + ".") for layer in SLACK_TRANSPORT)
    assert allowed or not uses_bolt, f"{module} imports slack_bolt; only handlers and bot.runtime may"


def test_the_checks_see_an_upward_import_and_a_cycle() -> None:
    edges = {"bot.store.repo": {"bot.digests.schedule"}, "bot.digests.schedule": {"bot.store.repo"}}
    assert upward(edges) == ["bot.store.repo imports bot.digests.schedule"]
    assert cycles(edges) == ["bot.digests.schedule -> bot.store.repo -> bot.digests.schedule"]


def _top_level_imports(folder: str) -> set[str]:
    found: set[str] = set()
    for path in (ROOT / folder).rglob("*.py"):
        module = _module_name(path)
        found |= {name.split(".")[0] for name in imports(path, module)}
    return found


@pytest.mark.parametrize(
    ("folder", "never"),
    [
        ("bench", {"tests"}),
        ("tests", {"bench"}),
        ("testkit", {"tests", "bench"}),
        ("bot", {"tests", "bench", "testkit"}),
    ],
)
def test_tests_and_benchmarks_share_only_testkit(folder: str, never: set[str]) -> None:
    """The fakes, runners and signing live once, in testkit; tests and benchmarks both use it
    and never each other, and the app uses none of them."""
    assert _top_level_imports(folder) & never == set()
