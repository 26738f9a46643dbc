"""In Chromium: mark a reply publishable on the workbench (a refusal first), export the
snapshot, build the site, and find the answer on the public 答复选登 pages and in search.
The public list and the 督办统计 page pass axe (no serious or critical finding) at 320 px."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from tests.features.search.runner import search_via_url
from tests.petitions.conftest import SECRET, submit
from tests.support.axe import format_violations, no_horizontal_scroll
from tests.support.builds import run_build
from tests.support.content_fixture import TODAY, write_content, write_mkdocs_config
from tests.workbench import browser_support
from tests.workbench.browser_support import sign_in_page

pytestmark = pytest.mark.browser

PUBLIC_SUBJECT = "技改补助资金拨付时间"
PUBLIC_ANSWER = "经核实，技改补助资金将于本月底前拨付到企业账户，请留意到账情况。"


database_url = browser_support.database_url


def sign_in(page, base: str, user, staff_app, clock) -> None:
    sign_in_page(page, f"{base}staff/", user, staff_app, clock)


def publish_in_the_workbench(page, base: str, receipt: str) -> None:
    page.goto(f"{base}staff/petitions/{receipt}")
    with page.expect_navigation():
        page.click("a:has-text('答复选登')")
    page.fill("#a-subject", PUBLIC_SUBJECT)
    page.fill("#a-answer", "林小姐您好，资金本月拨付。")
    with page.expect_navigation():
        page.click("form[action$='/answers/" + receipt + "'] button[type=submit]")
    assert "联系人姓名“林小姐”" in page.inner_text("[role=alert]")
    page.fill("#a-answer", PUBLIC_ANSWER)
    with page.expect_navigation():
        page.click("form[action$='/answers/" + receipt + "'] button[type=submit]")
    assert "已保存公开文本" in page.inner_text("[role=status]")


def export_and_build(site_path, database_url, root: Path, monkeypatch) -> Path:
    monkeypatch.setenv("QINQING_SECRET_KEY", SECRET.decode())
    content = write_content(root)
    args = ["petitions", "--config", str(site_path), "--database-url", database_url]
    done = CliRunner().invoke(main, [*args, "answers", "--output", str(content / "answers.json")])
    assert done.exit_code == 0, done.output
    config = write_mkdocs_config(root, content)
    site = root / "site"
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    run_build([*mkdocs, "-d", str(site)], TODAY)
    return site


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_publish_export_build_and_find_the_answer(
    office, staff_app, make_account, clock, serve_wsgi, serve_dir, page_factory, axe_check,
    site_path, database_url, tmp_path, monkeypatch, javascript,
):  # fmt: skip
    receipt = submit(office, category="consult", publish_consent=True)
    office.act(receipt, "accept", "clerk", route="local")
    office.act(receipt, "reply", "clerk", text="林小姐您好：经核实，资金本月底前拨付。")
    base = serve_wsgi(staff_app)
    user = make_account("chen", roles={"supervisor", "handler"}, departments={"gxj"})
    page = page_factory(javascript=javascript)
    sign_in(page, base, user, staff_app, clock)
    publish_in_the_workbench(page, base, receipt)
    if javascript:
        violations = axe_check(page)  # the 答复选登 form, after saving
        assert violations == [], format_violations(violations)

    figures = page_factory(viewport_width=320, javascript=javascript)
    sign_in(
        figures,
        base,
        make_account("zhao", roles={"supervisor"}, departments=set()),
        staff_app,
        clock,
    )
    figures.goto(f"{base}staff/figures?period=year")
    assert "晋江市工业和信息化局" in figures.inner_text("table")
    assert no_horizontal_scroll(figures)
    if javascript:  # axe runs as a script
        violations = axe_check(figures)
        assert violations == [], format_violations(violations)

    site = export_and_build(site_path, database_url, tmp_path / "public", monkeypatch)
    public = serve_dir(site)
    visitor = page_factory(viewport_width=320, javascript=javascript)
    visitor.goto(f"{public}answers/")
    assert PUBLIC_SUBJECT in visitor.inner_text("main")
    for secret in ("林小姐", "某某鞋业", "13905951234", receipt):
        assert secret not in visitor.content()
    assert no_horizontal_scroll(visitor)
    if javascript:
        violations = axe_check(visitor)
        assert violations == [], format_violations(violations)
    with visitor.expect_navigation():
        visitor.click(f"a:has-text('{PUBLIC_SUBJECT}')")
    assert PUBLIC_ANSWER in visitor.inner_text("main")
    if javascript:
        found = search_via_url(visitor, public, "技改补助资金")
        assert any(key.startswith("answers/") for key in found), found
