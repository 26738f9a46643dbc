"""The Python evaluator: each operator on each field, verdicts with reasons, order of funds."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from generator.features.matching.evaluate import evaluate_conditions, evaluate_rule, match_funds
from generator.features.matching.profile import Profile
from generator.models.funds import Eligibility
from generator.models.rules import OPERATORS, SIZES, Rule
from tests.features.matching.content import TODAY


def rule(field: str, op: str, value) -> Rule:
    return Rule.model_validate({"field": field, "op": op, "value": value})


def test_every_field_and_operator_is_decided_by_a_present_value_and_unknown_without_it():
    samples = {
        "registered_in": ("晋江市", ["晋江市"], ["石狮市"]),
        "industry": ("textile", ["textile"], ["food"]),
        "size": ("small", ["small"], ["large"]),
        "annual_revenue": (100, 100, 101),
        "employees": (10, 10, 11),
        "rd_ratio": (3.5, 3.5, 3.6),
        "years_established": (2, 2, 3),
    }
    for field, (held, listed, unlisted) in samples.items():
        profile = Profile.model_validate({field: held})
        for op in OPERATORS[field]:
            assert evaluate_rule(rule(field, op, listed), Profile()) == "unknown", (field, op)
            if op == "in":
                assert evaluate_rule(rule(field, op, listed), profile) == "pass"
                assert evaluate_rule(rule(field, op, unlisted), profile) == "fail"
            elif op == "not_in":
                assert evaluate_rule(rule(field, op, listed), profile) == "fail"
                assert evaluate_rule(rule(field, op, unlisted), profile) == "pass"
            elif op == ">=":
                assert evaluate_rule(rule(field, op, listed), profile) == "pass"
                assert evaluate_rule(rule(field, op, unlisted), profile) == "fail"
            else:
                assert evaluate_rule(rule(field, op, unlisted), profile) == "pass"
                assert evaluate_rule(rule(field, op, listed), profile) == "pass"
                smaller = {"annual_revenue": 99, "employees": 9, "rd_ratio": 3.4}.get(field, 1)
                assert evaluate_rule(rule(field, op, smaller), profile) == "fail"


def test_qualifications_distinguish_none_held_from_not_said():
    none_held = Profile(qualifications=[])
    not_said = Profile()
    assert evaluate_rule(rule("qualifications", "has", "专精特新"), none_held) == "fail"
    assert evaluate_rule(rule("qualifications", "in", ["专精特新"]), none_held) == "fail"
    assert evaluate_rule(rule("qualifications", "not_in", ["失信企业"]), none_held) == "pass"
    for op, value in (("has", "专精特新"), ("in", ["专精特新"]), ("not_in", ["失信企业"])):
        assert evaluate_rule(rule("qualifications", op, value), not_said) == "unknown"


texts = st.text(alphabet="晋江石狮南安市甲乙丙", min_size=1, max_size=4)


@given(
    value=st.sampled_from(SIZES),
    listed=st.lists(st.sampled_from(SIZES), min_size=1, max_size=4),
)
def test_not_in_is_the_opposite_of_in_for_sizes(value, listed):
    profile = Profile(size=value)
    assert {evaluate_rule(rule("size", "in", listed), profile)} | {
        evaluate_rule(rule("size", "not_in", listed), profile)
    } == {"pass", "fail"}


@given(held=st.lists(texts, max_size=5), listed=st.lists(texts, min_size=1, max_size=5))
def test_qualifications_in_and_not_in_are_opposites_and_has_agrees_with_in(held, listed):
    profile = Profile(qualifications=held)
    in_result = evaluate_rule(rule("qualifications", "in", listed), profile)
    not_in_result = evaluate_rule(rule("qualifications", "not_in", listed), profile)
    assert {in_result, not_in_result} == {"pass", "fail"}
    assert in_result == ("pass" if set(held) & set(listed) else "fail")
    if len(listed) == 1:
        assert evaluate_rule(rule("qualifications", "has", listed[0]), profile) == in_result


@given(limit=st.integers(0, 10**9), value=st.integers(0, 10**9))
def test_numeric_bounds_include_the_limit(limit, value):
    profile = Profile(annual_revenue=value)
    at_least = evaluate_rule(rule("annual_revenue", ">=", limit), profile)
    at_most = evaluate_rule(rule("annual_revenue", "<=", limit), profile)
    assert at_least == ("pass" if value >= limit else "fail")
    assert at_most == ("pass" if value <= limit else "fail")
    assert "pass" in (at_least, at_most)


def condition(text: str, rule_data: dict | None = None) -> Eligibility:
    return Eligibility.model_validate({"text": text, "rule": rule_data})


def test_ineligible_names_every_failing_condition_and_nothing_else():
    conditions = [
        condition("注册地在石狮市", {"field": "registered_in", "op": "in", "value": ["石狮市"]}),
        condition("项目已竣工"),
        condition("大型企业", {"field": "size", "op": "in", "value": ["large"]}),
        condition("成立满2年", {"field": "years_established", "op": ">=", "value": 2}),
    ]
    result = evaluate_conditions(conditions, Profile(registered_in="晋江市", size="small"))
    assert result.verdict == "ineligible"
    assert len(result.reasons) == 2
    assert "注册地在石狮市" in result.reasons[0] and "大型企业" in result.reasons[1]


def test_unknown_says_which_field_is_missing_and_which_condition_needs_a_person():
    conditions = [
        condition("项目已竣工"),
        condition("研发投入占比不低于3%", {"field": "rd_ratio", "op": ">=", "value": 3}),
    ]
    result = evaluate_conditions(conditions, Profile())
    assert result.verdict == "unknown"
    assert "项目已竣工" in result.reasons[0] and "人工" in result.reasons[0]
    assert "研发投入占营收比例" in result.reasons[1] and "未填写" in result.reasons[1]


def test_eligible_only_when_every_condition_has_a_passing_rule():
    conditions = [condition("中小企业", {"field": "size", "op": "not_in", "value": ["large"]})]
    assert evaluate_conditions(conditions, Profile(size="micro")).verdict == "eligible"
    assert evaluate_conditions(conditions, Profile(size="micro")).reasons == ()


def test_funds_are_open_then_upcoming_then_closed_and_withdrawn_ones_left_out(index):
    matches = match_funds(index, Profile(), TODAY)
    assert [m.item.id for m in matches] == [
        "tech-upgrade-2025",
        "specialized-2025",
        "high-tech-2025",
    ]
    assert [m.status.code for m in matches] == ["open", "upcoming", "closed"]
    open_fund, upcoming, closed = matches
    assert open_fund.days_left == (dt.date(2025, 6, 30) - TODAY).days
    assert upcoming.opens_in == (dt.date(2025, 7, 1) - TODAY).days
    assert upcoming.days_left == (dt.date(2025, 7, 31) - TODAY).days
    assert closed.days_left is None and closed.opens_in is None


def test_within_a_group_the_fund_closing_soonest_comes_first(index):
    later = match_funds(index, Profile(), dt.date(2025, 7, 5))
    # On 5 July the June fund has closed and the July one is open.
    assert [m.status.code for m in later] == ["open", "closed", "closed"]
    assert later[0].item.id == "specialized-2025"
    # Closed funds: the most recently closed first.
    assert [m.item.id for m in later[1:]] == ["tech-upgrade-2025", "high-tech-2025"]


def test_a_full_profile_meets_the_fund_whose_every_condition_has_a_rule(index):
    profile = Profile(
        registered_in="晋江市",
        industry="footwear",
        size="medium",
        annual_revenue=50_000_000,
        employees=300,
        rd_ratio=3.2,
        qualifications=["专精特新"],
        years_established=6,
    )
    verdicts = {m.item.id: m.verdict.verdict for m in match_funds(index, profile, TODAY)}
    assert verdicts == {
        "tech-upgrade-2025": "eligible",
        "specialized-2025": "unknown",  # 认定文件在有效期内 has no rule
        "high-tech-2025": "ineligible",
    }
