"""Maps a function over a list on two cores (a forked child takes the tail), and nothing more.

A build is pure Python: one core. Where `fork` exists and the list is long enough to repay
pickling the results back, a child made with `fork` (it sees the caller's data without
pickling it) maps the tail while this process maps the head; the results come back in list
order, so the output is the same as a plain loop's. Anything unusual (no fork, threads
running, the child failing) falls back to mapping the tail here.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 400  # below this, pickling and forking cost more than the second core gives


def _child(func, items, connection) -> None:
    try:
        connection.send(("ok", [func(item) for item in items]))
    except BaseException:  # noqa: BLE001 - the parent redoes the work and raises itself
        connection.send(("error", None))
    finally:
        connection.close()


def split_map(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    child_share: float = 0.5,
    min_items: int = MIN_ITEMS,
) -> list[R]:
    """`[func(x) for x in items]`, with the last `child_share` of `items` mapped in a child."""
    items = list(items)
    cut = len(items) - int(len(items) * child_share)
    # A fork while other threads run (mkdocs serve) could copy a held lock into the child.
    if len(items) < min_items or not hasattr(os, "fork") or threading.active_count() > 1:
        return [func(item) for item in items]
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(func, items[cut:], send), daemon=True)
    try:
        process.start()
    except OSError:
        return [func(item) for item in items]
    send.close()
    try:
        head = [func(item) for item in items[:cut]]
    except BaseException:
        process.terminate()  # it may be blocked sending results nobody will read
        process.join()
        receive.close()
        raise
    try:
        status, tail = receive.recv()
    except EOFError:
        status, tail = "error", None
    finally:
        receive.close()
        process.join()
    if status != "ok":
        tail = [func(item) for item in items[cut:]]
    return head + tail
