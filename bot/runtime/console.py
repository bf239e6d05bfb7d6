"""An offline console: type what you would type in Slack and read the replies as text.

Lines go through the very same Bolt app and listeners as real traffic, and numbered buttons
are pressed through the same action handlers Slack would call; only the Web API is swapped
for a local recorder, so nothing leaves the machine and no tokens are needed. At a terminal
it has line editing, history (arrows, Ctrl-R) and colour; piped, it echoes each line before
its reply so a transcript reads on its own, and writes no escape codes.
"""

from __future__ import annotations

import asyncio
import difflib
import json
import os
import re
import sys
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TextIO
from urllib.parse import parse_qsl, urlencode

from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.web.async_client import AsyncWebClient

from bot.messages import Messages
from bot.runtime.app import build_app
from bot.runtime.services import Services
from bot.views.plain import PLAIN, Style, to_text
from bot.views.reply import BlockDict
from bot.views.text import escape

PROMPT = "rolecall> "
COMMANDS = ("/role", "/teams", "/digest")
QUIT = frozenset({"exit", "quit", ":q"})
HELP = frozenset({"help", "?", "/help"})
BOT_USER = "UROLECALL"
AT_ROLECALL = re.compile(r"@rolecall\b", re.IGNORECASE)
FORM: dict[str, str | Sequence[str]] = {"content-type": ["application/x-www-form-urlencoded"]}
JSON: dict[str, str | Sequence[str]] = {"content-type": ["application/json"]}
SHOWN = ("chat.postMessage", "response", "views.open", "views.push")
"""The Web API calls whose content a person would see."""


class ConsoleWebAPI:
    """A loopback stand-in for slack.com/api that answers ``ok`` and keeps each call.

    Not the test suite's fake Slack (which can fail, throttle and delay on purpose): this one
    ships with RoleCall, always succeeds, and exists so the console can show what was sent.
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
                    "user_id": BOT_USER,
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


def terminal_style() -> Style:
    """Bold headings and labels, dim footers: ANSI, for a terminal that asked for colour."""
    return Style(
        heading=lambda text: f"\x1b[1m{text}\x1b[0m",
        bold=lambda text: f"\x1b[1m{text}\x1b[0m",
        quiet=lambda text: f"\x1b[2m{text}\x1b[0m",
    )


def wants_colour(out: TextIO) -> bool:
    """Colour only at a terminal, and never when ``NO_COLOR`` is set (https://no-color.org)."""
    return out.isatty() and not os.environ.get("NO_COLOR")


@dataclass(frozen=True)
class Pressable:
    """A button shown on the last reply, by its number."""

    action_id: str
    value: str
    in_view: bool
    """On a modal or App Home (no response_url) rather than a message."""


class ConsoleSession:
    """One console run: the app, the local Web API and the buttons of the last reply."""

    def __init__(self, services: Services, style: Style = PLAIN) -> None:
        self.api = ConsoleWebAPI()
        client = AsyncWebClient(token="xoxb-console", base_url=self.api.url)
        self.app: AsyncApp = build_app(services, client=client, verify_requests=False)
        self.text: Messages = services.content.current.text
        self.style = style
        self.buttons: list[Pressable] = []
        self._events = 0

    def close(self) -> None:
        self.api.close()

    async def handle(self, line: str) -> str:
        """Run one typed line through the app and return what a person would see."""
        word = line.split(" ", 1)[0]
        if line.casefold() in HELP:
            return self.text.CONSOLE_HELP
        if line.isdigit():
            return await self._press(line)
        if word.startswith("/") and word not in COMMANDS:
            close = difflib.get_close_matches(word.casefold(), COMMANDS, n=1, cutoff=0.6)
            return self.text.console_unknown_command(word, close[0] if close else None)
        self.api.sent.clear()
        self.buttons = []
        if word in COMMANDS:
            response = await self.app.async_dispatch(self._slash(line))
            await _settle()
            shown = [self._render(json.loads(response.body))] if response.body else []
            return self._with_calls(shown)
        await self.app.async_dispatch(self._mention(line))
        await _settle()
        return self._with_calls([])

    async def _press(self, number: str) -> str:
        index = int(number) - 1
        if not 0 <= index < len(self.buttons):
            return self.text.console_no_button(number)
        pressed = self.buttons[index]
        self.api.sent.clear()
        self.buttons = []
        await self.app.async_dispatch(self._action(pressed))
        await _settle()
        return self._with_calls([])

    def _with_calls(self, shown: list[str]) -> str:
        for method, params in self.api.sent:
            if method not in SHOWN:
                continue
            if method.startswith("views."):
                view = params.get("view")
                view = json.loads(view) if isinstance(view, str) else view or {}
                shown.append(f"{self.style.quiet(self.text.CONSOLE_IN_MODAL)}\n\n{self._render(view)}")
            elif method == "response" and params.get("response_type") == "in_channel":
                shown.append(f"{self.style.quiet(self.text.CONSOLE_IN_CHANNEL)}\n\n{self._render(params)}")
            else:
                shown.append(self._render(params, in_view=False))
        return "\n\n".join(shown) or self.text.CONSOLE_NO_REPLY

    def _render(self, message: dict[str, Any], in_view: bool | None = None) -> str:
        blocks = message.get("blocks")
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        if not blocks:
            return str(message.get("text", ""))
        on_view = message.get("type") in ("modal", "home") if in_view is None else in_view

        def number(button: BlockDict) -> str:
            self.buttons.append(Pressable(str(button.get("action_id")), str(button.get("value", "")), on_view))
            label = str(button.get("text", {}).get("text", ""))
            return self.style.bold(f"[{len(self.buttons)}] {label}")

        return to_text(blocks, button=number, style=self.style)

    def _slash(self, line: str) -> AsyncBoltRequest:
        command, _, text = line.partition(" ")
        form = {
            "command": command,
            "text": text,
            "team_id": "TCONSOLE",
            "channel_id": "CCONSOLE",
            "user_id": "UCONSOLE",
            "user_name": "console",
            "response_url": self.api.url + "response",
            "trigger_id": "console",
            "api_app_id": "ACONSOLE",
        }
        return AsyncBoltRequest(body=urlencode(form), headers=FORM)

    def _mention(self, line: str) -> AsyncBoltRequest:
        """The line as Slack would deliver it: escaped, "@rolecall" a real mention token, and the
        event id new every run, because answered ids are remembered in the database."""
        self._events += 1
        text = AT_ROLECALL.sub(f"<@{BOT_USER}>", escape(line))
        event = {"type": "app_mention", "text": text, "user": "UCONSOLE", "channel": "CCONSOLE"}
        event["ts"] = f"{self._events}.0"
        body = {
            "type": "event_callback",
            "team_id": "TCONSOLE",
            "api_app_id": "ACONSOLE",
            "event_id": f"EvConsole{uuid.uuid4().hex}",
            "event_time": self._events,
            "event": event,
        }
        return AsyncBoltRequest(body=json.dumps(body), headers=JSON)

    def _action(self, pressed: Pressable) -> AsyncBoltRequest:
        """A button press as Slack sends it: from a message (with its response_url) or a view."""
        payload: dict[str, Any] = {
            "type": "block_actions",
            "team": {"id": "TCONSOLE"},
            "user": {"id": "UCONSOLE"},
            "api_app_id": "ACONSOLE",
            "trigger_id": "console",
            "channel": {"id": "CCONSOLE"},
            "actions": [{"action_id": pressed.action_id, "value": pressed.value, "type": "button"}],
        }
        if pressed.in_view:
            payload["container"] = {"type": "view"}
            payload["view"] = {"type": "modal", "id": "VCONSOLE"}
        else:
            payload["container"] = {"type": "message"}
            payload["response_url"] = self.api.url + "response"
        return AsyncBoltRequest(body=urlencode({"payload": json.dumps(payload)}), headers=FORM)


async def _settle() -> None:
    """Wait for the lazy listeners this line started (they post mention answers and shares)."""
    current = asyncio.current_task()
    pending = [task for task in asyncio.all_tasks() if task is not current]
    if pending:
        await asyncio.gather(*pending, return_exceptions=True)


def _typed_lines() -> Iterator[str]:
    """Lines from a terminal, with readline's editing and history; Ctrl-C clears the line."""
    import readline  # noqa: F401  (importing it gives input() editing, history and Ctrl-R)

    while True:
        try:
            yield input(PROMPT)
        except KeyboardInterrupt:
            print()
        except EOFError:
            print()
            return


def run(services: Services, lines: Iterator[str], out: TextIO, *, interactive: bool, style: Style) -> None:
    """Answer each line until ``exit`` or the end of input."""
    session = ConsoleSession(services, style)
    if interactive:
        print(session.text.CONSOLE_INTRO, file=out)
    try:
        with asyncio.Runner() as runner:
            for raw in lines:
                line = raw.strip()
                if not interactive and line:
                    print(f"> {line}", file=out)
                if line.casefold() in QUIT:
                    break
                if not line:
                    continue
                try:
                    print(runner.run(session.handle(line)), end="\n\n", file=out, flush=True)
                except KeyboardInterrupt:
                    print(file=out)
    finally:
        session.close()


def main(services: Services) -> None:
    interactive = sys.stdin.isatty()
    lines = _typed_lines() if interactive else (line for line in sys.stdin)
    style = terminal_style() if wants_colour(sys.stdout) else PLAIN
    run(services, lines, sys.stdout, interactive=interactive, style=style)
