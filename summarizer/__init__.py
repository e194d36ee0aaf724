"""summarizer: many outlets' versions of one story become one attributed briefing.

>>> from summarizer import read_paths, summarize, render, Settings
>>> briefing = summarize(read_paths(["seeds"]), Settings(sentences=5))
>>> print(render(briefing, "markdown"))
"""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

from .config import Settings  # noqa: E402
from .errors import SummarizerError  # noqa: E402
from .ingest import read_paths  # noqa: E402
from .model import Article, Briefing, Item, Sentence  # noqa: E402
from .pipeline import summarize  # noqa: E402
from .render import render  # noqa: E402

__all__ = [
    "Article",
    "Briefing",
    "Item",
    "Sentence",
    "Settings",
    "SummarizerError",
    "__version__",
    "read_paths",
    "render",
    "summarize",
]
