"""The composition root: the only package, with ``handlers/``, that knows both Bolt and the core.

It builds the Bolt app and its services, and serves them over HTTP, Socket Mode or the console;
``cli`` is the operator's entry point.
"""
