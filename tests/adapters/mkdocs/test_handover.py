"""handover: content handed to the build is taken once and let go of once the pages are compiled.

That `qinqing build` (which hands the content over) writes the same bytes as a plain
`mkdocs build` (where the plugin loads it) is test_build.py's byte-identity test.
"""

from __future__ import annotations

import datetime as dt
import weakref
from pathlib import Path

import pytest

from generator.adapters.mkdocs.handover import Handover
from tests.support.content_fixture import TODAY
from tests.support.fresh import in_fresh_process


def test_a_handover_is_taken_once_and_keeps_nothing():
    value = {"items": [1, 2, 3]}
    box = Handover(value)
    seen = weakref.ref(box)
    assert box.take() is value
    with pytest.raises(RuntimeError):
        box.take()
    assert seen() is box and vars(box) == {"_value": None}


def _content_alive_while_rendering(
    content_dir: str, config: str, site: str, hand_over: bool
) -> tuple[bool, bool]:
    """Build in this (fresh) process; whether the loaded content was still alive when
    MkDocs rendered its pages (on_env) and whether the feeds child ran beside the build."""
    from generator.adapters.mkdocs.plugin import QinqingPlugin
    from generator.adapters.mkdocs.run import run_mkdocs
    from generator.content.check import check_content

    day = dt.date.fromisoformat(TODAY)
    result = check_content(Path(content_dir), day, with_git=True)
    assert result.index is not None and not result.errors
    alive = weakref.ref(result.index)
    seen: list[tuple[bool, bool]] = []
    on_env = QinqingPlugin.on_env

    def observed(plugin, env, /, *, config, files):  # observes, then MkDocs' own event
        seen.append((alive() is not None, plugin.background.parallel))
        return on_env(plugin, env, config=config, files=files)

    QinqingPlugin.on_env = observed
    content = Handover(result.index) if hand_over else result.index
    del result
    run_mkdocs(Path(config), Path(site), content, day)
    return seen[0]


def test_the_build_process_does_not_hold_handed_over_content_while_mkdocs_renders(
    fixture_tree, tmp_path
):
    content, config = fixture_tree
    alive, parallel = in_fresh_process(
        _content_alive_while_rendering, str(content), str(config), str(tmp_path / "site"), True
    )
    assert parallel  # the feeds child has its own copy, forked before compiling
    assert not alive
    # Given plainly (tests, other callers), the plugin keeps it, as before.
    kept, _ = in_fresh_process(
        _content_alive_while_rendering, str(content), str(config), str(tmp_path / "again"), False
    )
    assert kept
