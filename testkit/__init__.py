"""Fakes and runners shared by the tests and the benchmarks; not shipped in the wheel.

The fake Slack Web API (``slack_api``) and Socket Mode endpoint (``socket_mode``) on loopback,
Slack's request signing and request shapes (``signing``), the ``rolecall serve`` subprocess
runner (``served``), a clean PostgreSQL schema (``storage``) and the labelled mention questions
(``questions``). ``tests/`` and ``bench/`` both import from here, never from each other.
"""
