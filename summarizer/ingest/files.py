"""Files, folders and standard input: bytes decoded to text, each read by its format.

One reader per format (`READERS`), chosen by the file's suffix (`SUFFIXES`) or by
sniffing standard input. Bytes are decoded by their byte-order mark (UTF-8, UTF-16,
UTF-32), else as UTF-8, else by the charset an HTML page declares, else as Windows-1252 (a
superset of Latin-1's printable characters), else as Latin-1. A file that is not text (NUL
bytes, or many control characters) is `Unusable`.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..model import Article
from .feeds import read_feed
from .fields import FIELDS, NOT_TEXT, Unusable
from .pages import read_html
from .records import read_json, read_jsonl
from .text import read_text

MANIFEST = "manifest.json"
MAX_INPUT_BYTES = 64 * 2**20  # one file or standard input: bounds the memory a run takes
MAX_CONTROL_SHARE = 0.05  # text with more control characters than this is binary data

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16's, which it begins with
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SAMPLE = 8192  # bytes or characters looked at to tell text from binary data
_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{1,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([\w.:-]{1,40})""",
    re.IGNORECASE,
)
# Python's names of the single- and multi-byte encodings web pages declare.
_PAGE_ENCODING = re.compile(
    r"utf-8|cp\d+|iso8859-\d+|koi8-[ru]|mac-\w+|shift_jis\w*|euc_\w+|gb2312|gbk|gb18030|big5\w*"
)

Reader = Callable[[str, str, dict[str, str]], list[Article]]
"""(text, name, metadata) -> articles; `name` is the id/outlet to fall back on."""

READERS: dict[str, Reader] = {
    "text": read_text,
    "html": read_html,
    "json": read_json,
    "jsonl": read_jsonl,
    "feed": read_feed,
}
SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}


def readings(given: str, stdin: BinaryIO | None) -> list[Callable[[], list[Article]]]:
    """One call per input that `given` names, each reading that input when made."""
    if given == "-":
        if stdin is None:
            raise InputError("'-' given but there is no standard input to read")
        return [lambda: read_bytes(bounded(stdin, "standard input"), "stdin", sniff, {})]
    path = Path(given)
    if not path.exists():
        raise InputError(f"no such file or folder: {given} (check the path)")
    if not path.is_dir():
        return [partial(_read_file, path, SUFFIXES.get(path.suffix.lower()))]
    files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
    return [
        partial(_read_file, file, kind)
        for file in files
        if (kind := SUFFIXES.get(file.suffix.lower())) is not None and file.name != MANIFEST
    ]


def _read_file(path: Path, kind: str | None) -> list[Article]:
    try:
        with path.open("rb") as stream:
            data = bounded(stream, str(path))
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None
    meta = _manifest(path.parent).get(path.name, {})
    return read_bytes(data, path.stem, READERS[kind] if kind else sniff, meta, shown=str(path))


def bounded(stream: BinaryIO, shown: str) -> bytes:
    """At most `MAX_INPUT_BYTES` of `stream`; more is an error."""
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            f"{shown} is larger than {MAX_INPUT_BYTES // 2**20} MiB "
            "(give the articles as separate, smaller files)"
        )
    return data


def read_bytes(
    data: bytes, name: str, reader: Reader, meta: dict[str, str], shown: str = ""
) -> list[Article]:
    """The articles `reader` finds in `data` once decoded; errors name the input (`shown`)."""
    shown = shown or name
    text = decode(data)
    if text is None:
        raise Unusable("not a text file", "give articles as text, HTML or JSON", shown)
    if not text.strip():
        return []
    try:
        return [article for article in reader(text, name, meta) if article.text.strip()]
    except Unusable as error:
        raise Unusable(error.reason, error.hint, shown) from None
    except InputError as error:
        raise InputError(f"{shown}: {error}") from None


def sniff(text: str, name: str, meta: dict[str, str]) -> list[Article]:
    """A reader chosen by what the text looks like, for standard input and unknown suffixes."""
    if text.lstrip()[:1] in ("{", "["):
        lines = [line for line in text.splitlines() if line.strip()]
        many_objects = len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines)
        return (read_jsonl if many_objects else read_json)(text, name, meta)
    return read_text(text, name, meta)  # which hands a feed or an HTML page on


def decode(data: bytes) -> str | None:
    """The text of `data`, or None when it is not text (see the module's docstring)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            break
    else:
        if b"\x00" in data[:_SAMPLE]:
            return None
        text = _decode_unmarked(data)
    sample = text[:_SAMPLE]
    if len(NOT_TEXT.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        return None
    return text


def _decode_unmarked(data: bytes) -> str:
    for encoding in ("utf-8", _declared_charset(data), "cp1252"):
        if encoding:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    return data.decode("latin-1")  # every byte is a Latin-1 character


def _declared_charset(data: bytes) -> str | None:
    """The charset a page declares (`<meta charset>`, `<?xml encoding>`), if Python has it."""
    found = _CHARSET.search(data[:_SAMPLE])
    if not found:
        return None
    try:
        name = codecs.lookup((found.group(1) or found.group(2)).decode("ascii")).name
    except LookupError:
        return None
    if name in ("iso8859-1", "ascii"):  # as browsers read them (WHATWG Encoding standard)
        return "cp1252"
    return name if _PAGE_ENCODING.fullmatch(name) else None


def _manifest(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: not a valid manifest ({error})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: a manifest maps file names to {{source, title, url, published}}")
    return {
        name: {k: str(v) for k, v in fields.items() if k in FIELDS and v}
        for name, fields in data.items()
        if isinstance(fields, dict)
    }


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)
