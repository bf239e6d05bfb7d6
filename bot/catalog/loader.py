"""Read a pack folder, validate every file, and collect every problem before failing.

Authors fix a pack faster when they see all its problems at once, each with a file and
line, so nothing here stops at the first error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from bot.catalog.folding import normalize
from bot.catalog.layers import Merged, origin
from bot.catalog.models import Explainer, LayerInfo, PackInfo, Role, TeamStructure
from bot.catalog.pack import Pack
from bot.catalog.problems import ContentError, Problem
from bot.catalog.translations import check_translations
from bot.catalog.versions import version_key
from bot.catalog.warnings import check_warnings
from bot.catalog.yaml_lines import Location, line_of, load_with_lines

BUNDLED_DIR = Path(__file__).resolve().parent.parent.parent / "content"

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T", Role, TeamStructure, Explainer)


class _Reader:
    def __init__(self, roots: list[tuple[Path, Path]]) -> None:
        self.roots = roots
        """Each layer's folder, resolved, with the folder as the operator named it: problems show
        paths under the latter, so relative stays relative and the layer is plain to see."""
        self.problems: list[Problem] = []
        self.lines: dict[Path, dict[Location, int]] = {}
        self.unreadable: set[str] = set()
        """Stems of topic files that failed to parse: references to them are not reported again."""
        self.merged: dict[Path, Merged] = {}
        """Topics that overlays changed, by their bundled file: problems go to the layer at fault."""

    def _origin(self, path: Path, location: Location) -> tuple[Path, Location]:
        merged = self.merged.get(path)
        return origin(merged, location, self.lines) if merged is not None else (path, location)

    def report(self, path: Path, location: Location, code: str, message: str) -> None:
        path, location = self._origin(path, location)
        line = line_of(self.lines.get(path, {}), location)
        self.problems.append(Problem(self._display(path), line, code, message))

    def _display(self, path: Path) -> Path:
        for root, shown in self.roots:
            try:
                return shown / path.relative_to(root)
            except ValueError:
                continue
        return path

    def where(self, path: Path, location: Location) -> str:
        """``path:line`` of a location in an already parsed file, for pointing from another."""
        path, location = self._origin(path, location)
        return f"{self._display(path)}:{line_of(self.lines.get(path, {}), location)}"

    def read(self, path: Path) -> dict[str, Any] | None:
        """The file's top-level mapping, with its lines remembered; None (reported) if it has none."""
        try:
            parsed = load_with_lines(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else 1
            problem = getattr(exc, "problem", None) or str(exc)
            self.problems.append(Problem(self._display(path), line, "RC001", str(problem)))
            return None
        except (OSError, UnicodeDecodeError) as exc:
            self.problems.append(Problem(self._display(path), 1, "RC001", f"cannot read: {exc}"))
            return None
        self.lines[path] = parsed.lines
        for again in parsed.repeated:
            key = ".".join(str(part) for part in again.location)
            message = f"{key} is given again (already on line {again.earlier_line}); YAML would keep only the last"
            self.problems.append(Problem(self._display(path), again.line, "RC012", message))
        if not isinstance(parsed.data, dict):
            self.report(path, (), "RC002", "expected a mapping of fields at the top level")
            return None
        return parsed.data

    def validate(self, path: Path, data: dict[str, Any], model: type[M]) -> M | None:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                where = ".".join(str(part) for part in error["loc"]) or "file"
                self.report(path, tuple(error["loc"]), "RC002", f"{where}: {error['msg']}")
            return None

    def parse(self, path: Path, model: type[M]) -> M | None:
        data = self.read(path)
        return None if data is None else self.validate(path, data, model)

    def folder(self, name: str, model: type[T]) -> tuple[dict[str, tuple[Path, T]], dict[str, tuple[int, ...]]]:
        """Every topic of one kind, merged across layers; and, for topics an overlay touched,
        the layers that did."""
        raw: dict[str, Merged] = {}
        for layer, (root, _) in enumerate(self.roots):
            folder = root / name
            if not folder.is_dir():
                if layer == 0:
                    self.problems.append(Problem(self._display(folder), 1, "RC006", f"missing folder {name}/"))
                continue
            for path in sorted(folder.glob("*.y*ml")):
                self._gather(raw, path, layer)
        found: dict[str, tuple[Path, T]] = {}
        touched: dict[str, tuple[int, ...]] = {}
        for topic_id, merged in raw.items():
            first = merged.paths[0]
            if len(merged.paths) > 1:
                self.merged[first] = merged
            if max(merged.layers) > 0:
                touched[topic_id] = tuple(merged.layers)
            topic = self.validate(first, merged.data, model)
            if topic is None:
                self.unreadable.add(topic_id)
                continue
            found[topic_id] = (first, topic)
        return found, touched

    def _gather(self, raw: dict[str, Merged], path: Path, layer: int) -> None:
        data = self.read(path)
        if data is None:
            self.unreadable.add(path.stem)
            return
        topic_id = data.get("id")
        if not isinstance(topic_id, str):
            topic_id = path.stem
        elif topic_id != path.stem:
            self.report(path, ("id",), "RC004", f"id {topic_id!r} must match the file name {path.stem!r}")
        known = raw.get(topic_id)
        if known is None:
            raw[topic_id] = Merged(data, [path], [layer])
        elif known.layers[-1] == layer:
            self.report(path, ("id",), "RC005", f"id {topic_id!r} is also used by {known.paths[-1].name}")
        else:
            known.add(data, path, layer)


def _check_refs(
    reader: _Reader,
    items: Iterable[tuple[Path, Location, str, str]],
    exists: Callable[[str, str], bool],
) -> None:
    for path, location, kind, ref in items:
        if not exists(kind, ref):
            reader.report(path, location, "RC003", f"no {kind} with id {ref!r} in this pack")


def _check_names(reader: _Reader, named: list[tuple[Path, Location, str, str]]) -> None:
    """Ids, titles and aliases must resolve to one topic each, or lookups become ambiguous.

    A clash is reported where the name comes again, in the later file in load order, and
    points at where it was first given."""
    owner: dict[str, tuple[str, Path, Location]] = {}
    for path, location, topic, name in named:
        previous, first_path, first_location = owner.setdefault(normalize(name), (topic, path, location))
        if previous != topic:
            first = reader.where(first_path, first_location)
            reader.report(path, location, "RC005", f"name {name!r} already belongs to {previous} ({first})")


def load_pack(root: Path | Sequence[Path]) -> Pack:
    """Load and validate a whole pack, or a bundled pack and its overlays (in order); raise
    ``ContentError`` listing every problem."""
    layers = [root] if isinstance(root, Path) else list(root)
    for folder in layers:
        if not folder.is_dir():
            raise ContentError([Problem(folder, 1, "RC006", _missing_pack(folder))])
    reader = _Reader([(folder.resolve(), folder) for folder in layers])
    root = reader.roots[0][0]
    info_path = root / "pack.yml"
    info: PackInfo | None = None
    if info_path.is_file():
        info = reader.parse(info_path, PackInfo)
    else:
        reader.problems.append(Problem(reader._display(info_path), 1, "RC006", "missing pack.yml"))
    overlays = _overlay_infos(reader)
    roles, touched = reader.folder("roles", Role)
    teams, touched_teams = reader.folder("teams", TeamStructure)
    explainers, touched_explainers = reader.folder("explainers", Explainer)
    origins = {
        **{f"role:{k}": v for k, v in touched.items()},
        **{f"team:{k}": v for k, v in touched_teams.items()},
        **{f"explainer:{k}": v for k, v in touched_explainers.items()},
    }
    if info is not None:
        info = info.model_copy(
            update={
                "explainer_order": [*info.explainer_order, *(e for _, o in overlays for e in o.explainer_order)],
                "team_order": [*info.team_order, *(t for _, o in overlays for t in o.team_order)],
            }
        )

    def exists(kind: str, ref: str) -> bool:
        return ref in (roles if kind == "role" else teams) or ref in reader.unreadable

    refs: list[tuple[Path, Location, str, str]] = []
    for path, role in roles.values():
        refs += [(path, ("differs_from", i, "role"), "role", n.role) for i, n in enumerate(role.differs_from)]
        for language, text in role.translations.items():
            where: Location = ("translations", language, "differs_from")
            refs += [(path, (*where, i, "role"), "role", n.role) for i, n in enumerate(text.differs_from or [])]
    for path, explainer in explainers.values():
        refs += [(path, ("related", i, "id"), r.kind, r.id) for i, r in enumerate(explainer.related)]
    _check_refs(reader, refs, exists)

    named: list[tuple[Path, Location, str, str]] = []
    for kind, table in (("role", roles), ("team", teams), ("explainer", explainers)):
        for topic_id, (path, topic) in table.items():
            label = f"{kind} {topic_id}"
            named += [(path, ("id",), label, topic_id), (path, ("title",), label, topic.title)]
            named += [(path, ("aliases", i), label, alias) for i, alias in enumerate(topic.aliases)]
            for language, translated in topic.translations.items():
                here: Location = ("translations", language)
                title, aliases = translated.title, translated.aliases
                named += [(path, (*here, "title"), label, title)] if title else []
                named += [(path, (*here, "aliases", i), label, alias) for i, alias in enumerate(aliases)]
    _check_names(reader, named)

    if info is not None:
        _check_changelog(reader, info_path, info)
        _check_order(reader, info_path, info, explainers, teams)
        _check_languages(reader, info, [*roles.values(), *teams.values(), *explainers.values()])
        check_translations(reader.report, info, [*roles.values(), *teams.values(), *explainers.values()])
    if reader.problems or info is None:
        raise ContentError(reader.problems)
    warned: list[Problem] = []
    reader.problems = warned  # warnings are reported through the same path:line machinery
    check_warnings(reader.report, list(roles.values()), list(teams.values()), list(explainers.values()))
    ordered = {eid: explainers[eid][1] for eid in info.explainer_order}
    return Pack(
        info=info,
        roles={rid: role for rid, (_, role) in sorted(roles.items(), key=lambda kv: kv[1][1].title)},
        teams={tid: teams[tid][1] for tid in sorted(teams, key=lambda t: (_position(info.team_order, t), t))},
        explainers=ordered,
        source=root,
        warnings=tuple(sorted(warned)),
        layers=tuple((o.id, o.version) for _, o in overlays),
        origins=origins,
    )


def _missing_pack(root: Path) -> str:
    if root.resolve() != BUNDLED_DIR:
        return "no such folder; name a content pack's folder, or set ROLECALL_CONTENT_DIR to one"
    return (
        "the bundled content pack is not next to the installed package, as happens after a "
        "non-editable install: install from a checkout with `pip install -e .`, "
        "or set ROLECALL_CONTENT_DIR to the pack's folder"
    )


def _position(order: list[str], topic_id: str) -> int:
    return order.index(topic_id) if topic_id in order else len(order)


def _overlay_infos(reader: _Reader) -> list[tuple[Path, LayerInfo]]:
    """Each overlay's own ``pack.yml``: an overlay has a version too, shown on the cards it changed."""
    found: list[tuple[Path, LayerInfo]] = []
    for root, _ in reader.roots[1:]:
        path = root / "pack.yml"
        if not path.is_file():
            reader.problems.append(Problem(reader._display(path), 1, "RC006", "missing pack.yml (an overlay's own)"))
            continue
        overlay = reader.parse(path, LayerInfo)
        if overlay is not None:
            _check_changelog(reader, path, overlay)
            found.append((path, overlay))
    return found


def _check_changelog(reader: _Reader, path: Path, info: PackInfo | LayerInfo) -> None:
    """The version served is the newest release in the changelog, so a card's version always
    has an entry saying what it brought."""
    newest = max(info.changelog, key=lambda release: version_key(release.version)).version
    if info.version != newest:
        reader.report(
            path,
            ("version",),
            "RC013",
            f"version {info.version} is not the newest changelog entry ({newest}); "
            f"add a changelog entry for {info.version}, or set version to the newest one",
        )


def _check_order(
    reader: _Reader, path: Path, info: PackInfo, explainers: dict[str, Any], teams: dict[str, Any]
) -> None:
    seen: set[str] = set()
    for index, eid in enumerate(info.explainer_order):
        if eid not in explainers:
            reader.report(path, ("explainer_order", index), "RC003", f"no explainer with id {eid!r} in this pack")
        if eid in seen:
            reader.report(path, ("explainer_order", index), "RC007", f"explainer {eid!r} is listed twice")
        seen.add(eid)
    for index, tid in enumerate(info.team_order):
        if tid not in teams:
            reader.report(path, ("team_order", index), "RC003", f"no team with id {tid!r} in this pack")
    for eid in sorted(set(explainers) - seen):
        reader.report(path, ("explainer_order",), "RC007", f"explainer {eid!r} is missing from explainer_order")


def _check_languages(reader: _Reader, info: PackInfo, topics: list[tuple[Path, Any]]) -> None:
    for path, topic in topics:
        for language in topic.translations:
            if language not in info.languages:
                reader.report(
                    path, ("translations", language), "RC008", f"language {language!r} is not declared in pack.yml"
                )
