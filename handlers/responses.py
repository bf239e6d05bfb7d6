"""Command answers returned straight from the listener, as Bolt allows for ``ack`` functions."""

from collections.abc import Sequence

from slack_bolt.async_app import AsyncAck
from slack_bolt.response import BoltResponse

from bot.views.reply import Reply

JSON: dict[str, str | Sequence[str]] = {"content-type": "application/json;charset=utf-8"}


def ephemeral(reply: Reply) -> BoltResponse:
    """What ``ack(response_type="ephemeral", **reply.message())`` sends, with the JSON cached on
    the reply (Bolt would encode it again on every request)."""
    return BoltResponse(status=200, body=reply.ephemeral_json, headers=JSON)


async def acknowledge(ack: AsyncAck) -> None:
    """The ack half of a lazy listener: an empty 200 at once, the work in the lazy half."""
    await ack()
