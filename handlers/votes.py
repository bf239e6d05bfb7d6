""" "Helpful" / "Not what I asked" on a mention answer: stored, then thanked, to the clicker only.

Acked at once; the vote is stored by a lazy listener (a database write is no work for Slack's
3-second ack), and the clicker is told whether it was saved.
"""

import asyncio
import logging
import re
from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncRespond
from sqlalchemy.exc import SQLAlchemyError

from bot.commands.votes import read_vote
from bot.errors import StoreError
from bot.store.votes import Votes
from bot.views.replies import VOTE_PREFIX
from handlers.deps import Deps
from handlers.responses import acknowledge

log = logging.getLogger(__name__)


def register(app: AsyncApp, services: Deps) -> None:
    votes = Votes(services.store)

    async def vote(body: dict[str, Any], respond: AsyncRespond) -> None:
        action = body["actions"][0]
        team = (body.get("team") or {}).get("id", "")
        snap = services.reader(team, body["user"]["id"])
        found = read_vote(action.get("value", ""), action["action_id"].removeprefix(VOTE_PREFIX), team)
        if found is None:
            return
        try:
            await asyncio.to_thread(votes.record, found, datetime.now(UTC))
            said = snap.text.VOTE_THANKS
        except (SQLAlchemyError, StoreError) as error:
            log.warning("a vote was not stored: %s", type(error).__name__)
            said = snap.text.VOTE_STORE_DOWN
        if body.get("response_url"):
            await respond(response_type="ephemeral", replace_original=False, text=said)

    app.action(re.compile(f"^{VOTE_PREFIX}"))(ack=acknowledge, lazy=[vote])
