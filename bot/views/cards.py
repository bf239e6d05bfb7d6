"""Block Kit cards for roles, team structures and explainers.

A topic's body never changes while a pack is loaded, so ``render_card`` runs once per
topic at load time; requests only add the small parts that vary (a notice, the share
button, an attribution). Every block passes through ``slack_sdk.models.blocks``.
"""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.catalog import Pack, Topic, TopicKind
from bot.catalog.models import Explainer, Role, TeamStructure
from bot.messages import Messages
from bot.views.reply import BlockDict, render
from bot.views.text import bullets, escape, fit

SECTION = 3000
FIELD = 2000
HEADER = 150
BUTTON = 75

OPEN_ACTION = "open"
SHARE_ACTION = "share"


def section(title: str, body: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=fit(f"*{title}*\n{body}", SECTION)))


def markdown(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=fit(text, SECTION)))


def context(*texts: str, verbatim: bool | None = None) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=fit(t, SECTION), verbatim=verbatim) for t in texts[:10]])


def header(text: str) -> HeaderBlock:
    return HeaderBlock(text=fit(text, HEADER))


def show_button(kind: TopicKind, topic_id: str, label: str) -> ButtonElement:
    """A button that opens another card; action ids are unique per target within a block."""
    return ButtonElement(
        text=fit(label, BUTTON), action_id=f"{OPEN_ACTION}:{kind}:{topic_id}", value=f"{kind}:{topic_id}"
    )


def card_button(card: Card) -> ButtonElement:
    """An Open button labelled with the card's title."""
    return ButtonElement(text=fit(card.title, BUTTON), action_id=f"{OPEN_ACTION}:{card.key}", value=card.key)


def share_button(key: str, text: Messages) -> ButtonElement:
    return ButtonElement(text=text.SHARE, action_id=SHARE_ACTION, value=key, style="primary")


def footer(pack: Pack, text: Messages, key: str | None = None) -> BlockDict:
    """The pack and version a reply came from; for one card (``key``), the version(s) of the
    layers that gave that card, so a house overlay's edit is visible on the card it changed."""
    return context(text.footer(pack.info.id, pack.version_of(key) if key else pack.version)).to_dict()


@dataclass(frozen=True)
class Card:
    """A pre-rendered topic: its body blocks and the buttons to related topics."""

    key: str
    """``kind:id``, the value a share button carries."""
    title: str
    summary: str
    body: list[BlockDict]
    links: list[BlockDict]
    footer: BlockDict
    """The pack-version context block, rendered once with the card."""


def _also_called(topic: Role | TeamStructure, command: str, text: Messages) -> ContextBlock:
    """Aliases teach people the other titles they will hear for the same job."""
    title = topic.title.casefold()
    names = [escape(alias) for alias in topic.aliases if alias.casefold() != title]
    return context(text.also_called(names, f"{command} {topic.id}"))


def _role_body(role: Role, pack: Pack, text: Messages) -> tuple[list[Block], list[ButtonElement]]:
    neighbours = [(pack.roles[n.role], n.how) for n in role.differs_from]
    differs = "\n".join(f"• *{text.versus(escape(other.title))}*: {escape(how)}" for other, how in neighbours)
    blocks: list[Block] = [
        header(role.title),
        markdown(f"_{escape(role.summary)}_"),
        _also_called(role, "/role", text),
        section(text.WHAT_THEY_DO, escape(role.what_they_do)),
        SectionBlock(
            fields=[
                MarkdownTextObject(text=fit(f"*{text.SKILLS}*\n{escape(bullets(role.skills))}", FIELD)),
                MarkdownTextObject(text=fit(f"*{text.TOOLS}*\n{escape(bullets(role.tools))}", FIELD)),
            ]
        ),
        section(text.BACKGROUND, escape(role.background)),
        section(text.DIFFERS, differs),
        section(text.WORKS_WITH, escape(bullets(role.works_with))),
    ]
    return blocks, [show_button("role", other.id, other.title) for other, _ in neighbours]


def _our_teams(team: TeamStructure, text: Messages) -> str:
    if not team.our_teams:
        return str(text.NO_OUR_TEAMS)
    lines = []
    for ours in team.our_teams:
        where = f" ({escape(ours.channel)})" if ours.channel else ""
        marker = f" _({text.EXAMPLE_TEAM})_" if ours.example else ""
        lines.append(f"• *{escape(ours.name)}*{where}: {escape(ours.description)}{marker}")
    return "\n".join(lines)


def _team_body(team: TeamStructure, text: Messages) -> list[Block]:
    return [
        header(team.title),
        markdown(f"_{escape(team.summary)}_"),
        _also_called(team, "/teams", text),
        section(text.HOW_IT_WORKS, escape(team.how_it_works)),
        SectionBlock(
            fields=[
                MarkdownTextObject(text=fit(f"*{text.PROS}*\n{escape(bullets(team.pros))}", FIELD)),
                MarkdownTextObject(text=fit(f"*{text.CONS}*\n{escape(bullets(team.cons))}", FIELD)),
            ]
        ),
        section(text.PICK_WHEN, escape(team.pick_when)),
        section(text.OUR_TEAMS, _our_teams(team, text)),
    ]


def _explainer_body(explainer: Explainer, pack: Pack) -> tuple[list[Block], list[ButtonElement]]:
    blocks: list[Block] = [
        header(explainer.title),
        markdown(f"_{escape(explainer.summary)}_"),
        markdown(escape(explainer.body)),
    ]
    links = []
    for ref in explainer.related:
        target = pack.topic(ref.kind, ref.id)
        if target is not None:
            links.append(show_button(ref.kind, ref.id, target.title))
    return blocks, links


def render_card(kind: TopicKind, topic: Topic, pack: Pack, text: Messages) -> Card:
    links: list[ButtonElement] = []
    if isinstance(topic, Role):
        blocks, links = _role_body(topic, pack, text)
    elif isinstance(topic, TeamStructure):
        blocks = _team_body(topic, text)
    else:
        blocks, links = _explainer_body(topic, pack)
    return Card(
        key=f"{kind}:{topic.id}",
        title=topic.title,
        summary=topic.summary,
        body=render(blocks),
        links=[button.to_dict() for button in links],
        footer=footer(pack, text, f"{kind}:{topic.id}"),
    )


ACTIONS_LIMIT = 25


def actions(buttons: list[BlockDict]) -> list[BlockDict]:
    """An actions block when there is anything to press (Slack rejects an empty one).

    The buttons were built and validated by slack_sdk when the card was rendered; wrapping
    them again through ``ActionsBlock`` would re-parse and re-validate them on every request,
    which measured as most of a lookup's cost. The only limit left to keep is the count.
    """
    if not buttons:
        return []
    return [{"type": "actions", "elements": buttons[:ACTIONS_LIMIT]}]


def divider() -> BlockDict:
    return DividerBlock().to_dict()
