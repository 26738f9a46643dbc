"""Consultations (意见征集): every rule of the model and of check, and the derived statuses."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import TODAY

from generator.content import status as statuses
from generator.content.loader import load_content
from generator.models.consultations import Consultation

CONSULTATION = """---
title: 关于《测试办法（征求意见稿）》公开征求意见的公告
department: jjgxj
published: 2026-11-20
opens: 2026-11-20
closes: 2026-12-20
{extra}---
**第一条** 测试条款。
"""

FEEDBACK = """feedback:
  date: 2026-12-28
  received: 10
  adopted: 4
  partly: 3
  declined: 2
  text: 采纳情况说明
"""


def problems_for(site_tree, text, extra_files=None):
    root = site_tree({"consultations/test-draft.md": text, **(extra_files or {})})
    result = load_content(root, today=TODAY)
    return result, [(p.path, p.line, p.key, p.code, p.message("zh")) for p in result.problems]


def test_a_valid_consultation_loads_with_every_key(site_tree, tmp_path):
    extra = (
        "draft: attachments/draft.pdf\n"
        "explanation: 起草说明\n"
        "ways:\n  - 电子邮件：a@example.gov.cn\n"
        "adopted_as: base-policy\n" + FEEDBACK
    )
    result, problems = problems_for(
        site_tree, CONSULTATION.format(extra=extra), {"attachments/draft.pdf": "%PDF-1.4"}
    )
    assert problems == []
    item = result.index.get("test-draft")
    assert item.collection == "consultations"
    assert isinstance(item.data, Consultation)
    assert item.data.feedback.received == 10
    assert [c.id for c in result.index.consultations_of("base-policy")] == ["test-draft"]


CASES = [
    # (id, extra front matter or a replacement, code, line, key, words in the message)
    (
        "closes before opens",
        ("closes: 2026-12-20", "closes: 2026-11-19"),
        "qq_consultation_order",
        6,
        "closes",
        "征求意见截止日期不能早于开始日期",
    ),
    (
        "missing closes",
        ("closes: 2026-12-20\n", ""),
        "missing",
        2,
        "closes",
        "缺少必填字段 closes",
    ),
    (
        "bad opens date",
        ("opens: 2026-11-20", "opens: 11月20日"),
        "qq_date",
        5,
        "opens",
        "11月20日",
    ),
    (
        "counts that do not add up",
        FEEDBACK.replace("declined: 2", "declined: 9"),
        "qq_feedback_counts",
        7,
        "feedback",
        "合计 16 条，超过收到的意见 10 条",
    ),
    (
        "a negative count",
        FEEDBACK.replace("adopted: 4", "adopted: -1"),
        "greater_than_equal",
        10,
        "feedback.adopted",
        "",
    ),
    (
        "feedback before the window closed",
        FEEDBACK.replace("date: 2026-12-28", "date: 2026-12-20"),
        "feedback_before_close",
        8,
        "feedback.date",
        "应在征求意见截止（2026-12-20）之后",
    ),
    (
        "adopted_as names no item",
        "adopted_as: no-such-policy\n",
        "dangling_ref",
        7,
        "adopted_as",
        "找不到 id 为“no-such-policy”的条目",
    ),
    (
        "adopted_as names a fund",
        "adopted_as: digital-fund\n",
        "wrong_ref_type",
        7,
        "adopted_as",
        "“digital-fund”是资金项目，这里需要政策文件",
    ),
    (
        "draft outside content",
        "draft: ../secret.pdf\n",
        "path_outside",
        7,
        "draft",
        "指向 content/ 之外",
    ),
    (
        "draft missing",
        "draft: attachments/nothing.pdf\n",
        "path_missing",
        7,
        "draft",
        "不存在",
    ),
    (
        "an empty way",
        'ways:\n  - ""\n',
        "string_too_short",
        8,
        "ways[0]",
        "",
    ),
    ("unknown key", "closing: 2026-12-20\n", "extra_forbidden", 7, "closing", "未知字段 closing"),
]


@pytest.mark.parametrize(
    ("change", "code", "line", "key", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_rule_reports_at_its_line(site_tree, change, code, line, key, words):
    if isinstance(change, tuple):
        text = CONSULTATION.format(extra="").replace(*change)
    else:
        text = CONSULTATION.format(extra=change)
    _, problems = problems_for(site_tree, text)
    found = [p for p in problems if p[3] == code]
    assert found, problems
    path, got_line, got_key, _, message = found[0]
    assert (path, got_line, got_key) == ("content/consultations/test-draft.md", line, key)
    assert words in message


def test_a_one_day_window_is_allowed(site_tree):
    text = CONSULTATION.format(extra="").replace("closes: 2026-12-20", "closes: 2026-11-20")
    assert problems_for(site_tree, text)[1] == []


def _consultation(**changes) -> Consultation:
    data = {
        "title": "测试",
        "department": "jjgxj",
        "published": "2026-11-01",
        "opens": "2026-11-20",
        "closes": "2026-12-20",
        **changes,
    }
    return Consultation.model_validate(data)


@pytest.mark.parametrize(
    ("today", "code", "label"),
    [
        (dt.date(2026, 11, 19), "upcoming", "即将开始"),
        (dt.date(2026, 11, 20), "open", "征求意见中"),
        (dt.date(2026, 12, 20), "open", "征求意见中"),
        (dt.date(2026, 12, 21), "closed", "已截止"),
    ],
)
def test_the_status_follows_the_window(today, code, label):
    status = statuses.consultation_status(_consultation(), today)
    assert (status.code, status.label) == (code, label)


def test_feedback_turns_a_closed_consultation_answered_from_its_date():
    feedback = {"date": "2026-12-28", "received": 3, "text": "说明"}
    consultation = _consultation(feedback=feedback)
    assert statuses.consultation_status(consultation, dt.date(2026, 12, 27)).code == "closed"
    answered = statuses.consultation_status(consultation, dt.date(2026, 12, 28))
    assert (answered.code, answered.label) == ("answered", "已反馈")
    assert statuses.days_left(consultation.closes, dt.date(2026, 12, 10)) == 10
