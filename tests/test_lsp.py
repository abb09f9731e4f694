"""The language server driven by a scripted client over stdio: UTF-16 ranges on text with
emoji, debounced changes, and a quick fix's edit."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import queue
from pathlib import Path

import pytest

from mtcheck.lsp.positions import PositionMap, utf16_length

TEXT = "🎉🎉 Big news 🇫🇷: Poutine met the press.\nThen 😀 kyiv said Declared it was over.\n"


def test_position_map_counts_utf16_units():
    pm = PositionMap(TEXT)
    start = TEXT.index("Poutine")
    assert pm.position(start) == (0, utf16_length(TEXT[:start]))
    assert utf16_length(TEXT[:start]) == start + 4  # two party poppers and two regional indicators
    second = TEXT.index("kyiv")
    assert pm.position(second) == (1, utf16_length("Then 😀 "))
    assert pm.offset(*pm.position(second)) == second
    crlf = PositionMap("a\r\nb\rc")
    assert crlf.position(3) == (1, 0) and crlf.position(5) == (2, 0)


class Client:
    def __init__(self, cwd: Path):
        self.proc = subprocess.Popen([sys.executable, "-m", "mtcheck", "lsp"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(out.read(length)))

    def send(self, method, params, request=False):
        msg = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            msg["id"] = self.next_id
        body = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return msg.get("id")

    def wait(self, predicate, timeout=60):
        while True:
            msg = self.messages.get(timeout=timeout)
            if predicate(msg):
                return msg


@pytest.fixture
def client(tmp_path):
    c = Client(tmp_path)
    rid = c.send("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}, request=True)
    init = c.wait(lambda m: m.get("id") == rid)
    assert init["result"]["capabilities"]["codeActionProvider"]
    c.send("initialized", {})
    yield c
    c.send("shutdown", None, request=True)
    c.send("exit", None)
    try:
        c.proc.wait(10)
    except subprocess.TimeoutExpired:
        c.proc.kill()


def test_diagnostics_ranges_and_quick_fix(client, tmp_path):
    uri = (tmp_path / "article.txt").as_uri()
    client.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": TEXT}})
    published = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")["params"]
    assert published["uri"] == uri
    by_code = {d["code"]: d for d in published["diagnostics"]}
    exonym = by_code["U001"]
    col = utf16_length(TEXT[: TEXT.index("Poutine")])
    assert exonym["range"] == {"start": {"line": 0, "character": col}, "end": {"line": 0, "character": col + 7}}
    assert exonym["severity"] == 1 and exonym["source"] == "mtcheck"
    casing = next(d for d in published["diagnostics"] if d["range"]["start"]["line"] == 1 and d["code"].startswith("C"))
    assert casing["range"]["start"]["character"] == utf16_length("Then 😀 ")
    rid = client.send("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": exonym["range"], "context": {"diagnostics": [exonym]}}, request=True)
    actions = client.wait(lambda m: m.get("id") == rid)["result"]
    edit = actions[0]["edit"]["changes"][uri][0]
    assert edit == {"range": exonym["range"], "newText": "Putin"}
    assert actions[0]["kind"] == "quickfix"

    fixed = TEXT.replace("Poutine", "Putin")
    for version, text in ((2, TEXT.replace("Poutine", "Pout")), (3, fixed)):
        client.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": [{"text": text}]})
    again = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")["params"]
    assert again["version"] == 3  # the change at version 2 was debounced away
    assert "U001" not in {d["code"] for d in again["diagnostics"]}


def test_configuration_is_found_from_the_workspace(client, tmp_path):
    (tmp_path / ".mtcheck.toml").write_text('ignore = ["U001"]\n', encoding="utf-8")
    uri = (tmp_path / "article.txt").as_uri()
    client.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": TEXT}})
    published = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")["params"]
    codes = {d["code"] for d in published["diagnostics"]}
    assert "U001" not in codes and codes
