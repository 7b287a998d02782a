"""Who may write: adding and removing articles and reloading the index, behind a bearer key."""

from __future__ import annotations

import hmac
import unicodedata

from flask import Blueprint, current_app, jsonify, request

from .corpus import Article, article_from_html, iso_date, parse_article, parse_date
from .errors import BadRequest, Forbidden, NotFound, Unauthorized
from .indexer import add_article, remove_articles
from .text import clean

admin = Blueprint("admin", __name__)
MAX_PATH_CHARS = 300


@admin.before_request
def require_key():
    key = current_app.config["QA_SETTINGS"].api_key
    if not key:
        raise NotFound("writing is turned off on this server (no QA_API_KEY is set)")
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise Unauthorized("send Authorization: Bearer <key>")
    if not hmac.compare_digest(given.encode("utf-8", "replace"), key.encode("utf-8")):
        raise Forbidden("that key is not allowed to write")


@admin.post("/documents")
def add_document():
    served = current_app.extensions["qa"]
    article = _article(request.get_json(silent=True), served.settings.file_timeout)
    engine = served.ready()
    result = add_article(article, served.settings.index, served.settings, lambda: engine.embedder)
    served.reload()
    return jsonify({"path": article.path, "articles": result.articles, "chunks": result.chunks,
                    "embedded": result.embedded}), 201


@admin.delete("/documents/<path:path>")
def delete_document(path: str):
    served = current_app.extensions["qa"]
    result = remove_articles([path], served.settings.index, served.settings)
    served.reload()
    return jsonify({"path": path, "articles": result.articles, "chunks": result.chunks})


@admin.post("/admin/reload")
def reload():
    served = current_app.extensions["qa"]
    if not served.reload():
        raise served.error
    return jsonify(served.engine.health())


def _article(body: object, timeout: float) -> Article:
    """The article a request sends: its text with a title, or a saved web page (`html`) to extract it from."""
    if not isinstance(body, dict):
        raise BadRequest('send a JSON object {"path", "title", "text" (or "html"), "url"?, "outlet"?, "published"?}')
    content = "html" if "html" in body and "text" not in body else "text"
    for field in ("path", content) if content == "html" else ("path", "title", "text"):
        if not isinstance(body.get(field), str) or not body[field].strip():
            raise BadRequest(f'"{field}" must be a non-empty string')
    for field in ("title", "url", "outlet", "published") if content == "html" else ("url", "outlet", "published"):
        if body.get(field) is not None and not isinstance(body[field], str):
            raise BadRequest(f'"{field}" must be a string when given')
    body = {field: clean(value) if isinstance(value, str) else value for field, value in body.items()}
    path = body["path"].strip()
    if len(path) > MAX_PATH_CHARS or any(unicodedata.category(ch) == "Cc" for ch in path):
        raise BadRequest(f'"path" must have no control characters and at most {MAX_PATH_CHARS} characters')
    if body.get("published") and parse_date(iso_date(body["published"].strip())) is None:
        raise BadRequest('"published" must be a date like 2013-02-22 or "22 February 2013"')
    meta = {field: body.get(field) for field in ("title", "url", "outlet", "published")}
    if content == "html":
        article = article_from_html(body["html"], path, {k: v for k, v in meta.items() if v}, timeout)
        if article is None:
            raise BadRequest('"html" holds no article (or it could not be extracted in time)')
        return article
    article = parse_article(body["text"], path, meta)
    if article is None:
        raise BadRequest('"text" has no words')
    return article
