"""Field rules of a submission, checked one by one into Chinese messages keyed by field name.

The same rules drive the server check, the form's attributes, the browser's inline check
and the OpenAPI document, so they cannot drift apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.credit_code import credit_code_problem
from generator.petitions.written import length_problem, text_problem

if TYPE_CHECKING:
    from generator.models.site import PetitionSettings

MOBILE = r"^1[3-9]\d{9}$"
LANDLINE = r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$"
EMAIL = r"^[^@\s]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
RELATED = r"^[a-z0-9][a-z0-9-]{2,79}$"
TRUE_WORDS = frozenset({"on", "true", "1", "yes"})
FALSE_WORDS = frozenset({"", "off", "false", "0", "no"})


@dataclass(frozen=True)
class FieldRule:
    """One submission field: its Chinese label, kind, limits and hint."""

    name: str
    label: str
    kind: str  # text | textarea | choice | bool | tel | email
    required: bool
    max_length: int | None = None
    pattern: str | None = None
    hint: str = ""
    personal: bool = False
    needs_identity: bool = False  # required unless the petition is anonymous


def field_rules(settings: PetitionSettings) -> list[FieldRule]:
    """The rules for this site's settings, in form order."""
    return [
        FieldRule("category", "诉求类别", "choice", True),
        FieldRule("subject", "标题", "text", True, settings.subject_max, hint=f"不超过 {settings.subject_max} 字"),
        FieldRule("content", "诉求内容", "textarea", True, settings.content_max, hint=f"不超过 {settings.content_max} 字，请写明事情经过和具体诉求"),
        FieldRule("related", "相关内容编号", "text", False, 80, RELATED, "选填；如针对某项资金或公示，填写其编号"),
        FieldRule("enterprise", "企业名称", "text", True, 100, needs_identity=True),
        FieldRule("credit_code", "统一社会信用代码", "text", False, 18, hint="选填，18 位"),
        FieldRule("contact_name", "联系人", "text", True, 50, personal=True, needs_identity=True),
        FieldRule("phone", "联系电话", "tel", True, 30, hint="手机号码或固定电话（区号-号码）", personal=True, needs_identity=True),
        FieldRule("email", "电子邮箱", "email", False, 254, hint="选填", personal=True),
        FieldRule("anonymous", "匿名提交", "bool", False, hint="仅投诉举报类可以匿名；匿名时可不填企业和联系人信息"),
        FieldRule("consent", "我已阅读并同意个人信息处理告知", "bool", True),
        PUBLISH_CONSENT,
        *NOTIFY_RULES,
    ]  # fmt: skip


# 答复选登: optional consent to publish a de-identified version (unticked by default).
PUBLISH_CONSENT = FieldRule(
    "publish_consent",
    "同意在网站“答复选登”栏目公开本诉求去除身份信息后的标题和答复",
    "bool",
    False,
    hint="选填，不勾选不影响办理。公开前，工作人员会删去企业名称、联系人、电话、邮箱、统一社会信用代码等"
    "能识别企业或个人的信息，只公开诉求类别、承办部门、收到和答复日期、办理用时，以及改写后的标题和答复。",
)


# 办理进展通知 (issue 17): the channels the enterprise opts into at submission.
NOTIFY_RULES = (
    FieldRule("notify_sms", "短信通知办理进展", "bool", False, hint="发送到上面填写的手机号码"),
    FieldRule("notify_email", "邮件通知办理进展", "bool", False, hint="发送到上面填写的电子邮箱"),
)


def notify_problems(clean: dict[str, Any]) -> list[tuple[str, str]]:
    """A chosen channel needs its address: a mobile number for SMS, an email for mail."""
    errors = []
    if clean.get("notify_sms") and not re.match(MOBILE, clean.get("phone") or ""):
        errors.append(("notify_sms", "选择短信通知时，联系电话请填写手机号码"))
    if clean.get("notify_email") and not clean.get("email"):
        errors.append(("notify_email", "选择邮件通知时，请填写电子邮箱"))
    return errors


HONEYPOT = "website"


def _text(value: str, rule: FieldRule) -> tuple[str, str | None]:
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n")).strip()
    problem = text_problem(text, rule.label, multiline=rule.kind == "textarea")
    if problem:
        return text, problem
    if rule.max_length is not None:
        return text, length_problem(text, rule.label, rule.max_length)
    return text, None


def honeypot_filled(data: Mapping[str, Any]) -> bool:
    """Whether the hidden field was filled: anything but an absent key or an empty string."""
    return HONEYPOT in data and data[HONEYPOT] != ""


def _bool(value: Any, rule: FieldRule, from_form: bool) -> tuple[bool, str | None]:
    if isinstance(value, bool):
        return value, None
    if from_form and isinstance(value, str) and value.strip().lower() in TRUE_WORDS | FALSE_WORDS:
        return value.strip().lower() in TRUE_WORDS, None
    return False, f"{rule.label}应为 true 或 false"


def normalize_phone(text: str) -> str:
    phone = re.sub(r"[\s()（）]", "", text)
    return re.sub(r"^(\+?86)(?=1\d{10}$)", "", phone)


def _check(rule: FieldRule, text: str, settings: PetitionSettings) -> tuple[str, str | None]:
    """Field-specific checks on a non-empty, length-checked value."""
    name = rule.name
    if name == "category" and text not in settings.categories:
        return text, "未知的诉求类别，请从列表中选择"
    if name == "phone":
        phone = normalize_phone(text)
        if not (re.match(MOBILE, phone) or re.match(LANDLINE, phone)):
            return phone, "请填写有效的手机号码（11 位）或固定电话（区号-号码）"
        return phone, None
    if name == "email" and not re.match(EMAIL, text):
        return text, "电子邮箱格式不正确，如 name@example.com"
    if name == "credit_code":
        code = text.upper()
        problem = credit_code_problem(code)
        messages = {
            "length": "统一社会信用代码应为 18 位",
            "charset": "统一社会信用代码含有无效字符（不使用 I、O、Z、S、V）",
            "check": "统一社会信用代码校验位不正确，请核对",
        }
        return code, messages.get(problem) if problem else None
    if name == "related" and not re.match(RELATED, text):
        return text, "相关内容编号只能包含小写字母、数字和连字符（3-80 位）"
    return text, None


def validate(
    data: Mapping[str, Any], settings: PetitionSettings, from_form: bool
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Clean values and (field, message) errors; unknown JSON keys are errors too."""
    rules = field_rules(settings)
    clean, errors = check_fields(data, rules, from_form, lambda r, t: _check(r, t, settings))
    errors += _cross_checks(clean, rules, settings, {field for field, _ in errors})
    errors += notify_problems(clean)
    return clean, in_form_order(errors, rules)


def check_fields(
    data: Mapping[str, Any],
    rules: list[FieldRule],
    from_form: bool,
    check: Callable[[FieldRule, str], tuple[str, str | None]] | None = None,
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Each field on its own: unknown JSON keys, type, unsafe characters, length, then `check`
    on a non-empty value. Required fields and checks across fields are the caller's."""
    errors: list[tuple[str, str]] = []
    if not from_form:
        known = {r.name for r in rules} | {HONEYPOT}
        errors += [(key[:50] or "body", "未知字段") for key in data if key not in known]
    clean: dict[str, Any] = {}
    for rule in rules:
        value = data.get(rule.name)
        if rule.kind == "bool":
            flag, error = (False, None) if value is None else _bool(value, rule, from_form)
            clean[rule.name] = flag
            if error:
                errors.append((rule.name, error))
            continue
        if value is None:
            value = ""
        if not isinstance(value, str):
            errors.append((rule.name, f"{rule.label}应为文本"))
            continue
        text, error = _text(value, rule)
        if not error and text and check is not None:
            text, error = check(rule, text)
        clean[rule.name] = text or None
        if error:
            errors.append((rule.name, error))
    return clean, errors


def in_form_order(errors: list[tuple[str, str]], rules: list[FieldRule]) -> list[tuple[str, str]]:
    """`errors` sorted by their field's place in the form (unknown fields first)."""
    order = {r.name: i for i, r in enumerate(rules)}
    return sorted(errors, key=lambda e: order.get(e[0], -1))


def _cross_checks(
    clean: dict[str, Any], rules: list[FieldRule], settings: PetitionSettings, failed: set[str]
) -> list[tuple[str, str]]:
    errors = []
    category = settings.categories.get(clean.get("category") or "")
    anonymous = bool(clean.get("anonymous"))
    if anonymous and category is not None and not category.anonymous:
        allowed = (
            "、".join(c.name for c in settings.categories.values() if c.anonymous) or "任何类别都不"
        )
        errors.append(("anonymous", f"只有“{allowed}”可以匿名提交"))
    for rule in rules:
        if rule.name in failed or not rule.required:
            continue
        if rule.needs_identity and anonymous:
            continue
        if rule.name == "consent":
            if not clean.get("consent"):
                errors.append(("consent", "请阅读并勾选同意个人信息处理告知"))
        elif not clean.get(rule.name):
            verb = "请选择" if rule.kind == "choice" else "请填写"
            errors.append((rule.name, f"{verb}{rule.label}"))
    return errors
