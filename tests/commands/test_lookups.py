"""Lookups never guess: one role or structure when the words name one, choices when they name
several, "unknown" with a suggestion only when it is close, and comparisons that drop nothing."""

from __future__ import annotations

import json

import pytest

from bot.commands.buttons import shared_for_key
from bot.commands.role import role_command
from bot.commands.teams import teams_command
from bot.snapshot import Snapshot
from bot.views.reply import Reply


def _buttons(reply: Reply) -> list[dict[str, str]]:
    found = []
    for block in reply.blocks:
        if block.get("accessory"):
            found.append(block["accessory"])
        if block["type"] == "actions":
            found.extend(block["elements"])
    return found


def _header(reply: Reply) -> str:
    return next(str(b["text"]["text"]) for b in reply.blocks if b["type"] == "header")


def test_a_word_several_roles_share_lists_them_as_choices(snap: Snapshot) -> None:
    reply = role_command(snap, "engineer")
    assert "won't guess" in reply.text
    values = [b["value"] for b in _buttons(reply)]
    assert set(values) == {
        "role:mle",
        "role:data-engineer",
        "role:devrel",
        "role:ml-hardware-engineer",
        "role:ml-platform-engineer",
        "role:ml-solutions-architect",
    }
    assert "role:data-scientist" not in values


@pytest.mark.parametrize(("typed", "title"), [("data", "Data scientist"), ("enginer", "Data engineer")])
def test_choices_come_for_typos_and_every_shared_word(snap: Snapshot, typed: str, title: str) -> None:
    reply = role_command(snap, typed)
    assert "Pick one" in reply.text and title in reply.text


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("hardware", "ML accelerator / hardware engineer"),
        ("architect", "ML solutions architect"),
        ("infra", "ML platform engineer"),
        ("machine learning", "Machine learning engineer"),
        ("scientists", "Data scientist"),
    ],
)
def test_a_word_of_exactly_one_roles_names_shows_that_card(snap: Snapshot, typed: str, title: str) -> None:
    reply = role_command(snap, typed)
    assert _header(reply) == title
    assert "Did you mean" not in json.dumps(reply.blocks)


@pytest.mark.parametrize(
    ("typed", "title"), [("hardwre", "ML accelerator / hardware engineer"), ("datascientst", "Data scientist")]
)
def test_a_close_typo_shows_the_card_and_says_so(snap: Snapshot, typed: str, title: str) -> None:
    reply = role_command(snap, typed)
    assert _header(reply) == title and "Did you mean" in json.dumps(reply.blocks)


@pytest.mark.parametrize("typed", ["astronaut", "zzzz", "فضانورد", "🤖"])
def test_an_unknown_role_gets_the_list_and_no_far_fetched_suggestion(snap: Snapshot, typed: str) -> None:
    reply = role_command(snap, typed)
    assert "I don't know a role called" in reply.text and "Closest" not in reply.text
    assert len([b for b in _buttons(reply) if b["value"].startswith("role:")]) == len(snap.pack.roles)


def test_a_near_name_still_gets_a_closest_suggestion(snap: Snapshot) -> None:
    assert "Closest: Data engineer, Data analyst" in role_command(snap, "data wrangler").text


@pytest.mark.parametrize("typed", ["infra", "infrastructure", "platfrom", "central", "squad", "infra team"])
def test_teams_resolves_aliases_words_and_typos(snap: Snapshot, typed: str) -> None:
    reply = teams_command(snap, typed)
    assert _header(reply) != "How ML teams are organised", reply.text[:80]


def test_teams_unknown_says_so_and_shows_the_overview(snap: Snapshot) -> None:
    reply = teams_command(snap, "astronaut")
    assert "I don't know a team structure called “astronaut”" in reply.text


@pytest.mark.parametrize(
    "typed", ["compare mle ds data-engineer", "mle, ds, data engineer", "compare mle and ds and data analyst"]
)
def test_comparing_more_than_two_says_which_two_and_what_was_left_out(snap: Snapshot, typed: str) -> None:
    reply = role_command(snap, typed)
    assert "Machine learning engineer and Data scientist" in reply.text
    assert "I left out Data" in reply.text
    assert _header(reply) == "Machine learning engineer vs Data scientist"


@pytest.mark.parametrize("typed", ["mle ds", "data scientist mle", "compare ml engineer data scientist"])
def test_two_names_without_a_separator_are_compared(snap: Snapshot, typed: str) -> None:
    assert " vs " in _header(role_command(snap, typed))


def test_a_comparison_has_a_share_button_that_posts_it_attributed(snap: Snapshot) -> None:
    reply = role_command(snap, "compare mle data-scientist")
    (share,) = [b for b in _buttons(reply) if b["action_id"] == "share"]
    assert share["value"] == "compare:mle:data-scientist"
    shared = shared_for_key(snap, share["value"], "U0SHARER")
    assert shared is not None
    assert _header(shared) == "Machine learning engineer vs Data scientist"
    assert "Shared by <@U0SHARER>" in json.dumps(shared.blocks) and not _buttons(shared)


@pytest.mark.parametrize("value", ["compare:mle", "compare:mle:astronaut", "compare:mle:ds:x", "compare::"])
def test_a_forged_comparison_share_does_nothing(snap: Snapshot, value: str) -> None:
    assert shared_for_key(snap, value, "U1") is None
