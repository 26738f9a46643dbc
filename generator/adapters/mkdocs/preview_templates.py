"""In `mkdocs serve`, the theme's compiled templates kept in memory from one rebuild to the
next, and nothing more.

MkDocs makes a new Jinja environment for every build, which compiles `main.html` and its
partials again (under a second, but a visible part of a rebuild after an edit). Jinja's
bytecode cache hands a template's compiled code back only when the template's source is
unchanged (it keys by name and checks the source's checksum), so an edited template is
compiled again. Compiled code also depends on the environment's syntax and extensions:
when those differ from the last build's, the kept templates are dropped.
"""

from __future__ import annotations

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache


class TemplatesInMemory(BytecodeCache):
    """Compiled templates by Jinja's key, in this process."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self._settings: tuple | None = None

    def used_by(self, env: Environment) -> TemplatesInMemory:
        """This cache, emptied when `env` compiles differently from the last build's."""
        autoescape = env.autoescape if isinstance(env.autoescape, bool) else "function"
        settings = (
            tuple(sorted(env.extensions)),
            env.block_start_string,
            env.block_end_string,
            env.variable_start_string,
            env.variable_end_string,
            env.comment_start_string,
            env.comment_end_string,
            env.line_statement_prefix,
            env.line_comment_prefix,
            env.trim_blocks,
            env.lstrip_blocks,
            env.newline_sequence,
            env.keep_trailing_newline,
            env.optimized,
            autoescape,
        )
        if settings != self._settings:
            self._code = {}
            self._settings = settings
        return self

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
