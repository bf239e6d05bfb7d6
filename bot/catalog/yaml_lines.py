"""YAML parsing that remembers where each value came from.

pydantic reports errors by location (``("differs_from", 0, "role")``); authors need a
line number. Composing the YAML node tree once gives both the data and a map from
location to line.
"""

from __future__ import annotations

from typing import Any

import yaml

Location = tuple[str | int, ...]


def _walk(node: yaml.Node, here: Location, lines: dict[Location, int]) -> None:
    lines[here] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = (*here, str(key.value))
            _walk(value, child, lines)
            lines[child] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*here, index), lines)


def load_with_lines(text: str) -> tuple[Any, dict[Location, int]]:
    """Parse one YAML document; raise ``yaml.YAMLError`` with a mark on bad syntax."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    lines: dict[Location, int] = {}
    if node is None:
        return None, {(): 1}
    _walk(node, (), lines)
    return yaml.safe_load(text), lines


def line_of(lines: dict[Location, int], location: Location) -> int:
    """The line of the deepest known prefix of ``location`` (a missing key points at its parent)."""
    for end in range(len(location), -1, -1):
        found = lines.get(tuple(location[:end]))
        if found is not None:
            return found
    return 1
