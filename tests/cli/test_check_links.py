"""Links in item bodies: internal targets and anchors checked on every run, external ones on request."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.content.links import check_links, extract_links, heading_anchors, heading_slug
from generator.content.loader import load_content
from tests.cli.conftest import INIT_DAY, write_item

POLICY_FRONT = """
title: 链接测试政策
department: office
published: 2026-01-05
issuer: 测试机关
level: local
signed: 2026-01-04
"""

# Each line holds at most one link; the marker after it says whether check must flag it.
BODY_LINES = [
    ("## 第一条 总则", None),
    ("## Scope and Terms", None),
    ("见[资金](../funds/example-fund.md)。", None),
    ("见[资金条款](../funds/example-fund.md#申报说明)。", None),
    ("见[本文](#第一条-总则)和[英文](#scope-and-terms)。", None),
    (
        "站内路径[指南](/guides/example-guide/)、[列表](/funds/)、[订阅](/feeds/funds.rss.xml)。",
        None,
    ),
    ("附件[申报表](../attachments/example-application-form.pdf)。", None),
    ("邮件<mailto:a@example.gov.cn>和[电话](tel:0595-1)。", None),
    ("`[代码里的链接](../nowhere.md)` 不算。", None),
    ("坏链接[不存在](../funds/missing-fund.md)。", "broken_link"),
    ("坏锚点[条款](../funds/example-fund.md#没有这一节)。", "broken_anchor"),
    ("本页坏锚点[这里](#第二条)。", "broken_anchor"),
    ("坏站内路径[指南](/guides/no-such-guide/)。", "broken_link"),
    ("错栏目[政策](/policies/example-fund/)。", "broken_link"),
    ("缺附件![图](../attachments/missing.png)。", "broken_link"),
    ("越界[配置](../site.yaml)。", "broken_link"),
    ("[引用式]: ../guides/gone.md", "broken_link"),
    ('<a href="/feeds/nope.atom.xml">订阅</a>', "broken_link"),
    ("开放数据[清单](/data/index.json)、[今年的政策](/data/policies/2026.json)。", None),
    ("旧的开放数据[全部](/data/items.json)。", "broken_link"),
    ("没有这一年[政策](/data/policies/1999.json)。", "broken_link"),
]


@pytest.fixture
def linked_site(new_site: Path) -> Path:
    body = "\n" + "\n\n".join(text for text, _ in BODY_LINES) + "\n"
    body = body.replace("`[代码里的链接]", "```\n[围栏里的](../nowhere.md)\n```\n\n`[代码里的链接]")
    write_item(new_site / "content", "policies/links-policy.md", POLICY_FRONT, body)
    return new_site / "content"


def _expected(path: Path) -> set[tuple[int, int, str]]:
    """(line, column, code) for every flagged line, located by reading the file as an editor would."""
    lines = path.read_text(encoding="utf-8").split("\n")
    found = set()
    for text, code in BODY_LINES:
        if code is None:
            continue
        number = lines.index(text) + 1
        target_start = max(text.find("]("), text.find("]: "), text.find('href="'))
        offset = {"](": 2, "]: ": 3, 'href="': 6}
        for marker, skip in offset.items():
            if text.find(marker) == target_start:
                found.add((number, target_start + skip + 1, code))
                break
    return found


def test_broken_links_and_anchors_are_reported_at_their_line_and_column(linked_site: Path):
    result = load_content(linked_site, INIT_DAY)
    assert result.ok, result.problems
    problems = check_links(result.index, result.documents)
    got = {(p.line, p.column, p.code) for p in problems}
    assert got == _expected(linked_site / "policies" / "links-policy.md")
    assert all(p.path == "content/policies/links-policy.md" for p in problems)
    assert all(p.is_error for p in problems)


def test_check_command_reports_body_links(linked_site: Path, run_cli):
    result = run_cli("check", "--content", linked_site, "--today", INIT_DAY.isoformat())
    assert result.exit_code == 1
    assert "content/policies/links-policy.md" in result.output
    assert "锚点 #没有这一节 不存在" in result.output
    assert "正文链接“../funds/missing-fund.md”指向的条目或文件不存在" in result.output


def test_the_new_site_examples_link_to_each_other_without_problems(new_site: Path):
    result = load_content(new_site / "content", INIT_DAY)
    body_links = [link for doc in result.documents.values() for link in extract_links(doc.body)]
    assert len(body_links) >= 4
    assert check_links(result.index, result.documents) == []


def test_anchors_follow_the_site_heading_slugs():
    body = "## 第一条 总则\n\n## 第一条 总则\n\n## Scope & Terms\n\n## 自定 {#custom}\n"
    anchors = heading_anchors(body)
    assert heading_slug("第一条 总则", "-") == "第一条-总则"
    assert anchors == {
        "第一条-总则",
        "第一条-总则_1",  # a repeated heading gets a suffix, as on the page
        heading_slug("Scope & Terms", "-"),
        "custom",
    }


def test_links_inside_code_are_ignored():
    body = "```\n[a](x.md)\n```\n\n`[b](y.md)` and [c](z.md)\n"
    assert [(link.target, link.line, link.column) for link in extract_links(body, 10)] == [
        ("z.md", 14, 21)
    ]


def test_lines_passed_over_for_speed_hold_no_link_of_any_form():
    """Lines without `[`, `<`, `href` or `src` are not scanned; every form has one of them,
    in any case, so the links found equal a scan of every line."""
    from generator.content.links import _line_targets
    from generator.markup.scan import blank_code_spans, lines_outside_fences

    body = (
        "第一段没有链接。\n见[政策](a.md)。\n![图](b.png)\n[ref]: c.md\n"
        "<HTTPS://example.org/x>\n<a HREF=\"d.html\">d</a>\nSRC='e.png' 文本\n"
        "`[代码](f.md)` 与 [g](g.md)\n```\n[h](h.md)\n```\n最后一段。\n"
    )
    every_line = [
        (target.strip("<>"), offset + 3)
        for offset, raw in lines_outside_fences(body)
        for _, target in _line_targets(blank_code_spans(raw))
    ]
    found = [(link.target, link.line) for link in extract_links(body, 3)]
    assert sorted(found) == sorted(every_line)
    targets = {target for target, _ in found}
    assert {"a.md", "b.png", "c.md", "HTTPS://example.org/x", "d.html", "e.png", "g.md"} <= targets
    assert extract_links("没有任何链接的正文。\n\n第二段。\n") == []


# -- external links against a local server --------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    def _answer(self, with_body: bool) -> None:
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/no-head" and self.command == "HEAD":
            status = 405
        else:
            status = {"/ok": 200, "/no-head": 200, "/slow": 200}.get(self.path, 404)
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib name
        self._answer(False)

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self._answer(True)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def _server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_external_links_are_tried_and_failures_are_warnings(new_site: Path):
    content = new_site / "content"
    with _server() as base:
        body = (
            f"\n[好]({base}/ok)\n\n[无 HEAD]({base}/no-head)\n\n[缺]({base}/missing)\n\n"
            f"[慢]({base}/slow)\n\n[再次缺]({base}/missing#x)\n"
        )
        write_item(content, "policies/links-policy.md", POLICY_FRONT, body)
        result = load_content(content, INIT_DAY)
        internal_only = check_links(result.index, result.documents)
        problems = check_links(result.index, result.documents, external=True, timeout=0.5)
    assert internal_only == []
    lines = (content / "policies" / "links-policy.md").read_text(encoding="utf-8").split("\n")
    line_of = {text.split("]")[0]: n for n, text in enumerate(lines, start=1)}
    got = sorted((p.line, p.column, p.code, p.severity) for p in problems)
    assert got == [
        (line_of["[缺"], 5, "external_link_status", "warning"),
        (line_of["[慢"], 5, "external_link_timeout", "warning"),
        (line_of["[再次缺"], 7, "external_link_status", "warning"),
    ]
    assert "HTTP 404" in problems[0].message()


def test_check_links_flag_reaches_the_network(new_site: Path, run_cli):
    content = new_site / "content"
    with _server() as base:
        write_item(content, "policies/links-policy.md", POLICY_FRONT, f"\n[缺]({base}/gone)\n")
        plain = run_cli("check", "--content", content, "--today", INIT_DAY.isoformat())
        checked = run_cli("check", "--content", content, "--today", INIT_DAY.isoformat(), "--links")
    assert "/gone" not in plain.output
    assert f"links-policy.md:10:5: warning: 外部链接“{base}/gone”无法访问" in checked.output
    assert checked.exit_code == 0
