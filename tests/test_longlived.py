"""What a build loads is kept away from the cyclic garbage collector, and the collector's state
is given back."""

from __future__ import annotations

import gc

import pytest

from generator.longlived import long_lived


@pytest.fixture(autouse=True)
def _restore_collector():
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()


def test_objects_made_inside_are_frozen_and_collection_resumes():
    gc.enable()
    gc.unfreeze()
    with long_lived():
        assert not gc.isenabled()
        made = [{"n": n} for n in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(made)


def test_a_collector_switched_off_by_the_caller_stays_off():
    gc.disable()
    with long_lived():
        pass
    assert not gc.isenabled()


def test_an_error_inside_still_gives_the_collector_back():
    gc.enable()
    with pytest.raises(ValueError), long_lived():
        raise ValueError("坏数据")
    assert gc.isenabled()
