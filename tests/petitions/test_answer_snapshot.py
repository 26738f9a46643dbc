"""The 答复选登 snapshot: only published answers, only their public wording, the same bytes each time."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.content.loader import load_content
from generator.petitions.answer_snapshot import answer_id, answers_snapshot, render_snapshot
from generator.petitions.publication import Wording, publish, unpublish
from tests.petitions.conftest import SECRET, submit
from tests.support.content_fixture import write_content


def _published(desk, clock, subject: str, answer: str, consent: bool = True) -> str:
    receipt = submit(desk, subject="我司晋江市某某鞋业有限公司的申报", publish_consent=consent)
    desk.act(receipt, "accept", "clerk", route="local")
    clock.advance(days=1)
    desk.act(receipt, "reply", "clerk", text="林小姐您好：已核实，本月拨付。")
    if consent:
        publish(desk, receipt, Wording(subject, answer, "request", "gxj"), "clerk")
    return receipt


def test_snapshot_holds_published_answers_in_public_wording_only(desk, clock):
    first = _published(desk, clock, "租金补贴进度", "已核实，本月拨付。")
    clock.advance(days=3)
    second = _published(desk, clock, "技改项目验收", "验收将于下周安排。")
    _published(desk, clock, "不同意公开的", "不应出现", consent=False)
    withdrawn = _published(desk, clock, "撤下的", "不应出现")
    unpublish(desk, withdrawn, "lead", "企业要求")
    submit(desk, publish_consent=True)  # consented, not answered yet
    snapshot = answers_snapshot(desk.store.all(), desk.calendar, desk.site.zone)
    assert [a["subject"] for a in snapshot["answers"]] == ["技改项目验收", "租金补贴进度"]
    newest = snapshot["answers"][0]
    assert newest == {
        "id": answer_id(second),
        "category": "request",
        "department": "gxj",
        "received": "2026-11-30",
        "replied": "2026-12-01",
        "workdays": 1,
        "subject": "技改项目验收",
        "answer": "验收将于下周安排。",
    }
    text = render_snapshot(snapshot)
    for secret in ("某某鞋业", "林小姐", "13905951234", "lin@example.com", first, second):
        assert secret not in text
    assert (
        render_snapshot(
            answers_snapshot(list(reversed(desk.store.all())), desk.calendar, desk.site.zone)
        )
        == text
    )


def test_cli_writes_the_snapshot_the_build_reads(
    desk, clock, site_path, database_url, monkeypatch, tmp_path
):
    _published(desk, clock, "租金补贴进度", "已核实，本月拨付。")
    monkeypatch.setenv("QINQING_SECRET_KEY", SECRET.decode())
    content = write_content(tmp_path / "site")
    target = content / "answers.json"
    args = ["petitions", "--config", str(site_path), "--database-url", database_url]
    done = CliRunner().invoke(main, [*args, "answers", "--output", str(target)])
    assert done.exit_code == 0, done.output
    assert "1 条答复" in done.output
    written = target.read_bytes()
    again = CliRunner().invoke(main, [*args, "answers"])
    assert again.output.encode("utf-8") == written
    assert json.loads(written)["answers"][0]["subject"] == "租金补贴进度"
    loaded = load_content(content, dt.date(2026, 11, 26))
    assert loaded.ok, [p.message() for p in loaded.errors]
    assert [a.subject for a in loaded.index.answers] == ["租金补贴进度"]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda s: s.replace('"gxj"', '"nope"'), "answer_unknown_code"),
        (lambda s: s.replace('"workdays": 1', '"workdays": "一天"'), None),
        (lambda s: s.replace('"version": 1', '"version": 2'), None),
    ],
)
def test_a_broken_snapshot_is_a_check_error_at_its_line(tmp_path, change, code):
    content = write_content(tmp_path)
    snapshot = {"version": 1, "answers": [{
        "id": "0123456789ab", "category": "consult", "department": "gxj", "received": "2026-11-02",
        "replied": "2026-11-04", "workdays": 1, "subject": "标题", "answer": "答复",
    }]}  # fmt: skip
    (content / "answers.json").write_text(change(render_snapshot(snapshot)), encoding="utf-8")
    loaded = load_content(content, dt.date(2026, 11, 26))
    errors = [p for p in loaded.errors if p.path.endswith("answers.json")]
    assert len(errors) == 1 and errors[0].line > 1, [p.message() for p in loaded.errors]
    if code:
        assert errors[0].code == code and "nope" in errors[0].message()
    assert loaded.index is None or loaded.index.answers == ()
