"""The content pack: models, loader with file:line problems, and the loaded ``Pack``."""

from bot.catalog.folding import fold, is_persian, normalize
from bot.catalog.loader import BUNDLED_DIR, load_pack
from bot.catalog.pack import Pack, Topic, TopicKind, localize
from bot.catalog.problems import ContentError, Problem

__all__ = [
    "BUNDLED_DIR",
    "ContentError",
    "Pack",
    "Problem",
    "Topic",
    "TopicKind",
    "fold",
    "is_persian",
    "load_pack",
    "localize",
    "normalize",
]
