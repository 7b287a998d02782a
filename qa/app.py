"""The Flask application factory: loads the index once, answers JSON, errors as JSON."""

from __future__ import annotations

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

from .config import Settings
from .errors import QAError


def create_app(settings: Settings | None = None, engine=None) -> Flask:
    """An app serving `settings.index`; pass `engine` to reuse one that is already loaded."""
    from . import security
    from .admin import admin
    from .api import api
    from .serving import Served
    from .web import web

    settings = settings or Settings.from_env()
    app = Flask(__name__, static_folder=None)  # the page serves its own assets (qa/web)
    app.json.sort_keys = False
    app.url_map.merge_slashes = False  # an article path is matched as sent, never redirected
    app.config["QA_SETTINGS"] = settings
    served = Served(settings, engine=engine)  # never raises: without an index it says why on /health
    if served.error:
        app.logger.error("index not loaded: %s", served.error.message)
    app.extensions["qa"] = served
    app.register_blueprint(api)
    app.register_blueprint(admin)
    app.register_blueprint(web)
    security.init_app(app, settings)

    @app.errorhandler(QAError)
    def qa_error(exc: QAError):
        return jsonify(exc.to_json()), exc.status

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        code = (exc.name or "error").lower().replace(" ", "_")
        response = jsonify({"error": {"code": code, "message": _message(exc, settings)}})
        for name, value in exc.get_headers():  # Allow on 405, Retry-After on 429, ...
            if name.lower() != "content-type":
                response.headers[name] = value
        return response, exc.code

    return app


def _message(exc: HTTPException, settings: Settings) -> str:
    """The service's own words for errors Flask raises before a view runs, saying what to do instead."""
    path = request.path if len(request.path) <= 200 else request.path[:200] + "…"
    if exc.code == 404:
        return f"there is nothing at {path}; the chat page is at / and the API is described at /openapi.json"
    if exc.code == 405:
        allowed = ", ".join(sorted(set(getattr(exc, "valid_methods", None) or []) - {"HEAD", "OPTIONS"}))
        return f"{request.method} is not allowed on {path}; use {allowed}"
    if exc.code == 413:
        return (f"the body is larger than {settings.max_body_bytes:,} bytes, the limit of this server "
                "(QA_MAX_BODY_BYTES)")
    if exc.code == 429:
        return f"too many requests from this address (at most {exc.description}); try again after Retry-After seconds"
    if exc.code == 400:
        return "the request could not be read; /openapi.json describes what each endpoint takes"
    if exc.code and exc.code >= 500:
        return "the server failed to answer this request; the failure is in its log"
    return f"the request could not be served ({exc.code} {exc.name}); /openapi.json describes the API"
