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


FLOOD = (
    "Flash floods swept through the coastal town of Valencia on Tuesday after a night of "
    "torrential rain. Emergency services rescued dozens of residents from flooded homes in "
    "the old quarter. The regional government said three people were missing and schools "
    "would stay closed on Wednesday."
)
FLOOD_2 = (
    "Torrential rain caused flash floods in Valencia overnight, and rescuers pulled dozens of "
    "residents from flooded homes. Three people were missing, the regional government said. "
    "Schools in Valencia would stay closed on Wednesday, officials added."
)
FLOOD_3 = (
    "Rescue teams worked through the night in Valencia as flash floods filled streets with "
    "mud. Three people were missing, the regional government said. Forecasters warned that "
    "more torrential rain could reach the coast by the weekend."
)
RATES = (
    "The central bank raised its main interest rate by a quarter point on Tuesday to fight "
    "stubborn inflation. The governor said further increases in the interest rate could "
    "follow if prices kept rising. Mortgage lenders said borrowing costs for homeowners "
    "would climb within weeks."
)
RATES_2 = (
    "Borrowing costs rose again as the central bank lifted its interest rate by a quarter "
    "point. The governor warned that inflation was still too high and that the bank could "
    "raise the interest rate again. Mortgage lenders expect homeowners to pay more."
)
FINAL = (
    "The home side won the cup final two goals to one after a late header in stoppage "
    "time. Thousands of supporters celebrated in the city square until dawn. The captain "
    "lifted the trophy for the first time in a decade."
)


def _news_pool() -> list[Article]:
    """Three events told by several outlets; the Wire Service copy is reprinted verbatim."""
    return [
        Article("flood-a", "Coast Herald", FLOOD, "Floods hit Valencia", "", "2026-11-22T07:00:00"),
        Article("rates-a", "Money Daily", RATES, "Central bank raises rates", "", "2026-11-22"),
        Article("flood-b", "Wire Service", FLOOD_2, "Three missing in floods", "", "2026-11-22"),
        Article("final-a", "Sports Desk", FINAL, "Late header wins the cup", "", "2026-11-22"),
        Article("flood-c", "Morning Post", FLOOD_3, "", "", "2026-11-21T22:00:00"),
        Article("flood-d", "Town Gazette", FLOOD_2, "Three missing in floods", "", "2026-11-22"),
        Article("rates-b", "Market Wire", RATES_2, "Rates up again", "", "2026-11-21"),
    ]


@pytest.fixture
def news_pool() -> list[Article]:
    """Seven articles about three events (flood, interest rates, cup final), dated."""
    return _news_pool()


@pytest.fixture
def unused_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(autouse=True)
def no_user_config(tmp_path, monkeypatch):
    """No config file of the machine's (an archive it names, say) reaches a test."""
    monkeypatch.delenv("SUMMARIZER_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
