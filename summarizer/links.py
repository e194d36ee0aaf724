"""Links compared as the articles they lead to: one article reached through several links
(tracking parameters, a fragment, an upper-case host) counts once."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that say how a reader came, not which page: analytics campaigns
# (utm_*, AT Internet's at_*, Matomo's mtm_* and pk_*, Mailchimp's mc_*), click
# identifiers (fbclid, gclid ...), and what news sites append to their feeds' links
# (smid, traffic_source, cmpid, ncid, ocid ...).
_TRACKING = re.compile(
    r"(?:utm|at|mtm|pk|mc|itm|ga|_ga|_gl|hsa|oly_enc|oly_anon|vero)_\w*"
    r"|(?:fb|g|dc|ms|tw|yc|wbra|gbra|igsh|ttc|li_fat_)clid|igshid|_hsenc|_hsmi|mkt_tok"
    r"|smid|smtyp|traffic_source|cmpid|ncid|ocid|icid|ito|emc|cmp|xtor|wt\.mc_id|sr_share"
    r"|ref_src|ref_url|s_cid",
    re.IGNORECASE,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """`url` without tracking parameters and fragment, with its scheme and host in lower
    case, no default port and the remaining parameters sorted; the same input gives the
    same output. A string that is not an http(s) URL comes back stripped of spaces only.

    `canonical_url("https://Example.com/a?utm_source=rss&id=3#top")` is
    `"https://example.com/a?id=3"`.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # a malformed port or IPv6 address
        return url
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.hostname.lower()
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    kept = sorted(
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _TRACKING.fullmatch(key)
    )
    return urlunsplit((scheme, host, parts.path or "/", urlencode(kept), ""))
