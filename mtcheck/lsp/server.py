"""The language server: diagnostics on open and change (debounced) and a quick fix per suggestion.

Each document is checked with the configuration the CLI would find for its file, on the same
pipeline as ``mtcheck scan``; checks run in a worker thread so the server keeps answering.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from mtcheck import __version__
from mtcheck.findings import FileReport, Severity
from mtcheck.io import Source
from mtcheck.lsp.positions import PositionMap
from mtcheck.runner import ScanOptions, run_scan

DEBOUNCE_SECONDS = 0.3
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def check_text(uri: str, text: str, options: ScanOptions) -> FileReport:
    """The report for a document's text; configuration is found from its file path."""
    path = to_fs_path(uri) or uri
    if not uri.startswith("file:"):
        path = str(Path.cwd() / "untitled.txt")
    return run_scan([path], options, sources=[Source(path, text)]).files[0]


def diagnostics(report: FileReport) -> list[types.Diagnostic]:
    """The report's findings as LSP diagnostics (UTF-16 positions); suggestions ride in ``data``."""
    positions = PositionMap(report.text)
    out = []
    for f in report.findings:
        start, end = positions.position(f.start), positions.position(f.end)
        out.append(types.Diagnostic(
            range=types.Range(types.Position(*start), types.Position(*end)),
            message=f.message,
            severity=_SEVERITY[f.severity],
            code=f.code,
            source="mtcheck",
            data={"rule": f.rule, "category": f.category,
                  "replacements": [s.replacement for s in sorted(f.suggestions, key=lambda s: -s.confidence)]},
        ))
    return out


def quick_fixes(uri: str, diags: list[types.Diagnostic]) -> list[types.CodeAction]:
    """One quick-fix code action per suggestion of each mtcheck diagnostic."""
    actions = []
    for d in diags:
        if d.source != "mtcheck" or not isinstance(d.data, dict):
            continue
        for replacement in d.data.get("replacements", [])[:5]:
            title = f"Replace with “{replacement}”" if replacement else "Delete"
            edit = types.WorkspaceEdit(changes={uri: [types.TextEdit(range=d.range, new_text=replacement)]})
            actions.append(types.CodeAction(title=f"{title} ({d.code})", kind=types.CodeActionKind.QuickFix,
                                            diagnostics=[d], edit=edit, is_preferred=len(actions) == 0))
    return actions


class MtcheckServer(LanguageServer):
    """A pygls server that keeps one pending check per document."""

    def __init__(self, options: ScanOptions | None = None) -> None:
        super().__init__("mtcheck", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.options = options or ScanOptions()
        self.pending: dict[str, asyncio.Task[Any]] = {}

    def schedule(self, uri: str, delay: float = DEBOUNCE_SECONDS) -> None:
        """Check ``uri`` after ``delay`` seconds, cancelling a check still waiting for it."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.ensure_future(self._check_later(uri, delay))

    async def _check_later(self, uri: str, delay: float) -> None:
        await asyncio.sleep(delay)
        document = self.workspace.get_text_document(uri)
        version = document.version
        try:
            report = await asyncio.to_thread(check_text, uri, document.source, self.options)
        except Exception as exc:  # noqa: BLE001 - the server reports and goes on
            self.window_log_message(types.LogMessageParams(types.MessageType.Error, f"mtcheck: {exc}"))
            return
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics(report)))


def build_server(options: ScanOptions | None = None) -> MtcheckServer:
    """The language server with its handlers registered."""
    server = MtcheckServer(options)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: MtcheckServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, delay=0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: MtcheckServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: MtcheckServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, delay=0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: MtcheckServer, params: types.DidCloseTextDocumentParams) -> None:
        task = ls.pending.pop(params.text_document.uri, None)
        if task is not None:
            task.cancel()
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: MtcheckServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return quick_fixes(params.text_document.uri, list(params.context.diagnostics))

    return server
