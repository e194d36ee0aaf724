"""summarizer: many outlets' versions of one story become one attributed briefing.

>>> from summarizer import read_paths, summarize, render, Settings
>>> briefing = summarize(read_paths(["seeds"]), Settings(sentences=5))
>>> print(render(briefing, "markdown"))
"""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

# The public names are imported on first use (PEP 562), so that `import summarizer` and
# `summarizer --help` do not pay for numpy and scipy.
_PUBLIC = {
    "Article": "model",
    "Briefing": "model",
    "Claim": "model",
    "Digest": "model",
    "Disagreement": "model",
    "Item": "model",
    "Sentence": "model",
    "Settings": "config",
    "SummarizerError": "errors",
    "brief": "daily",
    "disagreements": "credits",
    "read_paths": "ingest",
    "summarize": "pipeline",
}


# Imported now: the function shares its module's name, and importing the module later
# would otherwise leave the module, not the function, under `summarizer.render`.
from .render import render  # noqa: E402


def __getattr__(name: str) -> object:
    if name not in _PUBLIC:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{_PUBLIC[name]}", __name__), name)


__all__ = [
    "Article",
    "Briefing",
    "Claim",
    "Digest",
    "Disagreement",
    "Item",
    "Sentence",
    "Settings",
    "SummarizerError",
    "__version__",
    "brief",
    "disagreements",
    "read_paths",
    "render",
    "summarize",
]
