"""Settings, built once (from the CLI, a script or the tests) and passed down unchanged."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .languages import stopwords

DEFAULT_SENTENCES = 5
DEFAULT_RANKER = "coverage"
DEFAULT_LANGUAGE = "english"
LOCK_WAIT = 30.0  # seconds a run waits for another run's hold on the archive, then gives up


@dataclass(frozen=True, slots=True)
class Settings:
    """How to summarize.

    `sentences` and `words` bound the briefing's length; when both are None the briefing
    has `DEFAULT_SENTENCES` sentences. With `fill`, a briefing short of `words` ends with
    one more sentence that runs past it, for a scorer that cuts summaries at `words`
    (`eval` sets it; see `select`). `cluster_threshold` is the cosine similarity above
    which (on average) two groups of sentences are taken to say the same thing.
    """

    ranker: str = DEFAULT_RANKER
    sentences: int | None = None
    words: int | None = None
    language: str = DEFAULT_LANGUAGE
    cluster_threshold: float = 0.35
    fill: bool = False
    templates: Path | None = None

    def __post_init__(self) -> None:
        if self.sentences is not None and self.sentences < 1:
            raise ConfigError(f"--sentences must be at least 1, not {self.sentences}")
        if self.words is not None and self.words < 1:
            raise ConfigError(f"--words must be at least 1, not {self.words}")
        stopwords(self.language)  # an unknown language lists the known ones
        if not 0.0 < self.cluster_threshold < 1.0:
            raise ConfigError("cluster_threshold must lie between 0 and 1")

    @property
    def max_sentences(self) -> int | None:
        if self.sentences is None and self.words is None:
            return DEFAULT_SENTENCES
        return self.sentences


def config_dir(environ: Mapping[str, str]) -> Path | None:
    """Our folder of config files: `$XDG_CONFIG_HOME/summarizer`, else
    `~/.config/summarizer`; None when neither variable is set."""
    base = environ.get("XDG_CONFIG_HOME") or (
        str(Path(environ["HOME"]) / ".config") if environ.get("HOME") else ""
    )
    return Path(base) / "summarizer" if base else None


def read_config_file(
    environ: Mapping[str, str], variable: str, name: str, keys: Sequence[str], what: str
) -> tuple[dict[str, Any], Path | None]:
    """The TOML settings of the file `variable` names, else of `name` in `config_dir`, and
    that file; ({}, None) when there is none. Raises `ConfigError` when `variable` names
    no file, the file cannot be read as TOML, or it holds a key not in `keys`; `what`
    names the file in those messages ("the SMTP config file")."""
    if variable in environ:
        path = Path(environ[variable])
        if not path.is_file():
            raise ConfigError(f"{variable} names no file: {path}")
    else:
        folder = config_dir(environ)
        if folder is None or not (folder / name).is_file():
            return {}, None
        path = folder / name
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"cannot read {what} {path}: {error}") from None
    unknown = sorted(set(data) - set(keys))
    if unknown:
        raise ConfigError(f"unknown key {unknown[0]!r} in {path}; the keys are: {', '.join(keys)}")
    return data, path
