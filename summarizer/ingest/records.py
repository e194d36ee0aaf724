"""JSON and JSON Lines: an article object, a list of them, or `{"articles": [...]}`; an
object may give its page's `html` instead of its `text`."""

from __future__ import annotations

import json
from typing import Any

from ..errors import InputError
from ..model import Article
from .fields import FIELDS, NOT_TEXT, make_article, without_markup
from .pages import read_html


def read_json(text: str, name: str, meta: dict[str, str]) -> list[Article]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON ({error.msg}, line {error.lineno})") from None
    except RecursionError:
        raise InputError("not valid JSON (nested too deeply)") from None
    records = data.get("articles", [data]) if isinstance(data, dict) else data
    return _records(records, name)


def read_jsonl(text: str, name: str, meta: dict[str, str]) -> list[Article]:
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise InputError(f"line {number} is not valid JSON ({error.msg})") from None
            except RecursionError:
                raise InputError(f"line {number} is not valid JSON (nested too deeply)") from None
    return _records(records, name)


def _records(records: Any, name: str) -> list[Article]:
    if not isinstance(records, list):
        raise InputError('expected an article object, a list of them or {"articles": [...]}')
    articles = []
    for number, record in enumerate(records, 1):
        if not isinstance(record, dict):
            raise InputError(f"item {number} is not an article object")
        for key in (*FIELDS, "text", "html"):
            value = record.get(key)
            if isinstance(value, list | dict | bool) or (
                key in ("text", "html") and isinstance(value, int | float)
            ):
                kind = {"dict": "an object", "list": "a list", "bool": "true or false"}.get(
                    type(value).__name__, "a number"
                )
                raise InputError(f'item {number}: "{key}" must be text, not {kind}')
        given = {k: NOT_TEXT.sub("", str(record[k])) for k in FIELDS if k in record}
        fields = {k: v for k, v in given.items() if v and record[k] is not None}
        fields.setdefault("id", f"{name}-{number}" if len(records) > 1 else name)
        text = record.get("text")
        if not text and record.get("html"):
            try:
                articles.extend(read_html(str(record["html"]), fields["id"], fields))
            except InputError as error:
                raise InputError(f"item {number}: {error}") from None
            continue
        articles.append(make_article(fields, without_markup(str(text or "")), fields["id"]))
    return articles
