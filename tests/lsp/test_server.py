"""`tfgen lsp` end to end: a real client (pytest-lsp) talking to the server process over stdio."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_lsp
from locations import FIXTURES, tfgen_script
from lsprotocol import types
from pygls import uris
from pygls.workspace import Workspace
from pytest_lsp import ClientServerConfig, LanguageClient

from tfgen.lsp.server import TfgenServer

pytestmark = pytest.mark.asyncio
e2e = pytest.mark.slow  # a server process each

WORKSPACE = FIXTURES / "lsp" / "workspace"
TIMEOUT = 60.0  # seconds for the server to answer, on a loaded machine


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    copy = tmp_path / "workspace"
    shutil.copytree(WORKSPACE, copy)
    return copy


@pytest_lsp.fixture(
    # The installed console script, with the flag VS Code's client adds.
    config=ClientServerConfig(server_command=[tfgen_script(), "lsp", "--stdio"])
)
async def client(lsp_client: LanguageClient, workspace: Path):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=uris.from_fs_path(str(workspace)),
        )
    )
    yield
    await lsp_client.shutdown_session()


Diagnostics = Sequence[types.Diagnostic]


async def published(
    client: LanguageClient, path: Path, ready: Callable[[Diagnostics], bool]
) -> Diagnostics:
    """The diagnostics of path once they satisfy ready (polled: a notification may arrive
    before anyone waits for it)."""
    uri = uris.from_fs_path(str(path)) or ""
    deadline = asyncio.get_running_loop().time() + TIMEOUT
    while True:
        found = client.diagnostics.get(uri)
        if found is not None and ready(found):
            return found
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"no diagnostics as expected for {path.name}: {found}")
        await asyncio.sleep(0.05)


def codes(found: Diagnostics) -> list[str]:
    return sorted(str(d.code) for d in found)


def open_file(
    client: LanguageClient, path: Path, text: str | None = None, language: str = "terraform"
) -> str:
    uri = uris.from_fs_path(str(path)) or ""
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri,
                language_id=language,
                version=1,
                text=path.read_text() if text is None else text,
            )
        )
    )
    return uri


def replace_all(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


@e2e
async def test_open_publishes_findings_at_their_place(
    client: LanguageClient, workspace: Path
) -> None:
    main = workspace / "single" / "main.tf"
    open_file(client, main)
    found = await published(client, main, lambda d: len(d) == 3)
    assert codes(found) == ["invalid-endpoint", "missing-argument", "unknown-argument"]
    typo = next(d for d in found if d.code == "unknown-argument")
    # The whole argument, name to value, as the command line reports it.
    assert typo.range == types.Range(start=types.Position(6, 2), end=types.Position(6, 44))
    assert typo.severity == types.DiagnosticSeverity.Error
    assert typo.source == "tfgen"
    assert 'did you mean "endpoint"' in typo.message


@e2e
async def test_a_module_is_checked_with_the_arguments_of_its_callers(
    client: LanguageClient, workspace: Path
) -> None:
    child = workspace / "modules" / "jobs" / "main.tf"
    open_file(client, child)
    found = await published(client, child, lambda d: len(d) > 0)
    assert codes(found) == ["invalid-endpoint"]
    assert "module.jobs argument" in found[0].message


@e2e
async def test_the_unsaved_buffer_wins_over_the_file(
    client: LanguageClient, workspace: Path
) -> None:
    main = workspace / "single" / "main.tf"
    fixed = (
        main.read_text().replace("endpont ", "endpoint").replace("/v1/Embeddings", "/v1/embeddings")
    )
    uri = open_file(client, main, fixed)
    await published(client, main, lambda d: len(d) == 0)
    replace_all(client, uri, 2, fixed.replace('"24h"', '"24 h"'))
    found = await published(client, main, lambda d: len(d) > 0)
    assert codes(found) == ["invalid-completion-window"]


@e2e
async def test_a_malformed_buffer_mid_edit_is_a_syntax_error_then_clears(
    client: LanguageClient, workspace: Path
) -> None:
    main = workspace / "single" / "main.tf"
    text = main.read_text()
    uri = open_file(client, main)
    await published(client, main, lambda d: len(d) == 3)
    half = text.replace('endpoint          = "/v1/Embeddings"', 'endpoint          = "/v1/Emb')
    replace_all(client, uri, 2, half)
    found = await published(client, main, lambda d: codes(d) == ["syntax-error"])
    assert found[0].range.start.line == 13
    replace_all(client, uri, 3, text)
    await published(client, main, lambda d: len(d) == 3)


@e2e
async def test_typing_is_checked_once_it_pauses(client: LanguageClient, workspace: Path) -> None:
    main = workspace / "single" / "main.tf"
    text = main.read_text()
    uri = open_file(client, main)
    await published(client, main, lambda d: len(d) == 3)
    for version, window in enumerate(['"2"', '"24"', '"24h"', '"24hx"'], start=2):
        replace_all(client, uri, version, text.replace("var.window", window))
    found = await published(client, main, lambda d: "invalid-completion-window" in codes(d))
    assert '"24hx"' in next(d.message for d in found if d.code == "invalid-completion-window")


@e2e
async def test_code_actions_fix_and_ignore(client: LanguageClient, workspace: Path) -> None:
    main = workspace / "single" / "main.tf"
    uri = open_file(client, main)
    found = await published(client, main, lambda d: len(d) == 3)
    typo = next(d for d in found if d.code == "unknown-argument")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=typo.range,
            context=types.CodeActionContext(diagnostics=[typo]),
        )
    )
    assert actions is not None
    by_title = {a.title: a for a in actions if isinstance(a, types.CodeAction)}
    fix = by_title["Change endpont to endpoint"]
    assert fix.is_preferred and fix.kind == types.CodeActionKind.QuickFix
    assert fix.edit is not None and fix.edit.changes is not None
    (edit,) = fix.edit.changes[uri]
    assert edit.range == types.Range(start=types.Position(6, 2), end=types.Position(6, 9))
    assert edit.new_text == "endpoint"
    ignore = by_title["Ignore unknown-argument here (tfgen:ignore)"]
    assert ignore.edit is not None and ignore.edit.changes is not None
    (comment,) = ignore.edit.changes[uri]
    assert comment.range.start == types.Position(6, 0) == comment.range.end
    assert comment.new_text.startswith("  # tfgen:ignore unknown-argument -- ")
    # The edit, made by the client, is what the server then finds clean.
    lines = main.read_text().split("\n")
    line = lines[6]
    lines[6] = line[: edit.range.start.character] + edit.new_text + line[edit.range.end.character :]
    replace_all(client, uri, 2, "\n".join(lines))
    await published(client, main, lambda d: codes(d) == ["invalid-endpoint"])


@e2e
async def test_hover_shows_the_resolved_value_and_its_origin(
    client: LanguageClient, workspace: Path
) -> None:
    main = workspace / "single" / "main.tf"
    uri = open_file(client, main)
    await published(client, main, lambda d: len(d) == 3)
    answer = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(5, 4)
        )
    )
    assert answer is not None and isinstance(answer.contents, types.MarkupContent)
    assert '`openai_batch.nightly.completion_window` = `"24h"`' in answer.contents.value
    assert "var.window" in answer.contents.value and "terraform.tfvars:1" in answer.contents.value
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(1, 4)
        )
    )
    assert nothing is None


@e2e
async def test_batch_input_columns_in_utf16(client: LanguageClient, workspace: Path) -> None:
    requests = workspace / "single" / "requests.jsonl"
    open_file(client, requests, language="jsonl")
    found = await published(client, requests, lambda d: len(d) == 2)
    unknown = next(d for d in found if d.code == "input-unknown-parameter")
    # Column 153 in characters; the emoji before it is two UTF-16 code units.
    assert unknown.range.start == types.Position(1, 153)


@e2e
async def test_specs_are_checked_other_yaml_is_left_alone(
    client: LanguageClient, workspace: Path
) -> None:
    compose = workspace / "spec" / "compose.yaml"
    spec = workspace / "spec" / "batches.yaml"
    open_file(client, compose, language="yaml")
    open_file(client, spec, language="yaml")
    found = await published(client, spec, lambda d: len(d) > 0)
    assert codes(found) == ["invalid-endpoint"] and found[0].range.start.line == 4
    assert uris.from_fs_path(str(compose)) not in client.diagnostics


@e2e
async def test_the_server_writes_nothing(client: LanguageClient, workspace: Path) -> None:
    before = {
        p: (p.read_bytes(), p.stat().st_mtime_ns) for p in workspace.rglob("*") if p.is_file()
    }
    for path in [workspace / "single" / "main.tf", workspace / "spec" / "batches.yaml"]:
        open_file(client, path)
        await published(client, path, lambda d: len(d) > 0)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in workspace.rglob("*") if p.is_file()}
    assert after == before


# In this process: what a check that fails, or that is overtaken, does.


@dataclass
class Watched:
    server: TfgenServer
    told: list[tuple[object, object]]  # messages shown and findings published, in order

    def opened(self, path: Path, text: str) -> str:
        uri = uris.from_fs_path(str(path)) or ""
        self.server.workspace.put_text_document(types.TextDocumentItem(uri, "terraform", 1, text))
        return uri


@pytest.fixture
def watched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Watched:
    monkeypatch.setenv("TFGEN_CACHE_DIR", str(tmp_path / "cache"))  # the crash log
    server = TfgenServer()
    server.protocol._workspace = Workspace(uris.from_fs_path(str(tmp_path)))
    told: list[tuple[object, object]] = []
    monkeypatch.setattr(server, "show", lambda kind, text: told.append((kind, text)))
    monkeypatch.setattr(server, "publish", lambda found: told.append(("published", found)))
    return Watched(server, told)


async def test_a_failing_check_is_one_message_and_the_server_goes_on(
    watched: Watched, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: str, buffers: object) -> None:
        raise RuntimeError("boom")

    uri = watched.opened(tmp_path / "main.tf", "")
    monkeypatch.setattr(watched.server, "_check", broken)
    await watched.server.check(uri)
    ((kind, text),) = watched.told
    assert kind == types.MessageType.Error and isinstance(text, str)
    assert text.startswith("tfgen: internal error: RuntimeError: boom; the traceback is in ")
    assert "boom" in Path(text.rsplit(" ", 1)[1]).read_text()


async def test_an_untitled_buffer_is_not_checked(watched: Watched) -> None:
    uri = "untitled:Untitled-1"
    watched.server.workspace.put_text_document(types.TextDocumentItem(uri, "terraform", 1, "x {"))
    await watched.server.check(uri)
    assert watched.told == []


async def test_a_bad_configuration_is_said_once(watched: Watched, tmp_path: Path) -> None:
    (tmp_path / ".tfgen.toml").write_text("spec-pattern = 3\n")
    await watched.server.check(watched.opened(tmp_path / "main.tf", ""))
    message = f"tfgen: {tmp_path}/.tfgen.toml: spec-pattern must be a string"
    assert watched.told == [(types.MessageType.Error, message)]


async def test_a_check_overtaken_by_an_edit_is_not_published(
    watched: Watched, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uri = watched.opened(tmp_path / "main.tf", "")

    def edited_meanwhile(path: str, buffers: object) -> dict[str, list[object]]:
        watched.server.workspace.get_text_document(uri).version = 2
        return {path: []}

    monkeypatch.setattr(watched.server, "_check", edited_meanwhile)
    await watched.server.check(uri)
    assert watched.told == []
    monkeypatch.setattr(watched.server, "_check", lambda path, buffers: {path: []})
    await watched.server.check(uri)
    assert watched.told == [("published", {str(tmp_path / "main.tf"): []})]


async def test_the_server_runs_with_the_garbage_collector_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The console script turns the collector off for short runs; a server runs for hours."""
    import gc

    from tfgen.lsp import server

    seen: list[bool] = []

    class Stub:
        def start_io(self) -> None:
            seen.append(gc.isenabled())

    for name in ("TFGEN_NO_CACHE", "TFGEN_JOBS"):
        monkeypatch.setenv(name, "")  # restored after the test; serve() sets both
    monkeypatch.setattr(server, "build_server", Stub)
    gc.disable()
    try:
        server.serve()
    finally:
        gc.enable()
    assert seen == [True]
