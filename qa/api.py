"""HTTP endpoints: /ask, /health, /sources, /suggestions, /openapi.json."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from .errors import BadRequest, UnsupportedMediaType
from .filters import FIELDS as FILTER_FIELDS
from .openapi import spec
from .suggestions import suggestions

api = Blueprint("api", __name__)


def _engine():
    return current_app.extensions["qa"].ready()


@api.get("/health")
def health():
    served = current_app.extensions["qa"]
    engine = served.current()
    if engine is None:
        reason = served.error.message if served.error else "no index is loaded"
        return jsonify({"status": "unavailable", "reason": reason}), 503
    body = engine.health()
    if served.error:  # a newer index on disk could not be loaded; the previous one still answers
        body["warning"] = served.error.message
    return jsonify(body)


@api.route("/ask", methods=["GET", "POST"])
def ask():
    if request.method == "GET":
        question, top_k, history = request.args.get("q"), _int_arg(request.args.get("top_k")), None
        filters = {name: request.args[name] for name in FILTER_FIELDS if name in request.args} or None
        as_of = request.args.get("as_of")
    else:
        body = _json_object()
        question, top_k, history, filters, as_of = (
            body.get(k) for k in ("question", "top_k", "history", "filters", "as_of"))
    if question is None:
        raise BadRequest('question is missing: send ?q=... or a JSON body with "question"')
    return jsonify(_engine().ask(question, top_k, history, filters, as_of))


@api.get("/sources")
def sources():
    return jsonify({"sources": _engine().sources()})


@api.get("/sources/<path:path>")
def source(path: str):
    return jsonify(_engine().source(path))


@api.get("/suggestions")
def suggested():
    return jsonify({"suggestions": [{"question": question} for question in suggestions(_engine())]})


@api.get("/openapi.json")
def openapi():
    return jsonify(spec())


def _json_object() -> dict:
    if not request.get_data(cache=True):
        raise BadRequest('the request has no body: send JSON like {"question": "..."}')
    if not request.is_json:
        raise UnsupportedMediaType("send the body as JSON with Content-Type: application/json")
    try:
        body = request.get_json()
    except RecursionError:
        raise BadRequest("the body is nested too deeply to be a question") from None
    except HTTPException:
        raise BadRequest("the body is not valid JSON") from None
    if not isinstance(body, dict):  # null, a list, a string or a number
        raise BadRequest('the body must be a JSON object like {"question": "..."}')
    return body


def _int_arg(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise BadRequest("top_k must be a whole number from 1 to 20") from None
