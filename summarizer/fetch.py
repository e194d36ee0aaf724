"""Fetching the URLs a user gives: politely, a few at a time, never stopping the run.

Only URLs the user names are fetched, and the links of feed entries when the user asks
(`ingest.follow_links`). Each request says who we are (`USER_AGENT`), gives
up after `timeout` seconds, and reads at most `MAX_BYTES`. A URL that fails is reported
as a warning and skipped; the others go on.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email.message import Message

from . import __version__
from .model import Progress

log = logging.getLogger(__name__)

USER_AGENT = f"summarizer/{__version__} (news briefing tool; Python urllib)"
TIMEOUT = 15.0  # seconds per request
PARALLEL = 4  # requests at once: enough to hide latency, few enough to be polite
MAX_BYTES = 32 * 2**20  # a news page or feed is far smaller; more is not an article


@dataclass(frozen=True, slots=True)
class Page:
    """What a URL answered."""

    url: str
    data: bytes
    content_type: str  # media type only, lower-cased, e.g. "text/html"
    status: int = 200  # 304: not modified since the validators sent (`data` is then empty)
    etag: str = ""  # the ETag and Last-Modified it answered with, to send next time
    last_modified: str = ""


def is_url(given: str) -> bool:
    return given.lower().startswith(("http://", "https://"))


def fetch(
    urls: Sequence[str],
    *,
    timeout: float = TIMEOUT,
    progress: Progress[Page | None] | None = None,
    failed: str = "skipped",
    headers: Mapping[str, Mapping[str, str]] | None = None,
) -> list[Page | None]:
    """The pages, in the order of `urls`; None for each that failed, with a warning that
    ends by saying what happens instead (`failed`). `progress` sees them as they arrive.

    `headers` adds request headers per URL (`If-None-Match`, `If-Modified-Since`); a URL
    that answers 304 Not Modified to them gives a `Page` with status 304 and no data."""
    if not urls:
        return []
    extra = headers or {}
    with ThreadPoolExecutor(max_workers=min(PARALLEL, len(urls))) as pool:
        pages = pool.map(lambda url: _get(url, timeout, failed, extra.get(url, {})), urls)
        return list(progress(pages, len(urls)) if progress else pages)


def _get(url: str, timeout: float, failed: str, extra: Mapping[str, str]) -> Page | None:
    sent = {"User-Agent": USER_AGENT, "Accept": "*/*", **extra}
    request = urllib.request.Request(url, headers=sent)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_BYTES + 1)
            content_type = response.headers.get_content_type()
            validators = _validators(response.headers)
            status = int(response.status)
    except urllib.error.HTTPError as error:
        if error.code == 304 and extra:
            return Page(url, b"", "", 304, *_validators(error.headers))
        why = f"HTTP {error.code} {error.reason}"
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            why = f"no answer within {timeout:g} s"
        else:
            why = str(getattr(reason, "strerror", None) or reason)
    except TimeoutError:
        why = f"no answer within {timeout:g} s"
    except (OSError, ValueError) as error:  # a dropped connection, a malformed URL
        why = str(error) or type(error).__name__
    else:
        if len(data) <= MAX_BYTES:
            return Page(url, data, content_type, status, *validators)
        why = f"larger than {MAX_BYTES // 2**20} MB"
    log.warning("could not fetch %s: %s (%s)", url, why, failed)
    return None


def _validators(headers: Message | None) -> tuple[str, str]:
    """The ETag and Last-Modified a response gives ("" for each it does not)."""
    if headers is None:
        return "", ""
    return headers.get("ETag") or "", headers.get("Last-Modified") or ""
