"""YAML parsing that remembers where each value came from.

pydantic reports errors by location (``("differs_from", 0, "role")``); authors need a
line number. Composing the YAML node tree once gives both the data and a map from
location to line, and shows the keys a mapping repeats, which YAML loaders silently
resolve by keeping the last.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Location = tuple[str | int, ...]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it: a pack of thousands of files reloads in a
fraction of the time, and the reload thread holds the interpreter lock that much less."""


@dataclass(frozen=True)
class Repeated:
    """A key given again in one mapping: where, and where it was given just before."""

    location: Location
    line: int
    earlier_line: int


@dataclass
class Parsed:
    data: Any
    lines: dict[Location, int]
    repeated: list[Repeated] = field(default_factory=list)


def _walk(node: yaml.Node, here: Location, parsed: Parsed) -> None:
    parsed.lines[here] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = (*here, str(key.value))
            line = key.start_mark.line + 1
            if child in parsed.lines:
                parsed.repeated.append(Repeated(child, line, parsed.lines[child]))
            _walk(value, child, parsed)
            parsed.lines[child] = line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*here, index), parsed)


def load_with_lines(text: str) -> Parsed:
    """Parse one YAML document; raise ``yaml.YAMLError`` with a mark on bad syntax."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Parsed(None, {(): 1})
        parsed = Parsed(loader.construct_document(node), {})  # one parse gives both data and lines
    finally:
        loader.dispose()
    _walk(node, (), parsed)
    return parsed


def line_of(lines: dict[Location, int], location: Location) -> int:
    """The line of the deepest known prefix of ``location`` (a missing key points at its parent)."""
    for end in range(len(location), -1, -1):
        found = lines.get(tuple(location[:end]))
        if found is not None:
            return found
    return 1
