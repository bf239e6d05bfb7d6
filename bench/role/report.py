"""What the bench prints: a row per run, the best run of each server, their ratios, and the
targets with whether each was met (reported, never enforced)."""

from __future__ import annotations

import math

from bench.role.load import Run
from bench.role.servers import ServerName

TARGET_THROUGHPUT_RATIO = 0.90
TARGET_P99_MS = 20.0
TARGET_CONNECTIONS = 64


def row(label: str, run: Run) -> str:
    cpu = "-" * 6 + " " + "-" * 6 + " " + "-" * 6 + " " + "-" * 8
    if run.cpu is not None and run.server_us is not None:
        cpu = f"{run.cpu.server:>6.2f} {run.cpu.client:>6.2f} {run.cpu.others:>6.2f} {run.server_us:>8.0f}"
    return (
        f"{label:<10} {run.server:<9} {run.rps:>9.0f} {run.p50_ms:>8.2f} {run.p99_ms:>8.2f} "
        f"{run.requests:>9} {run.non_2xx:>8} {run.socket_errors:>7}  {cpu}"
    )


def best(runs: list[Run], name: ServerName) -> Run:
    """The run with the highest throughput (in a closed loop it has the lowest latency too)."""
    return max((r for r in runs if r.server == name), key=lambda r: r.rps)


HEADER = (
    f"{'run':<10} {'server':<9} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9} {'non-2xx':>8} {'sockerr':>7}"
    f"  {'srv':>6} {'client':>6} {'others':>6} {'srv us/r':>8}"
)
CPU_LEGEND = (
    "cores busy during each measured run: srv = the server's processes, client = the load generator, "
    "others = everything else on the machine (noise); srv us/r = server CPU microseconds per request"
)
NOISY_CORES = 0.25


def report(runs: list[Run], connections: int) -> None:
    bare, role = best(runs, "bare"), best(runs, "rolecall")
    print()
    print(f"best of {max(r.round for r in runs)} round(s), per server (highest throughput):")
    print(HEADER)
    print(row("best", bare))
    print(row("best", role))
    ratio = role.rps / bare.rps if bare.rps else 0.0
    print()
    print("ratios (RoleCall / bare):")
    print(f"  throughput  {ratio:.3f}")
    print(f"  p50         {role.p50_ms / bare.p50_ms if bare.p50_ms else 0.0:.3f}")
    print(f"  p99         {role.p99_ms / bare.p99_ms if bare.p99_ms else 0.0:.3f}")
    if role.server_us and bare.server_us:
        cost = min(r.server_us or math.inf for r in runs if r.server == "rolecall")
        base = min(r.server_us or math.inf for r in runs if r.server == "bare")
        print(f"  server CPU per request, lowest of the runs: {cost:.0f} / {base:.0f} us = {cost / base:.2f}")
    print()
    print("targets (reported, never enforced):")
    verdict = "met" if ratio >= TARGET_THROUGHPUT_RATIO else "NOT met"
    print(f"  RoleCall throughput >= {TARGET_THROUGHPUT_RATIO:.0%} of bare: {ratio:.1%} -> {verdict}")
    verdict = "met" if role.p99_ms < TARGET_P99_MS else "NOT met"
    note = "" if connections == TARGET_CONNECTIONS else f" (this run used {connections} connections)"
    print(
        f"  RoleCall p99 < {TARGET_P99_MS:.0f} ms at {TARGET_CONNECTIONS} connections: "
        f"{role.p99_ms:.2f} ms -> {verdict}{note}"
    )
    print(f"  (for reference, the bare app's p99 is {bare.p99_ms:.2f} ms)")
    noisy = [r for r in runs if r.cpu is not None and r.cpu.others > NOISY_CORES]
    if noisy:
        worst = max(r.cpu.others for r in noisy if r.cpu is not None)
        print(
            f"WARNING: other work used up to {worst:.2f} cores during {len(noisy)} of {len(runs)} run(s); "
            "the machine was shared, so the figures are noisy (best-of keeps the least disturbed run)."
        )
    bad = sum(r.non_2xx + r.socket_errors for r in runs)
    if bad:
        print(f"WARNING: {bad} non-2xx responses or socket errors during load; the figures above include them.")
