"""Hands pages to one Pagefind service process (one index) and takes its bundle back, and nothing more.

Run over the finished site, Pagefind's whole run comes after the build: at 5,000 items about
10 s, 43% of the build. Its service mode (`pagefind --service`: base64-encoded JSON messages,
each ended by a comma, on stdin and stdout; the protocol Pagefind's own Python and Node
wrappers speak) takes pages one at a time. So each item page goes to Pagefind as soon as its
article HTML exists: Pagefind parses on the second core while MkDocs renders, and builds and
compresses the bundle while MkDocs writes pages.

No threads on our side. A thread that writes to or reads from Pagefind wakes for every
page and takes the GIL from the thread rendering pages each time; measured at 5,000 items,
the rendering thread then got under half a core. Instead `pump()` writes what the pipe
(enlarged to 1 MB) takes without waiting, each time a page is added or rendered; the
answers wait in Pagefind (its answers queue is unbounded, so it never blocks on us) and
are read with the bundle (`poll()` never waits, `wait()` does). Each search shard has a
process of its own (shard_index.py starts them one at a time). Not the `pagefind` Python
wrapper either: it waits
0.1 s before reading each answer (8 minutes for 5,000 pages). The protocol belongs to the
Pagefind version pinned in pyproject.toml; tests/adapters/mkdocs/test_stream.py runs it.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import subprocess
import tempfile
import time

from generator.adapters.mkdocs.indexer import LANGUAGE, SearchIndexError, executable

PAGE = (
    '<!doctype html><html lang="{language}"><head><meta charset="utf-8"></head>'
    "<body><article data-pagefind-body>{article}</article></body></html>"
)
START_TIMEOUT = 30.0
PIPE_BYTES = 1 << 20  # Linux's default limit for an unprivileged process
READ_BYTES = 1 << 20
# Each write to the pipe wakes Pagefind, and a woken process can take the CPU from MkDocs:
# pages go in batches of this many bytes (about 20 item pages).
BATCH_BYTES = 1 << 18


def _encode(message: dict) -> bytes:
    return base64.b64encode(json.dumps(message, ensure_ascii=False).encode("utf-8")) + b","


def _enlarge(fd: int) -> None:
    # Imported here: fcntl exists only on Unix, and the plugin must import everywhere.
    with contextlib.suppress(ImportError, OSError, AttributeError):  # not Linux, or a lower limit
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)


class SearchStream:
    """`start()`, `add_page()` for each page (`pump()` in between), `request_files()` once,
    then `poll()` until it gives the bundle's files, or `wait()` for them; `close()` always."""

    def __init__(self, process: subprocess.Popen, stderr) -> None:
        self._process = process
        self._stderr = stderr
        self._stdin = process.stdin.fileno()
        self._stdout = process.stdout.fileno()
        for fd in (self._stdin, self._stdout):
            _enlarge(fd)
        os.set_blocking(self._stdin, False)
        self._pending = bytearray()  # requests not yet taken by the pipe
        self._received = bytearray()  # answers read, the last maybe in part
        self._scanned = 0  # bytes of _received known to hold no comma
        self._next_id = 0
        self._urls: dict[int, str] = {}
        self._failure: str | None = None
        self._index_id = 0
        self._files_id: int | None = None  # the GetFiles request, once made
        self.indexed = 0
        self.sent = 0
        self.errors: list[str] = []

    @classmethod
    def start(cls) -> SearchStream:
        stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        try:
            process = subprocess.Popen(
                [str(executable()), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
            )
        except OSError as error:
            stderr.close()
            raise SearchIndexError(f"无法启动 Pagefind 搜索索引程序：{error}") from error
        stream = cls(process, stderr)
        try:
            deadline = time.monotonic() + START_TIMEOUT
            config = {"force_language": LANGUAGE}
            message_id = stream._request({"type": "NewIndex", "config": config})
            stream._flush(deadline)
            stream._index_id = int(stream._answer(message_id, deadline, "启动")["index_id"])
        except (SearchIndexError, KeyError, TypeError, ValueError) as error:
            stream.close()
            raise SearchIndexError(f"Pagefind 搜索索引程序未能启动：{error}") from None
        return stream

    # -- requests ------------------------------------------------------------------------

    def add_page(self, url: str, article_html: str, *, whole: bool = False) -> None:
        """Send one page (`url` as the site serves it, the HTML of its searchable part, or
        with `whole` the page as written, which Pagefind reads as it reads the site)."""
        page = article_html if whole else PAGE.format(language=LANGUAGE, article=article_html)
        message_id = self._request(
            {"type": "AddFile", "index_id": self._index_id, "url": url, "file_contents": page}
        )
        self._urls[message_id] = url
        self.sent += 1
        self.pump()

    @property
    def pending(self) -> int:
        """Bytes of requests the pipe has not taken yet."""
        return len(self._pending)

    def pump(self, *, batch: int = BATCH_BYTES) -> None:
        """Write what is waiting, if at least `batch` bytes, as far as the pipe takes it now;
        never blocks."""
        if len(self._pending) < batch:
            return
        while self._pending and self._failure is None:
            try:
                written = os.write(self._stdin, self._pending)
            except BlockingIOError:
                return
            except OSError as error:
                self._failure = f"向 Pagefind 发送数据失败：{error}"
                return
            del self._pending[:written]

    def request_files(self) -> None:
        """Ask for the bundle, once every page sent so far is indexed.

        Pagefind hands the files over (GetFiles) and `poll()` or `wait()` gives them. Not
        its WriteFiles: that answers before its writes have reached the disk (tokio files
        are not flushed; seen here: an empty pagefind-entry.json just after the answer), and
        its thousands of concurrent file creations cost it more than writing them in turn.
        """
        self._files_id = self._request({"type": "GetFiles", "index_id": self._index_id})
        self.pump(batch=0)

    def poll(self) -> list[tuple[str, bytes]] | None:
        """The bundle's files (path in the bundle, bytes) if Pagefind has handed them over
        by now, else None; never waits. SearchIndexError says what went wrong."""
        if self._files_id is None:
            return None
        self.pump(batch=0)
        if self._failure:
            raise SearchIndexError(f"{self._failure}\n{self._exit_message()}")
        while select.select([self._stdout], [], [], 0)[0]:
            self._read("写出")
        payload = self._take(self._files_id, "写出")
        return None if payload is None else self._files(payload)

    def wait(self, timeout: float = 600) -> list[tuple[str, bytes]]:
        """Block until Pagefind hands over the bundle's files (path in the bundle, bytes).
        SearchIndexError says what went wrong."""
        if self._files_id is None:
            raise SearchIndexError("搜索索引：尚未请求写出索引")
        deadline = time.monotonic() + timeout
        self._flush(deadline)
        return self._files(self._answer(self._files_id, deadline, "写出"))

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        for pipe in (self._process.stdin, self._process.stdout, self._stderr):
            with contextlib.suppress(OSError):
                pipe.close()

    def _request(self, payload: dict) -> int:
        self._next_id += 1
        self._pending += _encode({"message_id": self._next_id, "payload": payload})
        return self._next_id

    # -- answers -------------------------------------------------------------------------

    def _flush(self, deadline: float) -> None:
        """Write everything waiting, however long the pipe takes to drain."""
        while self._pending and self._failure is None:
            self.pump(batch=0)
            if self._pending:
                select.select([], [self._stdin], [], max(0.0, deadline - time.monotonic()))
                if time.monotonic() > deadline:
                    raise SearchIndexError("搜索索引：向 Pagefind 发送数据超时")
        if self._failure:
            raise SearchIndexError(f"{self._failure}\n{self._exit_message()}")

    def _answer(self, message_id: int, deadline: float, step: str) -> dict:
        """Read answers until the one to `message_id`; count and keep the others."""
        while True:
            payload = self._take(message_id, step)
            if payload is not None:
                return payload
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise SearchIndexError(f"搜索索引{step}超时")
            ready, _, _ = select.select([self._stdout], [], [], remaining)
            if ready:
                self._read(step)

    def _read(self, step: str) -> None:
        chunk = os.read(self._stdout, READ_BYTES)
        if not chunk:
            raise SearchIndexError(f"搜索索引{step}失败：{self._exit_message()}")
        self._received += chunk

    def _take(self, message_id: int, step: str) -> dict | None:
        """The answer to `message_id` among the answers read so far, or None; the others
        are counted and kept (`_note`)."""
        found = None
        for raw in self._complete_messages():
            answer = self._decode(raw)
            if answer is None:
                continue
            answered, payload = answer
            if answered == message_id:
                if payload.get("type") == "Error":
                    raise SearchIndexError(f"搜索索引{step}失败：{payload.get('message')}")
                found = payload
            else:
                self._note(answered, payload)
        return found

    def _complete_messages(self) -> list[bytes]:
        # The bundle comes as one answer of megabytes: look for its end only in what is new.
        end = self._received.rfind(b",", self._scanned)
        if end < 0:
            self._scanned = len(self._received)
            return []
        complete = bytes(self._received[:end]).split(b",")
        del self._received[: end + 1]
        self._scanned = 0
        return complete

    @staticmethod
    def _decode(raw: bytes) -> tuple[int | None, dict] | None:
        try:
            answer = json.loads(base64.b64decode(raw.strip(), validate=True))
            return answer.get("message_id"), answer["payload"]
        except (ValueError, TypeError, KeyError, AttributeError):
            return None  # not a protocol message (Pagefind prints nothing else there today)

    def _note(self, message_id: int | None, payload: dict) -> None:
        url = self._urls.pop(message_id, "") if message_id is not None else ""
        if payload.get("type") == "IndexedFile":
            self.indexed += 1
        elif payload.get("type") == "Error":
            self.errors.append(f"{url or '（未知页面）'}：{payload.get('message')}")

    def _files(self, payload: dict) -> list[tuple[str, bytes]]:
        if self.errors:
            shown = "\n".join(self.errors[:10])
            more = f"\n……共 {len(self.errors)} 处" if len(self.errors) > 10 else ""
            raise SearchIndexError(f"搜索索引有页面未能加入：\n{shown}{more}")
        try:
            return [
                (file["path"], base64.b64decode(file["content"], validate=True))
                for file in payload["files"]
            ]
        except (ValueError, KeyError, TypeError) as error:
            raise SearchIndexError(f"Pagefind 交回的索引文件有误：{error}") from None

    def _exit_message(self) -> str:
        code = self._process.wait()
        try:
            self._stderr.seek(0)
            said = self._stderr.read().decode("utf-8", "replace").strip()[-2000:]
        except (OSError, ValueError):
            said = ""
        return f"Pagefind 进程已退出（退出码 {code}）" + (f"：\n{said}" if said else "")
