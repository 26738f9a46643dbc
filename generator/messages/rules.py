"""Messages about references, site-wide rules, unfinished and hostile content, and nothing more."""

from __future__ import annotations

# code -> (zh, en). Placeholders are filled from a problem's params.
RULE_MESSAGES: dict[str, tuple[str, str]] = {
    # references and site-wide rules
    "unknown_department": (
        "发布机构代码{value}未在 site.yaml 的 departments 中定义{suggestion_zh}可用的代码：{choices_text}",
        "department {value} is not in site.yaml departments{suggestion_en}; valid: {choices_text}",
    ),
    "unknown_petition_department": (
        "诉求类别的默认承办机构代码{value}未在 site.yaml 的 departments 中定义{suggestion_zh}可用的代码：{choices_text}",
        "petition category department {value} is not in site.yaml departments{suggestion_en}; valid: {choices_text}",
    ),
    "unknown_industry": (
        "行业代码{value}未在 site.yaml 的 industries 中定义{suggestion_zh}可用的代码：{choices_text}",
        "industry {value} is not defined in site.yaml{suggestion_en}; valid: {choices_text}",
    ),
    "unknown_topic": (
        "主题代码{value}未在 site.yaml 的 topics 中定义{suggestion_zh}可用的代码：{choices_text}",
        "topic {value} is not defined in site.yaml{suggestion_en}; valid: {choices_text}",
    ),
    "dangling_ref": ("找不到 id 为{value}的条目", "no item has the id {value}"),
    "wrong_ref_type": (
        "{value}是{actual}，这里需要{expected}",
        "{value} is a {actual_en}; a {expected_en} is expected here",
    ),
    "self_ref": ("条目不能引用自己", "an item cannot refer to itself"),
    "duplicate_doc_number": (
        "文号{value}与 {other} 重复",
        "doc number {value} is also used by {other}",
    ),
    "path_outside": (
        "路径{value}指向 content/ 之外，附件必须放在 content/ 内",
        "path {value} leaves content/",
    ),
    "path_missing": ("文件{value}不存在", "file {value} does not exist"),
    "feedback_before_close": (
        "意见采纳情况的发布日期应在征求意见截止（{closes}）之后",
        "feedback must be published after the window closes ({closes})",
    ),
    "publicity_too_short": (
        "公示期只有 {days} 个工作日，至少需要 {minimum} 个工作日",
        "the publicity period has {days} working days; at least {minimum} are required",
    ),
    "calendar_no_data": (
        "{year} 年的法定节假日数据缺失，工作日暂按周一至周五计算，请在 site.yaml 的 holidays 中补充",
        "no holiday data for {year}: working days counted as Monday to Friday",
    ),
    "budget_exceeded": (
        "公示金额合计 {total} 元，超过资金项目 {fund} 的资金总额 {budget} 元",
        "the recipients total {total} yuan, above the budget {budget} of fund {fund}",
    ),
    "over_max_amount": (
        "金额 {amount} 元超过资金项目 {fund} 的最高金额 {max_amount} 元",
        "amount {amount} exceeds the fund's maximum {max_amount}",
    ),
    "duplicate_recipient": (
        "统一社会信用代码{value}在名单中重复（另见第 {other} 项）",
        "credit code {value} appears twice in the list",
    ),
    "review_overdue": (
        "办事指南已 {days} 天未复核（超过 {limit} 天），请核对内容后更新 reviewed",
        "not reviewed for {days} days (limit {limit})",
    ),
    "date_before_published": (
        "日期{value}早于发布日期 {published}",
        "date {value} is before published {published}",
    ),
    "repealed_by_not_policy": ("替代文件{value}不是政策文件", "{value} is not a policy"),
    "rule_unknown_industry": (
        "规则中的行业代码{value}未在 site.yaml 的 industries 中定义{suggestion_zh}可用的代码：{choices_text}",
        "industry {value} in a rule is not defined in site.yaml{suggestion_en}; valid: {choices_text}",
    ),
    "broken_link": ("正文链接{value}指向的条目或文件不存在", "the link {value} leads nowhere"),
    "broken_anchor": (
        "正文链接{value}中的锚点 #{anchor} 不存在",
        "the anchor #{anchor} of {value} does not exist",
    ),
    "external_link": (
        "外部链接{value}无法访问：{reason}",
        "external link {value} failed: {reason}",
    ),
    "external_link_status": (
        "外部链接{value}无法访问：服务器返回 HTTP {status}",
        "external link {value} answered HTTP {status}",
    ),
    "external_link_timeout": (
        "外部链接{value}在 {seconds} 秒内没有响应",
        "external link {value} did not answer within {seconds} s",
    ),
    # unfinished content
    "placeholder": (
        "占位内容{value}还没有改：请改成真实内容后再发布（只想先预览，可加 --allow-placeholders）",
        "placeholder {value} left by qinqing new or init: replace it (--allow-placeholders to preview)",
    ),
    "indented_paragraph": (
        "这一段行首有制表符或 4 个以上空格，Markdown 会把它显示成代码块（等宽字体、不换行）："
        "请删除行首的缩进（段首空两格请用两个全角空格“　　”）；确实要显示代码时，"
        "请在代码上下各加一行 ```",
        "this paragraph is indented by a tab or 4 spaces, so Markdown shows it as code: remove "
        "the indent (use ``` fences for real code)",
    ),
}


HOSTILE_MESSAGES: dict[str, tuple[str, str]] = {
    # hostile content (issue 13): what the sanitizer would drop, and formula cells
    "unsafe_attribute": (
        "属性列表{value}中的 {name} 不允许使用：属性列表只能写 #标识 和 .类名"
        "（如 {{#第一条 .note}}），请删去 {name}",
        "{name} in the attribute list {value} is not allowed: only #id and .class are",
    ),
    "unsafe_link_scheme": (
        "链接地址{value}以 {scheme}: 开头，不允许使用：链接只能是 http://、https://、"
        "mailto:、tel: 开头的地址或站内相对地址，请改成这样的地址或删去链接",
        "the link {value} uses {scheme}:, which is not allowed (http, https, mailto, tel or "
        "a relative address only)",
    ),
    "formula_cell": (
        "{field} 的值{value}以 {char} 开头，在 Excel、WPS 中会被当作公式；发布的 CSV 会在前面"
        "加单引号 ' 让它显示为文字，如果开头的 {char} 不是本意请删去",
        "{field} {value} starts with {char}, which spreadsheets read as a formula; the "
        "published CSV prefixes it with '",
    ),
    "frozen_instance": ("不可修改", "cannot be changed"),
    "unknown": (
        "这个值不符合要求，请对照编辑指南（docs/editors.md）中此字段的说明修改",
        "invalid value: {detail}",
    ),
}
