"""Property tests: arbitrary bytes and arbitrary YAML never make `check` raise."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli.main import main
from generator.content.loader import load_content

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.dates(),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=20,
)
item_keys = st.sampled_from(
    [
        "title",
        "department",
        "published",
        "basis",
        "opens",
        "closes",
        "eligibility",
        "recipients",
        "publicity",
        "steps",
        "reviewed",
        "level",
        "signed",
        "doc_number",
        "fee",
        "attachments",
        "related",
        "withdrawn",
        "rule",
    ]
)
front_matters = st.dictionaries(st.one_of(item_keys, st.text(max_size=8)), yaml_values, max_size=10)


def write(root: Path, rel: str, raw: bytes) -> None:
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(raw)


@SETTINGS
@given(
    raw=st.binary(max_size=600),
    collection=st.sampled_from(["policies", "funds", "guides", "announcements"]),
)
def test_arbitrary_bytes_never_raise(site_tree, raw, collection):
    root = site_tree()
    write(root, f"{collection}/fuzz-item.md", raw)
    result = load_content(root)
    assert all(p.line >= 1 and p.column >= 1 for p in result.problems)


@SETTINGS
@given(
    data=front_matters, collection=st.sampled_from(["policies", "funds", "guides", "announcements"])
)
def test_arbitrary_yaml_never_raises(site_tree, data, collection):
    root = site_tree()
    try:
        text = yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:
        return
    write(
        root,
        f"{collection}/fuzz-item.md",
        ("---\n" + text + "---\n").encode("utf-8", "surrogatepass"),
    )
    result = load_content(root)
    for problem in result.problems:
        assert problem.message("zh") and problem.message("en")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=300))
def test_cli_on_arbitrary_site_yaml_exits_cleanly(site_tree, raw):
    root = site_tree()
    write(root, "site.yaml", raw)
    result = CliRunner().invoke(main, ["check", "--content", str(root), "--today", "2026-11-26"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.output


@settings(max_examples=200, deadline=None)
@given(data=front_matters)
def test_fast_and_positional_parses_agree(data):
    from generator.content.yamldoc import Positions, _parse_with_positions, parse_yaml

    try:
        text = yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:
        return
    fast, positions, problems = parse_yaml(text, "x.md")
    careful, careful_problems = _parse_with_positions(text, "x.md", 0, Positions())
    assert (fast, problems) == (careful, careful_problems)
    for key in (careful or {}) if isinstance(careful, dict) else ():
        assert positions.key((key,)) is not None
