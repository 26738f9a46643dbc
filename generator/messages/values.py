"""Messages about the value of one field (pydantic errors and our own validators), and nothing more."""

from __future__ import annotations

# code -> (zh, en). Placeholders are filled from a problem's params.
VALUE_MESSAGES: dict[str, tuple[str, str]] = {
    # values (pydantic errors and our own validators); {value} arrives quoted (“…”), or
    # as the kind of value (一个列表) when the editor wrote a list or a mapping.
    "missing": (
        "缺少必填字段 {field}{title_paren}：请补上一行 {field}: …",
        "required key {field} is missing",
    ),
    "extra_forbidden": (
        "未知字段 {field}{suggestion_zh}字段名区分大小写；自定义内容请放在 extra: 下",
        "unknown key {field}{suggestion_en} (keys are case-sensitive; put custom data under extra:)",
    ),
    "profile_unknown_key": (
        "未知字段 {field}：企业画像只能填写 registered_in（注册地）、industry（所属行业）、size（企业规模）、annual_revenue（年营业收入）、employees（从业人数）、rd_ratio（研发投入占比）、qualifications（资质）、years_established（成立年限），以及 name（名称）",
        "unknown key {field}: a profile takes registered_in, industry, size, annual_revenue, employees, rd_ratio, qualifications, years_established (and name)",
    ),
    "qq_date": (
        "日期应写成 年-月-日，如 2025-03-31（月和日各两位），实际为{value}",
        "a date like 2025-03-31 is expected, got {value}",
    ),
    "qq_date_not_datetime": (
        "这里只填日期，如 2025-03-31，不要带时间",
        "a date without a time is expected",
    ),
    "qq_datetime": (
        "应为日期（2025-03-31）或日期加时间（2025-03-31 17:30），实际为{value}",
        "a date or date-time is expected, got {value}",
    ),
    "qq_id": (
        "{value}不是有效的 id：只能用小写英文字母、数字和连字符 -，长度 3 到 80，不以 - 开头或结尾",
        "{value} is not a valid id",
    ),
    "qq_text_from_float": (
        '这里应为文字，但没有引号的{value}被 YAML 当成了小数，末尾的 0、前导的 0 或原来的写法已经丢失：请加上引号，按原样写成 "…"',
        "a text is expected, but YAML read {value} as a decimal number and lost its writing: put it in quotes",
    ),
    "qq_text_from_bool": (
        '这里应为文字，但没有引号的{value}被 YAML 当成了“是/否”（yes、no、on、off、true、false 都会这样）：请加上引号，如 "yes"',
        "a text is expected, but YAML read {value} as a yes/no value: put it in quotes",
    ),
    "qq_text_from_date": (
        '这里应为文字，但没有引号的{value}被 YAML 当成了日期：请加上引号，按原样写成 "…"',
        "a text is expected, but YAML read {value} as a date: put it in quotes",
    ),
    "qq_timezone": (
        "未知时区{value}：请写 Asia/Shanghai 这样的时区名",
        "unknown time zone {value}",
    ),
    "qq_site_code": (
        "{value}不是网站标识码：应为 10 位数字（如 3505820001），部门网站为 bm 加 8 位数字",
        "{value} is not a site code (10 digits, or bm and 8 digits)",
    ),
    "qq_icp_record": (
        "{value}不是 ICP 备案号：应写成“闽ICP备12345678号”或“闽ICP备12345678号-1”",
        "{value} is not an ICP record number",
    ),
    "qq_police_record": (
        "{value}不是公安机关备案号：应写成“闽公网安备 35058202000123号”（14 位数字）",
        "{value} is not a public security record number",
    ),
    "qq_conac_id": (
        "{value}不是党政机关网站标识编号：只能是英文字母和数字",
        "{value} is not a CONAC site id",
    ),
    "qq_attachment_target": (
        "附件必须填写 file（本站文件路径）或 url（外部链接）之一，且只能填一个",
        "give exactly one of file or url",
    ),
    "qq_apply_empty": (
        "申报入口 apply 至少要填 url（网上申报地址）或 note（如线下受理窗口）之一",
        "apply needs url, note or both",
    ),
    "qq_url": (
        "{value}不是网址：外部链接应以 http:// 或 https:// 开头，且不含空格",
        "{value} is not an http(s) URL",
    ),
    "qq_doc_number": (
        "文号格式应为“机关代字〔年份〕序号号”，如 晋经信〔2017〕88号（年份用六角括号〔〕），实际为{value}",
        "doc number should look like 晋经信〔2017〕88号, got {value}",
    ),
    "qq_signed_after_published": (
        "成文日期不能晚于发布日期：请核对 signed 和 published",
        "signed is after published",
    ),
    "qq_expires_before_effective": (
        "有效期至不能早于施行日期（未填施行日期时为发布日期）",
        "expires is before effective",
    ),
    "qq_closes_before_opens": (
        "申报截止必须晚于申报开始：请核对 opens 和 closes",
        "closes must be after opens",
    ),
    "qq_promised_over_legal": (
        "承诺办结时限不能超过法定办结时限（legal_limit）",
        "promised_limit exceeds legal_limit",
    ),
    "qq_fee": (
        "收费标准填 0（不收费），或写成 {{amount: 金额, basis: 收费依据}}，实际为{value}",
        "fee is 0 or {{amount, basis}}, got {value}",
    ),
    "qq_named_form": (
        "这里写名称（一段文字，如 textile: 纺织服装），或展开写成 name: 名称 及其他字段，实际为{value}",
        "a name (textile: Textiles) or a mapping with name is expected, got {value}",
    ),
    "qq_recipients_form": (
        "公示名单应为列表（每家企业一项，以 - 开头），或 CSV 文件的路径（如 attachments/2025/名单.csv），实际为{value}",
        "recipients is a list or the path of a CSV file, got {value}",
    ),
    "qq_consultation_order": (
        "征求意见截止日期不能早于开始日期：请核对 opens 和 closes",
        "closes is before opens",
    ),
    "qq_feedback_counts": (
        "采纳、部分采纳、未采纳合计 {handled} 条，超过收到的意见 {received} 条：请核对 feedback 的各项数字",
        "adopted + partly + declined ({handled}) exceeds received ({received})",
    ),
    "qq_publicity_order": (
        "公示结束日期不能早于开始日期",
        "publicity end is before start",
    ),
    "qq_credit_code_length": (
        "统一社会信用代码{value}应为 18 位（现在位数不对，请核对是否漏写或多写）",
        "credit code {value} must have 18 characters",
    ),
    "qq_credit_code_charset": (
        "统一社会信用代码{value}含有不允许的字符：只用数字和大写字母，不用 I、O、Z、S、V",
        "credit code {value} has characters outside its alphabet",
    ),
    "qq_credit_code_check": (
        "统一社会信用代码{value}的校验位不正确（最后一位不对），请对照营业执照核对",
        "credit code {value} fails its check character",
    ),
    "qq_rule_op": (
        "字段 {field} 不能用运算 {op}，可用：{allowed_zh}",
        "operator {op} does not fit field {field}; use {allowed}",
    ),
    "qq_rule_value_number": (
        "{field} {op} 的取值应为不小于 0 的数字，实际为{value}",
        "{field} {op} takes a number, got {value}",
    ),
    "qq_rule_value_text": (
        "{field} {op} 的取值应为一段文字，实际为{value}",
        "{field} {op} takes a text, got {value}",
    ),
    "qq_rule_value_list": (
        "{field} {op} 的取值应为列表，如 [a, b]，实际为{value}",
        "{field} {op} takes a list, got {value}",
    ),
    "qq_rule_value_sizes": (
        "企业规模只能是 micro（微型）、small（小型）、medium（中型）、large（大型），实际为{value}",
        "sizes are micro, small, medium, large; got {value}",
    ),
    "literal_error": (
        "应为 {choices_text}之一，实际为{value}{suggestion_zh}",
        "should be one of {expected}, got {value}{suggestion_en}",
    ),
    "string_type": ("应为文字，实际为{value}", "a text is expected, got {value}"),
    "string_too_short": ("不能为空：请填写内容，或删除这一行", "must not be empty"),
    "string_too_long": (
        "过长：最多 {max_length} 个字，请删减",
        "too long: at most {max_length} characters",
    ),
    "string_pattern_mismatch": (
        "{value}不能作为代码：代码只能用小写英文字母、数字、- 和 _，以字母或数字开头，最长 40 个字符",
        "{value} does not match the expected pattern",
    ),
    "int_parsing": ("应为整数（只写数字），实际为{value}", "an integer is expected, got {value}"),
    "int_parsing_size": ("数字{value}过大", "the number {value} is too large"),
    "int_from_float": (
        "应为整数，不能有小数，实际为{value}",
        "an integer is expected, got {value}",
    ),
    "bool_type": (
        "应为 true（是）或 false（否），实际为{value}",
        "true or false is expected, got {value}",
    ),
    "list_type": (
        "应为列表（每项一行，以 - 开头），实际为{value}",
        "a list is expected, got {value}",
    ),
    "dict_type": (
        "应为“键: 值”的形式（下一行缩进两格写各项），实际为{value}",
        "a mapping is expected, got {value}",
    ),
    "too_short": ("至少需要 {min_length} 项", "at least {min_length} entries are required"),
    "too_long": ("最多 {max_length} 项", "at most {max_length} entries"),
    "greater_than_equal": ("不能小于 {ge}，实际为{value}", "must be at least {ge}, got {value}"),
    "greater_than": ("必须大于 {gt}，实际为{value}", "must be greater than {gt}, got {value}"),
    "less_than_equal": ("不能大于 {le}，实际为{value}", "must be at most {le}, got {value}"),
    "less_than": ("必须小于 {lt}，实际为{value}", "must be less than {lt}, got {value}"),
    "decimal_max_places": (
        "金额最多保留两位小数，实际为{value}",
        "at most two decimal places, got {value}",
    ),
    "decimal_type": ("应为数字，实际为{value}", "a number is expected, got {value}"),
    "decimal_finite_number": ("应为有限的数字，实际为{value}", "a finite number is expected"),
    "decimal_max_digits": ("数字{value}位数过多", "the number {value} has too many digits"),
    "url_type": (
        "应为网址文字，如 https://example.gov.cn/，实际为{value}",
        "a URL is expected, got {value}",
    ),
    "url_parsing": (
        "{value}不是有效的网址，应写成 https://example.gov.cn/ 这样",
        "{value} is not a valid URL",
    ),
    "url_too_long": ("网址过长", "the URL is too long"),
    "url_scheme": (
        "网址应以 http:// 或 https:// 开头，实际为{value}",
        "the URL must start with http:// or https://, got {value}",
    ),
}
