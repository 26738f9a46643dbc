"""Comments on consultations (意见征集): their fields, the window check and recording one.

A comment is not a petition: no reply is owed to it, so it has no query code and no time
limit; it is recorded, counted and later marked by staff. It shares the petitions' limits:
the same text rules, honeypot, per-client rate limits and sealed contact data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.petitions import comment_store
from generator.petitions.chinese import chinese_date
from generator.petitions.comment_store import Comment
from generator.petitions.config import Settings
from generator.petitions.service import random_word
from generator.petitions.store import Store, StoreError
from generator.petitions.validation import FieldRule, check_fields, in_form_order

CONTENT_MAX = 5000
EXPORT_HEADERS = (
    "意见编号", "收到时间", "针对的条款", "意见建议", "企业名称", "联系方式", "处理结果", "理由",
    "处理人", "处理时间",
)  # fmt: skip
WINDOW_MESSAGES = {
    "upcoming": "本次征求意见尚未开始（{opens} 起接收意见），请届时再提交",
    "closed": "本次征求意见已于 {closes} 截止，不再接收意见；采纳情况将在本页公布",
}


def comment_rules() -> list[FieldRule]:
    """The comment form's fields, in form order (shared by the form, the check and OpenAPI)."""
    return [
        FieldRule("clause", "针对的条款", "text", False, 100, hint="选填，如 第三条；不填视为总体意见"),
        FieldRule("content", "意见建议", "textarea", True, CONTENT_MAX, hint=f"不超过 {CONTENT_MAX} 字，请写明修改建议和理由"),
        FieldRule("enterprise", "企业名称", "text", False, 100, hint="选填"),
        FieldRule("contact", "联系方式", "text", False, 100, hint="选填：联系人和电话或邮箱，便于我们就意见与您沟通", personal=True),
        FieldRule("consent", "我已阅读并同意个人信息处理告知", "bool", False, hint="填写联系方式时须勾选"),
    ]  # fmt: skip


def validate_comment(
    data: Mapping[str, Any], from_form: bool
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Clean values and (field, message) errors; unknown JSON keys are errors too."""
    rules = comment_rules()
    clean, errors = check_fields(data, rules, from_form)
    failed = {field for field, _ in errors}
    errors += [
        (r.name, f"请填写{r.label}")
        for r in rules
        if r.required and r.name not in failed and not clean.get(r.name)
    ]
    if clean.get("contact") and not clean.get("consent") and "consent" not in failed:
        errors.append(("consent", "填写了联系方式时，请阅读并勾选同意个人信息处理告知"))
    return clean, in_form_order(errors, rules)


@dataclass(frozen=True)
class Recorded:
    """What recording a comment came to: a number, a refusal for the window, or a wait."""

    kind: str  # created | unknown | upcoming | closed | limited
    answer: dict[str, Any] | None = None
    message: str = ""
    retry_after: int | None = None


class CommentDesk:
    """Records comments for one site and store; the clock is injected."""

    def __init__(self, settings: Settings, store: Store, now: Any) -> None:
        self.settings = settings
        self.store = store
        self.now = now  # () -> aware datetime in the site's zone
        self.keys = settings.keyring()

    def window_refusal(self, consultation: str) -> Recorded | None:
        """Why `consultation` takes no comment now, or None while its window is open."""
        window = self.settings.consultations.get(consultation)
        if window is None:
            return Recorded("unknown", message="没有这个意见征集，或它不接收网上意见")
        state = window.state(self.now())
        if state == "open":
            return None
        text = WINDOW_MESSAGES[state].format(
            opens=chinese_date(window.opens), closes=chinese_date(window.closes)
        )
        return Recorded(state, message=text)

    def record(self, consultation: str, clean: dict[str, Any], client: str | None) -> Recorded:
        refusal = self.window_refusal(consultation)
        if refusal is not None:
            return refusal
        now = self.now()
        limits = self.settings.rate_limits
        if client is not None and limits:
            wait = self.store.hit("comment", client, limits, now.timestamp())
            if wait is not None:
                return Recorded("limited", retry_after=wait)
        for _attempt in range(6):
            number = f"YJ{now:%Y%m%d}-{random_word(5)}"
            contact = clean.get("contact")
            comment = Comment(
                number=number,
                consultation=consultation,
                received_at=now,
                enterprise=clean.get("enterprise"),
                contact=self.keys.seal({"contact": contact}, number) if contact else None,
                clause=clean.get("clause"),
                content=clean["content"],
            )
            with self.store.tx() as conn:
                if comment_store.insert(self.store, conn, comment):
                    return Recorded("created", self.answer(comment))
        raise StoreError("could not allocate a comment number")

    def answer(self, comment: Comment) -> dict[str, Any]:
        """The receipt: the number, when, on what; never the text or the contact."""
        window = self.settings.consultations[comment.consultation]
        return {
            "number": comment.number,
            "consultation": comment.consultation,
            "title": window.title,
            "received_at": comment.received_at.isoformat(timespec="seconds"),
            "closes": window.closes.date().isoformat(),
        }

    def decoy(self, consultation: str) -> dict[str, Any]:
        """An ordinary-looking receipt for a honeypot hit; nothing is stored."""
        window = self.settings.consultations.get(consultation)
        now = self.now()
        return {
            "number": f"YJ{now:%Y%m%d}-{random_word(5)}",
            "consultation": consultation,
            "title": window.title if window else "",
            "received_at": now.isoformat(timespec="seconds"),
            "closes": window.closes.date().isoformat() if window else "",
        }

    def export_rows(
        self, comments: list[Comment], with_contact: bool = True
    ) -> list[tuple[str, ...]]:
        """One row per comment in EXPORT_HEADERS order, the contact unsealed (for staff) unless
        `with_contact` is False (then it is left empty and never opened)."""
        from generator.petitions.comment_store import DECISIONS

        return [
            (
                c.number, c.received_at.isoformat(timespec="seconds"), c.clause or "", c.content,
                c.enterprise or "", (self.contact_of(c) if with_contact else None) or "",
                DECISIONS.get(c.decision or "", "未处理"), c.reason or "", c.decided_by or "",
                c.decided_at.isoformat(timespec="seconds") if c.decided_at else "",
            )
            for c in comments
        ]  # fmt: skip

    def contact_of(self, comment: Comment) -> str | None:
        if not comment.contact:
            return None
        return self.keys.open(comment.contact, comment.number).get("contact")
