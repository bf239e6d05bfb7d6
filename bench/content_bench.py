"""How content scales: a generated pack of 1,000 roles and 1,000 explainers, timed.

Prints the time and peak memory to validate and load the pack, to build the served snapshots,
the time per lookup (exact name and a typo), and the time of a live reload. Run from the
repository root: ``python -m bench.content_bench [--roles N] [--explainers N]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import yaml

from bot.catalog import load_pack
from bot.snapshot import ContentHolder
from bot.snapshot.holder import build_all
from bot.snapshot.watch import PackWatcher

T = TypeVar("T")
WORDS = ["signal", "vector", "kernel", "tensor", "gradient", "feature", "pipeline", "cluster", "label", "sample"]


def _name(i: int) -> str:
    """A unique, word-like title: lookups by word and by typo have real work to do."""
    return " ".join(WORDS[(i // 10**k) % 10] for k in range(4)) + f" specialist {i}"


def generate(root: Path, roles: int, explainers: int) -> None:
    for folder in ("roles", "teams", "explainers"):
        (root / folder).mkdir(parents=True)
    for i in range(roles):
        role = {
            "id": f"role-{i}",
            "title": _name(i),
            "summary": f"Does the work of role {i} in a generated pack.",
            "what_they_do": "Generated text. " * 20,
            "skills": [f"skill {j}" for j in range(6)],
            "tools": [f"tool {j}" for j in range(8)],
            "background": "Generated background.",
            "differs_from": [{"role": f"role-{(i + 1) % roles}", "how": "Generated difference."}],
            "works_with": ["Everyone"],
            "aliases": [f"r{i}"],
            "asks": [f"what does role {i} do all day?"],
        }
        (root / f"roles/role-{i}.yml").write_text(yaml.safe_dump(role, sort_keys=False))
    team = {
        "id": "platform",
        "title": "Platform",
        "summary": "One team.",
        "how_it_works": "Generated.",
        "pros": ["p"],
        "cons": ["c"],
        "pick_when": "Always.",
    }
    (root / "teams/platform.yml").write_text(yaml.safe_dump(team))
    for i in range(explainers):
        explainer = {
            "id": f"explainer-{i}",
            "title": f"Explainer {i}",
            "summary": f"Explains thing {i}.",
            "body": "Generated body. " * 40,
            "related": [{"kind": "role", "id": f"role-{i % roles}"}],
        }
        (root / f"explainers/explainer-{i}.yml").write_text(yaml.safe_dump(explainer, sort_keys=False))
    info = {
        "id": "generated",
        "version": "1.0.0",
        "languages": ["en"],
        "explainer_order": [f"explainer-{i}" for i in range(explainers)],
        "changelog": [{"version": "1.0.0", "date": "2026-12-01", "changes": ["Generated."]}],
    }
    (root / "pack.yml").write_text(yaml.safe_dump(info, sort_keys=False))


def measured(work: Callable[[], T]) -> tuple[T, float, float]:
    """What ``work`` returned, its seconds, and its peak traced memory in MiB. It runs twice:
    tracing allocations slows Python several times over, so it is timed untraced."""
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return result, seconds, peak


def per_call(work: Callable[[], object], calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        work()
    return (time.perf_counter() - started) / calls * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--explainers", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "pack"
        generate(root, args.roles, args.explainers)
        pack, load_s, load_mib = measured(lambda: load_pack(root))
        print(f"pack: {len(pack.roles)} roles, {len(pack.explainers)} explainers, {len(pack.warnings)} warnings")
        print(f"validate + load:  {load_s:8.2f} s   peak {load_mib:7.1f} MiB")
        snapshots, build_s, build_mib = measured(lambda: build_all(pack))
        print(f"build snapshots:  {build_s:8.2f} s   peak {build_mib:7.1f} MiB")
        snap = snapshots["en"]
        exact = per_call(lambda: snap.lookups[f"role:{snap.roles.resolve(f'r{args.roles // 2}').topic_id}"], 2000)
        some = _name(args.roles // 3).split()
        by_words = " ".join([some[1], some[-1]])  # two of its words, in another order
        typo = " ".join(word[:-1] if len(word) > 5 else word for word in some)
        assert snap.roles.resolve(by_words).topic_id == f"role-{args.roles // 3}"
        words = per_call(lambda: snap.roles.resolve(by_words), 200)
        typo_us = per_call(lambda: snap.roles.resolve(typo), 20)
        print(f"lookup, exact alias:   {exact:10.1f} µs")
        print(f"lookup, by words:      {words:10.1f} µs")
        print(f"lookup, typo:          {typo_us:10.1f} µs")
        holder = ContentHolder(root)
        watcher = PackWatcher(holder, interval=0)
        card = root / "roles/role-0.yml"
        card.write_text(card.read_text().replace("Does the work", "Now does the work"))
        started = time.perf_counter()
        watcher.check()
        reload_s = time.perf_counter() - started
        assert holder.current.pack.roles["role-0"].summary.startswith("Now does")
        print(f"reload (poll + validate + build + swap): {reload_s:6.2f} s")


if __name__ == "__main__":
    main()
