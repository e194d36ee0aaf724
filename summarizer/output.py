"""Writing results: whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import RenderError


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename, so a failed run
    leaves any existing file as it was and a reader never sees half a briefing."""
    path = Path(path)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise RenderError(
            f"cannot write {path}: {error.strerror} (choose another --output)"
        ) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, _mode(path))
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise RenderError(
            f"cannot write {path}: {error.strerror} (choose another --output)"
        ) from None


def _mode(path: Path) -> int:
    """The existing file's permissions, else what a plain open() would give (mkstemp's
    temporary file is private to its owner, which a briefing is not)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def new_path(folder: Path, stem: str, suffix: str) -> Path:
    """`folder/stem+suffix`, or `folder/stem-2+suffix` and so on: a name no file has yet,
    so keeping a new file never replaces an earlier one."""
    path, number = Path(folder) / f"{stem}{suffix}", 1
    while path.exists():
        number += 1
        path = Path(folder) / f"{stem}-{number}{suffix}"
    return path
