"""What a request to ``/slack/events`` must be before Bolt sees it.

UTF-8, signed by Slack, parseable the way Bolt parses it, and in a shape the listeners can
handle (for a slash command, the hot path, read off the form without a second parse).
Anything else is refused with a 4xx and one short log
line that never quotes the body: Bolt's own check logs the whole body of every badly signed
request, which lets anyone fill the disk or forge log lines, and it answers undecodable or
oddly shaped bodies with a traceback and a 500. Because the signature is checked here, the
HTTP app does not check it again.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from slack_bolt.request.internals import parse_body
from slack_sdk.signature import SignatureVerifier
from starlette.responses import JSONResponse

from bot.runtime.payloads import shape_problem

log = logging.getLogger(__name__)

FORM = "application/x-www-form-urlencoded"
COMMAND_FIELDS = ("command", "team_id", "channel_id", "user_id")
"""What every slash-command listener reads (``SlashCommand`` in ``payloads``)."""


class Intake:
    def __init__(self, signing_secret: str) -> None:
        self._verifier = SignatureVerifier(signing_secret)

    def refusal(self, body: bytes, headers: Mapping[str, str], client: str) -> JSONResponse | None:
        """The response refusing this request, or None when Bolt may have it."""
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return _refuse(400, "the body is not UTF-8", client)
        if not self._signed(text, headers):
            log.info("refused a request from %s: bad, stale or missing Slack signature", client)
            return JSONResponse({"error": "invalid request"}, status_code=401)
        content_type = headers.get("content-type", "").split(";")[0] or None  # as Bolt reads it
        if content_type == FORM and "payload=" not in text:
            return self._command_refusal(text, client)
        try:
            parsed = parse_body(text, content_type)
        except (ValueError, RecursionError):  # JSON errors are ValueErrors; absurd nesting is a RecursionError
            return _refuse(400, "the body is not valid JSON", client)
        problem = shape_problem(parsed)
        return _refuse(400, f"not a payload RoleCall handles ({problem})", client) if problem else None

    @staticmethod
    def _command_refusal(text: str, client: str) -> JSONResponse | None:
        """A slash command's shape, read off the form without parsing it: Bolt parses it next,
        and this is the hot path. In a form body ``=`` and ``&`` inside values are escaped, so a
        field is present exactly when ``&name=`` occurs in ``&`` + body."""
        framed = "&" + text
        missing = [name for name in COMMAND_FIELDS if f"&{name}=" not in framed]
        return (
            _refuse(400, f"not a payload RoleCall handles ({missing[0]}: Field required)", client) if missing else None
        )

    def _signed(self, text: str, headers: Mapping[str, str]) -> bool:
        timestamp = headers.get("x-slack-request-timestamp")
        try:
            return self._verifier.is_valid(text, timestamp, headers.get("x-slack-signature"))
        except ValueError:  # a timestamp that is not a number
            return False


def _refuse(status: int, reason: str, client: str) -> JSONResponse:
    log.warning("refused a request from %s: %s", client, reason)
    return JSONResponse({"error": reason}, status_code=status)
