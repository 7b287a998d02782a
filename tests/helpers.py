"""Assertions the tests share: the one shape of an HTTP error, and how a CLI run ended."""

from __future__ import annotations

import traceback


def assert_error(response, status: int | None = None, code: str | None = None) -> dict:
    """`response` is an error in the service's one shape (qa/errors.py, qa/app.py): JSON
    `{"error": {"code": ..., "message": ...}}`, exactly those keys, a stable code and a message a person can act on.
    `status` and `code` are checked when given; without `status` any 4xx will do, never a 5xx. Returns the error."""
    text = response.get_data(as_text=True)[:300]
    if status is None:
        assert 400 <= response.status_code < 500, (response.status_code, text)
    else:
        assert response.status_code == status, (response.status_code, text)
    assert response.is_json, text
    body = response.get_json()
    assert isinstance(body, dict) and set(body) == {"error"}, text
    error = body["error"]
    assert isinstance(error, dict) and set(error) == {"code", "message"}, text
    assert isinstance(error["code"], str) and error["code"], text
    assert isinstance(error["message"], str) and error["message"].strip(), text
    if code is not None:
        assert error["code"] == code, text
    return error


def assert_clean(response) -> None:
    """Whatever was sent: never a 5xx, and a 4xx is an error in the one shape."""
    assert response.status_code < 500, response.get_data(as_text=True)[:300]
    if response.status_code >= 400:
        assert_error(response)


def assert_exited(result, *codes: int) -> None:
    """A CLI run (click's CliRunner) ended by exiting with one of `codes` (0 when none are given), not by an
    exception escaping the command: CliRunner catches that, keeps its traceback out of `result.output` and
    reports exit code 1 for it, so neither the output nor the exit code alone tells the two apart."""
    codes = codes or (0,)
    escaped = "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else ""
    if result.exit_code == 0:
        assert result.exception is None, escaped
    else:
        assert isinstance(result.exception, SystemExit), escaped
    assert result.exit_code in codes, (result.exit_code, result.output)


def assert_cli_error(result, code: int = 1) -> str:
    """A CLI run that failed cleanly: exited with `code` (no exception escaped) after printing one line,
    `Error: <message>`. Returns the message."""
    assert_exited(result, code)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0].removeprefix("Error: ")
