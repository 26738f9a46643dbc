"""Every YAML (and file) mistake an editor can make: the right code, at the mistake's line and
column, in Chinese without libyaml's English."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.sources import read_item, read_yaml_mapping
from generator.content.yaml_errors import translate
from generator.messages import render_message

# libyaml's vocabulary: none of these may reach an editor's Chinese message.
LIBYAML_WORDS = re.compile(
    r"\b(while|scanning|parsing|found|expected|could|find|allowed|context|character|token|"
    r"stream|mapping|sequence|scalar|block|flow|quoted|simple|escape|alias|anchor|undefined|"
    r"indentation|document|unexpected|directive|constructor|tag|node|key|entries|violates)\b",
    re.IGNORECASE,
)

# (name, file text, problem code, line, column). Front matter starts on line 2.
ITEM_CASES = [
    (
        "unclosed double quote",
        '---\ntitle: "关于通知\ndepartment: jjgxj\n---\n',
        "yaml_unclosed_quote",
        2,
        8,
    ),
    (
        "unclosed single quote",
        "---\ntitle: '关于通知\ndepartment: jjgxj\n---\n",
        "yaml_unclosed_quote",
        2,
        8,
    ),
    (
        "unclosed quote closed by a later one",
        '---\ntitle: "关于通知\nsummary: "摘要"\nlevel: local\n---\n',
        "yaml_unclosed_quote",
        2,
        8,
    ),
    (
        "text after a closing quote",
        '---\ntitle: "关于" 通知\n---\n',
        "yaml_text_after_quote",
        2,
        13,
    ),
    (
        "unclosed [ noticed at the next key",
        "---\ntitle: x\ntopics: [digital, textile\nindustries: [a]\n---\n",
        "yaml_unclosed_bracket",
        3,
        9,
    ),
    (
        "unclosed [ over two lines",
        "---\ntitle: x\ntopics: [digital,\n  textile\nindustries: [a]\n---\n",
        "yaml_unclosed_bracket",
        3,
        9,
    ),
    (
        "unclosed {",
        "---\ndelivery: {mode: apply, days: 20\ntitle: x\n---\n",
        "yaml_unclosed_bracket",
        2,
        11,
    ),
    ("[ and nothing after it", "---\ntitle: x\ntopics: [\n---\n", "yaml_unclosed_bracket", 3, 9),
    ("empty entry in a list", "---\ntopics: [a,, b]\n---\n", "yaml_flow_empty_entry", 2, 12),
    (
        "colon and space in a plain value",
        "---\ntitle: 关于: 通知\n---\n",
        "yaml_colon_in_value",
        2,
        10,
    ),
    (
        "key indented under a plain value",
        "---\ntitle: x\n  level: local\n---\n",
        "yaml_bad_indent",
        3,
        3,
    ),
    (
        "key indented less than its siblings",
        "---\na:\n  b: 1\n c: 2\n---\n",
        "yaml_bad_indent",
        4,
        2,
    ),
    (
        "key indented more than its siblings",
        "---\na:\n  b: 1\n   c: 2\n---\n",
        "yaml_bad_indent",
        4,
        4,
    ),
    ("list entry indented less", "---\na:\n  - x\n - y\n---\n", "yaml_bad_indent", 4, 2),
    ("list entry without a key", "---\na: 1\n- x\n---\n", "yaml_bad_indent", 3, 1),
    ("tab for indentation", "---\na:\n\tb: 1\n---\n", "yaml_tab", 3, 1),
    ("tab after a value line", "---\na: 1\n\tb: 2\n---\n", "yaml_tab", 3, 1),
    ("spaces then a tab", "---\na:\n  \tb: 1\n---\n", "yaml_tab", 3, 3),
    ("duplicate key", "---\ntitle: a\nlevel: local\ntitle: b\n---\n", "duplicate_key", 4, 1),
    (
        "duplicate nested key",
        "---\ndelivery:\n  mode: apply\n  mode: fast\n---\n",
        "duplicate_key",
        4,
        3,
    ),
    (
        "unknown escape in double quotes",
        '---\nfile: "C:\\附件\\a.pdf"\n---\n',
        "yaml_bad_escape",
        2,
        10,
    ),
    ("@ starts a plain value", "---\ntitle: @通知\n---\n", "yaml_reserved_start", 2, 8),
    ("backtick starts a plain value", "---\ntitle: `通知`\n---\n", "yaml_reserved_start", 2, 8),
    ("* before Chinese text", "---\ntitle: *重要* 通知\n---\n", "yaml_reserved_start", 2, 8),
    ("undefined alias", "---\ntitle: *x\n---\n", "yaml_undefined_alias", 2, 8),
    ("& followed by a space", "---\ntitle: & 通知\n---\n", "yaml_reserved_start", 2, 8),
    ("% starts a line", "---\n%title: x\n---\n", "yaml_reserved_start", 2, 1),
    ("? in a value", "---\ntitle: ? x\n---\n", "yaml_reserved_start", 2, 8),
    ("list started after a key", "---\ntopics: - digital\n---\n", "yaml_sequence_here", 2, 9),
    ("missing colon", "---\ntitle 标题\ndepartment: jjgxj\n---\n", "yaml_missing_colon", 2, 1),
    ("Chinese colon", "---\ntitle：标题\ndepartment: jjgxj\n---\n", "yaml_fullwidth_colon", 2, 6),
    (
        "no space after the colon",
        "---\ntitle: 标题\ndepartment:jjgxj\nlevel: x\n---\n",
        "yaml_colon_no_space",
        3,
        11,
    ),
    ("colon inside [ ]", "---\nbasis: [甲:, 乙]\n---\n", "yaml_colon_in_flow", 2, 10),
    ("a list as a key", "---\n[a, b]: x\n---\n", "yaml_complex_key", 2, 1),
    ("value starting with a comma", "---\nnote: ,说明\n---\n", "yaml_reserved_start", 2, 7),
    (
        "key, then its colon on the next line",
        "---\ntitle\n: 标题\n---\n",
        "yaml_missing_colon",
        2,
        1,
    ),
    ("text after | on its line", "---\nsummary: |摘要\n  正文\n---\n", "yaml_block_scalar", 2, 10),
    ("a YAML tag", "---\ntitle: !x y\n---\n", "yaml_tag", 2, 8),
    ("a C1 control character", "---\ntitle: a\x80b\n---\n", "yaml_bad_character", 2, 9),
    ("NUL in the front matter", "---\ntitle: a\x00b\n---\n", "control_character", 2, 9),
    ("bell in the body", "---\ntitle: a\n---\n正文\x07\n", "control_character", 4, 3),
    ("stray byte-order mark", "---\ntitle: a\n\ufefflevel: local\n---\n", "stray_bom", 3, 1),
    ("front matter never closed", "---\ntitle: a\n\n正文\n", "front_matter_unterminated", 1, 1),
    ("front matter closed by ----", "---\ntitle: a\n----\n正文\n", "front_matter_bad_fence", 3, 1),
    ("front matter closed by a dash", "---\ntitle: a\n———\n正文\n", "front_matter_bad_fence", 3, 1),
    ("no front matter", "# 标题\n正文\n", "front_matter_missing", 1, 1),
    ("empty file", "", "file_empty", 1, 1),
    ("blank file", "\n \n", "file_empty", 1, 1),
    ("front matter empty", "---\n---\n正文\n", "front_matter_empty", 1, 1),
    ("front matter a list", "---\n- a\n---\n", "front_matter_not_mapping", 2, 1),
]

RAW_CASES = [
    ("GBK file", "---\ntitle: 政策\n---\n".encode("gbk"), "bad_utf8", 2, 8),
    ("a stray byte", "---\ntitle: 通知".encode() + b"\xff\n---\n", "bad_utf8", 2, 10),
    ("UTF-16 file", "---\ntitle: 通知\n---\n".encode("utf-16"), "utf16", 1, 1),
]

SITE_CASES = [
    ("second document in site.yaml", "title: a\n---\ntitle: b\n", "yaml_many_documents", 2, 1),
    ("empty site.yaml", "", "yaml_empty", 1, 1),
    ("site.yaml a list", "- a\n", "yaml_not_mapping", 1, 1),
    (
        "unclosed [ in site.yaml",
        "industries: {textile: 纺织\ntopics: x\n",
        "yaml_unclosed_bracket",
        1,
        13,
    ),
]


def _assert_one(problems, code, line, column):
    assert [(p.code, p.line, p.column) for p in problems] == [(code, line, column)], problems
    message = problems[0].message()
    assert re.search(r"[\u4e00-\u9fff]", message), message
    assert not LIBYAML_WORDS.search(message), message
    assert not re.search(r"\{[a-z_]+\}", message), message  # every placeholder filled


@pytest.mark.parametrize("name,text,code,line,column", ITEM_CASES, ids=[c[0] for c in ITEM_CASES])
def test_item_mistakes(tmp_path, name, text, code, line, column):
    path = tmp_path / "x.md"
    path.write_bytes(text.encode("utf-8"))
    _, problems = read_item(path, "x.md")
    _assert_one(problems, code, line, column)


@pytest.mark.parametrize("name,raw,code,line,column", RAW_CASES, ids=[c[0] for c in RAW_CASES])
def test_encoding_mistakes(tmp_path, name, raw, code, line, column):
    path = tmp_path / "x.md"
    path.write_bytes(raw)
    _, problems = read_item(path, "x.md")
    _assert_one(problems, code, line, column)


@pytest.mark.parametrize("name,text,code,line,column", SITE_CASES, ids=[c[0] for c in SITE_CASES])
def test_site_yaml_mistakes(tmp_path, name, text, code, line, column):
    path = tmp_path / "site.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = read_yaml_mapping(path, "site.yaml")
    _assert_one(problems, code, line, column)


def test_messages_show_the_fix():
    """The fixes that need the editor's own text show it quoted."""
    from generator.messages import render_message

    colon = render_message("yaml_colon_in_value", {"example": 'title: "关于: 通知"'})
    assert 'title: "关于: 通知"' in colon


def test_leading_bom_is_accepted(tmp_path):
    path = tmp_path / "x.md"
    path.write_bytes("\ufeff---\ntitle: a\n---\n".encode())
    doc, problems = read_item(path, "x.md")
    assert problems == [] and doc.data == {"title": "a"}


def test_every_control_character_is_reported_and_the_rest_still_read(tmp_path):
    path = tmp_path / "x.md"
    path.write_bytes(b"---\ntitle: a\x00b\nlevel: local\x01\n---\nbody\x1f\n")
    doc, problems = read_item(path, "x.md")
    assert [(p.code, p.line, p.column) for p in problems] == [
        ("control_character", 2, 9),
        ("control_character", 3, 13),
        ("control_character", 5, 5),
    ]
    assert [p.params["codepoint"] for p in problems] == ["U+0000", "U+0001", "U+001F"]
    assert doc.data["level"] == "local" and doc.data["title"] == "ab" and "\x00" not in doc.body


FRONT = (
    "title: 2026年绿色工厂奖励\nbasis: [digital-measures]\nmax_amount: 100000\n"
    "summary: \"摘要\"\nnote: '说明'\neligibility:\n  - text: 获评绿色工厂\n"
    "    rule: {field: size, op: in, value: [small]}\nprocess:\n  - 申报\n  - 审核\n"
    "interpretation: |\n  多行\n  文字\n"
)
EDIT_CHARACTERS = "[]{}:,'\"-#|>\t @`*&!%?：\n"


@given(
    st.lists(
        st.tuples(st.integers(0, len(FRONT)), st.sampled_from(EDIT_CHARACTERS), st.booleans()),
        min_size=1,
        max_size=3,
    )
)
@settings(max_examples=400, deadline=None)
def test_any_small_edit_that_breaks_the_yaml_gets_a_named_mistake(edits):
    """Typing or deleting a few YAML characters anywhere: every resulting libyaml error is
    translated into a named mistake (never the generic fallback), on a line of the text."""
    text = FRONT
    for position, char, insert in edits:
        position = min(position, len(text) - 1)
        text = text[:position] + char + text[position + (0 if insert else 1) :]
    try:
        yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.MarkedYAMLError as exc:
        mistake = translate(exc, text)
        assert mistake.code != "yaml_syntax", (text, exc)
        assert 0 <= mistake.index <= len(text)
        message = render_message(mistake.code, mistake.params)
        assert not LIBYAML_WORDS.search(message), message
    except yaml.YAMLError:
        pass  # a reader error (a control character): sources.py reports those itself


def test_a_yaml_mistake_carries_the_key_of_its_line(tmp_path):
    path = tmp_path / "x.md"
    path.write_text("---\ntitle: x\ndelivery:\n  mode: apply\n  days: [1\n---\n", encoding="utf-8")
    _, problems = read_item(path, "x.md")
    assert [(p.code, p.key) for p in problems] == [("yaml_unclosed_bracket", "delivery.days")]


def test_no_key_where_a_list_lies_on_the_way_up(tmp_path):
    """`materials[?].template`: the entry's index is not known without the parse, so no key."""
    path = tmp_path / "x.md"
    path.write_text("---\nmaterials:\n  - name: a\n    template: 'x\n---\n", encoding="utf-8")
    _, problems = read_item(path, "x.md")
    assert [(p.code, p.key) for p in problems] == [("yaml_unclosed_quote", "")]
