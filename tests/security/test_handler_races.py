"""Concurrent wrong codes, the honeypot and hostile characters, against a real store and server."""

from __future__ import annotations

import csv
import threading

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.petitions.service import LOCK_AFTER
from generator.petitions.validation import validate
from tests.petitions.conftest import SECRET, valid_petition

THREADS = 100
JOIN_SECONDS = 120


def submit(desk, **changes) -> dict:
    clean, errors = validate(valid_petition(**changes), desk.site.petitions, from_form=False)
    assert not errors, errors
    return desk.answer(desk.submit(clean, None, None))


def concurrently(count: int, work) -> list:
    """Run `work()` in `count` threads released together; their results."""
    barrier = threading.Barrier(count, timeout=JOIN_SECONDS)
    results: list = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work()
        except Exception as err:  # reported by the assertion below, not lost in a thread
            results[index] = err

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_SECONDS)
    assert not any(t.is_alive() for t in threads), "a lookup did not finish"
    return results


def test_100_concurrent_wrong_codes_get_exactly_the_limit_of_tries(server_desk):
    petition = submit(server_desk)

    def wrong_try():
        try:
            return server_desk.find(petition["receipt"], "WRONGCODE", None)
        finally:
            server_desk.store.close()  # this thread's connection

    results = concurrently(THREADS, wrong_try)
    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors[:3]
    compared = [r for r in results if r == (None, None)]
    locked = [r for r in results if r[0] is None and r[1] is not None]
    assert len(compared) == LOCK_AFTER.count == 10
    assert len(locked) == THREADS - LOCK_AFTER.count
    # Locked now, even with the right code.
    assert server_desk.find(petition["receipt"], petition["code"], None)[1] is not None


def test_right_codes_do_not_use_up_the_tries(server_desk):
    petition = submit(server_desk)
    for _ in range(3 * LOCK_AFTER.count):
        record, wait = server_desk.find(petition["receipt"], petition["code"], None)
        assert record is not None and wait is None
    for _ in range(LOCK_AFTER.count):
        assert server_desk.find(petition["receipt"], "WRONGCODE", None) == (None, None)
    assert server_desk.find(petition["receipt"], "WRONGCODE", None)[1] is not None


# -- honeypot --


@pytest.mark.parametrize("trap", [["x"], 1, 0, {}, True, False, None, " ", "x"], ids=repr)
def test_honeypot_filled_with_anything_but_an_empty_string_is_not_stored(server_api, trap):
    answer = server_api.post_json("/api/petitions", valid_petition(website=trap))
    assert answer.status == 201 and "receipt" in answer.json()
    assert server_api.app.store.count() == 0


@pytest.mark.parametrize("fields", [{}, {"website": ""}], ids=["absent", "empty"])
def test_honeypot_absent_or_empty_stores_the_petition(server_api, fields):
    answer = server_api.post_json("/api/petitions", valid_petition(**fields))
    assert answer.status == 201
    assert server_api.app.store.count() == 1


# -- control and bidi characters --

HOSTILE = {"lone-cr": "\r", "esc": "\x1b[2J", "nul": "\x00", "csi": "\x9b", "del": "\x7f",
           "rlo": "\u202e", "lri": "\u2066", "pdi": "\u2069", "lre": "\u202a"}  # fmt: skip
TEXT_FIELDS = ["subject", "content", "enterprise", "contact_name", "phone", "email",
               "credit_code", "related"]  # fmt: skip


@pytest.mark.parametrize("field", TEXT_FIELDS)
@pytest.mark.parametrize("char", HOSTILE.values(), ids=HOSTILE.keys())
def test_control_and_bidi_characters_are_refused_in_every_text_field(server_api, field, char):
    value = valid_petition().get(field, "abc") + char + "x"
    answer = server_api.post_json("/api/petitions", valid_petition(**{field: value}))
    assert answer.status == 422, answer.text
    assert field in answer.error_fields()
    assert server_api.app.store.count() == 0


def test_multi_line_content_keeps_line_feeds_and_tabs(server_api):
    answer = server_api.post_json(
        "/api/petitions", valid_petition(content="第一行\r\n第二行\n\t第三行")
    )
    assert answer.status == 201


@pytest.mark.parametrize("char", HOSTILE.values(), ids=HOSTILE.keys())
def test_rating_comment_refuses_control_and_bidi_characters(server_api, char):
    answer = server_api.post_json(
        "/api/petitions/rate",
        {"receipt": "20261126-AAAAA", "code": "AAAAAAAA", "rating": "fair", "comment": f"好{char}"},
    )
    assert answer.status == 422
    assert answer.error_fields() == {"comment"}
    assert "控制" in answer.json()["errors"][0]["message"]


def test_staff_terminal_shows_stored_controls_escaped(server_site_path, server_desk, monkeypatch):
    # Data stored before the check existed (or by another route): written straight to the store.
    nasty = "甲\x1b[31m乙\x9b丙\u202e丁\r戊\x07"
    clean, errors = validate(valid_petition(), server_desk.site.petitions, from_form=False)
    clean.update(subject=nasty, content=nasty + "\n第二行", enterprise=nasty, contact_name=nasty)
    receipt = server_desk.submit(clean, None, None).receipt
    monkeypatch.setenv("QINQING_SECRET_KEY", SECRET.decode())
    runner = CliRunner()
    base = ["petitions", "--config", str(server_site_path),
            "--database-url", server_desk.settings.database_url]  # fmt: skip
    for command in (["show", receipt], ["list"]):
        result = runner.invoke(main, [*base, *command], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        visible = result.output.replace("\n", "")
        assert not any(c in visible for c in "\x1b\x9b\u202e\r\x07"), repr(result.output)
        assert "\\x1b[31m" in result.output and "\\u202e" in result.output
    assert "第二行" in runner.invoke(main, [*base, "show", receipt]).output


def test_export_has_no_formula_cell(server_site_path, server_desk, monkeypatch, tmp_path):
    names = ["=HYPERLINK(\"https://evil.example\",\"点击\")", "+cmd|' /C calc'!A0", "-2+3",
             "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "=1", "正常企业"]  # fmt: skip
    clean, _ = validate(valid_petition(), server_desk.site.petitions, from_form=False)
    for name in names:
        server_desk.submit({**clean, "enterprise": name, "subject": name}, None, None)
    monkeypatch.setenv("QINQING_SECRET_KEY", SECRET.decode())
    target = tmp_path / "export.csv"
    base = ["petitions", "--config", str(server_site_path),
            "--database-url", server_desk.settings.database_url]  # fmt: skip
    result = CliRunner().invoke(main, [*base, "export", "--with-contact", "-o", str(target)])
    assert result.exit_code == 0, result.output
    with target.open(encoding="utf-8-sig", newline="") as table:
        rows = list(csv.DictReader(table))
    assert len(rows) == len(names)
    cells = [cell for row in rows for cell in row.values()]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert {row["enterprise"].removeprefix("'") for row in rows} == set(names)
