"""split_map: the same list as a plain loop, with the tail made in a forked child."""

from __future__ import annotations

import os
import threading

import pytest

from generator.parallel import split_map

NUMBERS = list(range(1000))


@pytest.fixture
def single_threaded(monkeypatch):
    """Other tests in the session leave server threads running; split_map would not fork."""
    monkeypatch.setattr("generator.parallel.threading.active_count", lambda: 1)


def test_same_results_in_the_same_order_with_the_tail_in_a_child(single_threaded):
    parent = os.getpid()
    table = {n: n * n for n in NUMBERS}  # closure data the child sees through fork
    results = split_map(lambda n: (table[n], os.getpid()), NUMBERS, min_items=0)
    assert [value for value, _ in results] == [n * n for n in NUMBERS]
    pids = [pid for _, pid in results]
    assert pids[:500] == [parent] * 500
    assert set(pids[500:]) != {parent}


def test_child_share_sets_where_the_tail_starts(single_threaded):
    parent = os.getpid()
    pids = split_map(lambda n: os.getpid(), NUMBERS, child_share=0.25, min_items=0)
    assert pids.count(parent) == 750


def test_short_lists_and_running_threads_stay_in_this_process():
    parent = os.getpid()
    assert set(split_map(lambda n: os.getpid(), NUMBERS, min_items=2000)) == {parent}
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert set(split_map(lambda n: os.getpid(), NUMBERS, min_items=0)) == {parent}
    finally:
        stop.set()
        worker.join()


def test_a_child_that_fails_is_replaced_by_this_process(single_threaded):
    parent = os.getpid()

    def only_here(n):
        if os.getpid() != parent:
            raise RuntimeError("child fails")
        return n + 1

    assert split_map(only_here, NUMBERS, min_items=0) == [n + 1 for n in NUMBERS]


def test_an_error_in_this_process_is_raised_and_the_child_stopped(single_threaded):
    def fails_early(n):
        if n == 3:
            raise ValueError("第3项出错")
        return "x" * 100_000  # the child's results would fill the pipe

    with pytest.raises(ValueError, match="第3项出错"):
        split_map(fails_early, NUMBERS, min_items=0)
