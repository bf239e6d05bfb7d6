"""Layered packs: the bundled pack first, then overlays that add topics and override fields.

An organisation keeps its own teams, house aliases and extra asks in a folder of its own and
never forks the bundled files, so a new bundled release merges cleanly. An overlay file for a
topic that already exists gives only the fields it changes: ``aliases`` and ``asks`` are added
to, every other field (``our_teams`` too) is replaced, and translations merge the same way per
language. A file for a new id is a whole topic. Problems point into the layer that gave the
field, so an author sees whose file to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.catalog.yaml_lines import Location

APPENDED = frozenset({"aliases", "asks"})
"""Fields an overlay adds to rather than replaces: more names and more questions never hurt."""


@dataclass
class Merged:
    """One topic's raw data across layers, and where each part of it came from."""

    data: dict[str, Any]
    paths: list[Path]
    """Every file that contributed, bundled first."""
    layers: list[int]
    """The layer of each of ``paths``."""
    moved: dict[Location, tuple[Path, Location]] = field(default_factory=dict)
    """Items an overlay appended: their place in the merged lists → file and place in that file."""

    def add(self, over: dict[str, Any], path: Path, layer: int) -> None:
        self.paths.append(path)
        self.layers.append(layer)
        _merge(self.data, over, (), path, self.moved)


def _merge(base: dict[str, Any], over: dict[str, Any], here: Location, path: Path, moved: dict[Location, Any]) -> None:
    for key, value in over.items():
        if key == "id" and not here:
            continue
        old = base.get(key)
        if key in APPENDED and isinstance(old, list) and isinstance(value, list):
            moved.update({(*here, key, len(old) + i): (path, (*here, key, i)) for i in range(len(value))})
            base[key] = [*old, *value]
        elif key == "translations" and not here and isinstance(old, dict) and isinstance(value, dict):
            for language, text in value.items():
                if isinstance(old.get(language), dict) and isinstance(text, dict):
                    _merge(old[language], text, ("translations", language), path, moved)
                else:
                    old[language] = text
        else:
            base[key] = value


def origin(merged: Merged, location: Location, lines: dict[Path, dict[Location, int]]) -> tuple[Path, Location]:
    """The file (and place in it) that gave ``location`` of the merged topic: an appended item's
    overlay, else the topmost layer that sets the field, else the first file."""
    for end in range(len(location), 0, -1):
        found = merged.moved.get(location[:end])
        if found is not None:
            return found[0], (*found[1], *location[end:])
    needed = min(len(location), 3 if location[:1] == ("translations",) else 1)
    for path in reversed(merged.paths):
        known = lines.get(path, {})
        if any(location[:end] in known for end in range(len(location), max(needed, 1) - 1, -1)):
            return path, location
    return merged.paths[0], location
