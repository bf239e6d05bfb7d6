"""Every sentence a person reads lives in ``bot/messages``: a view or command module that holds
English of its own could not be translated, and a Persian reader would get it anyway."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.messages import LANGUAGES, English

BOT = Path(__file__).resolve().parents[2] / "bot"
CHECKED = sorted(
    [*(BOT / "views").glob("*.py"), *(BOT / "commands").glob("*.py"), *(BOT.parent / "handlers").glob("*.py")]
)
WORD = re.compile(r"[A-Za-z]{2,}")
FOR_SLACK = re.compile(r"^[a-z0-9_:./-]*$|^[A-Z0-9_]*$|^&[a-z]+;$|^[a-z]+/[a-z0-9.+-]+(;[a-z0-9=-]+)?$")
"""Lower-case keys and ids (Block Kit fields, action ids, ``kind:id`` values), upper-case
codes (``UTC``), HTML entities and media types: read by Slack or code, not by people. A capitalised word
(``Close``) is a person's word."""
FOR_MACHINES = frozenset({"log", "re"})
"""Calls whose strings are for operators (log lines, in English on purpose) or regex engines."""


def _skipped(tree: ast.Module) -> set[int]:
    """Docstrings (of modules, classes, functions and attributes) and strings in ``log.…()`` or
    ``re.…()`` calls."""
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skipped.add(id(node.value))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in FOR_MACHINES
        ):
            skipped.update(id(arg) for arg in ast.walk(node) if isinstance(arg, ast.Constant))
    return skipped


def stray_sentences(source: str) -> Iterator[tuple[int, str]]:
    """Every string literal (or literal part of an f-string) a person might read."""
    tree = ast.parse(source)
    skipped = _skipped(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
            text = node.value.strip()
            if WORD.search(text) and not FOR_SLACK.match(text):
                yield node.lineno, node.value


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_views_and_commands_hold_no_sentences(path: Path) -> None:
    found = list(stray_sentences(path.read_text(encoding="utf-8")))
    assert not found, f"{path.name} holds text a person reads; move it to bot/messages: {found}"


@pytest.mark.parametrize(
    "source",
    [
        'x = f"• *vs {title}*"',
        'reply = "Sorry, something went wrong"',
        'label = "Close"',
        'blocks = {"text": "RoleCall"}',
        'empty = "(nothing)"',
    ],
)
def test_the_check_catches_english(source: str) -> None:
    assert list(stray_sentences(source))


@pytest.mark.parametrize(
    "source",
    [
        '"""A docstring is for developers."""',
        'NOTE = 3\n"""An attribute docstring explains the constant above it."""',
        'key = f"{kind}:{topic_id}"',
        'block = {"type": "plain_text", "action_id": "open:role:mle"}',
        'log.warning("digest store unavailable: %s", name)',
        'PATTERN = re.compile(r"\\s+(?:vs|versus|and)\\s+")',
        'safe = text.replace("<", "&lt;")',
    ],
)
def test_the_check_leaves_keys_ids_logs_and_patterns_alone(source: str) -> None:
    assert not list(stray_sentences(source))


SENTENCES = sorted(name for name in dir(English) if not name.startswith("_"))


@pytest.mark.parametrize("language", sorted(set(LANGUAGES) - {"en"}))
def test_every_translation_says_every_sentence_itself(language: str) -> None:
    """A member a translation does not override would show English to its readers."""
    text = LANGUAGES[language]
    assert language == text.LANGUAGE and isinstance(text, English)
    missing = [name for name in SENTENCES if name not in type(text).__dict__]
    assert missing == []
