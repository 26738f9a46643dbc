"""Whether a staff account may change a petition (the CLI's `--as` and the workbench's actions),
and nothing more."""

from __future__ import annotations

from generator.staff.accounts import ACTING_ROLES, ADMIN, HANDLER, SUPERVISOR, Account

# Purging contact details past the retention period is a records-keeping duty, not casework.
ROLES_FOR = {"purge": frozenset({SUPERVISOR, ADMIN})}


def refusal(account: Account | None, login: str, action: str, department: str | None) -> str | None:
    """Why `account` may not do `action` to a petition of `department` (Chinese), or None.

    A handler acts only on the petitions of their own departments; a supervisor on any.
    """
    if account is None:
        return f"没有登录名为“{login}”的工作人员账号（可用 qinqing staff list 查看）"
    if account.disabled:
        return f"账号“{login}”已停用"
    allowed = ROLES_FOR.get(action, ACTING_ROLES)
    if not account.has_any(allowed):
        return f"账号“{login}”（{account.role_names}）无权执行此操作"
    if action in ROLES_FOR or SUPERVISOR in account.roles:
        return None
    if HANDLER in account.roles and department not in account.departments:
        where = f"部门“{department}”" if department else "尚未分派部门"
        return f"账号“{login}”只能办理本部门的诉求，这件诉求属于{where}"
    return None
