"""In Chromium, with JavaScript on and off: sign in, take a petition from the queue through
accept, 转办, reply with a template and close; the enterprise's lookup then shows the public
steps only. The queue and petition pages pass axe and fit 320 px."""

from __future__ import annotations

import dataclasses

import pytest

from generator.petitions.app import create_app
from generator.petitions.validation import validate
from tests.petitions.conftest import make_settings, valid_petition
from tests.petitions.test_browser import write_pages
from tests.support.axe import format_violations
from tests.workbench import browser_support
from tests.workbench.browser_support import sign_in_page

pytestmark = pytest.mark.browser


database_url = browser_support.database_url


@pytest.fixture
def served(site, store, database_url, clock, staff_app, serve_wsgi, tmp_path):
    """The public handler and its pages at /, the workbench at /staff/, over one store."""
    public = create_app(make_settings(site, database_url, "off"), store, clock)
    root = tmp_path / "site"
    write_pages(site, root)

    def both(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/staff" or path.startswith("/staff/"):
            return staff_app(environ, start_response)
        return public(environ, start_response)

    base = serve_wsgi(both, root)
    origin = base.rstrip("/")
    public.settings = dataclasses.replace(
        public.settings, allowed_origins=public.settings.allowed_origins | {origin}
    )
    return base, public


def submitted(public) -> tuple[str, str]:
    """A petition about a consult (gxj's) from an enterprise: (receipt, query code)."""
    fields = valid_petition(category="consult", subject="技改资金申报条件咨询")
    clean, errors = validate(fields, public.desk.site.petitions, from_form=False)
    assert not errors
    answer = public.desk.answer(public.desk.submit(clean, None, None))
    return answer["receipt"], answer["code"]


def sign_in(page, base: str, user, staff_app, clock) -> None:
    sign_in_page(page, f"{base}staff/", user, staff_app, clock)
    page.locator("h1", has_text="诉求队列").wait_for()


def press(page, form_action: str, button: str | None = None) -> None:
    """Submit the form posting to `form_action` and wait for the answer page."""
    selector = f"form[action$='{form_action}'] button[type=submit]"
    with page.expect_navigation():
        page.click(selector if button is None else f"{selector}:has-text('{button}')")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_queue_to_closed_then_the_enterprise_sees_public_steps(
    served, page_factory, make_account, staff_app, clock, javascript
):
    base, public = served
    receipt, code = submitted(public)
    user = make_account("chen", roles={"supervisor", "handler"}, departments={"gxj"})
    page = page_factory(javascript=javascript)
    sign_in(page, base, user, staff_app, clock)

    page.goto(f"{base}staff/templates")
    page.fill("#new-title", "政策咨询答复")
    page.fill("#new-body", "您好，技改资金的申报条件请见申报指南第三条。")
    press(page, "/templates")
    assert "已添加模板" in page.inner_text("main")

    page.goto(f"{base}staff/?queue=soon")
    page.click(f"a:has-text('{receipt}')")
    assert page.inner_text("h1") == "技改资金申报条件咨询"
    assert "13905951234" not in page.content()

    page.fill("#note-text", "内部：先电话了解企业设备投资情况")
    press(page, "/note")
    page.fill("#contact-reason", "电话了解设备投资")
    press(page, "/view_contact")
    assert "13905951234" in page.inner_text("main")

    page.check("input[name=route][value=local]")
    press(page, "/accept")
    assert "已受理" in page.inner_text("main")

    page.select_option("#transfer-department", "swj")
    page.fill("#transfer-reason", "设备投资认定属商务局职责")
    press(page, "/transfer")
    assert "晋江市商务局" in page.inner_text(".facts")

    page.select_option("#reply-template", label="政策咨询答复")
    if not javascript:  # with it, choosing fills the box at once (desk.js)
        with page.expect_navigation():
            page.click("button:has-text('套用模板')")
    assert page.input_value("#reply-text") == "您好，技改资金的申报条件请见申报指南第三条。"
    press(page, "/reply")
    press(page, "/close")
    assert "已办结" in page.inner_text(".facts")
    kinds = [e.kind for e in public.store.get(receipt).events]
    assert kinds == [
        "received", "noted", "contact_viewed", "accepted", "transferred", "replied", "closed"
    ]  # fmt: skip
    assert {e.actor for e in public.store.get(receipt).events[1:]} == {"chen"}

    lookup = page_factory(javascript=javascript)
    lookup.goto(f"{base}petitions/lookup/")
    lookup.fill("#l-receipt", receipt)
    lookup.fill("#l-code", code)
    with lookup.expect_response(lambda r: "/api/petitions/lookup" in r.url):
        lookup.click("form[data-qq-form='lookup'] button[type=submit]")
    result = lookup.locator("main")
    result.get_by_text("已转交晋江市商务局办理").wait_for()
    shown = result.inner_text()
    assert "技改资金的申报条件请见申报指南第三条" in shown
    for private in ("设备投资认定属商务局职责", "内部：先电话了解", "电话了解设备投资", "chen"):
        assert private not in shown


def test_queue_and_petition_pages_pass_axe_and_fit_320px(
    served, page_factory, make_account, staff_app, clock, axe_check, no_horizontal_scroll
):
    base, public = served
    receipt, _ = submitted(public)
    submitted(public)  # a likely duplicate, so the page shows that section too
    user = make_account("chen", roles={"supervisor", "handler"}, departments={"gxj"})
    for width in (1280, 320):
        page = page_factory(viewport_width=width)
        sign_in(page, base, user, staff_app, clock)
        for path in ("staff/", f"staff/petitions/{receipt}", "staff/templates"):
            page.goto(base + path)
            assert not (found := axe_check(page)), f"{path} {width}px: {format_violations(found)}"
            assert no_horizontal_scroll(page), f"{path} scrolls sideways at {width}px"
        page.goto(f"{base}staff/petitions/{receipt}")
        page.fill("#contact-reason", "核实")
        press(page, "/view_contact")
        assert not (found := axe_check(page)), format_violations(found)
        assert no_horizontal_scroll(page)
