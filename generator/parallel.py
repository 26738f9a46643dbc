"""Work on the second core in a forked child (the one fork helper of the build), and nothing more.

A build is pure Python: one core. `start_child` forks a child (it sees the caller's data
without pickling it) that answers through a pipe, or says no child can be made here: no
`fork`, or other threads running (a fork would copy a lock another thread holds, as in
mkdocs serve), or one of its children still running. `split_map` maps the tail of a list in such a child while this process maps
the head; the results come back in list order, so the output is the same as a plain loop's.
Anything unusual (no child, the child failing) falls back to mapping the tail here.

At most one child at a time: each child holds its own copy of the loaded content (refcounts
and the pages it makes soon unshare what the fork shared). At 50,000 items the build, the
feeds child and the compile child were three processes of about 900 MB each while the pages
compiled (issue 19's 2.5 GB budget). While the feeds child runs, `split_map` maps here,
on the core the feeds child leaves it, and forks its child for what is left once the feeds
child has ended.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 400  # below this, pickling and forking cost more than the second core gives
# The child's results go back this many at a time, taken by the parent between its own
# items: neither process ever holds all of them pickled (at 50,000 items, half the compiled
# pages were one message of several hundred MB, in both processes at once).
CHUNK = 200


def fork_allowed() -> bool:
    """Whether a child may be forked now: `fork` exists and no other thread runs."""
    return hasattr(os, "fork") and threading.active_count() == 1


def child_running() -> bool:
    """Whether a child forked here is still running (`start_child` then forks no other)."""
    return bool(multiprocessing.active_children())


def start_child(target: Callable[..., None], *args: Any) -> tuple[Any, Any] | None:
    """Fork a child running `target(*args, connection)`; (process, receiving end), or None
    when no child can be made here or another is still running (the caller then does the
    work itself)."""
    if not fork_allowed() or child_running():
        return None
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=target, args=(*args, send), daemon=True)
    try:
        process.start()
    except OSError:
        receive.close()
        send.close()
        return None
    send.close()
    return process, receive


def _child(func, items, connection) -> None:
    try:
        for start in range(0, len(items), CHUNK):
            connection.send(("part", [func(item) for item in items[start : start + CHUNK]]))
        connection.send(("done", None))
    except BaseException:  # noqa: BLE001 - the parent redoes the work and raises itself
        connection.send(("error", None))
    finally:
        connection.close()


class _Tail:
    """The child's results as they arrive (`take` one message); `status` once it ends."""

    def __init__(self, receive) -> None:
        self.receive = receive
        self.results: list = []
        self.status: str | None = None  # "done" or "error"

    def take(self) -> None:
        try:
            kind, part = self.receive.recv()
        except EOFError:
            kind, part = "error", None
        if kind == "part":
            self.results += part
        else:
            self.status = kind

    def take_ready(self) -> None:
        """What has arrived, without waiting."""
        while self.status is None and self.receive.poll():
            self.take()


def split_map(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    child_share: float = 0.5,
    min_items: int = MIN_ITEMS,
) -> list[R]:
    """`[func(x) for x in items]`, with the last `child_share` of `items` mapped in a child
    (of the items left once one may be forked: while another child runs, they are mapped
    here one by one until it has ended)."""
    items = list(items)
    done: list[R] = []
    while len(items) - len(done) >= max(min_items, 1) and fork_allowed() and child_running():
        done.append(func(items[len(done)]))
    start = len(done)
    cut = len(items) - int((len(items) - start) * child_share)
    child = start_child(_child, func, items[cut:]) if len(items) - start >= min_items else None
    if child is None:
        return done + [func(item) for item in items[start:]]
    return done + _beside(func, items[start:cut], items[cut:], child)


def _beside(func: Callable[[T], R], head_items: list[T], tail_items: list[T], child) -> list[R]:
    """`head_items` mapped here while `child` maps `tail_items` (redone here if it fails)."""
    process, receive = child
    tail = _Tail(receive)
    head = []
    try:
        for item in head_items:
            head.append(func(item))
            tail.take_ready()
        while tail.status is None:
            tail.take()
    except BaseException:
        process.terminate()  # it may be blocked sending results nobody will read
        process.join()
        receive.close()
        raise
    receive.close()
    process.join()
    if tail.status != "done":
        return head + [func(item) for item in tail_items]
    return head + tail.results
