"""In Chromium: the 通知发送 page with a failed message passes axe and fits 320 px, and its
retry button works with JavaScript off."""

from __future__ import annotations

import pytest

from generator.notify.outbox import PENDING, Message, Outbox, Retry
from tests.support.axe import format_violations
from tests.workbench import browser_support
from tests.workbench.browser_support import sign_in_page

pytestmark = pytest.mark.browser
database_url = browser_support.database_url
KEY = "20261126-ABCDE.received.email.0123456789abcdef"  # a long key, as real ones are


@pytest.fixture
def outbox(staff_app, clock) -> Outbox:
    outbox = Outbox(staff_app.store, staff_app.desk.keys, Retry(max_attempts=1))
    now = clock().timestamp()
    outbox.put([Message(KEY, "email", "someone@example.com", "petition.received", {})], now)
    (claimed,) = outbox.claim(now, 10, 60)
    outbox.settle([(claimed, "451 邮件服务器暂不可用：" + "连接被对方关闭" * 8)], now)
    return outbox


@pytest.mark.parametrize("width", [1280, 320])
def test_the_page_passes_axe_fits_and_retries_without_javascript(
    page_factory, served_staff, staff_app, make_account, clock, outbox,
    axe_check, no_horizontal_scroll, width,
):  # fmt: skip
    user = make_account("chen", roles={"supervisor"}, departments={"gxj"})
    page = page_factory(viewport_width=width)
    sign_in_page(page, served_staff, user, staff_app, clock)
    page.goto(served_staff + "outbox")
    assert KEY in page.inner_text("table")
    assert not (found := axe_check(page)), format_violations(found)
    assert no_horizontal_scroll(page), f"the outbox page scrolls sideways at {width}px"
    quiet = page_factory(viewport_width=width, javascript=False)
    sign_in_page(quiet, served_staff, user, staff_app, clock)
    quiet.goto(served_staff + "outbox")
    quiet.get_by_role("button", name=f"重发 {KEY}").click()
    quiet.wait_for_url("**/staff/outbox?done=1")
    assert "已重新排队 1 条" in quiet.inner_text("[role=status]")
    assert outbox.counts() == {PENDING: 1}
