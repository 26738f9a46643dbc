"""The shared case table, run through the Python evaluator and the browser one in Chromium."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from generator.features.matching.evaluate import evaluate_conditions, evaluate_rule
from generator.features.matching.pages import asset_files
from generator.features.matching.profile import Profile
from generator.models.funds import Eligibility
from generator.models.rules import FIELD_LABELS, OPERATORS, SIZES, Rule

CASES = json.loads((Path(__file__).parent / "cases.json").read_text(encoding="utf-8"))
RULE_CASES = CASES["rules"]
FUND_CASES = CASES["funds"]


def python_rule(case: dict) -> str:
    return evaluate_rule(Rule.model_validate(case["rule"]), Profile.model_validate(case["profile"]))


def python_fund(case: dict) -> dict:
    conditions = [Eligibility.model_validate(c) for c in case["conditions"]]
    result = evaluate_conditions(conditions, Profile.model_validate(case["profile"]))
    return {
        "verdict": result.verdict,
        "reasons": list(result.reasons),
        "passed": list(result.passed),
    }


def test_the_table_covers_every_field_with_every_operator_and_each_outcome():
    seen = {(c["rule"]["field"], c["rule"]["op"]) for c in RULE_CASES}
    wanted = {(field, op) for field, ops in OPERATORS.items() for op in ops}
    assert wanted <= seen, sorted(wanted - seen)
    for field in OPERATORS:
        outcomes = {c["expected"] for c in RULE_CASES if c["rule"]["field"] == field}
        assert outcomes == {"pass", "fail", "unknown"}, field
    assert {c["expected"] for c in FUND_CASES} == {"eligible", "ineligible", "unknown"}


@pytest.mark.parametrize("case", RULE_CASES, ids=[c["name"] for c in RULE_CASES])
def test_python_rule(case):
    assert python_rule(case) == case["expected"]


@pytest.mark.parametrize("case", FUND_CASES, ids=[c["name"] for c in FUND_CASES])
def test_python_fund(case):
    assert python_fund(case)["verdict"] == case["expected"]


@pytest.mark.browser
def test_browser_evaluator_agrees_with_the_table_and_with_python(blank_page):
    script = next(f for f in asset_files() if f.path.endswith("match.js"))
    blank_page.add_script_tag(content=script.data.decode("utf-8"))
    results = blank_page.evaluate(
        """([rules, funds, labels]) => ({
            rules: rules.map(c => window.qinqingMatch.evaluateRule(c.rule, c.profile)),
            funds: funds.map(c => window.qinqingMatch.evaluateConditions(c.conditions, c.profile, labels)),
        })""",
        [RULE_CASES, FUND_CASES, FIELD_LABELS],
    )
    for case, outcome in zip(RULE_CASES, results["rules"], strict=True):
        assert outcome == case["expected"], case["name"]
    for case, outcome in zip(FUND_CASES, results["funds"], strict=True):
        assert outcome["verdict"] == case["expected"], case["name"]
        # Same reasons, word for word: the two evaluators cannot drift apart.
        assert outcome == python_fund(case), case["name"]


def random_cases(count: int, seed: int = 7) -> list[dict]:
    """Rules and profiles drawn at random from small pools, so values often coincide."""
    rng = random.Random(seed)
    texts = ["晋江市", "石狮市", "南安市", "专精特新", "高新技术企业", "失信企业"]
    codes = {"industry": ["textile", "footwear", "food"], "size": list(SIZES)}
    cases = []
    for _ in range(count):
        field = rng.choice(list(OPERATORS))
        op = rng.choice(OPERATORS[field])
        pool = codes.get(field, texts)
        if op in (">=", "<="):
            value = rng.choice([0, 1, 2, 2.5, 3, 100, 20_000_000])
        elif op == "has":
            value = rng.choice(pool)
        else:
            value = rng.sample(pool, rng.randint(1, 3))
        profile: dict = {}
        if rng.random() < 0.85:
            if field == "qualifications":
                profile[field] = rng.sample(texts, rng.randint(0, 3))
            elif op in (">=", "<="):
                top = 100 if field == "rd_ratio" else 20_000_000
                numbers = [0, 1, 2, 2.5, 3, 99, 100, top]
                if field == "employees":
                    numbers = [n for n in numbers if isinstance(n, int)]
                profile[field] = rng.choice(numbers)
            else:
                profile[field] = rng.choice(pool)
        cases.append({"rule": {"field": field, "op": op, "value": value}, "profile": profile})
    return cases


@pytest.mark.browser
def test_browser_and_python_agree_on_random_rules_and_profiles(blank_page):
    cases = random_cases(2000)
    script = next(f for f in asset_files() if f.path.endswith("match.js"))
    blank_page.add_script_tag(content=script.data.decode("utf-8"))
    browser = blank_page.evaluate(
        "cases => cases.map(c => window.qinqingMatch.evaluateRule(c.rule, c.profile))", cases
    )
    python = [python_rule(c) for c in cases]
    assert browser == python
    assert set(python) == {"pass", "fail", "unknown"}
