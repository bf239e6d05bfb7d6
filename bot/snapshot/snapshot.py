"""The snapshot that is served: a pack with its indexes, pre-rendered cards and reply memo.

Built once per pack (and per language), so a request is a dict lookup. Loading and validating
the pack stays in ``catalog``; nothing that renders imports this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.answer import Answerer
from bot.catalog import Pack, TopicKind
from bot.catalog.index import NameIndex
from bot.catalog.models import Role
from bot.messages import Messages, for_language
from bot.snapshot.memo import ReplyMemo
from bot.views.cards import Card, render_card
from bot.views.replies import home_view, lookup, roles_list, teams_overview
from bot.views.reply import Reply


@dataclass(frozen=True)
class Snapshot:
    pack: Pack
    language: str
    text: Messages
    """The sentences of ``language``: every reply built from this snapshot speaks it."""
    roles: NameIndex
    teams: NameIndex
    answerer: Answerer
    cards: dict[str, Card]
    """By ``kind:id``."""
    lookups: dict[str, Reply]
    """The ephemeral reply for each card, built once: the hot path of ``/role x``."""
    roles_list: Reply
    teams_overview: Reply
    home: dict[str, object]
    memo: ReplyMemo = field(default_factory=ReplyMemo, compare=False, repr=False)
    """Command replies already given from this snapshot, by the text typed."""

    def card(self, kind: TopicKind, topic_id: str) -> Card:
        return self.cards[f"{kind}:{topic_id}"]

    def role_cards(self) -> list[Card]:
        return [self.card("role", rid) for rid in self.pack.roles]

    def role(self, role_id: str) -> Role:
        """A role in this snapshot's language (for views that are built per request)."""
        return self.pack.roles[role_id]


def build_snapshot(pack: Pack, language: str = "en") -> Snapshot:
    """Index and render everything a request might need, once.

    Cards, lists and the home view are rendered from the pack in ``language``; the name index
    and the answerer read the original pack, so a name in any language finds its topic.
    """
    text = for_language(language)
    shown = pack.in_language(language)
    cards: dict[str, Card] = {}
    for kind, table in (("role", shown.roles), ("team", shown.teams), ("explainer", shown.explainers)):
        for topic in table.values():
            card = render_card(kind, topic, shown, text)  # type: ignore[arg-type]
            cards[card.key] = card
    role_cards = [cards[f"role:{rid}"] for rid in shown.roles]
    team_cards = [cards[f"team:{tid}"] for tid in shown.teams]
    return Snapshot(
        pack=shown,
        language=language,
        text=text,
        roles=NameIndex(pack.roles),
        teams=NameIndex(pack.teams),
        answerer=Answerer(pack, language),
        cards=cards,
        lookups={key: lookup(card, shown, text) for key, card in cards.items()},
        roles_list=roles_list(role_cards, shown, text),
        teams_overview=teams_overview(shown, text),
        home=home_view(role_cards, team_cards, shown, text),
    )
