"""In Chromium, on a real build: subscribe on the 订阅 page (JavaScript off), confirm from the
received mail, get a digest after a build that adds a matching item, unsubscribe with one POST."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.notify.compose import public_app, render
from generator.notify.config import SmtpConfig
from generator.notify.digest import read_items, run_digest
from generator.notify.mail import SmtpChannel
from generator.notify.sender import Sender
from generator.petitions.casebook import site_calendar
from generator.petitions.config import load_site
from generator.petitions.serve import static_and_api
from tests.petitions.conftest import make_settings, serve_with_waitress
from tests.support.axe import axe_check, format_violations, no_horizontal_scroll
from tests.support.builds import qinqing_build
from tests.support.content_fixture import write_mkdocs_config

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-11-26"
NEW_POLICY = """\
---
title: 晋江市关于支持企业数字化转型的若干措施
department: jjgxj
published: 2026-11-26
issuer: 晋江市人民政府办公室
level: local
signed: 2026-11-20
summary: >-
  面向规模以上工业企业的数字化改造补助、诊断服务和示范项目奖励。
---

## 主要内容

对完成数字化改造的企业按设备投资额给予补助。
"""


def _path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def test_subscribe_confirm_digest_unsubscribe(tmp_path, page_factory, smtp_server):
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    config = write_mkdocs_config(tmp_path, content, search=False)
    site_dir = tmp_path / "site"
    qinqing_build(site_dir, TODAY, config)
    site = load_site(content / "site.yaml")
    settings = make_settings(site, f"sqlite:///{tmp_path / 'var' / 'petitions.db'}", "off")
    api = public_app(settings)
    channel = SmtpChannel(
        SmtpConfig(smtp_server.host, smtp_server.port, "none", "亲清 <noreply@example.gov.cn>")
    )
    sender = Sender(api.outbox, {"email": channel}, render)
    calendar = site_calendar(site)

    def digest() -> None:
        run_digest(
            api.outbox,
            site,
            read_items(site_dir),
            dt.date.fromisoformat(TODAY),
            calendar,
            time.time(),
        )

    digest()  # the baseline: what the site holds before anyone subscribed
    with serve_with_waitress(static_and_api(api, site_dir)) as base:
        origin = base.rstrip("/")
        api.settings = dataclasses.replace(
            api.settings, allowed_origins=api.settings.allowed_origins | {origin}
        )
        page = page_factory(viewport_width=320, javascript=False)
        page.goto(f"{base}subscribe/")
        form = page.locator("form.qq-form")
        assert page.locator("h2").first.inner_text() == "邮件订阅提醒"  # the form leads the page
        page.fill("#s-email", "wang@example.com")
        page.check("#s-collections-policies")
        form.locator("button[type=submit]").click()
        assert "请查收确认邮件" in page.inner_text("body")
        assert sender.run_once().sent == 1
        (confirm_mail,) = smtp_server.wait(1)
        confirm = re.search(
            r"https://\S+/subscriptions/confirm\?\S+", confirm_mail.get_content()
        ).group(0)
        page.goto(base.rstrip("/") + _path(confirm))
        page.click("button[type=submit]")
        assert "订阅已生效" in page.inner_text("body")

        (content / "policies" / "digital-measures-2026.md").write_text(NEW_POLICY, encoding="utf-8")
        qinqing_build(site_dir, TODAY, config)
        digest()
        assert sender.run_once().sent == 1
        _, digest_mail = smtp_server.wait(2)
        assert digest_mail["To"] == "wang@example.com"
        assert (
            "晋江市关于支持企业数字化转型的若干措施"
            in digest_mail.get_body(("plain",)).get_content()
        )
        one_click = digest_mail["List-Unsubscribe"].strip().strip("<>")
        answer = page.request.post(
            origin + _path(one_click), form={"List-Unsubscribe": "One-Click"}
        )
        assert answer.status == 200 and answer.json() == {"status": "unsubscribed"}
        (content / "policies" / "digital-measures-2026-b.md").write_text(
            NEW_POLICY.replace("若干措施", "若干措施（二）"), encoding="utf-8"
        )
        qinqing_build(site_dir, TODAY, config)
        digest()
        assert sender.run_once().sent == 0  # no digest after unsubscribing

        checked = page_factory(viewport_width=320)
        checked.goto(f"{base}subscribe/")
        assert no_horizontal_scroll(checked)
        violations = [
            v
            for v in axe_check(checked)
            if any("qq-signup" in t or "s-" in t for t in v["targets"])
        ]
        assert not violations, format_violations(violations)
    api.store.close()
