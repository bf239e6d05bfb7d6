"""The watcher reloads only when the files change, and a broken pack never replaces a good one."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.catalog import BUNDLED_DIR
from bot.snapshot import ContentHolder
from bot.snapshot.watch import PackWatcher, fingerprint


def _holder(tmp_path: Path) -> tuple[Path, ContentHolder]:
    root = tmp_path / "pack"
    shutil.copytree(BUNDLED_DIR, root)
    return root, ContentHolder(root)


def test_unchanged_files_are_not_reloaded_and_an_edit_is(tmp_path: Path) -> None:
    root, holder = _holder(tmp_path)
    watcher = PackWatcher(holder, interval=0)
    served = holder.current
    assert watcher.check() is False and holder.current is served
    card = root / "roles" / "mle.yml"
    card.write_text(card.read_text(encoding="utf-8").replace("summary: Builds", "summary: Now builds", 1))
    assert watcher.check() is True
    assert holder.current is not served
    assert holder.current.pack.roles["mle"].summary.startswith("Now builds")
    assert watcher.check() is False


def test_a_broken_pack_keeps_the_old_snapshots_and_is_not_retried_until_it_changes(tmp_path: Path) -> None:
    root, holder = _holder(tmp_path)
    watcher = PackWatcher(holder, interval=0)
    served = holder.current
    (root / "roles" / "mle.yml").write_text("id: mle\n")
    assert watcher.check() is True
    assert holder.current is served
    assert watcher.check() is False


def test_wake_reloads_even_when_nothing_changed(tmp_path: Path) -> None:
    _, holder = _holder(tmp_path)
    watcher = PackWatcher(holder, interval=0)
    served = holder.current
    watcher.wake()
    assert watcher.check() is True and holder.current is not served


def test_fingerprint_sees_an_added_file(tmp_path: Path) -> None:
    root, _ = _holder(tmp_path)
    before = fingerprint([root])
    (root / "roles" / "new.yml").write_text("id: new\n")
    assert fingerprint([root]) != before
