"""Who may change a petition: enabled accounts with an acting role, handlers in their departments."""

from __future__ import annotations

from generator.staff.accounts import Account
from generator.staff.acting import refusal


def _account(roles: set[str], departments: set[str] = frozenset(), **more) -> Account:
    return Account("lin", "林", roles=frozenset(roles), departments=frozenset(departments), **more)


def test_refusals():
    assert "没有登录名" in refusal(None, "lin", "accept", "gxj")
    assert "已停用" in refusal(_account({"supervisor"}, disabled=True), "lin", "accept", "gxj")
    assert "无权" in refusal(_account({"discipline"}), "lin", "reply", "gxj")
    assert "无权" in refusal(_account({"admin"}), "lin", "close", "gxj")
    assert "本部门" in refusal(_account({"handler"}, {"gxj"}), "lin", "reply", "swj")
    assert "尚未分派" in refusal(_account({"handler"}, {"gxj"}), "lin", "reply", None)
    assert "无权" in refusal(_account({"handler"}, {"gxj"}), "lin", "purge", "gxj")


def test_allowed():
    assert refusal(_account({"handler"}, {"gxj"}), "lin", "reply", "gxj") is None
    assert refusal(_account({"supervisor"}), "lin", "extend", None) is None
    assert refusal(_account({"admin"}), "lin", "purge", None) is None
