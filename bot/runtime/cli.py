"""``rolecall``: the operator's entry point. Each subcommand's help is its docstring.

Exit codes: 0 done, 2 bad usage (argparse), 130 interrupted, and for every ``RoleCallError``
the code ``bot.errors`` gives it (1 bad content, 2 bad configuration or storage).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from bot import __version__
from bot.catalog import BUNDLED_DIR, ContentError, load_pack
from bot.catalog.diff import diff_packs, render_text
from bot.catalog.models import Explainer, PackInfo, Role, TeamStructure
from bot.catalog.versions import check_since
from bot.errors import RoleCallError
from bot.runtime.logs import configure_logging
from bot.settings import Settings, content_dirs, load_settings


def _without_scheduler(args: argparse.Namespace, settings: Settings) -> Settings:
    if not args.no_scheduler:
        return settings
    os.environ["ROLECALL_SCHEDULER"] = "false"  # for uvicorn's worker processes
    return settings.model_copy(update={"rolecall_scheduler": False})


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Serve Slack over HTTP: POST /slack/events, GET /healthz and GET /metrics."""
    own_dir = None
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Before prometheus_client is first imported (here or in a worker): it picks per-process
        # files over memory at import, and /metrics then adds up every worker's.
        own_dir = tempfile.mkdtemp(prefix="rolecall-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = own_dir
    try:
        from bot.runtime.server import serve

        serve(_without_scheduler(args, settings), args.host, args.port, args.workers)
    finally:
        if own_dir is not None:
            shutil.rmtree(own_dir, ignore_errors=True)
    return 0


def cmd_socket(args: argparse.Namespace, settings: Settings) -> int:
    """Connect to Slack over Socket Mode (needs SLACK_APP_TOKEN); no public URL needed."""
    from bot.runtime.socket import run_socket_mode

    # Socket Mode apps cannot be distributed: one workspace, SLACK_BOT_TOKEN, whatever else is set
    single = settings.model_copy(update={"slack_client_id": None, "slack_client_secret": None})
    for name in ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET"):  # Bolt would read them itself
        os.environ.pop(name, None)
    run_socket_mode(_without_scheduler(args, single))
    return 0


def cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    """Create or migrate the database schema to the newest version (serve, socket and console do this on start)."""
    from bot.store import make_engine, upgrade

    engine = make_engine(settings.database_url, settings.db_limits)
    upgrade(engine)
    print(f"database at {engine.url.render_as_string(hide_password=True)} is up to date")
    return 0


def cmd_run_due(args: argparse.Namespace, settings: Settings) -> int:
    """Post every due digest once and print one line per channel acted on (what the scheduler runs)."""
    from bot.runtime.app import build_runner, build_services

    if not settings.oauth:
        settings.require("slack_bot_token")
    runner = build_runner(build_services(settings))
    for outcome in runner.run_due(args.at):
        print(outcome.line())
    return 0


def cmd_digest_list(args: argparse.Namespace, settings: Settings) -> int:
    """List every subscription: workspace, channel, schedule, zone, language, state, next and last post."""
    from bot.digests.listing import listing_rows, render_table
    from bot.runtime.app import build_services

    rows = listing_rows(build_services(settings).store, datetime.now(UTC))
    print(json.dumps(rows, indent=2) if args.json else render_table(rows))
    return 0


def cmd_report_gaps(args: argparse.Namespace, settings: Settings) -> int:
    """Questions voted "Not what I asked", newest first, with their answer: where the pack needs asks."""
    from bot.runtime.app import build_services
    from bot.store.votes import Votes

    gaps = Votes(build_services(settings).store).gaps(args.since)
    for gap in gaps:
        print(f"{gap.voted_at:%Y-%m-%d %H:%M}  {gap.band:<7}  {gap.topic}  (pack {gap.pack_version})")
        print(f"    {gap.question}")
    print(f"{len(gaps)} question(s) voted not what was asked")
    return 0


def cmd_report_usage(args: argparse.Namespace, settings: Settings) -> int:
    """Votes on mention answers per topic and band: helpful and not what was asked."""
    from bot.runtime.app import build_services
    from bot.store.votes import Votes

    usage = Votes(build_services(settings).store).usage(args.since)
    print(f"{'topic':<60} {'band':<8} {'helpful':>8} {'not asked':>10}")
    for row in usage:
        print(f"{row.topic[:60]:<60} {row.band:<8} {row.helpful:>8} {row.not_asked:>10}")
    total_helpful, total_not = sum(u.helpful for u in usage), sum(u.not_asked for u in usage)
    print(f"{'all':<60} {'':<8} {total_helpful:>8} {total_not:>10}")
    return 0


def _instant(text: str) -> datetime:
    """An ISO 8601 moment; without an offset it means UTC."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 time such as 2026-11-23T09:00:00Z: {text!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def cmd_console(args: argparse.Namespace, settings: Settings) -> int:
    """Try RoleCall offline: type /role mle, /teams or @rolecall <question>; no Slack needed."""
    from bot.runtime import console
    from bot.runtime.app import build_services

    console.main(build_services(settings))
    return 0


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    """Validate a content pack and print path:line: CODE message for every problem."""
    folders = content_dirs(args.dir) if args.dir else settings.content_dirs
    pack = load_pack(folders)
    folder = folders[-1]
    if args.since:
        problems = check_since(
            diff_packs(load_pack(content_dirs(args.since)), pack), folder / "pack.yml", folder / "pack.yml"
        )
        if problems:
            raise ContentError(problems)
    for warning in pack.warnings:
        print(warning, file=sys.stderr)
    if args.strict and pack.warnings:
        print(f"rolecall: {len(pack.warnings)} warning(s), and --strict counts them as problems.", file=sys.stderr)
        return 1
    warned = f", {len(pack.warnings)} warning(s)" if pack.warnings else ""
    print(
        f"{os.pathsep.join(map(str, folders))}: ok, pack {pack.info.id} v{pack.version}: {len(pack.roles)} roles, "
        f"{len(pack.teams)} team structures, {len(pack.explainers)} explainers{warned}"
    )
    return 0


def cmd_diff(args: argparse.Namespace, settings: Settings) -> int:
    """Print what changed between two packs: topics added, removed, and changed field by field, per language."""
    diff = diff_packs(load_pack(content_dirs(args.old)), load_pack(content_dirs(args.new)))
    print(json.dumps(diff.as_json(), indent=2, ensure_ascii=False) if args.format == "json" else render_text(diff))
    return 0


def cmd_show(args: argparse.Namespace, settings: Settings) -> int:
    """Print one card exactly as Slack receives it, with a Block Kit Builder link."""
    from bot.runtime.show import show

    folders = content_dirs(args.dir) if args.dir else settings.content_dirs
    print(show(folders, args.kind, args.id, args.lang, args.format))
    return 0


def cmd_schema(args: argparse.Namespace, settings: Settings) -> int:
    """Print the JSON Schema of every content file kind, for editors."""
    schemas = {
        name: model.model_json_schema()
        for name, model in (("pack", PackInfo), ("role", Role), ("team", TeamStructure), ("explainer", Explainer))
    }
    chosen = schemas[args.kind] if args.kind else schemas  # one kind is what an editor checks a file against
    print(json.dumps(chosen, indent=2, ensure_ascii=False))
    return 0


Command = Callable[[argparse.Namespace, Settings], int]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rolecall", description="RoleCall: explains ML roles and teams in Slack.")
    parser.add_argument("--version", action="version", version=f"rolecall {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

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
    serve.add_argument("--no-scheduler", action="store_true", help="do not post digests from this process")
    socket = add("socket", cmd_socket)
    socket.add_argument("--no-scheduler", action="store_true", help="do not post digests from this process")
    add("console", cmd_console)
    content = sub.add_parser("content", help="Content pack tools.").add_subparsers(dest="action", required=True)
    validate = add("validate", cmd_validate, content)
    validate.add_argument("dir", nargs="?", help=f"pack folder (default: ROLECALL_CONTENT_DIR or {BUNDLED_DIR.name}/)")
    validate.add_argument("--strict", action="store_true", help="fail on warnings (W-codes) too")
    validate.add_argument("--since", metavar="OLD", help="an older pack: fail if the version did not step up enough")
    diff = add("diff", cmd_diff, content)
    diff.add_argument("old", help="the older pack's folder")
    diff.add_argument("new", help="the newer pack's folder")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    shown = add("show", cmd_show, content)
    shown.add_argument("kind", choices=("role", "team", "explainer"))
    shown.add_argument("id", help="the topic's id, e.g. mle")
    shown.add_argument("--lang", default="en", help="the language to show it in (default en)")
    shown.add_argument("--format", choices=("text", "json", "blocks"), default="text")
    shown.add_argument("--dir", help="pack folder (default: ROLECALL_CONTENT_DIR or the bundled pack)")
    schema = add("schema", cmd_schema, content)
    schema.add_argument("--kind", choices=("pack", "role", "team", "explainer"), help="print one kind's schema alone")
    db = sub.add_parser("db", help="Database tools.").add_subparsers(dest="action", required=True)
    add("upgrade", cmd_db_upgrade, db)
    digest = sub.add_parser("digest", help="Weekly digest tools.").add_subparsers(dest="action", required=True)
    run_due = add("run-due", cmd_run_due, digest)
    run_due.add_argument("--at", type=_instant, help="pretend it is this ISO 8601 time (default: the database's now)")
    listing = add("list", cmd_digest_list, digest)
    listing.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    report = sub.add_parser("report", help="What people asked and voted.").add_subparsers(dest="action", required=True)
    for name, func in (("gaps", cmd_report_gaps), ("usage", cmd_report_usage)):
        add(name, func, report).add_argument(
            "--since", type=_instant, help="only votes from this ISO 8601 date or time on"
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:  # a bare `rolecall` is a question: what can I type?
        parser.print_help()
        return 0
    try:
        settings = load_settings()
        configure_logging(settings.log_format)
        return int(args.func(args, settings))
    except RoleCallError as error:
        print("\n".join(error.report()), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130


def entry() -> None:
    sys.exit(main())
