"""``rolecall``: the operator's entry point. Each subcommand's help is its docstring.

Exit codes: 0 done, 1 bad content, 2 bad configuration or usage.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.catalog import BUNDLED_DIR, ContentError, load_pack
from bot.catalog.models import Explainer, PackInfo, Role, TeamStructure
from bot.settings import ConfigError, Settings, load_settings


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Serve Slack over HTTP: POST /slack/events and GET /healthz."""
    from bot.server import serve

    serve(settings, args.host, args.port, args.workers)
    return 0


def cmd_socket(args: argparse.Namespace, settings: Settings) -> int:
    """Connect to Slack over Socket Mode (needs SLACK_APP_TOKEN); no public URL needed."""
    from bot.socket import run_socket_mode

    run_socket_mode(settings)
    return 0


def cmd_console(args: argparse.Namespace, settings: Settings) -> int:
    """Try RoleCall offline: type /role mle, /teams or @rolecall <question>; no Slack needed."""
    from bot import console
    from bot.app import build_services

    console.main(build_services(settings))
    return 0


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    """Validate a content pack and print path:line: CODE message for every problem."""
    folder = Path(args.dir) if args.dir else settings.rolecall_content_dir
    pack = load_pack(folder)
    print(
        f"{folder}: ok, pack {pack.info.id} v{pack.version}: {len(pack.roles)} roles, "
        f"{len(pack.teams)} team structures, {len(pack.explainers)} explainers"
    )
    return 0


def cmd_schema(args: argparse.Namespace, settings: Settings) -> int:
    """Print the JSON Schema of every content file kind, for editors."""
    schemas = {
        name: model.model_json_schema()
        for name, model in (("pack", PackInfo), ("role", Role), ("team", TeamStructure), ("explainer", Explainer))
    }
    print(json.dumps(schemas, indent=2, ensure_ascii=False))
    return 0


Command = Callable[[argparse.Namespace, Settings], int]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rolecall", description="RoleCall: explains ML roles and teams in Slack.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str, func: Command, owner: argparse._SubParsersAction[argparse.ArgumentParser] = sub
    ) -> argparse.ArgumentParser:
        doc = (func.__doc__ or "").strip()
        command = owner.add_parser(name, help=doc, description=doc)
        command.set_defaults(func=func)
        return command

    serve = add("serve", cmd_serve)
    serve.add_argument("--host", default="0.0.0.0")
    serve.add_argument("--port", type=int, default=3000)
    serve.add_argument("--workers", type=int, default=2, help="uvicorn worker processes (default 2)")
    add("socket", cmd_socket)
    add("console", cmd_console)
    content = sub.add_parser("content", help="Content pack tools.").add_subparsers(dest="action", required=True)
    validate = add("validate", cmd_validate, content)
    validate.add_argument("dir", nargs="?", help=f"pack folder (default: ROLECALL_CONTENT_DIR or {BUNDLED_DIR.name}/)")
    add("schema", cmd_schema, content)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args, load_settings()))
    except ConfigError as error:
        print(f"rolecall: {error}", file=sys.stderr)
        return 2
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"rolecall: the content pack has {len(error.problems)} problem(s); nothing was served.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def entry() -> None:
    sys.exit(main())
