"""uvicorn's worker supervisor, with SIGHUP meaning "reload the content" instead of "restart".

uvicorn answers SIGHUP by replacing every worker; a replacement that meets a bad pack fails
to start, with a traceback instead of the pack's ``path:line: CODE`` lines. Each RoleCall worker
reloads its own pack on SIGHUP (see ``bot.snapshot.watch``), so the supervisor only passes the
signal on, and the workers, their connections and their caches stay up.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal

import uvicorn
from uvicorn.supervisors import Multiprocess

log = logging.getLogger(__name__)


class ReloadingMultiprocess(Multiprocess):
    def handle_hup(self) -> None:
        log.info("received SIGHUP; asking every worker to reload the content pack")
        for process in self.processes:
            if process.pid is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, signal.SIGHUP)


def run(config: uvicorn.Config) -> bool:
    """Serve ``config`` as ``uvicorn.run`` does, with ``ReloadingMultiprocess`` for several
    workers; False if a single-process server never started."""
    server = uvicorn.Server(config)
    if config.workers > 1:
        ReloadingMultiprocess(config, sockets=[config.bind_socket()]).run()
        return True
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
    return server.started
