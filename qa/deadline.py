"""Time budgets: long work calls `check()` between its steps and gives up once its budget is spent.

A budget is held in a context variable, so the steps deep inside (candidate sentences, the lines of an
article) need no parameter for it, and each thread or request has its own.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .errors import OutOfTime

_budget: ContextVar[tuple[float, str]] = ContextVar("budget", default=(math.inf, ""))


@contextmanager
def time_budget(seconds: float, message: str) -> Iterator[None]:
    """Within the block, `check()` raises OutOfTime(message) after `seconds` (0 or less: no limit)."""
    ends_at = time.monotonic() + seconds if seconds > 0 else math.inf
    token = _budget.set(min(_budget.get(), (ends_at, message)))  # an enclosing budget that ends sooner wins
    try:
        yield
    finally:
        _budget.reset(token)


def check() -> None:
    ends_at, message = _budget.get()
    if time.monotonic() > ends_at:
        raise OutOfTime(message)
