"""Request paths decoded, refused when bad and normalised (dot segments resolved), and nothing more."""

from __future__ import annotations

from urllib.parse import quote

from generator.petitions.characters import has_unsafe_characters

# What quote() may leave as it is in a path: the RFC 3986 sub-delims, ":" and "@".
_PATH_SAFE = "/!$&'()*+,;=:@~"


class BadPath(ValueError):
    """A path the server refuses with 400; the message says why (Chinese)."""


def clean_path(path_info: str) -> str:
    """The normalised path of a WSGI PATH_INFO (bytes as latin-1, already percent-decoded).

    Refused: invalid UTF-8, control characters (NUL, CR, LF…), backslashes (a browser
    reads `/\\host` as `//host`) and `..` above the root. The result starts with one "/"
    followed by a segment (never "//"), keeps a trailing "/", and has no "." or "..".
    """
    try:
        text = path_info.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        raise BadPath("请求路径不是有效的 UTF-8 编码") from None
    if has_unsafe_characters(text):
        raise BadPath("请求路径含有控制字符")
    if "\\" in text:
        raise BadPath("请求路径含有反斜杠（\\）")
    segments: list[str] = []
    for segment in text.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if not segments:
                raise BadPath("请求路径超出了网站根目录（..）")
            segments.pop()
            continue
        segments.append(segment)
    path = "/" + "/".join(segments)
    return path + "/" if segments and text.endswith(("/", "/.", "/..")) else path


def as_path_info(path: str) -> str:
    """A normalised path back in PATH_INFO form (UTF-8 bytes as latin-1)."""
    return path.encode("utf-8").decode("latin-1")


def location(path: str) -> str:
    """A same-site `Location` for a normalised path: percent-encoded, starting with one "/"."""
    return quote(path, safe=_PATH_SAFE)
