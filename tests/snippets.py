"""Small inputs several test modules start from."""

from __future__ import annotations

# A valid openai_batch block, as bytes: tests write it, then break one thing.
BATCH = (
    b'resource "openai_batch" "x" {\n'
    b'  completion_window = "24h"\n'
    b'  endpoint          = "/v1/responses"\n'
    b'  input_file_id     = "file-1"\n'
    b"}\n"
)
SPEC_HEAD = b"version: 1\n"
