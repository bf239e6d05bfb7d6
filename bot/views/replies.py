"""Whole replies, assembled per request from pre-rendered cards and a few small blocks."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import ButtonElement, MarkdownTextObject, Option, SectionBlock, StaticSelectElement

from bot.catalog import Pack
from bot.catalog.models import Role, TeamStructure
from bot.messages import Messages, for_language
from bot.views.cards import (
    BUTTON,
    FIELD,
    SECTION,
    Card,
    actions,
    card_button,
    context,
    divider,
    footer,
    header,
    markdown,
    share_button,
)
from bot.views.direction import directed
from bot.views.reply import BlockDict, Reply, render
from bot.views.text import bullets, escape, fit

LIST_LIMIT = 40
"""Topics listed in one message; with a header and footer this stays under Slack's 50 blocks."""
MODAL_TEXT = 24
"""Slack's limit on a modal's title and close button."""


def _notice(notice: str | None) -> list[BlockDict]:
    """Notices quote what people typed: verbatim, so Slack links no URL or name in them."""
    return [context(notice, verbatim=True).to_dict()] if notice else []


def _fallback(card: Card, pack: Pack, text: Messages) -> str:
    return fit(f"{card.title}: {card.summary} {text.pack_version(pack.version)}", SECTION)


def lookup(card: Card, pack: Pack, text: Messages, notice: str | None = None) -> Reply:
    """The ephemeral answer to ``/role x`` or ``/teams x``: the card plus a share button."""
    buttons = [share_button(card.key, text).to_dict(), *card.links]
    blocks = [*_notice(notice), *card.body, *actions(buttons), card.footer]
    return Reply(text=_fallback(card, pack, text), blocks=blocks)


def shared(card: Card, pack: Pack, text: Messages, user_id: str) -> Reply:
    """The public copy posted by the share button, attributed to whoever pressed it."""
    attribution = context(text.shared_by(user_id), text.footer(pack.info.id, pack.version)).to_dict()
    blocks = [*card.body, *actions(card.links), attribution]
    return Reply(text=f"{_fallback(card, pack, text)} · {text.shared_by(user_id)}", blocks=blocks)


def public(card: Card, pack: Pack, text: Messages, notice: str | None = None) -> Reply:
    """A card in a channel (mention answers, digests): no share button, text starts with the title."""
    blocks = [*_notice(notice), *card.body, *actions(card.links), card.footer]
    return Reply(text=_fallback(card, pack, text), blocks=blocks)


def topic_list(title: str, intro: str, cards: list[Card], pack: Pack, text: Messages) -> list[BlockDict]:
    """A header, one line per topic with an Open button, and the footer."""
    rows = [
        SectionBlock(
            text=MarkdownTextObject(text=fit(f"*{escape(card.title)}*\n{escape(card.summary)}", SECTION)),
            accessory=ButtonElement(text=text.OPEN, action_id=f"open:{card.key}", value=card.key),
        )
        for card in cards[:LIST_LIMIT]
    ]
    return [*render([header(title), markdown(intro), *rows]), footer(pack, text)]


def roles_list(cards: list[Card], pack: Pack, text: Messages, notice: str | None = None) -> Reply:
    blocks = topic_list(text.ROLES_HEADER, text.roles_list_intro(len(cards)), cards, pack, text)
    names = ", ".join(card.title for card in cards)
    return Reply(
        text=fit(f"{notice + ' ' if notice else ''}{text.ROLES_HEADER}: {names}", SECTION),
        blocks=[*_notice(notice), *blocks],
    )


def teams_overview(pack: Pack, text: Messages, notice: str | None = None) -> Reply:
    """All structures side by side with their trade-offs, then a button for each full card."""
    blocks: list[BlockDict] = [*_notice(notice), *render([header(text.TEAMS_HEADER)])]
    for team in pack.teams.values():
        trade_offs = SectionBlock(
            text=MarkdownTextObject(text=fit(f"*{escape(team.title)}*: {escape(team.summary)}", SECTION)),
            fields=[
                MarkdownTextObject(text=fit(f"*{text.PROS}*\n{escape(bullets(team.pros))}", FIELD)),
                MarkdownTextObject(text=fit(f"*{text.CONS}*\n{escape(bullets(team.cons))}", FIELD)),
            ],
            accessory=ButtonElement(text=text.OPEN, action_id=f"open:team:{team.id}", value=f"team:{team.id}"),
        )
        blocks += render([trade_offs])
    share = share_button("teams:overview", text).to_dict()
    blocks += [*actions([share]), footer(pack, text)]
    names = ", ".join(team.title for team in pack.teams.values())
    return Reply(text=fit(f"{text.TEAMS_HEADER}: {names} {text.pack_version(pack.version)}", SECTION), blocks=blocks)


def side_by_side(label: str, left: tuple[str, str], right: tuple[str, str]) -> SectionBlock:
    """One row of a comparison: the same label over each side's (title, text), as two fields."""
    return SectionBlock(
        fields=[
            MarkdownTextObject(text=fit(f"*{label}: {escape(title)}*\n{body}", FIELD)) for title, body in (left, right)
        ]
    )


def compare(left: Role, right: Role, pack: Pack, text: Messages) -> Reply:
    """Two roles side by side, row by row, as paired section fields."""
    title = text.compare_header(left.title, right.title)

    def row(label: str, a: str, b: str) -> SectionBlock:
        return side_by_side(label, (left.title, a), (right.title, b))

    def how(role: Role, other: Role) -> str:
        return next((escape(n.how) for n in role.differs_from if n.role == other.id), "")

    rows = [
        row(text.SUMMARY, escape(left.summary), escape(right.summary)),
        row(text.SKILLS, escape(bullets(left.skills)), escape(bullets(right.skills))),
        row(text.TOOLS, escape(bullets(left.tools)), escape(bullets(right.tools))),
        row(text.BACKGROUND, escape(left.background), escape(right.background)),
    ]
    difference = how(left, right) or how(right, left)
    if difference:
        rows.append(markdown(f"*{escape(title)}*\n{difference}"))
    share = share_button(compare_key(left.id, right.id), text).to_dict()
    blocks = [*render([header(title), *rows]), *actions([share]), footer(pack, text)]
    fallback = f"{title}: {left.summary} / {right.summary}"
    return Reply(text=fit(fallback, SECTION), blocks=blocks)


def compare_teams(left: TeamStructure, right: TeamStructure, pack: Pack, text: Messages) -> Reply:
    """Two team structures side by side, row by row, like ``compare`` does for roles."""
    title = text.compare_header(left.title, right.title)

    def row(label: str, a: str, b: str) -> SectionBlock:
        return side_by_side(label, (left.title, a), (right.title, b))

    rows = [
        row(text.SUMMARY, escape(left.summary), escape(right.summary)),
        row(text.PROS, escape(bullets(left.pros)), escape(bullets(right.pros))),
        row(text.CONS, escape(bullets(left.cons)), escape(bullets(right.cons))),
        row(text.PICK_WHEN, escape(left.pick_when), escape(right.pick_when)),
    ]
    buttons = [
        ButtonElement(text=fit(t.title, BUTTON), action_id=f"open:team:{t.id}", value=f"team:{t.id}").to_dict()
        for t in (left, right)
    ]
    blocks = [*render([header(title), *rows]), *actions(buttons), footer(pack, text)]
    return Reply(text=fit(f"{title}: {left.summary} / {right.summary}", SECTION), blocks=blocks)


def did_you_mean(notice: str, cards: list[Card], pack: Pack, text: Messages) -> Reply:
    """The unsure answer: two or three topics the question may mean, as buttons, and no card
    shown as if it were the answer."""
    buttons = [card_button(card).to_dict() for card in cards]
    blocks = [*render([markdown(notice)]), *actions(buttons), footer(pack, text)]
    names = ", ".join(card.title for card in cards)
    return Reply(text=fit(f"{notice} {names}", SECTION), blocks=blocks)


VOTE_PREFIX = "vote:"
VOTE_ACTIONS = ("helpful", "not_asked")
MAX_BLOCKS = 50


def with_votes(reply: Reply, value: str, text: Messages) -> Reply:
    """A mention answer with "Helpful" and "Not what I asked" buttons at the end; ``value`` says
    what was asked and answered, so the vote needs nothing else (no message lookup, no state)."""
    if len(reply.blocks) >= MAX_BLOCKS:
        return reply
    labels = {"helpful": text.VOTE_HELPFUL, "not_asked": text.VOTE_NOT_ASKED}
    buttons = [
        ButtonElement(text=labels[vote], action_id=f"{VOTE_PREFIX}{vote}", value=value).to_dict()
        for vote in VOTE_ACTIONS
    ]
    return Reply(text=reply.text, blocks=[*reply.blocks, *actions(buttons)])


COMPARE_PREFIX = "compare:"


def compare_key(left_id: str, right_id: str) -> str:
    """The share button's value for a comparison: ``compare:mle:data-scientist``."""
    return f"{COMPARE_PREFIX}{left_id}:{right_id}"


def shared_copy(reply: Reply, text: Messages, user_id: str) -> Reply:
    """A non-card reply (the teams overview, a comparison) as posted by its Share button:
    without buttons, attributed to whoever pressed it."""
    blocks = [b for b in reply.blocks if b.get("type") != "actions"]
    attribution = context(text.shared_by(user_id)).to_dict()
    return Reply(text=f"{reply.text} · {text.shared_by(user_id)}", blocks=[*blocks, attribution])


def choices(notice: str, cards: list[Card], pack: Pack, text: Messages) -> Reply:
    """Several topics a word could mean, each with an Open button: a choice, never a guess."""
    blocks = topic_list(text.ROLES_HEADER, notice, cards, pack, text)
    names = ", ".join(card.title for card in cards)
    return Reply(text=fit(f"{notice} {names}", SECTION), blocks=blocks)


def help_reply(help_text: str, pack: Pack, text: Messages) -> Reply:
    return Reply(text=help_text, blocks=[*render([markdown(help_text)]), footer(pack, text)])


def notice_with(reply: Reply, notice: str) -> Reply:
    """``reply`` with a one-line notice on top (a did-you-mean, a truncated input)."""
    return Reply(text=f"{notice} {reply.text}", blocks=[*_notice(notice), *reply.blocks])


LANGUAGE_ACTION = "language"


def language_selector(pack: Pack, text: Messages) -> list[BlockDict]:
    """The App Home's language choice: each language named in itself, the reader's selected."""
    if len(pack.info.languages) < 2:
        return []
    options = [Option(value=lang, text=for_language(lang).LANGUAGE_NAME) for lang in pack.info.languages]
    current = next((o for o in options if o.value == text.LANGUAGE), options[0])
    select = StaticSelectElement(action_id=LANGUAGE_ACTION, options=options, initial_option=current)
    return render([SectionBlock(text=MarkdownTextObject(text=f"*{text.HOME_LANGUAGE}*"), accessory=select)])


def home_view(cards: list[Card], team_cards: list[Card], pack: Pack, text: Messages) -> dict[str, Any]:
    """The App Home tab: what RoleCall knows, with buttons to open each card."""
    blocks = [
        *render([header(text.HOME_HEADER), markdown(text.HOME_INTRO)]),
        *language_selector(pack, text),
        divider(),
        *topic_list(text.HOME_ROLES, text.roles_list_intro(len(cards)), cards, pack, text)[:-1],
        divider(),
        *topic_list(text.HOME_TEAMS, text.TEAMS_HEADER, team_cards, pack, text)[:-1],
        footer(pack, text),
    ]
    return {"type": "home", "blocks": directed(blocks[:100])}


def catalogue(notice: str, cards: list[Card], team_cards: list[Card], pack: Pack, text: Messages) -> Reply:
    """What RoleCall knows, for when a question matched nothing well: better than a guess."""
    blocks = [
        *_notice(notice),
        *topic_list(text.HOME_ROLES, text.roles_list_intro(len(cards)), cards, pack, text)[:-1],
        *topic_list(text.HOME_TEAMS, text.TEAMS_HEADER, team_cards, pack, text),
    ]
    names = ", ".join(card.title for card in [*cards, *team_cards])
    return Reply(text=fit(f"{notice} {names}", SECTION), blocks=blocks)


def modal(reply: Reply, text: Messages) -> dict[str, Any]:
    """A card in a modal, for places with no response_url (App Home buttons); no share button."""
    blocks: list[BlockDict] = []
    for block in reply.blocks:
        if block.get("type") == "actions":
            kept = [e for e in block["elements"] if e.get("action_id") != "share"]
            block = {**block, "elements": kept}
            if not kept:
                continue
        blocks.append(block)
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": fit(text.MODAL_TITLE, MODAL_TEXT)},
        "close": {"type": "plain_text", "text": fit(text.MODAL_CLOSE, MODAL_TEXT)},
        "blocks": blocks[:100],
    }
