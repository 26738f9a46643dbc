"""The workbench's consultation pages: a department's comments, a decision on each (recorded
with the account and audited), the counts and the draft 采纳情况, and the CSV export."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from pathlib import Path

import pytest

from generator.petitions import comment_store
from generator.petitions.comment_store import Comment
from generator.petitions.comment_windows import load_windows
from generator.staff import audit

OPEN = "open-draft"


def consultation_file(department: str, title: str) -> str:
    return (
        f"---\ntitle: {title}\ndepartment: {department}\npublished: 2026-11-01\n"
        "opens: 2026-11-20\ncloses: 2026-12-20\n---\n正文\n"
    )


@pytest.fixture
def consulting(staff_app, tmp_path: Path, clock):
    """Two consultations (gxj's and swj's) on the staff app, and three comments on gxj's."""
    folder = tmp_path / "consultations"
    folder.mkdir()
    (folder / f"{OPEN}.md").write_text(consultation_file("gxj", "工信局征求意见稿"), "utf-8")
    (folder / "trade-draft.md").write_text(consultation_file("swj", "商务局征求意见稿"), "utf-8")
    staff_app.settings = dataclasses.replace(
        staff_app.settings, consultations=load_windows(folder, staff_app.site.zone)
    )
    store = staff_app.store
    numbers = []
    for i, (clause, content) in enumerate(
        [("第三条", "建议提高补助比例"), (None, '=HYPERLINK("http://x")'), ("第五条", "建议放宽")]
    ):
        number = f"YJ20261126-AAAA{i}"
        sealed = staff_app.desk.keys.seal({"contact": "林小姐 13905951234"}, number)
        comment = Comment(number, OPEN, clock(), "某某鞋业", sealed, clause, content)
        with store.tx() as conn:
            assert comment_store.insert(store, conn, comment)
        numbers.append(number)
    return numbers


def test_a_handler_marks_each_comment_and_gets_the_counts_and_draft(signed_in, consulting):
    client = signed_in(roles={"handler"}, departments={"gxj"})
    listing = client.get("/staff/consultations")
    assert listing.status == 200 and "工信局征求意见稿" in listing.text
    assert "商务局征求意见稿" not in listing.text  # another department's
    page = client.get(f"/staff/consultations/{OPEN}")
    assert page.status == 200 and "建议提高补助比例" in page.text
    assert "13905951234" not in page.text  # contacts only in the (audited) export
    base = f"/staff/consultations/{OPEN}/comments/"
    decisions = [
        ("adopted", "已在第三条中调整"),
        ("declined", "与本办法无关"),
        ("partly", "部分放宽"),
    ]
    for number, (decision, reason) in zip(consulting, decisions, strict=True):
        answer = client.post(base + number, {"decision": decision, "reason": reason})
        assert answer.status == 303, answer.text
    page = client.get(f"/staff/consultations/{OPEN}")
    counts = dict(re.findall(r'data-count="(\w+)">(\d+)<', page.text))
    assert counts == {"received": "3", "adopted": "1", "partly": "1", "declined": "1"}
    assert "共收到意见 3 条，其中采纳 1 条、部分采纳 1 条、未采纳 1 条。" in page.text
    assert "关于第三条：已在第三条中调整" in page.text
    assert "  received: 3" in page.text and "  text: |" in page.text
    stored = {c.number: c for c in comment_store.comments_of(client.app.store, OPEN)}
    assert stored[consulting[0]].decided_by == "lin" and stored[consulting[0]].decision == "adopted"
    with client.app.store.tx() as conn:
        entries = audit.list_entries(conn, actor="lin", action="comment-decided")
    assert len(entries) == 3


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"decision": "maybe"}, "请选择处理结果"),
        ({"decision": "declined", "reason": ""}, "请写明理由"),
        ({"decision": "partly", "reason": "长" * 501}, "不能超过 500 个字"),
        ({"decision": "declined", "reason": "理\u202e由"}, "文字方向控制符"),
    ],
)
def test_a_bad_decision_is_refused_and_nothing_recorded(signed_in, consulting, fields, words):
    client = signed_in(roles={"handler"}, departments={"gxj"})
    answer = client.post(f"/staff/consultations/{OPEN}/comments/{consulting[0]}", fields)
    assert answer.status == 422 and words in answer.text
    assert comment_store.comments_of(client.app.store, OPEN)[0].decision is None


def test_another_department_and_unknown_comments_are_not_found(signed_in, consulting):
    client = signed_in(roles={"handler"}, departments={"swj"})
    assert client.get(f"/staff/consultations/{OPEN}").status == 404
    post = client.post(
        f"/staff/consultations/{OPEN}/comments/{consulting[0]}", {"decision": "adopted"}
    )
    assert post.status == 404
    assert client.get(f"/staff/consultations/{OPEN}/comments.csv").status == 404
    mine = client.get("/staff/consultations/trade-draft")
    assert mine.status == 200
    wrong = client.post(
        "/staff/consultations/trade-draft/comments/" + consulting[0], {"decision": "adopted"}
    )
    assert wrong.status == 404  # a comment of another consultation
    assert all(c.decision is None for c in comment_store.comments_of(client.app.store, OPEN))


def test_a_supervisor_sees_every_department(signed_in, consulting):
    client = signed_in(roles={"supervisor"}, departments=set())
    listing = client.get("/staff/consultations")
    assert "工信局征求意见稿" in listing.text and "商务局征求意见稿" in listing.text


def test_other_roles_are_refused(signed_in, consulting):
    client = signed_in(roles={"discipline"}, departments={"gxj"})
    assert client.get(f"/staff/consultations/{OPEN}").status == 403


def test_the_csv_export_has_chinese_headers_safe_cells_and_is_audited(signed_in, consulting):
    client = signed_in(roles={"handler"}, departments={"gxj"})
    answer = client.get(f"/staff/consultations/{OPEN}/comments.csv")
    assert answer.status == 200
    assert answer.header("Content-Type").startswith("text/csv")
    assert answer.body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(answer.text.lstrip("\ufeff"))))
    assert rows[0][:6] == ["意见编号", "收到时间", "针对的条款", "意见建议", "企业名称", "联系方式"]
    assert len(rows) == 4 and rows[1][5] == "林小姐 13905951234"
    assert rows[2][3].startswith("'=")  # a formula is written as text
    with client.app.store.tx() as conn:
        [entry] = audit.list_entries(conn, actor="lin", action="comments-exported")
    assert entry.detail["count"] == 3
