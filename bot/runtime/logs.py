"""One logging setup for every process: the CLI's and each uvicorn worker's.

uvicorn configures logging afresh in every worker it spawns, from the config it is
handed; with its default only its own loggers print, and RoleCall's lines (pack served,
digest posted, paused or failed) vanish. The CLI applies this config and hands the same
to uvicorn, so every process logs alike: ``LOG_FORMAT=text`` lines or ``json`` objects.
"""

from __future__ import annotations

import json
import logging
import logging.config
from typing import Any, Literal

LogFormat = Literal["text", "json"]

TEXT = "%(levelname)s %(name)s: %(message)s"


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log collectors; a traceback stays inside its record."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def log_config(log_format: LogFormat) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` dict, also what uvicorn's ``log_config`` takes."""
    return {
        "version": 1,
        "disable_existing_loggers": False,  # loggers made at import time (Bolt's, ours) must keep working
        "formatters": {"text": {"format": TEXT}, "json": {"()": JsonFormatter}},
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": log_format, "stream": "ext://sys.stderr"}
        },
        "root": {"level": "INFO", "handlers": ["stderr"]},
        "loggers": {"alembic": {"level": "WARNING"}},
    }


def configure_logging(log_format: LogFormat) -> None:
    logging.config.dictConfig(log_config(log_format))
