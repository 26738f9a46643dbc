"""The safety net of 答复选登: what in a public wording could still identify the enterprise, and nothing more.

Staff rewrite a petition and its answer for publication; before the wording is accepted it is
scanned for phone numbers, e-mail addresses, unified social credit codes, and the petition's own
enterprise and contact names. Each finding is a Chinese phrase naming what was found, for the
refusal message. Every pattern is linear (no nested repetition).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.credit_code import credit_code_problem

_MOBILE = re.compile(r"(?<![0-9])(?:\+?86[\s-]?)?1[3-9][0-9](?:[\s-]?[0-9]){8}(?![0-9])")
_LANDLINE = re.compile(r"(?<![0-9])0[0-9]{2,3}[\s-]?[0-9]{7,8}(?![0-9])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+")
_CODE_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z]{18}(?![0-9A-Za-z])")
_REGION_PREFIX = re.compile(r"^(?:[^省市县区]{2,8}?[省市县区]){1,3}")
_ORG_SUFFIX = re.compile(
    r"(?:股份有限公司|有限责任公司|有限公司|集团|公司|分公司|合伙企业|工作室|商行|经营部|厂|店)$"
)
_SPACES = re.compile(r"\s+")
_TITLES = ("先生", "女士", "小姐", "总经理", "经理", "老板")


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def name_forms(name: str) -> list[str]:
    """The enterprise name as written, and its distinctive core (晋江市某某鞋业有限公司 → 某某鞋业)."""
    name = _SPACES.sub("", name or "")
    if len(name) < 2:
        return []
    forms = [name]
    core = _ORG_SUFFIX.sub("", _REGION_PREFIX.sub("", name))
    core = _ORG_SUFFIX.sub("", core)
    if len(core) >= 2 and core != name:
        forms.append(core)
    return forms


def _numbers_and_addresses(text: str, allowed: set[str]) -> list[str]:
    found = []
    for match in _MOBILE.finditer(text):
        number = _digits(match.group())
        if number[-11:] not in allowed and number not in allowed:
            found.append(f"手机号码“{match.group()}”")
    for match in _LANDLINE.finditer(text):
        if _digits(match.group()) not in allowed:
            found.append(f"电话号码“{match.group()}”")
    found += [
        f"电子邮箱“{m.group()}”" for m in _EMAIL.finditer(text) if m.group().lower() not in allowed
    ]
    found += [
        f"统一社会信用代码“{m.group()}”"
        for m in _CODE_CANDIDATE.finditer(text)
        if credit_code_problem(m.group().upper()) is None
    ]
    return found


def _names(compact: str, enterprise: str, contact_name: str | None) -> list[str]:
    found = [f"企业名称“{form}”" for form in name_forms(enterprise) if form in compact][:1]
    contact = _SPACES.sub("", contact_name or "")
    if len(contact) < 2:
        return found
    if contact in compact:
        return [*found, f"联系人姓名“{contact}”"]
    titles = [contact[0] + title for title in _TITLES if contact[0] + title in compact]
    return found + [f"联系人称呼“{title}”" for title in titles[:1]]


def personal_data_found(
    text: str,
    *,
    enterprise: str = "",
    credit_code: str | None = None,
    contact_name: str | None = None,
    allowed: Iterable[str] = (),
) -> list[str]:
    """What in `text` looks like identifying data, as Chinese phrases (empty: nothing found).

    `allowed` holds public numbers and addresses that may stay (the departments' own phone
    numbers and e-mail addresses from site.yaml).
    """
    allowed_set = {_digits(a) for a in allowed if _digits(a)} | {a.lower() for a in allowed}
    found = _numbers_and_addresses(text, allowed_set)
    compact = _SPACES.sub("", text)
    own_code = f"统一社会信用代码“{credit_code}”"
    if credit_code and credit_code.upper() in compact.upper() and own_code not in found:
        found.append(own_code)
    return found + _names(compact, enterprise, contact_name)
