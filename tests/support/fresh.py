"""Runs a test scenario in a new interpreter, where no thread of this test session runs."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

R = TypeVar("R")
DEADLINE_SECONDS = 120


def in_fresh_process(scenario: Callable[..., R], *args: Any) -> R:
    """`scenario(*args)` in a spawned process; its result, or its exception raised here.

    The session's servers run in threads, and the fork helper rightly forks no child then;
    a spawned process has only its main thread, so the forked path really runs. `scenario`
    must be a module-level function; its arguments and result must pickle.
    """
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(scenario, *args).result(timeout=DEADLINE_SECONDS)
