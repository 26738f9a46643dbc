"""A hostile content tree built in tmp_path: every stored-XSS vector of issue 13 in one site
(fixtures `hostile_site`, `hostile_build`, named in conftest.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli.init import InitOptions, init_site
from generator.credit_code import check_character
from tests.support.placeholders import fill_placeholders

HOSTILE_DAY = dt.date(2026, 3, 10)
# Every payload sets this global (or opens a dialog); the browser tests assert it stays unset.
PWNED = "window.__pwned=1"


@dataclass(frozen=True)
class Vector:
    """One hostile body line, the problem check must report on it, and where (`marker`'s column)."""

    name: str
    markdown: str
    code: str | None  # None: no problem expected (the construct is shown as text)
    marker: str = "{"


VECTORS = (
    Vector(
        "heading_attr", f'## 标题 {{onfocus="{PWNED}" autofocus tabindex=1}}', "unsafe_attribute"
    ),
    Vector(
        "heading_toc_label",
        '## 目录 {data-toc-label="&lt;img src=x onerror=alert(1)&gt;"}',
        "unsafe_attribute",
    ),
    Vector("image_attr", f'![图](missing.png){{onerror="{PWNED}"}}', "unsafe_attribute"),
    Vector(
        "link_attr",
        f'[链接](https://example.gov.cn/){{onclick="{PWNED}" onmouseover="{PWNED}"}}',
        "unsafe_attribute",
    ),
    Vector(
        "emphasis_attr",
        f'**重点**{{onmouseover="{PWNED}" style="display:block"}}',
        "unsafe_attribute",
    ),
    Vector("block_attr", f'这一段话\n{{: onclick="{PWNED}" }}', "unsafe_attribute"),
    Vector(
        "table_attr",
        f'| 甲 | 乙 |\n|---|---|\n| 一 {{onmouseover="{PWNED}"}} | 二 |',
        "unsafe_attribute",
    ),
    Vector("javascript_link", f"[点这里](javascript:{PWNED})", "unsafe_link_scheme", "javascript:"),
    Vector("mixed_case_link", f"[点这里](JaVaScRiPt:{PWNED})", "unsafe_link_scheme", "JaVaScRiPt:"),
    Vector(
        "entity_tab_link", f"[点这里](java&#x09;script:{PWNED})", "unsafe_link_scheme", "java&#x09;"
    ),
    Vector(
        "entity_letter_link", f"[点这里](&#106;avascript:{PWNED})", "unsafe_link_scheme", "&#106;"
    ),
    Vector(
        "data_link",
        "[点这里](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "unsafe_link_scheme",
        "data:",
    ),
    Vector("vbscript_link", "[点这里](vbscript:msgbox)", "unsafe_link_scheme", "vbscript:"),
    Vector("javascript_image", f"![图](javascript:{PWNED})", "unsafe_link_scheme", "javascript:"),
    Vector(
        "data_image",
        "![图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "unsafe_link_scheme",
        "data:",
    ),
    Vector(
        "reference_link",
        f"[引用式][evil]\n\n[evil]: javascript:{PWNED}",
        "unsafe_link_scheme",
        "javascript:",
    ),
    Vector(
        "reference_image",
        f"![引用图][evilimg]\n\n[evilimg]: javascript:{PWNED}",
        "unsafe_link_scheme",
        "javascript:",
    ),
    Vector("ftp_autolink", "<ftp://example.gov.cn/file>", "unsafe_link_scheme", "ftp:"),
    Vector("script_autolink", f"<javascript:{PWNED}>", None),
    Vector("raw_html", f'<img src="missing.png" onerror="{PWNED}"><script>{PWNED}</script>', None),
    # Code is text; its blank line must not end the staged HTML block (test_hostile_build).
    Vector(
        "code_block", f"```\n[代码](javascript:{PWNED})\n\n[代码](javascript:{PWNED})\n```", None
    ),
    # Shown as text, but a raw `href` is still checked like a link target.
    Vector(
        "raw_svg",
        f'<svg onload="{PWNED}"><a href="javascript:{PWNED}">x</a></svg>',
        "unsafe_link_scheme",
        "javascript:",
    ),
)
INTERPRETATION_VECTOR = f"政策解读见[此处](javascript:{PWNED})。"

POLICY_FRONT = """
title: 恶意内容测试政策
department: office
published: 2026-01-05
issuer: 测试机关
level: local
signed: 2026-01-04
interpretation: "{interpretation}"
"""


def hostile_body() -> str:
    return "\n" + "\n\n".join(v.markdown for v in VECTORS) + "\n"


@dataclass(frozen=True)
class HostileSite:
    root: Path  # holds mkdocs.yml
    content: Path
    policy: Path  # the item holding VECTORS

    def position(self, vector: Vector) -> tuple[int, int]:
        """1-based (line, column) of `vector.marker` on the vector's problem line in the file."""
        lines = self.policy.read_text(encoding="utf-8").split("\n")
        block = vector.markdown.split("\n")
        problem_line = next(line for line in block if vector.marker in line)
        start = next(
            i for i in range(len(lines)) if lines[i : i + len(block)] == block
        ) + block.index(problem_line)
        return start + 1, lines[start].index(vector.marker) + 1


def credit_code(seed: int) -> str:
    first = f"91350000MA{seed:07d}"
    return first + check_character(first)


FORMULA_NAMES = (
    '=HYPERLINK("http://evil.example","点我")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|'/C calc'!A0",
    "-2+3",
)


def write_hostile_site(root: Path) -> HostileSite:
    init_site(root, InitOptions(), HOSTILE_DAY)
    fill_placeholders(root)
    content = root / "content"
    policy = content / "policies" / "hostile-policy.md"
    front = POLICY_FRONT.format(interpretation=INTERPRETATION_VECTOR).strip()
    policy.write_text(f"---\n{front}\n---\n{hostile_body()}", encoding="utf-8")
    rows = ["name,credit_code,amount,project"]
    for seed, name in enumerate(FORMULA_NAMES, start=10):
        cell = '"' + name.replace('"', '""') + '"'
        rows.append(f"{cell},{credit_code(seed)},1000,=1+1")
    (content / "attachments" / "example-recipients.csv").write_text(
        "\n".join(rows) + "\n", encoding="utf-8"
    )
    return HostileSite(root, content, policy)


@pytest.fixture
def hostile_site(tmp_path: Path) -> HostileSite:
    return write_hostile_site(tmp_path / "hostile")


@dataclass(frozen=True)
class HostileBuild:
    source: HostileSite
    site: Path  # the MkDocs build
    stage: Path  # the staging folder for another builder


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory) -> HostileBuild:
    """The hostile site built by MkDocs and staged, with `check` bypassed: the sanitizer alone
    stands between the vectors and the pages (as it does if check is skipped or wrong)."""
    from generator.adapters.mkdocs.run import run_mkdocs
    from generator.adapters.staging import write_staging
    from generator.content.loader import load_content
    from generator.site import compile_site

    root = tmp_path_factory.mktemp("hostile-build")
    source = write_hostile_site(root / "repo")
    result = load_content(source.content, HOSTILE_DAY)
    assert result.index is not None, result.problems
    site, stage = root / "site", root / "stage"
    run_mkdocs(source.root / "mkdocs.yml", site, result.index, HOSTILE_DAY)
    write_staging(compile_site(result.index, HOSTILE_DAY), stage)
    return HostileBuild(source, site, stage)
