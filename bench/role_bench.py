"""Throughput and latency of ``/role mle`` on ``rolecall serve``, next to a bare Bolt app.

Both servers run on the same stack (uvicorn, same worker count, uvloop + httptools,
Starlette + ``AsyncSlackRequestHandler``, ``AsyncApp`` with ``process_before_response``)
and take the same signed slash-command requests, so the ratio of the two is the cost
of RoleCall's own work. Run from the repository root::

    .venv/bin/python -m bench.role_bench [--connections 64] [--duration 10] [--warmup 2]

The servers are started and checked by ``bench/role/servers.py``, loaded by ``bench/role/load.py``
and reported by ``bench/role/report.py``. The targets are printed with whether each was met; they
never fail the run. The exit code is 0 when the benchmark ran, 1 when it could not (a server did
not start, the correctness check failed, no load generator worked), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench.role import BenchError
from bench.role.load import Generator, Run, measure, pick_generator
from bench.role.report import CPU_LEGEND, HEADER, report, row
from bench.role.servers import bare_server, check, rolecall_server
from testkit.slack_api import FakeSlack


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.role_bench", description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=64, help="concurrent keep-alive connections (default 64)")
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds per run (default 10)")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds before each run (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers per server (default 2)")
    parser.add_argument("--rounds", type=int, default=2, help="bare/RoleCall pairs to alternate (default 2)")
    parser.add_argument("--generator", choices=("auto", "wrk", "python"), default="auto", help="load generator")
    parser.add_argument("--wrk-threads", type=int, default=1, help="wrk threads (default 1: leave cores to servers)")
    parser.add_argument("--no-install", action="store_true", help="do not try apt-get install wrk")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if min(args.connections, args.workers, args.rounds, args.wrk_threads) < 1 or args.duration < 1:
        print("role_bench: --connections, --workers, --rounds, --wrk-threads and --duration must be >= 1")
        return 2
    try:
        generator, described = pick_generator(args.generator, not args.no_install)
        return _bench(args, generator, described)
    except BenchError as error:
        print(f"role_bench: could not run: {error}", file=sys.stderr)
        return 1


def _bench(args: argparse.Namespace, generator: Generator, described: str) -> int:
    with tempfile.TemporaryDirectory(prefix="rolecall-bench-") as tmp_name, FakeSlack() as fake:
        tmp = Path(tmp_name)
        servers = [bare_server(fake.api_url, tmp, args.workers), rolecall_server(fake.api_url, tmp, args.workers)]
        try:
            for server in servers:
                server.start()
            for server in servers:
                server.wait_ready()
            print("RoleCall benchmark: signed `/role mle` slash commands to POST /slack/events")
            print(
                f"stack (both): uvicorn --workers {args.workers}, uvloop + httptools, "
                "Starlette + AsyncSlackRequestHandler, AsyncApp(process_before_response=True)"
            )
            threads = f", {args.wrk_threads} thread(s)" if generator == "wrk" else ""
            print(f"load generator: {described}{threads}; closed loop, {args.connections} keep-alive connections")
            print(
                f"schedule: {args.rounds} round(s) of bare then RoleCall, each {args.warmup:g} s warm-up "
                f"(discarded) + {args.duration:g} s measured; best run per server reported"
            )
            for server in servers:
                print(f"correctness, {server.name}: {check(server)}")
            runs: list[Run] = []
            measured_auth_tests = 0
            print(CPU_LEGEND)
            print()
            print(HEADER)
            for number in range(1, args.rounds + 1):
                for server in servers:
                    if args.warmup > 0:
                        measure(generator, server, tmp, args.connections, args.wrk_threads, args.warmup)
                    before = len(fake.calls("auth.test"))
                    run = measure(generator, server, tmp, args.connections, args.wrk_threads, args.duration)
                    measured_auth_tests += len(fake.calls("auth.test")) - before
                    runs.append(dataclasses.replace(run, round=number))
                    print(row(f"round {number}", runs[-1]), flush=True)
                    if not server.alive():
                        raise BenchError(f"{server.name} server died during the run:\n{server.log_tail()}")
            report(runs, args.connections)
            # Bolt calls auth.test lazily, once per worker, but every request that arrives before the
            # first answer makes its own call: a burst during warm-up, none once warm.
            print(
                f"\nfake Slack Web API: {len(fake.calls())} call(s) in all "
                f"({len(fake.calls('auth.test'))} auth.test, mostly the first warm-up burst); "
                f"{measured_auth_tests} during measured runs"
            )
            return 0
        finally:
            for server in servers:
                server.stop()


if __name__ == "__main__":
    sys.exit(main())
