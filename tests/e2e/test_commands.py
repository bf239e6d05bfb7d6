"""/role and /teams through the real HTTP endpoint, answered inside the ack. What must hold over
Socket Mode too is in ``test_parity.py``."""

from __future__ import annotations

import pytest

from bot.catalog import Pack
from testkit.signing import SlackSender
from tests.e2e.transports import http_command as _command
from tests.replies import all_text


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("ML Engineer", "Machine learning engineer"),
        ("  data-SCIENTIST!! ", "Data scientist"),
        ("developer advocate", "Developer relations engineer"),
        ("Data Analyst", "Data analyst"),
    ],
)
def test_role_by_alias_or_title_ignores_case_spacing_punctuation(slack: SlackSender, typed: str, title: str) -> None:
    reply = _command(slack, "/role", typed)
    assert reply["blocks"][0]["text"]["text"] == title
    assert "Did you mean" not in all_text(reply)


def test_role_typo_gets_did_you_mean(slack: SlackSender) -> None:
    reply = _command(slack, "/role", "data scientst")
    assert reply["blocks"][0]["type"] == "context"
    assert "Did you mean *Data scientist*" in reply["blocks"][0]["elements"][0]["text"]
    assert reply["blocks"][1]["text"]["text"] == "Data scientist"


@pytest.mark.parametrize("typed", ["", "   ", "\t\n"])
def test_role_without_argument_lists_every_role_with_buttons(slack: SlackSender, pack: Pack, typed: str) -> None:
    reply = _command(slack, "/role", typed)
    opens = [b["accessory"]["value"] for b in reply["blocks"] if b.get("accessory")]
    assert opens == [f"role:{r}" for r in pack.roles]


def test_unknown_role_is_kind_and_lists_roles(slack: SlackSender) -> None:
    reply = _command(slack, "/role", "astronaut")
    notice = reply["blocks"][0]["elements"][0]["text"]
    assert "I don't know a role called “astronaut”" in notice
    assert sum(1 for b in reply["blocks"] if b.get("accessory")) == 8


def test_role_help(slack: SlackSender) -> None:
    reply = _command(slack, "/role", "help")
    assert "/role compare" in reply["text"]


@pytest.mark.parametrize(
    "typed",
    [
        "compare data-scientist mle",
        "compare data scientist ml engineer",
        "data scientist vs mle",
        "compare mle, devrel",
    ],
)
def test_role_compare_shows_two_roles_side_by_side(slack: SlackSender, typed: str) -> None:
    reply = _command(slack, "/role", typed)
    assert reply["blocks"][0]["type"] == "header"
    title = reply["blocks"][0]["text"]["text"]
    assert " vs " in title
    fields = reply["blocks"][1]["fields"]
    assert len(fields) == 2


@pytest.mark.parametrize("typed", ["compare", "compare mle", "compare mle astronaut", "compare mle mle"])
def test_role_compare_bad_input_explains(slack: SlackSender, typed: str) -> None:
    reply = _command(slack, "/role", typed)
    assert "compare" in reply["text"].casefold() or "Both names" in reply["text"]


def test_huge_input_answers_quickly_and_says_it_was_cut(slack: SlackSender) -> None:
    reply = _command(slack, "/role", "x" * 50_000)
    assert "first 500 characters" in reply["text"]
    assert len(all_text(reply)) < 13_000


@pytest.mark.parametrize("typed", ["🤖🧠", "データサイエンティスト", "\u200b\u200b"])
def test_emoji_and_non_latin_input_gets_a_sensible_reply(slack: SlackSender, typed: str) -> None:
    reply = _command(slack, "/role", typed)
    assert "Roles in ML teams" in reply["text"]


def test_persian_input_gets_the_persian_card(slack: SlackSender) -> None:
    reply = _command(slack, "/role", "مهندس یادگیری ماشین")
    assert "مهندس یادگیری ماشین" in reply["blocks"][0]["text"]["text"]


def test_teams_overview_has_all_structures_with_trade_offs(slack: SlackSender) -> None:
    reply = _command(slack, "/teams", "")
    text = all_text(reply)
    for title in ("Embedded", "consultancy", "platform"):
        assert title in text
    assert "*Pros*" in text and "*Cons*" in text
    assert [b["accessory"]["value"] for b in reply["blocks"] if b.get("accessory")] == [
        "team:embedded",
        "team:consultancy",
        "team:platform",
    ]


@pytest.mark.parametrize("typed", ["embedded", "in-house consultancy", "PLATFORM", "platfrom"])
def test_teams_card_includes_our_teams_marked_as_example(slack: SlackSender, typed: str) -> None:
    reply = _command(slack, "/teams", typed)
    text = all_text(reply)
    assert "Our teams" in text and "example: replace it" in text


@pytest.mark.parametrize("typed", ["help", "matrix <!here>", "😀", "x" * 50_000])
def test_teams_other_input(slack: SlackSender, typed: str) -> None:
    reply = _command(slack, "/teams", typed)
    assert reply["text"]


def test_a_word_several_roles_share_comes_back_as_choices_not_a_guess(slack: SlackSender) -> None:
    reply = _command(slack, "/role", "engineer")
    values = [b["accessory"]["value"] for b in reply["blocks"] if b.get("accessory")]
    assert len(values) == 6 and "role:data-scientist" not in values
    assert "won't guess" in all_text(reply)


def test_teams_finds_a_structure_by_a_word_of_an_alias(slack: SlackSender) -> None:
    reply = _command(slack, "/teams", "infra")
    assert reply["blocks"][0]["text"]["text"] == "Infrastructure / platform team"
