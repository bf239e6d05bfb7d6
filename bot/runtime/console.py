"""An offline console: type what you would type in Slack and read the replies as text.

Lines go through the very same Bolt app and listeners as real traffic; only the Web API
is swapped for a recorder, so nothing leaves the machine and no tokens are needed.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
import threading
import time
import uuid
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TextIO
from urllib.parse import parse_qsl, urlencode

from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.web.async_client import AsyncWebClient

from bot.runtime.app import build_app
from bot.runtime.services import Services
from bot.views.plain import to_text
from bot.views.text import escape

PROMPT = "rolecall> "
INTRO = "RoleCall console. Try: /role mle · /teams embedded · @rolecall what does a data scientist do? · quit"
COMMANDS = ("/role", "/teams", "/digest")
BOT_USER = "UROLECALL"
AT_ROLECALL = re.compile(r"@rolecall\b", re.IGNORECASE)


class LocalWebAPI:
    """A loopback stand-in for slack.com/api that answers ``ok`` and keeps each call.

    Bolt builds a fresh Web API client per request from the app client's base URL, so
    recording at the HTTP level is the one place every call passes through.
    """

    def __init__(self) -> None:
        self.sent: list[tuple[str, dict[str, Any]]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path, _, query = self.path.partition("?")
                self._answer(path.rsplit("/", 1)[-1], dict(parse_qsl(query)))

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("content-length") or 0)).decode()
                is_json = "json" in (self.headers.get("content-type") or "")
                params = json.loads(raw or "{}") if is_json else dict(parse_qsl(raw))
                self._answer(self.path.rsplit("/", 1)[-1], params)

            def _answer(self, method: str, params: dict[str, Any]) -> None:
                outer.sent.append((method, params))
                answer = {
                    "ok": True,
                    "ts": f"{time.time():.6f}",
                    "channel": params.get("channel", "CCONSOLE"),
                    "user_id": "UROLECALL",
                    "bot_id": "BROLECALL",
                    "team_id": "TCONSOLE",
                    "user": {"id": params.get("user"), "is_admin": True, "tz": "UTC", "locale": "en-US"},
                }
                body = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: the console prints replies, not access logs."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/api/"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _slash(line: str, response_url: str) -> AsyncBoltRequest:
    command, _, text = line.partition(" ")
    form = {
        "command": command,
        "text": text,
        "team_id": "TCONSOLE",
        "channel_id": "CCONSOLE",
        "user_id": "UCONSOLE",
        "user_name": "console",
        "response_url": response_url,
        "trigger_id": "console",
        "api_app_id": "ACONSOLE",
    }
    return AsyncBoltRequest(body=urlencode(form), headers={"content-type": ["application/x-www-form-urlencoded"]})


def _mention(line: str, number: int) -> AsyncBoltRequest:
    """The line as Slack would deliver it: escaped, "@rolecall" a real mention token, and the
    event id new every run, because answered ids are remembered in the database."""
    text = AT_ROLECALL.sub(f"<@{BOT_USER}>", escape(line))
    event = {"type": "app_mention", "text": text, "user": "UCONSOLE", "channel": "CCONSOLE", "ts": f"{number}.0"}
    body = {
        "type": "event_callback",
        "team_id": "TCONSOLE",
        "api_app_id": "ACONSOLE",
        "event_id": f"EvConsole{uuid.uuid4().hex}",
        "event_time": number,
        "event": event,
    }
    return AsyncBoltRequest(body=json.dumps(body), headers={"content-type": ["application/json"]})


def _render(message: dict[str, Any]) -> str:
    blocks = message.get("blocks")
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    return to_text(blocks) if blocks else str(message.get("text", ""))


async def _settle() -> None:
    """Wait for the lazy listeners this line started (they post the mention answers)."""
    current = asyncio.current_task()
    pending = [task for task in asyncio.all_tasks() if task is not current]
    if pending:
        await asyncio.gather(*pending, return_exceptions=True)


async def handle_line(app: AsyncApp, client: LocalWebAPI, line: str, number: int) -> str:
    """Run one typed line through the app and return what a person would see."""
    client.sent.clear()
    is_command = line.split(" ", 1)[0] in COMMANDS
    request = _slash(line, client.url + "response") if is_command else _mention(line, number)
    response = await app.async_dispatch(request)
    await _settle()
    shown = [_render(json.loads(response.body))] if is_command and response.body else []
    shown += [_render(params) for method, params in client.sent if method in ("chat.postMessage", "response")]
    return "\n\n".join(shown) or "(no reply)"


async def run_console(services: Services, lines: Iterable[str], out: TextIO, interactive: bool) -> None:
    api = LocalWebAPI()
    client = AsyncWebClient(token="xoxb-console", base_url=api.url)
    app = build_app(services, client=client, verify_requests=False)
    if interactive:
        print(INTRO, file=out)
    try:
        for number, raw in enumerate(lines, start=1):
            line = raw.strip()
            if line.casefold() in {"quit", "exit", ":q"}:
                break
            if line:
                print(await handle_line(app, api, line, number), end="\n\n", file=out, flush=True)
            if interactive:
                print(PROMPT, end="", file=out, flush=True)
    finally:
        api.close()


def console_lines(stream: TextIO, interactive: bool) -> Iterable[str]:
    if interactive:
        print(PROMPT, end="", flush=True)
    yield from stream


def main(services: Services) -> None:
    interactive = sys.stdin.isatty()
    asyncio.run(run_console(services, console_lines(sys.stdin, interactive), sys.stdout, interactive))
