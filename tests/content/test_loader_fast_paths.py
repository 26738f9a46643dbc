"""The load's fast paths give what the slow ones give: YAML values, and items read on two cores."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import yaml
from conftest import TODAY, item_with

from generator.content.loader import load_content
from generator.content.yaml_schema import ContentLoader
from generator.content.yamldoc import _parse_with_positions, parse_yaml
from tests.support.fresh import in_fresh_process

# Plain string keys throughout, so a PyYAML loader (which turns `no:` into False) is a fair
# reference for the values: ours, whose integers are plain decimals only.
DOCUMENTS = [
    "a: 1\nb: -2\nc: 0x1f\nd: 0o17\ne: 1_000\nf: +3",
    "a: 1.5\nb: .inf\nc: -.Inf\nd: 6.02e23\ne: 1e3",
    "a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: y\ng: n",
    "a: ~\nb: null\nc:\nd: ''\ne: \"\"",
    "a: 2025-03-01\nb: 2025-03-01 17:00:00\nc: 2025-03-01T17:00:00+08:00\nd: '2025-03-01'",
    "a: !!str 1\nb: !!int '7'\nc: !!float 2\nd: !!binary aGk=\ne: !!bool 'true'",
    "a: [1, two, 3.0]\nb: {c: d, e: [f, {g: h}]}\nlist:\n- x: 1\n  y: [2]\n- - nested\n",
    "a: 晋江市\nb: '  spaced  '\nc: |\n  block\n  text\nd: >\n  folded\n  text\n",
    "a: !!set {x, y}\nb: !!omap [{k: 1}, {j: 2}]\nc: !!seq [1]\nd: !!map {e: f}",
    "- 1\n- a\n- 2025-01-01",
    "plain text",
    "",
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_fast_path_values_equal_pyyaml(text):
    data, _, problems = parse_yaml(text, "x.md")
    assert problems == []
    assert data == yaml.load(text, Loader=ContentLoader)


def test_only_plain_decimals_are_integers():
    text = "a: 0577123\nb: 8:30\nc: 0x1f\nd: 1_000\ne: +3\nf: 913505821684585277\ng: -2\nh: 0"
    data, _, _ = parse_yaml(text, "x.md")
    assert data == {
        "a": "0577123",
        "b": "8:30",
        "c": "0x1f",
        "d": "1_000",
        "e": "+3",
        "f": 913505821684585277,
        "g": -2,
        "h": 0,
    }
    assert yaml.load(text, Loader=yaml.CSafeLoader)["a"] == 0o577123  # what YAML 1.1 makes of it


@pytest.mark.parametrize("text", [t for t in DOCUMENTS if "!!" not in t])
def test_fast_and_positional_paths_agree(text):
    fast, _, _ = parse_yaml(text, "x.md")
    careful, problems = _parse_with_positions(text, "x.md", 0, parse_yaml("", "x")[1])
    assert problems == []
    assert fast == careful


def test_keys_stay_as_written_and_positions_come_on_demand():
    data, positions, _ = parse_yaml("no: 1\n2025: x\nnested:\n  yes: [a]\n", "x.md", 1)
    assert data == {"no": 1, "2025": "x", "nested": {"yes": ["a"]}}
    assert (positions.key(("nested", "yes")).line, positions.value(("nested", "yes", 0)).line) == (
        5,
        5,
    )


def test_a_tag_that_does_not_fit_its_node_takes_the_positional_path():
    """PyYAML refuses `!!str [1]`; the positional parse keeps the list for validation to name."""
    data, positions, problems = parse_yaml("a: !!str [1]\n", "x.md")
    assert (data, problems) == ({"a": [1]}, [])
    assert positions.pending is None


def _load(root: str):
    # What crosses back from the fresh process: the problems and the validated index (the
    # partial views of failed items are classes made at run time, which cannot be pickled).
    result = load_content(Path(root), today=TODAY)
    return result.problems, result.index


def test_items_read_on_two_cores_load_as_on_one(site_tree):
    """Problems of items parsed in the child come back with their lines, in the same order."""
    policy = item_with("policies/base-policy.md", doc_number=...)
    assert "\nlevel: local\n" in policy
    files = {f"policies/p-{n:04d}.md": policy for n in range(450)}
    files["policies/p-0440.md"] = policy.replace("level: local", "level: local\nlevel: x")
    files["policies/p-0445.md"] = policy.replace("level: local", "level: [local")
    files["policies/p-0447.md"] = policy.replace("level: local", "level: planet")
    root = site_tree(files)

    # A fresh process has no other thread, so it forks; here a running thread keeps the
    # fork helper from forking.
    two_core_problems, two_core_index = in_fresh_process(_load, str(root))
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        one_core = load_content(root, today=TODAY)
    finally:
        stop.set()
        worker.join()

    assert [repr(p) for p in two_core_problems] == [repr(p) for p in one_core.problems]
    errors = {(p.path.rsplit("/", 1)[-1], p.code) for p in two_core_problems if p.is_error}
    assert errors == {
        ("p-0440.md", "duplicate_key"),
        ("p-0445.md", "yaml_unclosed_bracket"),
        ("p-0447.md", "literal_error"),
    }
    assert two_core_index.items == one_core.index.items
    assert len(two_core_index.items) == 4 + 450 - 2  # a duplicate key still loads
