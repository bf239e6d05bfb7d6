"""``rolecall content show``: one card exactly as Slack receives it, for authors.

The reply comes from the same snapshot ``/role`` and ``/teams`` answer from, so what an author
sees here is what people will see, down to the direction marks and the version footer."""

from __future__ import annotations

import json
import sys
import urllib.parse
from collections.abc import Sequence
from pathlib import Path

from bot.catalog import TopicKind, load_pack
from bot.errors import ConfigError
from bot.snapshot import build_snapshot
from bot.views.plain import to_text
from bot.views.reply import BlockDict

BUILDER = "https://app.slack.com/block-kit-builder/#"


def builder_link(blocks: list[BlockDict]) -> str:
    """Opens the blocks in Slack's Block Kit Builder (the fragment never leaves the browser)."""
    return BUILDER + urllib.parse.quote(json.dumps({"blocks": blocks}, ensure_ascii=False, separators=(",", ":")))


def show(folder: Sequence[Path], kind: TopicKind, topic_id: str, language: str, output: str) -> str:
    """The card in ``output`` form: ``text`` (as the console shows it), ``json`` (the command's
    response body) or ``blocks`` (what Block Kit Builder takes); the Builder link goes to stderr
    for the machine formats, so stdout can be piped."""
    pack = load_pack(folder)
    if language not in pack.info.languages:
        raise ConfigError(f"--lang {language}: the pack declares only {', '.join(pack.info.languages)}.")
    snapshot = build_snapshot(pack, language)
    reply = snapshot.lookups.get(f"{kind}:{topic_id}")
    if reply is None:
        known = ", ".join(key.split(":", 1)[1] for key in snapshot.lookups if key.startswith(f"{kind}:"))
        raise ConfigError(f"no {kind} with id {topic_id!r} in this pack; the {kind} ids are: {known}.")
    link = builder_link(reply.blocks)
    if output == "text":
        return f"{to_text(reply.blocks)}\n\nBlock Kit Builder: {link}"
    print(f"Block Kit Builder: {link}", file=sys.stderr)
    if output == "json":
        return json.dumps(json.loads(reply.ephemeral_json), indent=2, ensure_ascii=False)
    return json.dumps({"blocks": reply.blocks}, indent=2, ensure_ascii=False)
