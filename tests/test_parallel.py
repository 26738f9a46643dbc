"""parallel: split_map gives the same list as a plain loop, with the tail made in a forked child.

The forked path runs in a fresh process (tests/support/fresh.py): this session's server
threads would, rightly, keep the fork helper from forking here.
"""

from __future__ import annotations

import os
import threading

import pytest

from generator.parallel import CHUNK, split_map, start_child
from tests.support.fresh import in_fresh_process

NUMBERS = list(range(1000))


def _squares_and_pids() -> tuple[int, list[tuple[int, int]]]:
    table = {n: n * n for n in NUMBERS}  # closure data the child sees through fork
    return os.getpid(), split_map(lambda n: (table[n], os.getpid()), NUMBERS, min_items=0)


def _pids_with_a_quarter_in_the_child() -> tuple[int, list[int]]:
    return os.getpid(), split_map(lambda n: os.getpid(), NUMBERS, child_share=0.25, min_items=0)


def _with_a_failing_child() -> list[int]:
    parent = os.getpid()

    def only_here(n):
        if os.getpid() != parent:
            raise RuntimeError("child fails")
        return n + 1

    return split_map(only_here, NUMBERS, min_items=0)


def _with_a_child_failing_after_some_parts() -> tuple[int, list[int]]:
    parent = os.getpid()
    late = NUMBERS[-1] - CHUNK // 2  # after the child has sent its first parts

    def fails_late(n):
        if os.getpid() != parent and n == late:
            raise RuntimeError("child fails late")
        return os.getpid()

    return parent, split_map(fails_late, NUMBERS, min_items=0)


def _waits_for(release, connection) -> None:
    release.recv()  # until the parent says so: it is alive while the parent maps
    connection.close()


def _pids_beside_a_running_child() -> tuple[int, set[int], set[int]]:
    import multiprocessing

    release, tell = multiprocessing.get_context("fork").Pipe(duplex=False)
    process, _ = start_child(_waits_for, release)
    assert process.is_alive()
    beside = set(split_map(lambda n: os.getpid(), NUMBERS, min_items=0))
    tell.send("go")
    process.join(timeout=30)
    after = set(split_map(lambda n: os.getpid(), NUMBERS, min_items=0))
    return os.getpid(), beside, after


def _pids_when_the_other_child_ends_midway() -> tuple[int, list[int]]:
    import multiprocessing

    release, tell = multiprocessing.get_context("fork").Pipe(duplex=False)
    process, _ = start_child(_waits_for, release)

    def mapped(n):
        if n == 100 and os.getpid() == parent:  # the other child ends here
            tell.send("go")
            process.join(timeout=30)
            assert not process.is_alive()
        return os.getpid()

    parent = os.getpid()
    return parent, split_map(mapped, NUMBERS, min_items=0)


def _failing_here() -> list[str]:
    def fails_early(n):
        if n == 3:
            raise ValueError("第3项出错")
        return "x" * 100_000  # the child's results would fill the pipe

    return split_map(fails_early, NUMBERS, min_items=0)


def test_same_results_in_the_same_order_with_the_tail_in_a_child():
    parent, results = in_fresh_process(_squares_and_pids)
    assert [value for value, _ in results] == [n * n for n in NUMBERS]
    pids = [pid for _, pid in results]
    assert pids[:500] == [parent] * 500
    assert set(pids[500:]) != {parent}


def test_child_share_sets_where_the_tail_starts():
    parent, pids = in_fresh_process(_pids_with_a_quarter_in_the_child)
    assert pids.count(parent) == 750


def test_short_lists_and_running_threads_stay_in_this_process():
    parent = os.getpid()
    assert set(split_map(lambda n: os.getpid(), NUMBERS, min_items=2000)) == {parent}
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert set(split_map(lambda n: os.getpid(), NUMBERS, min_items=0)) == {parent}
        assert start_child(print) is None
    finally:
        stop.set()
        worker.join()


def test_a_child_that_fails_is_replaced_by_this_process():
    assert in_fresh_process(_with_a_failing_child) == [n + 1 for n in NUMBERS]


def test_parts_already_sent_by_a_child_that_fails_are_not_kept():
    assert len(NUMBERS) // 2 > 2 * CHUNK  # the child sends several parts
    parent, pids = in_fresh_process(_with_a_child_failing_after_some_parts)
    assert pids == [parent] * len(NUMBERS)


def test_an_error_in_this_process_is_raised_and_the_child_stopped():
    with pytest.raises(ValueError, match="第3项出错"):
        in_fresh_process(_failing_here)


def test_one_child_at_a_time_so_the_tree_holds_at_most_two_copies_of_the_content():
    parent, beside, after = in_fresh_process(_pids_beside_a_running_child)
    assert beside == {parent}  # another child running: all mapped here
    assert parent in after and len(after) == 2  # that child gone: the tail forks again


def test_the_tail_forks_once_the_other_child_has_ended():
    parent, pids = in_fresh_process(_pids_when_the_other_child_ends_midway)
    # Items 0-100 here while the other child ran; of the 899 left, the first 450 here too.
    assert pids[:551] == [parent] * 551
    assert parent not in pids[551:] and len(set(pids[551:])) == 1
