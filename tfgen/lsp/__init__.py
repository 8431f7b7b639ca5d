"""`tfgen lsp`: the checks of validate, check-input and render, live in an editor.

The server is a thin pygls layer (`server.py`) over parts that know nothing of the protocol:
which check a document gets (`documents.py`), the modules that call it (`callers.py`), one
check over the editor's buffers (`checking.py`), code actions (`actions.py`), hover
(`hover.py`), and the conversion of tfgen's positions to the client's (`protocol.py`).
"""
