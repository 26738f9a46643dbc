"""In Chromium, the built sample site and the handler on one origin: comment on the open
consultation with JavaScript on and off, see the count, read the feedback of a closed one;
axe finds nothing serious, and 320 px wide needs no horizontal scroll."""

from __future__ import annotations

import dataclasses
import datetime as dt
from contextlib import ExitStack

import pytest

from generator.petitions import comment_store
from generator.petitions.app import create_app
from generator.petitions.comment_windows import load_windows
from generator.petitions.config import load_site
from tests.petitions.conftest import Clock, make_settings, serve_with_waitress
from tests.support.axe import format_violations
from tests.support.builds import REPO
from tests.support.servers import with_static_files

pytestmark = pytest.mark.browser

OPEN = "consultations/digital-transformation-measures-2027-draft/"
ANSWERED = "consultations/green-manufacturing-awards-2026-draft/"


@pytest.fixture
def served(sample_site, tmp_path):
    """The sample site (built for 2026-11-26) and the handler for its content, same origin."""
    site = load_site(REPO / "content" / "site.yaml")
    settings = dataclasses.replace(
        make_settings(site, f"sqlite:///{tmp_path / 'comments.db'}", "off"),
        consultations=load_windows(REPO / "content" / "consultations", site.zone),
    )
    clock = Clock(dt.datetime(2026, 11, 26, 2, 0, tzinfo=dt.UTC))
    app = create_app(settings, clock=clock)
    with ExitStack() as stack:
        stack.callback(app.store.close)
        base = stack.enter_context(serve_with_waitress(with_static_files(app, sample_site)))
        app.settings = dataclasses.replace(
            app.settings, allowed_origins=app.settings.allowed_origins | {base.rstrip("/")}
        )
        yield base, app


def comment_on(page) -> None:
    page.fill("#f-clause", "第二条")
    page.fill("#f-content", "建议将智能化改造的投资额门槛由500万元降至300万元。")
    page.fill("#f-enterprise", "晋江市某某纺织有限公司")


def test_comment_without_javascript(served, page_factory):
    base, app = served
    page = page_factory(javascript=False)
    page.goto(base + OPEN)
    page.click("form.qq-comment-form button[type=submit]")
    assert "请填写意见建议" in page.inner_text("#f-error-summary")  # the server's answer
    comment_on(page)
    page.fill("#f-contact", "王先生 13905951234")
    page.click("form.qq-comment-form button[type=submit]")
    assert "请阅读并勾选" in page.inner_text("#f-error-summary")
    assert page.input_value("#f-content").startswith("建议将智能化改造")  # nothing lost
    page.check("#f-consent")
    page.click("form.qq-comment-form button[type=submit]")
    receipt = page.inner_text("[data-qq-comment-receipt]")
    assert "意见已收到" in receipt and "YJ20261126-" in receipt
    [stored] = comment_store.comments_of(app.store, "digital-transformation-measures-2027-draft")
    assert stored.clause == "第二条" and stored.enterprise == "晋江市某某纺织有限公司"


def test_comment_with_javascript_and_see_the_count(served, page_factory):
    base, app = served
    page = page_factory()
    page.goto(base + OPEN)
    count = page.locator("[data-qq-comment-count]")
    count.wait_for(state="visible")
    assert count.inner_text() == "截至目前已收到意见 0 条。"
    comment_on(page)
    page.click("form.qq-comment-form button[type=submit]")
    page.locator("[data-qq-comment-receipt]").wait_for()
    page.goto(base + OPEN)
    page.wait_for_function(
        "() => document.querySelector('[data-qq-comment-count]').textContent.includes('1 条')"
    )
    assert comment_store.count_of(app.store, "digital-transformation-measures-2027-draft") == 1


def test_the_answered_consultation_shows_its_feedback(served, page_factory):
    base, _ = served
    page = page_factory(javascript=False)
    page.goto(base + ANSWERED)
    feedback = page.locator(".qq-feedback")
    assert feedback.is_visible()
    assert "意见采纳情况" in feedback.inner_text() and "23 条" in feedback.inner_text()
    assert page.locator("form.qq-comment-form").count() == 0


@pytest.mark.parametrize("path", [OPEN, ANSWERED, "consultations/", ""])
def test_pages_pass_axe_and_fit_320_px(served, page_factory, axe_check, no_horizontal_scroll, path):
    base, _ = served
    page = page_factory()
    page.goto(base + path)
    assert not (found := axe_check(page)), format_violations(found)
    narrow = page_factory(viewport_width=320)
    narrow.goto(base + path)
    assert no_horizontal_scroll(narrow), path


def test_the_error_and_receipt_answers_pass_axe(served, page_factory, axe_check):
    base, _ = served
    page = page_factory()  # the form posts plainly with JavaScript on too
    page.goto(base + OPEN)
    page.click("form.qq-comment-form button[type=submit]")
    assert not (found := axe_check(page)), format_violations(found)
    comment_on(page)
    page.click("form.qq-comment-form button[type=submit]")
    page.locator("[data-qq-comment-receipt]").wait_for()
    assert not (found := axe_check(page)), format_violations(found)


@pytest.mark.parametrize(
    ("path", "instant", "label"),
    [
        (OPEN, "2026-12-20T23:59:00+08:00", "征求意见中"),
        (OPEN, "2026-12-21T00:00:01+08:00", "已截止"),
        (
            "consultations/specialized-smes-cultivation-2027-draft/",
            "2026-12-08T08:00:00+08:00",
            "征求意见中",
        ),
        (ANSWERED, "2026-11-17T12:00:00+08:00", "已截止"),  # before its feedback was published
    ],
)
def test_a_page_built_earlier_shows_the_status_of_today(served, page_factory, path, instant, label):
    base, _ = served
    page = page_factory()
    page.clock.set_fixed_time(dt.datetime.fromisoformat(instant))
    page.goto(base + path)
    badge = page.locator(".qq-item-status .qq-status")
    page.wait_for_function(
        "([el, label]) => el.textContent === label", arg=[badge.element_handle(), label]
    )
    assert badge.inner_text() == label
