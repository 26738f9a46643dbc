"""Check an enterprise profile against funds' eligibility rules: one rule, one fund, a whole site.

The browser twin of this module is `static/match.js`; both are run against the shared case
table in tests/features/matching/cases.json, so keep their semantics identical.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from generator.content.index import ContentIndex, Item
from generator.content.status import Status, days_left
from generator.features.matching.profile import Profile
from generator.models.funds import Eligibility, Fund
from generator.models.rules import FIELD_LABELS, Rule

Outcome = Literal["pass", "fail", "unknown"]
Verdict = Literal["eligible", "ineligible", "unknown"]

VERDICT_LABELS = {"eligible": "符合条件", "ineligible": "不符合条件", "unknown": "需进一步确认"}
# Open funds first, then upcoming, then the rest (closed, results published).
GROUP_ORDER = {"open": 0, "upcoming": 1}


def evaluate_rule(rule: Rule, profile: Profile) -> Outcome:
    """pass / fail, or unknown when the profile does not give the field the rule needs."""
    value = getattr(profile, rule.field)
    if value is None:
        return "unknown"
    if rule.op == ">=":
        ok = value >= rule.value
    elif rule.op == "<=":
        ok = value <= rule.value
    elif rule.field == "qualifications":
        held = set(value)
        if rule.op == "has":
            ok = rule.value in held
        elif rule.op == "in":
            ok = bool(held & set(rule.value))
        else:
            ok = not held & set(rule.value)
    elif rule.op == "in":
        ok = value in rule.value
    else:
        ok = value not in rule.value
    return "pass" if ok else "fail"


def missing_field_reason(condition: Eligibility) -> str:
    assert condition.rule is not None
    return f"未填写“{FIELD_LABELS[condition.rule.field]}”，无法判断：{condition.text}"


def no_rule_reason(condition: Eligibility) -> str:
    return f"此条件需人工核对：{condition.text}"


def failed_reason(condition: Eligibility) -> str:
    return f"不符合：{condition.text}"


def passed_note(condition: Eligibility) -> str:
    return f"符合：{condition.text}"


@dataclass(frozen=True)
class FundVerdict:
    verdict: Verdict
    reasons: tuple[str, ...]  # the conditions failed, or else those that cannot be decided
    passed: tuple[str, ...] = ()  # the conditions the profile meets, whatever the verdict


def evaluate_conditions(conditions: list[Eligibility], profile: Profile) -> FundVerdict:
    """ineligible if any rule fails (naming each); else unknown if any condition cannot be
    decided; with the conditions that passed, so a reader sees what already fits."""
    failed: list[str] = []
    undecided: list[str] = []
    passed: list[str] = []
    for condition in conditions:
        if condition.rule is None:
            undecided.append(no_rule_reason(condition))
            continue
        outcome = evaluate_rule(condition.rule, profile)
        if outcome == "fail":
            failed.append(failed_reason(condition))
        elif outcome == "unknown":
            undecided.append(missing_field_reason(condition))
        else:
            passed.append(passed_note(condition))
    if failed:
        return FundVerdict("ineligible", tuple(failed), tuple(passed))
    if undecided:
        return FundVerdict("unknown", tuple(undecided), tuple(passed))
    return FundVerdict("eligible", (), tuple(passed))


@dataclass(frozen=True)
class FundMatch:
    """One fund's answer for a profile on a day."""

    item: Item
    status: Status
    verdict: FundVerdict
    days_left: int | None  # to the closing day, for open and upcoming funds
    opens_in: int | None  # to the opening day, for upcoming funds

    @property
    def fund(self) -> Fund:
        assert isinstance(self.item.data, Fund)
        return self.item.data


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def sort_key(status_code: str, opens: dt.date, closes: dt.date, item_id: str) -> tuple:
    """Open funds closing soonest first, then upcoming ones opening soonest first (the funds
    list's order), then closed, most recently closed first."""
    group = GROUP_ORDER.get(status_code, 2)
    if group == 0:
        return (0, closes.toordinal(), item_id)
    if group == 1:
        return (1, opens.toordinal(), item_id)
    return (2, -closes.toordinal(), item_id)


def match_funds(index: ContentIndex, profile: Profile, today: dt.date) -> list[FundMatch]:
    """Every fund that is not withdrawn, with its verdict, in the order a reader wants them."""
    matches = []
    for item in index.collection("funds"):
        fund = item.data
        if item.withdrawn or not isinstance(fund, Fund):
            continue
        status = index.status(item, today)
        assert status is not None
        live = status.code in GROUP_ORDER
        opens = fund.opens.date() if isinstance(fund.opens, dt.datetime) else fund.opens
        matches.append(
            FundMatch(
                item,
                status,
                evaluate_conditions(fund.eligibility, profile),
                days_left(fund.closes, today) if live else None,
                (opens - today).days if status.code == "upcoming" else None,
            )
        )
    matches.sort(
        key=lambda m: sort_key(m.status.code, _day(m.fund.opens), _day(m.fund.closes), m.item.id)
    )
    return matches
