"""The per-snapshot reply memo: repeated commands are dict hits, and hostile input cannot grow it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from functools import partial

from bot.catalog import Pack
from bot.catalog.loader import BUNDLED_DIR
from bot.commands.role import role_command
from bot.commands.teams import teams_command
from bot.snapshot import ContentHolder, build_snapshot
from bot.snapshot.memo import MAX_KEY, ReplyMemo
from bot.views.reply import Reply


def test_repeated_command_returns_the_reply_computed_the_first_time(pack: Pack) -> None:
    snap = build_snapshot(pack)
    first = role_command(snap, "data scientst")
    assert first is role_command(snap, "data scientst")
    assert len(snap.memo) == 1


def test_role_and_teams_memos_do_not_collide(pack: Pack) -> None:
    snap = build_snapshot(pack)
    role = role_command(snap, "platform")
    teams = teams_command(snap, "platform")
    assert role is not teams
    assert role.text != teams.text


def test_huge_input_is_answered_but_not_kept(pack: Pack) -> None:
    snap = build_snapshot(pack)
    huge = "data scientist " * 4000
    reply = role_command(snap, huge)
    assert "Data scientist" in reply.text
    assert len(snap.memo) == 0
    role_command(snap, "x" * MAX_KEY)
    assert len(snap.memo) == 1


def test_memo_is_bounded_and_drops_the_oldest_first() -> None:
    memo = ReplyMemo(max_entries=3)
    made: list[str] = []

    def make(name: str) -> Reply:
        made.append(name)
        return Reply(text=name)

    for name in ("a", "b", "c", "d"):
        memo.get("role", name, partial(make, name))
    assert len(memo) == 3
    memo.get("role", "d", lambda: make("d again"))
    memo.get("role", "a", lambda: make("a again"))
    assert made == ["a", "b", "c", "d", "a again"]


def test_a_reload_starts_a_fresh_memo() -> None:
    holder = ContentHolder(BUNDLED_DIR)
    before = holder.current
    role_command(before, "mle")
    assert holder.reload() is None
    assert holder.current is not before
    assert len(holder.current.memo) == 0


def test_memo_shared_by_threads_stays_within_its_bound() -> None:
    memo = ReplyMemo(max_entries=16)

    def ask(n: int) -> Reply:
        return memo.get("role", str(n % 64), partial(Reply, text=str(n % 64)))

    with ThreadPoolExecutor(max_workers=8) as pool:
        replies = list(pool.map(ask, range(5000)))
    assert [r.text for r in replies] == [str(n % 64) for n in range(5000)]
    assert len(memo) == 16
