"""What protects the service: body size limit, rate limit on /ask, security headers."""

from __future__ import annotations

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from .config import Settings

# The page loads its own script and style only; no inline script, no framing, no other origin.
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def init_app(app: Flask, settings: Settings) -> None:
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    if settings.rate_limit:
        limiter = Limiter(get_remote_address, app=app, storage_uri="memory://", headers_enabled=True,
                          default_limits=[])
        app.view_functions["api.ask"] = limiter.limit(settings.rate_limit)(app.view_functions["api.ask"])

    @app.after_request
    def secure(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response
