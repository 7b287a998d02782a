"""Saved web pages into articles: the article's text, title, date, outlet and address, without the page
around it (menus, ads, cookie banners, related links), by trafilatura.

trafilatura is made for exactly this: it finds the main text of news pages by the page's structure and
reads the metadata a page declares (JSON-LD, Open Graph, <meta> and <time> tags, the canonical link).
"""

from __future__ import annotations

import codecs
import logging
import re

from .deadline import check

log = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm")
# A charset declared in the first bytes: <meta charset="..."> or <meta http-equiv ... content="...; charset=...">.
# One literal then one token: linear, on Python's engine.
_CHARSET = re.compile(rb"""charset\s{0,8}=\s{0,8}["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_SNIFF = 4096
_LATIN = {"cp1250", "cp1252", "cp1254", "cp1257", "iso8859-1", "iso8859-2", "iso8859-4", "iso8859-9",
          "iso8859-13", "iso8859-15", "latin-1", "mac-roman", "mac-latin2"}


def decode_page(raw: bytes) -> str:
    """A page's text: a byte-order mark wins, then the charset the page declares, then UTF-8, then the
    encoding detected from the bytes, where a guess among the Latin single-byte encodings (which short
    texts cannot tell apart) is read as Windows-1252, what browsers assume."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    declared = _CHARSET.search(raw[:_SNIFF])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
            name = "cp1252"  # what browsers do: the C1 range holds curly quotes and dashes in such pages
        try:
            return raw.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from trafilatura.utils import detect_encoding

    for guess in detect_encoding(raw):
        name = codecs.lookup(guess).name if _known(guess) else ""
        if not name or name in _LATIN:
            break
        try:
            return raw.decode(name)
        except UnicodeDecodeError:
            continue
    return raw.decode("cp1252", errors="replace")


def _known(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


def extract_page(html: str | bytes, name: str) -> dict | None:
    """`{"title", "text", "published", "outlet", "url"}` of the article in a page, or None when the page
    holds no article (a front page, an error page, a page of links)."""
    import trafilatura  # imported on first use: plain-text archives never pay for it

    if isinstance(html, bytes):
        html = decode_page(html)
    check()
    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                           include_tables=True, favor_precision=True, deduplicate=False)
    check()
    if document is None:
        return None
    found = document if isinstance(document, dict) else document.as_dict()
    text = (found.get("text") or "").strip()
    if not text:
        return None
    log.debug("%s: article of %d characters", name, len(text))
    return {"title": (found.get("title") or "").strip() or None, "text": text,
            "published": found.get("date") or None, "outlet": found.get("sitename") or None,
            "url": found.get("url") or None}
