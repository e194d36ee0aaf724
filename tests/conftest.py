"""Shared factories and options: articles and sentences, the seed folder, golden-file updates."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.model import Article, Sentence

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the expected files in tests/golden/ instead of comparing with them.",
    )


def _article(**fields: str) -> Article:
    article_id = fields.get("id", "a")
    defaults = {
        "id": article_id,
        "source": f"Outlet {article_id.upper()}",
        "text": "Heavy rain flooded the coastal town of Valencia on Tuesday.",
    }
    return Article(**{**defaults, **fields})


def _sentence(
    text: str, article_id: str = "a", position: int = 0, source: str | None = None
) -> Sentence:
    return Sentence(text, article_id, source or f"Outlet {article_id.upper()}", position)


@pytest.fixture
def make_article():
    """`make_article(**fields)`: an Article; the outlet defaults to "Outlet <ID>"."""
    return _article


@pytest.fixture
def make_sentence():
    """`make_sentence(text, article_id="a", position=0, source=None)`: a Sentence."""
    return _sentence


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    assert SEEDS.is_dir(), f"seed articles not found at {SEEDS}"
    return SEEDS


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
