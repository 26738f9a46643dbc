"""Reply templates: add, edit, retire and bring back; bad input refused in Chinese."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.petitions.states import Refused
from generator.workbench.templates_store import Templates

AT = dt.datetime(2026, 11, 26, 10, tzinfo=dt.UTC)


def test_add_edit_retire(store):
    templates = Templates(store)
    made = templates.add("已转相关部门", "您好，您反映的问题已转相关部门办理。", "chen", AT)
    templates.add("政策咨询答复", "您好，相关政策如下：", "chen", AT)
    assert [t.title for t in templates.all()] == ["已转相关部门", "政策咨询答复"]
    templates.edit(made.id, "已转办", "您好，已转交主管部门。", "lin", AT)
    edited = templates.get(made.id)
    assert (edited.title, edited.body, edited.updated_by) == (
        "已转办",
        "您好，已转交主管部门。",
        "lin",
    )
    templates.retire(made.id, True, "chen", AT)
    assert [t.title for t in templates.all()] == ["政策咨询答复"]
    assert templates.get(made.id).retired and len(templates.all(include_retired=True)) == 2
    templates.retire(made.id, False, "chen", AT)
    assert len(templates.all()) == 2


@pytest.mark.parametrize(
    ("title", "body", "words"),
    [
        (" ", "正文", "模板名称"),
        ("名称", "", "模板正文"),
        ("长" * 61, "正文", "模板名称不能超过 60 个字（现有 61 个）"),
    ],
)
def test_bad_templates_are_refused(store, title, body, words):
    with pytest.raises(Refused, match=words):
        Templates(store).add(title, body, "chen", AT)
    assert Templates(store).all(include_retired=True) == []


def test_unknown_template(store):
    with pytest.raises(Refused, match="没有这个答复模板"):
        Templates(store).retire("nope", True, "chen", AT)


@pytest.mark.parametrize(
    ("title", "body"), [("名称\u202e", "正文"), ("名称", "正文\x1b[2J"), ("名\n称", "正文")]
)
def test_control_characters_are_refused(store, title, body):
    with pytest.raises(Refused, match="不可见的控制字符"):
        Templates(store).add(title, body, "chen", AT)
    assert Templates(store).all(include_retired=True) == []


def test_browser_line_breaks_are_kept_as_line_feeds(store):
    made = Templates(store).add("两段", "您好：\r\n\r\n已办理。\r\n", "chen", AT)
    assert Templates(store).get(made.id).body == "您好：\n\n已办理。"
