"""What changed between two packs: topics added and removed, and fields changed, per language.

One structure feeds the pull-request text, the JSON, and the version check (``versions``): a
removed topic breaks whoever links or types its id, a new topic adds, anything else is an edit.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from bot.catalog.pack import Pack, Topic, TopicKind

Bump = Literal["major", "minor", "patch"]
KINDS: tuple[TopicKind, ...] = ("role", "team", "explainer")
SOURCE = "en"


@dataclass(frozen=True)
class FieldChange:
    field: str
    language: str
    old: Any
    new: Any


@dataclass(frozen=True)
class TopicRef:
    kind: str
    id: str
    title: str


@dataclass(frozen=True)
class TopicChange:
    kind: str
    id: str
    title: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class PackDiff:
    pack: str
    old_version: str
    new_version: str
    added: tuple[TopicRef, ...]
    removed: tuple[TopicRef, ...]
    changed: tuple[TopicChange, ...]
    """``kind`` ``pack`` holds changes to ``pack.yml`` itself (languages, orders), not its version
    or changelog."""

    @property
    def required(self) -> Bump | None:
        """The smallest version step these changes call for (None: nothing changed)."""
        if self.removed:
            return "major"
        if self.added:
            return "minor"
        return "patch" if self.changed else None

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "required_bump": self.required}


def _tables(pack: Pack) -> dict[TopicKind, dict[str, Topic]]:
    return {"role": dict(pack.roles), "team": dict(pack.teams), "explainer": dict(pack.explainers)}


def _fields(model: Any) -> dict[str, Any]:
    if model is None:
        return {}
    dumped: dict[str, Any] = model.model_dump(mode="json", exclude={"translations"}, exclude_none=True)
    return dumped


def _compare(old: dict[str, Any], new: dict[str, Any], language: str) -> list[FieldChange]:
    return [
        FieldChange(field, language, old.get(field), new.get(field))
        for field in dict.fromkeys([*old, *new])
        if old.get(field) != new.get(field)
    ]


def topic_changes(old: Topic, new: Topic) -> list[FieldChange]:
    """Field by field: the English first, then each translation in turn."""
    changes = _compare(_fields(old), _fields(new), SOURCE)
    for language in sorted({*old.translations, *new.translations}):
        before = old.translations.get(language)
        after = new.translations.get(language)
        changes += _compare(_fields(before), _fields(after), language)
    return changes


def diff_packs(old: Pack, new: Pack) -> PackDiff:
    added: list[TopicRef] = []
    removed: list[TopicRef] = []
    changed: list[TopicChange] = []
    ignored = {"version", "changelog"}
    info = _compare(
        old.info.model_dump(mode="json", exclude=ignored), new.info.model_dump(mode="json", exclude=ignored), SOURCE
    )
    if info:
        changed.append(TopicChange("pack", old.info.id, "pack.yml", tuple(info)))
    before, after = _tables(old), _tables(new)
    for kind in KINDS:
        for topic_id, topic in after[kind].items():
            if topic_id not in before[kind]:
                added.append(TopicRef(kind, topic_id, topic.title))
            elif changes := topic_changes(before[kind][topic_id], topic):
                changed.append(TopicChange(kind, topic_id, topic.title, tuple(changes)))
        removed += [TopicRef(kind, tid, t.title) for tid, t in before[kind].items() if tid not in after[kind]]
    return PackDiff(new.info.id, old.version, new.version, tuple(added), tuple(removed), tuple(changed))


def _items(value: Any) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [_one(v) for v in values]


def _one(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return " ".join(str(value).split())


def _field_lines(change: FieldChange) -> list[str]:
    old, new = _items(change.old), _items(change.new)
    if isinstance(change.old, list) or isinstance(change.new, list):
        gone = [f"    - {item}" for item in old if item not in new]
        came = [f"    + {item}" for item in new if item not in old]
        moved = [] if gone or came else ["    (same items, new order)"]
        return [*gone, *came, *moved]
    return [*(f"    - {item}" for item in old), *(f"    + {item}" for item in new)]


def render_text(diff: PackDiff) -> str:
    """A plain, diff-like report that reads well in a pull request's code block."""
    out = [f"content pack {diff.pack}: {diff.old_version} -> {diff.new_version}"]
    if diff.required is None:
        return "\n".join([*out, "no topic changed"])
    out.append(f"needs at least a {diff.required} version step")
    for ref in diff.added:
        out.append(f"+ {ref.kind} {ref.id} ({ref.title})")
    for ref in diff.removed:
        out.append(f"- {ref.kind} {ref.id} ({ref.title})")
    for topic in diff.changed:
        out.append(f"~ {topic.kind} {topic.id} ({topic.title})")
        for change in topic.changes:
            out.append(f"  {change.field} [{change.language}]")
            out += _field_lines(change)
    return "\n".join(out)
