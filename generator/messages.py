"""Messages for editors, in Chinese first and English second, keyed by a stable problem code."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.suggestions import nearest

# code -> (zh, en). Placeholders are filled from a problem's params.
CATALOGUE: dict[str, tuple[str, str]] = {
    # files and syntax
    "file_too_large": (
        "文件过大（{size_mb} MB），单个文件不能超过 5 MB；大文件请作为附件放到 attachments/",
        "file is {size_mb} MB; the limit is 5 MB",
    ),
    "file_unreadable": ("无法读取文件：{reason}", "cannot read the file: {reason}"),
    "front_matter_missing": (
        "文件第一行必须是 ---，后面是 YAML 格式的元数据，再以 --- 结束",
        "the first line must be --- starting the YAML front matter",
    ),
    "front_matter_empty": (
        "元数据为空：请填写标题、发布机构、发布日期等字段",
        "the front matter is empty",
    ),
    "front_matter_not_mapping": (
        "元数据必须是“键: 值”的形式",
        "the front matter must be a mapping of keys to values",
    ),
    "yaml_empty": ("文件为空", "the file is empty"),
    "yaml_not_mapping": (
        "文件内容必须是“键: 值”的形式",
        "the file must be a mapping of keys to values",
    ),
    "yaml_too_many_nodes": (
        "YAML 内容展开后过大（可能是别名 * 引用过多），已拒绝处理",
        "the YAML expands to too many values (alias bomb?); refused",
    ),
    "yaml_too_deep": ("YAML 嵌套层级过深", "the YAML is nested too deeply"),
    "yaml_complex_key": ("键必须是简单文字", "a key must be plain text"),
    # YAML and file mistakes, in the words of what the editor did and how to fix it
    # (generator/content/yaml_errors.py picks the mistake; sources.py the file-level ones).
    "bad_utf8": (
        "文件不是 UTF-8 编码：这里的字节 {byte} 无法识别{hint_zh}",
        "the file is not UTF-8: byte {byte} here cannot be decoded{hint_en}",
    ),
    "utf16": (
        "文件是 UTF-16 编码（记事本的“Unicode”）：请用编辑器“另存为 UTF-8”",
        "the file is UTF-16; save it as UTF-8",
    ),
    "file_empty": (
        "文件是空的：第一行写 ---，接着写元数据（标题、发布机构等），再写一行 ---，然后是正文",
        "the file is empty",
    ),
    "front_matter_unterminated": (
        "元数据没有结束：请在最后一个字段之后、正文之前加一行 ---",
        "the front matter is not closed by a --- line",
    ),
    "front_matter_bad_fence": (
        "这一行应为三个英文短横线 ---（前面不留空格，不用中文破折号或四个短横线），元数据才算结束",
        "this line should be exactly --- to close the front matter",
    ),
    "control_character": (
        "这里有不可见的控制字符 {codepoint}（通常来自复制粘贴或损坏的文件）：请删除",
        "an invisible control character {codepoint} is here; delete it",
    ),
    "stray_bom": (
        "这里有不可见的字节顺序标记 U+FEFF（通常是把两个文件拼在一起造成的）：请删除",
        "a stray byte-order mark U+FEFF is here; delete it",
    ),
    "not_regular_file": (
        "不是普通文件（{kind_zh}），已跳过：请放入文件本身",
        "not a regular file ({kind}); skipped",
    ),
    "symlink_outside": (
        "这是指向 content/ 之外的符号链接（{target}），已拒绝：内容只能来自 content/ 内的文件",
        "a symbolic link out of content/ ({target}); refused",
    ),
    "symlink_inside": (
        "这是符号链接（指向 {target}），已跳过：请放入文件本身（文件名就是条目 id，链接会让同一内容出现两次）",
        "a symbolic link ({target}); skipped: put the file itself here",
    ),
    "path_not_file": (
        "{value} 不是普通文件（是目录、命名管道或设备文件），不能作为附件",
        "{value} is not a regular file",
    ),
    "yaml_tab": (
        "这里用了制表符（Tab）缩进，YAML 只能用空格缩进：请把 Tab 换成空格（每层通常 2 个）",
        "YAML cannot be indented with tabs; use spaces",
    ),
    "yaml_unclosed_quote": (
        "这里开始的引号 {quote} 没有结束：请在文字末尾补上 {quote}{quote_hint}",
        "the quote {quote} opened here is never closed",
    ),
    "yaml_text_after_quote": (
        "引号已经结束，后面还有文字：请把整个值放进一对引号里",
        "text follows the closing quote; put the whole value in quotes",
    ),
    "yaml_unclosed_bracket": (
        "这里的“{open}”没有配对的“{close}”：请在最后一项后补上 {close}（各项之间用英文逗号分隔）",
        "the {open} opened here is never closed by {close}",
    ),
    "yaml_flow_empty_entry": (
        "列表或映射中有空项（多了一个英文逗号）：请删除多余的逗号",
        "an empty entry (an extra comma) is here",
    ),
    "yaml_bad_indent": (
        "缩进不对：同一层的字段必须左对齐，下一层比上一层多缩进（用空格）；请检查这一行和上一行的缩进",
        "bad indentation: keys of one level must line up",
    ),
    "yaml_colon_in_value": (
        "文字中有“冒号+空格”，YAML 会把它当成新的字段：请给整个值加引号，如 {example}",
        "a ': ' inside a plain value; quote the value, e.g. {example}",
    ),
    "yaml_missing_colon": (
        "这一行缺少冒号：字段应写成“名称: 值”（英文冒号后加一个空格）",
        "a ':' is missing on this line",
    ),
    "yaml_fullwidth_colon": (
        "这里用了中文冒号“：”：字段名后要用英文冒号加一个空格，如 {example}",
        "a Chinese colon: a key is followed by an ASCII ':' and a space, e.g. {example}",
    ),
    "yaml_colon_no_space": (
        "冒号后面要有一个空格，否则不算字段：写成 {example}",
        "a space must follow the ':', e.g. {example}",
    ),
    "yaml_colon_in_flow": (
        '方括号或花括号里的这一项含有冒号：请给这一项加引号，如 ["甲: 乙", 丙]',
        "an entry inside [ ] or { } holds a ':'; quote the entry",
    ),
    "yaml_sequence_here": (
        "这里不能开始列表：“- ”列表项要另起一行并比字段名多缩进，或写成 [甲, 乙]",
        "a list cannot start here: put each '- ' entry on its own line",
    ),
    "yaml_reserved_start": (
        "值不能以 {char} 开头（这个符号在 YAML 中有特殊含义）：请给整个值加引号，如 {example}",
        "a plain value cannot start with {char}; quote it, e.g. {example}",
    ),
    "yaml_undefined_alias": (
        "以 * 开头的值会被当作 YAML 别名，但前面没有定义 &{name}：若这是文字，请给整个值加引号，如 {example}",
        "undefined alias *{name}; quote the value if it is text, e.g. {example}",
    ),
    "yaml_bad_escape": (
        "双引号中的 {escape} 不是有效的转义：含反斜杠的文字（如 Windows 路径）请改用单引号，或把 \\ 写成 \\\\",
        "{escape} is not a valid escape inside double quotes; use single quotes",
    ),
    "yaml_block_scalar": (
        "“|”或“>”后面只能换行：多行文字从下一行开始写，并比字段名多缩进",
        "nothing may follow | or > on its line",
    ),
    "yaml_bad_character": (
        "此处有不允许的字符 {codepoint}：请删除",
        "an unacceptable character {codepoint} is here",
    ),
    "yaml_many_documents": (
        "这里又开始了一个 YAML 文档（---）：一个文件中只能有一个，请删除这一行",
        "only one YAML document is allowed",
    ),
    "yaml_tag": (
        "不支持 YAML 标签（以 ! 开头的写法）：若这是文字，请给整个值加引号",
        "YAML tags (!...) are not supported",
    ),
    "yaml_syntax": (
        "YAML 格式错误：请检查这一行的引号、括号、冒号和缩进",
        "YAML syntax error here",
    ),
    "csv_syntax": (
        "CSV 格式错误：请检查这一行的引号是否成对（含逗号或引号的文字用双引号括起，其中的引号写成两个）",
        "CSV syntax error on this line",
    ),
    "duplicate_recipient_row": (
        "统一社会信用代码{value}在名单中重复（另见第 {other} 行）",
        "credit code {value} appears twice in the list (also line {other})",
    ),
    "duplicate_key": (
        "字段重复：第 {first_line} 行已经写过 {field}，请删除或合并其中一处",
        "duplicate key {field}: already given on line {first_line}",
    ),
    "csv_header": (
        "CSV 表头应为 {expected}，实际为 {got}",
        "the CSV header should be {expected}, got {got}",
    ),
    "csv_width": (
        "这一行有 {got} 列，表头有 {expected} 列（含逗号的文字请加双引号）",
        "this row has {got} cells, the header {expected}",
    ),
    # layout
    "bad_id": (
        "文件名 {id} 不能作为 id：只能用小写英文字母、数字和连字符 -，长度 3 到 80",
        "file name {id} is not a valid id: lowercase letters, digits and -, 3 to 80 characters",
    ),
    "duplicate_id": (
        "id {id} 已被 {other} 使用，id 在所有栏目中必须唯一",
        "id {id} is already used by {other}",
    ),
    "unknown_folder": (
        "content/ 下的未知目录 {name}：栏目目录只能是 policies、funds、guides、announcements、attachments",
        "unknown folder {name} in content/",
    ),
    "not_markdown": (
        "栏目目录中只能放 .md 文件（附件请放到 attachments/）",
        "only .md files belong in a collection folder",
    ),
    "site_missing": ("缺少站点设置文件 content/site.yaml", "content/site.yaml is missing"),
    "content_missing": ("找不到内容目录 {path}", "the content folder {path} does not exist"),
    # references and site-wide rules
    "unknown_department": (
        "发布机构代码{value}未在 site.yaml 的 departments 中定义{suggestion_zh}可用的代码：{choices_text}",
        "department {value} is not in site.yaml departments{suggestion_en}; valid: {choices_text}",
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
    "qq_attachment_target": (
        "附件必须填写 file（本站文件路径）或 url（外部链接）之一，且只能填一个",
        "give exactly one of file or url",
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

COLLECTION_NAMES = {
    "policies": ("政策文件", "policy"),
    "funds": ("资金项目", "fund"),
    "guides": ("办事指南", "guide"),
    "announcements": ("结果公示", "announcement"),
}


# Error codes worded like another code's message.
SAME_MESSAGE = {
    "model_type": "dict_type",
    "model_attributes_type": "dict_type",
    "bool_parsing": "bool_type",
    "float_type": "decimal_type",
    "float_parsing": "decimal_type",
    "decimal_parsing": "decimal_type",
    "qq_number": "decimal_type",
    "int_type": "int_parsing",
    "decimal_whole_digits": "decimal_max_digits",
    "finite_number": "decimal_finite_number",
    "url_syntax_violation": "url_parsing",
    "value_error": "unknown",
}

CHOICES_SHOWN = 20

_VALUE_KINDS = {
    "zh": {"list": "一个列表", "mapping": "一组“键: 值”", "none": "空值"},
    "en": {"list": "a list", "mapping": "a mapping", "none": "nothing"},
}

_KIND_NAMES = {
    "fifo": "命名管道",
    "device": "设备文件",
    "socket": "套接字",
    "folder": "目录",
    "symlink": "符号链接",
}
_QUOTE_HINTS = {
    '"': '；文字中本身要有双引号时，写成 \\" 或改用单引号',
    "'": "；文字中本身要有单引号时，写成两个单引号 ''",
}


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _quoted(params: Mapping[str, Any], lang: str) -> str:
    """The editor's value as a message shows it: quoted, or named by its kind (一个列表)."""
    kind = _VALUE_KINDS[lang].get(params.get("value_kind", ""))
    if kind:
        return kind
    text = _short(params["value"])
    return f"“{text}”" if lang == "zh" else text


def _choices_text(choices: Mapping[str, str], lang: str) -> str:
    """`a（名称）、b（名称）或 c（名称）`: valid codes with their names."""
    if not choices:
        return "（还没有定义任何代码）" if lang == "zh" else "(none defined)"
    shown = [f"{c}（{n}）" if n and lang == "zh" else c for c, n in choices.items()]
    if len(shown) > CHOICES_SHOWN:
        more = len(shown) - CHOICES_SHOWN
        tail = f"等 {len(shown)} 个" if lang == "zh" else f"and {more} more"
        return ("、" if lang == "zh" else ", ").join(shown[:CHOICES_SHOWN]) + " " + tail
    if len(shown) == 1:
        return shown[0]
    if lang == "zh":
        return "、".join(shown[:-1]) + "或 " + shown[-1]
    return ", ".join(shown[:-1]) + " or " + shown[-1]


def _suggestion(params: Mapping[str, Any]) -> str | None:
    """The key or code the editor probably meant, when one is a typing mistake away."""
    if params.get("keys"):
        return nearest(str(params.get("field", "")), params["keys"])
    if params.get("choices") and isinstance(params.get("value"), str):
        return nearest(params["value"], params["choices"])
    return None


def render_message(code: str, params: Mapping[str, Any], lang: str = "zh") -> str:
    zh, en = CATALOGUE.get(SAME_MESSAGE.get(code, code), CATALOGUE["unknown"])
    values = _Defaulting(params)
    if "value" in params:
        values["value"] = _quoted(params, lang)
    if "choices" in params:
        values["choices_text"] = _choices_text(params["choices"], lang)
    suggestion = _suggestion(params)
    values["suggestion_zh"] = f"，您是不是要写 {suggestion}？" if suggestion else "。"
    values["suggestion_en"] = f" (did you mean {suggestion}?)" if suggestion else ""
    if params.get("title"):
        values["title_paren"] = f"（{params['title']}）"
    if code == "bad_utf8":
        gbk = params.get("hint") == "gbk"
        values["hint_zh"] = "：文件可能是 GBK/GB18030 编码，请用编辑器“另存为 UTF-8”" if gbk else ""
        values["hint_en"] = ": it looks like GBK/GB18030; save it as UTF-8" if gbk else ""
    if code == "not_regular_file":
        values["kind_zh"] = _KIND_NAMES.get(params.get("kind", ""), "特殊文件")
    if code == "yaml_unclosed_quote":
        values["quote_hint"] = _QUOTE_HINTS.get(params.get("quote", ""), "")
    if "detail" not in values:
        values["detail"] = params.get("detail", "")
    return (zh if lang == "zh" else en).format_map(values)
