"""Messages for editors, in Chinese first and English second, keyed by a stable problem code.

The wording lives by area in files, rules and values; this module joins it into one
catalogue and fills a message's placeholders.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.messages.files import FILE_MESSAGES
from generator.messages.rules import HOSTILE_MESSAGES, RULE_MESSAGES
from generator.messages.values import VALUE_MESSAGES
from generator.suggestions import nearest

# code -> (zh, en). Placeholders are filled from a problem's params. The areas keep the
# order the single catalogue had (hostile content last).
CATALOGUE: dict[str, tuple[str, str]] = {
    **FILE_MESSAGES,
    **RULE_MESSAGES,
    **VALUE_MESSAGES,
    **HOSTILE_MESSAGES,
}

COLLECTION_NAMES = {
    "policies": ("政策文件", "policy"),
    "funds": ("资金项目", "fund"),
    "guides": ("办事指南", "guide"),
    "announcements": ("结果公示", "announcement"),
    "consultations": ("意见征集", "consultation"),
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
