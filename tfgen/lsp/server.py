"""The language server: pygls over stdio, calling the protocol-free parts of this package.

Checks run one at a time on a worker thread, so the editor's requests (hover, code actions)
are answered while a module is checked; a change is checked once typing pauses (DEBOUNCE), and
a check whose document changed meanwhile is not published (the next one is coming). A failure
of a check is one message to the client, never the end of the server.
"""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

from lsprotocol import types
from pygls import uris
from pygls.lsp.server import LanguageServer

from tfgen import __version__
from tfgen.diagnostics import Diagnostic
from tfgen.errors import UsageError
from tfgen.lsp import protocol
from tfgen.lsp.actions import actions_for
from tfgen.lsp.callers import Calls
from tfgen.lsp.checking import Findings, check_document
from tfgen.lsp.documents import Kind, kind_of
from tfgen.lsp.hover import hover_at
from tfgen.support.config import chosen_config
from tfgen.support.files import read_limited
from tfgen.support.limits import MAX_TERRAFORM_FILE

DEBOUNCE = 0.3  # seconds without a change before a changed buffer is checked


class TfgenServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "tfgen", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental
        )
        self.checker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tfgen-check")
        self.pending: dict[str, asyncio.TimerHandle] = {}  # uri -> its debounced check
        self.published: dict[str, list[Diagnostic]] = {}  # uri -> what the editor shows
        self.calls: dict[str, Calls] = {}  # workspace folder -> who calls whom in it

    # What the editor holds

    def buffers(self) -> dict[str, bytes]:
        return {
            os.path.abspath(document.path): document.source.encode("utf-8", "surrogateescape")
            for document in self.workspace.text_documents.values()
            if document.uri.startswith("file:")
        }

    def text_of(self, path: str) -> str:
        uri = uris.from_fs_path(path) or ""
        if uri in self.workspace.text_documents:
            return self.workspace.get_text_document(uri).source
        try:
            return read_limited(path, MAX_TERRAFORM_FILE).decode("utf-8", "replace")
        except OSError:
            return ""

    def folder_of(self, path: str) -> str | None:
        """The workspace folder holding path (the innermost), where callers are looked for."""
        folders = [uris.to_fs_path(f.uri) for f in self.workspace.folders.values()]
        folders.append(self.workspace.root_path)
        holding = [
            f for f in folders if f and (path + os.sep).startswith(f.rstrip(os.sep) + os.sep)
        ]
        return max(holding, key=len) if holding else None

    # Checking

    def schedule(self, uri: str, delay: float) -> None:
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(delay, lambda: asyncio.ensure_future(self.check(uri)))

    async def check(self, uri: str) -> None:
        self.pending.pop(uri, None)
        if uri not in self.workspace.text_documents or not uri.startswith("file:"):
            return  # closed meanwhile, or never a file (an untitled buffer)
        document = self.workspace.get_text_document(uri)
        version, path = document.version, os.path.abspath(document.path)
        buffers = self.buffers()
        loop = asyncio.get_running_loop()
        try:
            findings = await loop.run_in_executor(self.checker, self._check, path, buffers)
        except UsageError as exc:  # a bad configuration file: the user's to fix
            self.show(types.MessageType.Error, f"tfgen: {exc}")
            return
        except Exception as exc:  # the server outlives its bugs
            self.crashed(exc)
            return
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return
        self.publish(findings)

    def _check(self, path: str, buffers: Mapping[str, bytes]) -> Findings:
        text = buffers.get(path, b"").decode("utf-8", "replace")
        kind = kind_of(path, text, chosen_config([path], None, (), ()))
        if kind is None:
            return {}
        calls = None
        folder = self.folder_of(path)
        if kind is Kind.TERRAFORM and folder is not None:
            calls = self.calls.get(folder) or self.calls.setdefault(folder, Calls(folder))
        return check_document(path, kind, buffers, calls)

    def publish(self, findings: Findings) -> None:
        codec = self.workspace.position_codec
        for path, found in findings.items():
            uri = uris.from_fs_path(path)
            if uri is None:
                continue
            lines = self.text_of(path).split("\n")
            self.published[uri] = found
            diagnostics = [protocol.to_diagnostic(d, lines, codec) for d in found]
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics)
            )

    def show(self, kind: types.MessageType, message: str) -> None:
        if kind is types.MessageType.Log:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
        else:
            self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def crashed(self, exc: Exception, kind: types.MessageType = types.MessageType.Error) -> None:
        from tfgen.support.crash_log import write_crash_log

        where = write_crash_log(exc)
        saved = f"; the traceback is in {where}" if where else ""
        self.show(kind, f"tfgen: internal error: {type(exc).__name__}: {exc}{saved}")


def build_server() -> TfgenServer:
    server = TfgenServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TfgenServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.calls.clear()  # a new file may be a new caller
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TfgenServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: TfgenServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.calls.clear()
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TfgenServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        pending = ls.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        ls.published.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )
        # The others of its folder now read the file from disk.
        folder = os.path.dirname(uris.to_fs_path(uri) or "")
        for other in list(ls.workspace.text_documents):
            if os.path.dirname(uris.to_fs_path(other) or "") == folder:
                ls.schedule(other, 0)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: TfgenServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        document = ls.workspace.get_text_document(uri)
        lines = document.source.split("\n")
        codec = ls.workspace.position_codec
        near = [d for d in ls.published.get(uri, []) if protocol.touches(d.span, params.range)]
        result = []
        for action in actions_for(near, document.source):
            edit = types.TextEdit(
                range=protocol.to_range(action.edit.span, lines, codec), new_text=action.edit.text
            )
            result.append(
                types.CodeAction(
                    title=action.title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[protocol.to_diagnostic(action.diagnostic, lines, codec)],
                    is_preferred=action.preferred,
                    edit=types.WorkspaceEdit(changes={uri: [edit]}),
                )
            )
        return result

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: TfgenServer, params: types.HoverParams) -> types.Hover | None:
        document = ls.workspace.get_text_document(params.text_document.uri)
        path = os.path.abspath(document.path)
        if kind_of(path, "", chosen_config([path], None, (), ())) is not Kind.TERRAFORM:
            return None
        lines = document.source.split("\n")
        codec = ls.workspace.position_codec
        line, column = protocol.from_position(params.position, lines, codec)
        loop = asyncio.get_running_loop()
        try:
            found = await loop.run_in_executor(
                ls.checker, hover_at, path, line, column, ls.buffers()
            )
        except Exception as exc:  # a hover is never worth an error box: logged instead
            ls.crashed(exc, types.MessageType.Log)
            return None
        if found is None:
            return None
        contents = types.MarkupContent(kind=types.MarkupKind.Markdown, value=found.text)
        return types.Hover(contents=contents, range=protocol.to_range(found.span, lines, codec))

    return server


def serve() -> None:
    # Results of unsaved text are nobody else's: no result cache. Checks run in this process
    # (a worker thread): forking a process that runs threads is not safe.
    os.environ["TFGEN_NO_CACHE"] = "1"
    os.environ["TFGEN_JOBS"] = "1"
    gc.freeze()  # what is loaded by now lives as long as the server
    gc.enable()  # the console script turned it off for short runs; this one runs for hours
    build_server().start_io()
