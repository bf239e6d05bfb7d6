"""Storage: SQLAlchemy tables, Alembic migrations, and the digest repository."""

from bot.errors import StoreError
from bot.store.db import make_engine, upgrade
from bot.store.limits import Limits
from bot.store.repo import LedgerRow, Store, Subscription

__all__ = ["LedgerRow", "Limits", "Store", "StoreError", "Subscription", "make_engine", "upgrade"]
