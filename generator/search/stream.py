"""Hands pages to a Pagefind service process while the site is still being built, and nothing more.

Run over the finished site, Pagefind's whole run comes after the build: at 5,000 items about
10 s, 43% of the build. Its service mode (`pagefind --service`: base64-encoded JSON messages,
each ended by a comma, on stdin and stdout; the protocol Pagefind's own Python and Node
wrappers speak) takes pages one at a time. So each item page goes to Pagefind as soon as its
article HTML exists: Pagefind parses on the second core while MkDocs renders, and builds and
compresses the bundle while MkDocs writes pages; a thread here writes it to disk.

Not the `pagefind` Python wrapper: it waits 0.1 s before reading each response (8 minutes for
5,000 pages) and needs an event loop. Here a thread writes requests from a queue, so adding a
page never waits for Pagefind, and a thread reads responses. The protocol belongs to the
Pagefind version pinned in pyproject.toml; tests/search/test_stream.py runs it.
"""

from __future__ import annotations

import base64
import contextlib
import json
import queue
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from generator.search.indexer import LANGUAGE, SearchIndexError, executable

PAGE = (
    '<!doctype html><html lang="{language}"><head><meta charset="utf-8"></head>'
    "<body><article data-pagefind-body>{article}</article></body></html>"
)
START_TIMEOUT = 30.0
_STOP = object()


@dataclass(frozen=True)
class StreamReport:
    pages: int  # pages Pagefind indexed
    seconds: float  # from start to the bundle on disk


def _encode(message: dict) -> bytes:
    return base64.b64encode(json.dumps(message, ensure_ascii=False).encode("utf-8")) + b","


class _Reply:
    """One awaited response."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.payload: dict | None = None


class SearchStream:
    """`start()`, `add_page()` for each page, `write(dir)` once, then `wait()`; `close()` always."""

    def __init__(self, process: subprocess.Popen, stderr) -> None:
        self._process = process
        self._stderr = stderr
        self._started = time.perf_counter()
        self._outgoing: queue.SimpleQueue = queue.SimpleQueue()
        self._next_id = 0
        self._awaited: dict[int, _Reply] = {}
        self._urls: dict[int, str] = {}
        self._lock = threading.Lock()
        self.indexed = 0
        self.sent = 0
        self.errors: list[str] = []
        self._failure: str | None = None  # the process or a pipe broke
        self._index_id: int | None = None
        self._write_reply: _Reply | None = None
        self._output_dir: Path | None = None
        self._threads = [
            threading.Thread(target=self._send_loop, name="pagefind-send", daemon=True),
            threading.Thread(target=self._receive_loop, name="pagefind-receive", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    @classmethod
    def start(cls, *, language: str = LANGUAGE) -> SearchStream:
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
            reply = stream._request(
                {"type": "NewIndex", "config": {"force_language": language}}, awaited=True
            )
            payload = stream._await(reply, START_TIMEOUT, "启动")
            stream._index_id = int(payload["index_id"])
        except (SearchIndexError, KeyError, TypeError, ValueError) as error:
            stream.close()
            raise SearchIndexError(f"Pagefind 搜索索引程序未能启动：{error}") from None
        return stream

    # -- requests ------------------------------------------------------------------------

    def add_page(self, url: str, article_html: str) -> None:
        """Queue one page (`url` as the site serves it, the HTML of its searchable part)."""
        self._request(
            {
                "type": "AddFile",
                "index_id": self._index_id,
                "url": url,
                "file_contents": PAGE.format(language=LANGUAGE, article=article_html),
            },
            url=url,
        )
        self.sent += 1

    def write(self, output_dir: Path) -> None:
        """Have the bundle written to `output_dir` once every page queued so far is indexed.

        Pagefind hands the files over (GetFiles) and a thread here writes them. Not its
        WriteFiles: that answers before its writes have reached the disk (tokio files are
        not flushed; seen here: an empty pagefind-entry.json just after the answer), and its
        thousands of concurrent file creations cost it more than writing them in turn.
        """
        self._output_dir = Path(output_dir)
        self._write_reply = self._request(
            {"type": "GetFiles", "index_id": self._index_id}, awaited=True
        )

    def wait(self, timeout: float = 600) -> StreamReport:
        """Block until the bundle is written; raise SearchIndexError with what went wrong."""
        self._await(self._write_reply, timeout, "写出")
        if self.errors:
            shown = "\n".join(self.errors[:10])
            more = f"\n……共 {len(self.errors)} 处" if len(self.errors) > 10 else ""
            raise SearchIndexError(f"搜索索引有页面未能加入：\n{shown}{more}")
        return StreamReport(pages=self.indexed, seconds=time.perf_counter() - self._started)

    def close(self) -> None:
        self._outgoing.put(_STOP)
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        for thread in self._threads:
            thread.join(timeout=5)
        for pipe in (self._process.stdin, self._process.stdout):
            with contextlib.suppress(OSError):
                pipe.close()
        self._stderr.close()

    def _request(self, payload: dict, *, awaited: bool = False, url: str = "") -> _Reply | None:
        with self._lock:
            self._next_id += 1
            message_id = self._next_id
            reply = _Reply() if awaited else None
            if reply is not None:
                self._awaited[message_id] = reply
            if url:
                self._urls[message_id] = url
        self._outgoing.put({"message_id": message_id, "payload": payload})
        return reply

    def _await(self, reply: _Reply | None, timeout: float, step: str) -> dict:
        if reply is None:
            raise SearchIndexError(f"搜索索引：{step}请求未发出")
        if not reply.done.wait(timeout):
            raise SearchIndexError(f"搜索索引{step}超时（{timeout:.0f} 秒）")
        if reply.payload is None:
            raise SearchIndexError(f"搜索索引{step}失败：{self._failure or '未知原因'}")
        if reply.payload.get("type") == "Error":
            raise SearchIndexError(f"搜索索引{step}失败：{reply.payload.get('message')}")
        return reply.payload

    # -- threads -------------------------------------------------------------------------

    def _send_loop(self) -> None:
        stdin = self._process.stdin
        while (message := self._outgoing.get()) is not _STOP:
            try:
                stdin.write(_encode(message))
                if self._outgoing.empty():
                    stdin.flush()
            except (OSError, ValueError) as error:
                self._fail(f"向 Pagefind 发送数据失败：{error}")
                return

    def _receive_loop(self) -> None:
        stdout = self._process.stdout
        message = bytearray()
        while chunk := stdout.read1(1 << 16):
            start = 0
            while (end := chunk.find(b",", start)) >= 0:
                message += chunk[start:end]
                self._receive(bytes(message))
                message.clear()
                start = end + 1
            message += chunk[start:]
        self._fail(self._exit_message())

    def _receive(self, raw: bytes) -> None:
        try:
            response = json.loads(base64.b64decode(raw.strip(), validate=True))
            message_id = response.get("message_id")
            payload = response["payload"]
        except (ValueError, TypeError, KeyError, AttributeError):
            return  # not a protocol message (Pagefind prints nothing else on stdout today)
        with self._lock:
            reply = self._awaited.pop(message_id, None)
            url = self._urls.pop(message_id, "")
        if payload.get("type") == "IndexedFile":
            self.indexed += 1
        elif payload.get("type") == "Error" and reply is None:
            self.errors.append(f"{url or '（未知页面）'}：{payload.get('message')}")
        if reply is not None:
            if payload.get("type") == "GetFiles":
                payload = self._write_bundle(payload)
            reply.payload = payload
            reply.done.set()

    def _write_bundle(self, payload: dict) -> dict:
        """Write the files of a GetFiles answer; the answer, or an Error in its place."""
        root = self._output_dir.resolve()
        made: set[Path] = set()
        try:
            for file in payload["files"]:
                target = (root / file["path"]).resolve()
                if not target.is_relative_to(root):
                    raise ValueError(f"文件路径超出索引目录：{file['path']}")
                if target.parent not in made:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    made.add(target.parent)
                target.write_bytes(base64.b64decode(file["content"], validate=True))
        except (OSError, ValueError, KeyError, TypeError) as error:
            return {"type": "Error", "message": f"写入索引文件失败：{error}"}
        return {"type": "GetFiles", "count": len(payload["files"])}

    def _fail(self, reason: str) -> None:
        with self._lock:
            self._failure = self._failure or reason
            waiting = list(self._awaited.values())
            self._awaited.clear()
        for reply in waiting:
            reply.done.set()

    def _exit_message(self) -> str:
        code = self._process.wait()
        try:
            self._stderr.seek(0)
            said = self._stderr.read().decode("utf-8", "replace").strip()[-2000:]
        except (OSError, ValueError):  # closed by close()
            said = ""
        return f"Pagefind 进程已退出（退出码 {code}）" + (f"：\n{said}" if said else "")
