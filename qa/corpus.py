"""Reads a folder of articles into Article records; a bad file is skipped with a warning, never a crash."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime
from functools import cached_property
from pathlib import Path

from dateutil import parser as dates

from .deadline import time_budget
from .errors import OutOfTime
from .pages import HTML_SUFFIXES, extract_page
from .patterns import compile

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".jsonl", *HTML_SUFFIXES)
MIN_ARTICLE_WORDS = 8  # a page whose longest line is shorter holds links and labels, not an article
MAX_DATE_CHARS = 64  # a longer "published" is no date as pages and feeds write one
# Two days that share no part: a date read the same with either as the default names its day, month and year.
_DEFAULT_DAYS = (datetime(2000, 1, 1), datetime(2001, 2, 2))
META_FIELDS = ("outlet", "published", "url")
_FRONT_MATTER = compile(r"(?s)\A---[ \t]*\n(.*?)\n---[ \t]*\n")


@dataclass(frozen=True)
class Article:
    path: str  # relative to the folder that was indexed; unique within an index
    title: str
    text: str  # the body, without the title line; chunk and sentence spans point into it
    outlet: str | None = None
    published: str | None = None
    url: str | None = None

    @cached_property  # asked for by the up-to-date check, the index files and the database writer alike
    def content_hash(self) -> str:
        """Changes whenever anything a reader could see changes."""
        data = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]

    def meta(self) -> dict[str, str | None]:
        return {name: getattr(self, name) for name in META_FIELDS}


def load_articles(paths: Iterable[str | Path], timeout: float = 0) -> list[Article]:
    """Every article under the given files and folders, in a stable order, paths unique.

    A web page (or a JSON line carrying `html`) whose article is not extracted within `timeout` seconds
    is skipped with a warning (0: no limit)."""
    articles: dict[str, Article] = {}
    for root in map(Path, paths):
        if not root.exists():
            raise FileNotFoundError(f"{root}: no such file or folder")
        for file in _article_files(root):
            relative = file.name if root.is_file() else file.relative_to(root).as_posix()
            for article in _read_file(file, relative, timeout):
                if article.path in articles:
                    log.warning("%s: skipped, an article with this path was already read", article.path)
                    continue
                articles[article.path] = article
    return [articles[key] for key in sorted(articles)]


def _article_files(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
        return
    for file in sorted(root.rglob("*")):
        hidden = any(part.startswith(".") for part in file.relative_to(root).parts)
        if file.is_file() and file.suffix.lower() in SUFFIXES and not hidden:
            yield file


def _read_file(file: Path, relative: str, timeout: float = 0) -> list[Article]:
    try:
        raw = file.read_bytes()
    except OSError as exc:
        log.warning("%s: skipped, cannot be read (%s)", relative, exc.strerror or exc)
        return []
    if b"\x00" in raw:
        log.warning("%s: skipped, looks like a binary file", relative)
        return []
    if file.suffix.lower() in HTML_SUFFIXES:
        article = article_from_html(raw, relative, timeout=timeout)
        return [article] if article else []
    text = decode(raw, relative)
    if file.suffix.lower() == ".jsonl":
        return list(_parse_jsonl(text, relative, timeout))
    article = parse_article(text, relative)
    if article is None:
        log.warning("%s: skipped, no text", relative)
        return []
    return [article]


def decode(raw: bytes, name: str) -> str:
    """UTF-8 when it is; otherwise Windows-1252, the usual encoding of older news archives."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        log.warning("%s: not UTF-8, read as Windows-1252", name)
        return raw.decode("cp1252", errors="replace")


def parse_article(text: str, path: str, meta: dict | None = None) -> Article | None:
    """Title on the first non-empty line (a leading '#' dropped), optional front matter before it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta = dict(meta or {})
    match = _FRONT_MATTER.match(text)
    if match:
        meta.update(_parse_front_matter(match.group(1)))
        text = text[match.end() :]
    title = meta.pop("title", None)
    if title:
        body = text.strip()
    else:
        first, _, rest = text.strip().partition("\n")
        title, body = first.lstrip("#").strip(), rest.strip()
        headline, _, after = body.partition("\n")
        if _is_kicker(title, headline.strip()):
            title, body = headline.strip(), after.strip()
    if not title and not body:
        return None
    return Article(path=path, title=title, text=body or title, **_clean_meta(meta))


def _is_kicker(first: str, second: str) -> bool:
    """A one- or two-word section label ("Middle East") above the real headline."""
    return len(first.split()) <= 2 and 3 <= len(second.split()) <= 20 and not second.endswith(".")


def _parse_front_matter(block: str) -> dict[str, str]:
    """`key: value` lines: enough for title, outlet, published and url without a YAML dependency."""
    meta = {}
    for line in block.split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = value.strip().strip("'\"")
    return meta


def article_from_html(html: str | bytes, path: str, meta: dict | None = None, timeout: float = 0) -> Article | None:
    """The article in a saved web page, or None (with a warning naming `path`) when the page holds none
    or its extraction runs past `timeout` seconds. Metadata given in `meta` wins over the page's own."""
    try:
        with time_budget(timeout, f"{path}: skipped, its article was not extracted within {timeout:g} s "
                         "(QA_FILE_TIMEOUT)"):
            found = extract_page(html, path)
    except OutOfTime as exc:
        log.warning("%s", exc.message)
        return None
    if found is None or max((len(line.split()) for line in found["text"].split("\n")), default=0) < MIN_ARTICLE_WORDS:
        log.warning("%s: skipped, no article found in the page", path)
        return None
    given = {name: value for name, value in (meta or {}).items() if isinstance(value, str) and value.strip()}
    title = given.pop("title", None) or found["title"]
    text = found["text"]
    first, _, rest = text.partition("\n")
    if title and " ".join(first.split()) == " ".join(title.split()) and rest.strip():
        text = rest  # the headline opens the extracted text too
    merged = {name: found[name] for name in META_FIELDS} | {k: v for k, v in given.items() if k in META_FIELDS}
    if title:
        merged["title"] = title
    return parse_article(text, path, merged)


def _parse_jsonl(text: str, relative: str, timeout: float = 0) -> Iterator[Article]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{relative}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            log.warning("%s: skipped, not JSON (%s)", where, exc.msg)
            continue
        has_html = isinstance(record, dict) and isinstance(record.get("html"), str) and record["html"].strip()
        if not has_html and (not isinstance(record, dict) or not isinstance(record.get("text"), str)
                             or not record["text"].strip()):
            log.warning("%s: skipped, needs an object with a non-empty \"text\" or \"html\"", where)
            continue
        path = str(record.get("path") or record.get("id") or f"{relative}#{number}")
        if has_html and not (isinstance(record.get("text"), str) and record["text"].strip()):
            article = article_from_html(record["html"], path, {k: record.get(k) for k in ("title", *META_FIELDS)},
                                        timeout)
            if article is not None:
                yield article
            continue
        title = str(record.get("title") or record["text"].strip().split("\n", 1)[0][:120])
        yield Article(path=path, title=title.strip(), text=record["text"].strip(), **_clean_meta(record))


def _clean_meta(meta: dict) -> dict[str, str | None]:
    cleaned = {name: (str(meta[name]).strip() or None) if meta.get(name) is not None else None
               for name in META_FIELDS}
    return cleaned | {"published": iso_date(cleaned["published"])}


def iso_date(written: str | None) -> str | None:
    """A publication date as pages and feeds write it ("June 16, 2022", "Thu, 16 Jun 2022 10:00:00 GMT",
    "2022/06/16") as an ISO 8601 day, read by dateutil, so that every date compares and sorts alike. An
    ISO date is kept as it is, and so is one that does not name its day, month and year or cannot be read."""
    if not written or parse_date(written) is not None or len(written) > MAX_DATE_CHARS:
        return written
    try:
        read = {dates.parse(written, default=default, ignoretz=True).date() for default in _DEFAULT_DAYS}
    except (ValueError, OverflowError):
        return written
    return read.pop().isoformat() if len(read) == 1 else written


def parse_date(value: str | None) -> date | None:
    """The date of an ISO 8601 date or date-time ("2013-02-22", "2013-02-22T10:00:00Z"), else None."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
