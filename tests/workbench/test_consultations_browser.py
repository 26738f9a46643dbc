"""In Chromium: a handler marks a consultation's comments in the workbench (JavaScript on and
off) and reads the counts and the draft 采纳情况; axe and 320 px on its pages."""

from __future__ import annotations

import pytest

from tests.support.axe import format_violations
from tests.workbench import browser_support
from tests.workbench.browser_support import sign_in_page
from tests.workbench.test_consultations import OPEN, consulting  # noqa: F401 - a fixture

pytestmark = pytest.mark.browser
database_url = browser_support.database_url


@pytest.fixture
def signed_in_page(page_factory, staff_app, make_account, clock, served_staff):
    """`signed_in_page(javascript, width)` -> (a page signed in as handler lin of gxj, base)."""

    def start(javascript: bool = True, width: int = 1280):
        user = make_account("lin", roles={"handler"}, departments={"gxj"})
        base = served_staff
        page = page_factory(javascript=javascript, viewport_width=width)
        sign_in_page(page, base, user, staff_app, clock)
        return page, base

    return start


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_mark_the_comments_and_read_the_counts(signed_in_page, consulting, javascript):  # noqa: F811
    page, base = signed_in_page(javascript)
    page.get_by_role("link", name="意见征集", exact=True).click()
    page.get_by_role("link", name="工信局征求意见稿").click()
    choices = [("采纳", ""), ("未采纳", "与本办法无关"), ("部分采纳", "部分放宽")]
    for number, (label, reason) in zip(consulting, choices, strict=True):
        card = page.locator(f"#c-{number}")
        card.get_by_label(label, exact=True).check()
        card.get_by_label("理由（部分采纳、未采纳时必填）").fill(reason)
        card.get_by_role("button", name="保存").click()
        page.wait_for_url(f"**/staff/consultations/{OPEN}")
    assert page.locator('[data-count="received"]').inner_text() == "3"
    assert page.locator('[data-count="adopted"]').inner_text() == "1"
    assert page.locator('[data-count="partly"]').inner_text() == "1"
    assert page.locator('[data-count="declined"]').inner_text() == "1"
    draft = page.input_value("#draft-text")
    assert "其中采纳 1 条、部分采纳 1 条、未采纳 1 条。" in draft and "与本办法无关" in draft


@pytest.mark.parametrize("width", [1280, 320])
def test_the_pages_pass_axe_and_fit(
    signed_in_page,
    consulting,  # noqa: F811 - the fixture imported above
    axe_check,
    no_horizontal_scroll,
    width,  # noqa: F811
):
    page, base = signed_in_page(True, width)
    for path in ("consultations", f"consultations/{OPEN}"):
        page.goto(base + path)
        assert not (found := axe_check(page)), format_violations(found)
        assert no_horizontal_scroll(page), (path, width)
    card = page.locator(f"#c-{consulting[0]}")
    card.get_by_label("未采纳", exact=True).check()
    card.get_by_role("button", name="保存").click()
    page.locator(".error").wait_for()
    assert not (found := axe_check(page)), format_violations(found)
