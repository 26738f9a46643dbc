"""Messages about files, their syntax and the content folder's layout, and nothing more."""

from __future__ import annotations

# code -> (zh, en). Placeholders are filled from a problem's params.
FILE_MESSAGES: dict[str, tuple[str, str]] = {
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
        "content/ 下的未知目录 {name}：栏目目录只能是 policies、funds、guides、announcements、consultations、attachments",
        "unknown folder {name} in content/",
    ),
    "not_markdown": (
        "栏目目录中只能放 .md 文件（附件请放到 attachments/）",
        "only .md files belong in a collection folder",
    ),
    "site_missing": ("缺少站点设置文件 content/site.yaml", "content/site.yaml is missing"),
    "content_missing": ("找不到内容目录 {path}", "the content folder {path} does not exist"),
    "answer_unknown_code": (
        "答复选登快照中的代码 {code} 不在 site.yaml 中：请在 site.yaml 中补上，或重新导出快照",
        "code {code} of the answers snapshot is not in site.yaml",
    ),
}
