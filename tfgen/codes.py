"""Every diagnostic code tfgen can emit, with its default severity and a one-line summary.

The rules themselves live in `schemas/`; this registry documents the codes they name (the
README, `--format sarif` and the tests all read it).
"""

from __future__ import annotations

from dataclasses import dataclass

from tfgen.diagnostics import Diagnostic, Severity, Span


@dataclass(frozen=True)
class Code:
    name: str
    severity: Severity
    summary: str


def _codes(*entries: tuple[str, Severity, str]) -> dict[str, Code]:
    return {name: Code(name, severity, summary) for name, severity, summary in entries}


E, W = Severity.ERROR, Severity.WARNING

CODES: dict[str, Code] = _codes(
    ("syntax-error", E, "The file is not valid HCL, Terraform JSON or UTF-8."),
    ("unreadable-file", E, "A file that exists but cannot be read."),
    (
        "file-too-large",
        E,
        "A file over one of tfgen's limits (size, tokens, nesting), not checked.",
    ),
    ("missing-argument", E, "A required argument is not set."),
    ("unknown-argument", E, "An argument the resource does not have."),
    (
        "ignored-object-key",
        W,
        "A key of a nested object the attribute does not have: Terraform drops it silently.",
    ),
    ("computed-attribute", E, "An attribute the provider computes is set in configuration."),
    ("invalid-type", E, "A value whose type Terraform cannot convert to the argument's type."),
    ("invalid-completion-window", E, "completion_window is not exactly 24h."),
    ("invalid-endpoint", E, "endpoint is not one of the supported endpoints (case-sensitive)."),
    ("invalid-input-file-id", E, "input_file_id is empty."),
    ("input-file-id-format", W, "A literal input_file_id that does not look like file-...."),
    ("invalid-batch-id", E, "batch_id of data.openai_batch is empty."),
    ("invalid-file-purpose", E, "purpose of an openai_file is none of the purposes the API has."),
    ("metadata-too-many-pairs", E, "metadata has more than 16 key-value pairs."),
    ("metadata-key-too-long", E, "A metadata key is longer than 64 characters."),
    ("metadata-value-too-long", E, "A metadata value is longer than 512 characters."),
    ("invalid-output-expires-after", E, "output_expires_after.anchor is not created_at."),
    (
        "output-expires-seconds-out-of-range",
        E,
        "output_expires_after.seconds is not a whole number from 3600 to 2592000.",
    ),
    (
        "attribute-as-block",
        E,
        "A nested attribute written as a block (or a dynamic block) instead of with `=`.",
    ),
    ("unknown-block", E, "A nested block type the resource does not have."),
    ("duplicate-attribute", E, "An argument set twice in one block."),
    ("duplicate-block", E, "Two blocks with the same type and name in one module."),
    (
        "invalid-meta-argument",
        E,
        "count with for_each, or a provider alias no provider block configures.",
    ),
    ("module-cycle", E, "A module block whose local source calls, in the end, its own module."),
    ("module-not-found", E, "A module block whose local source is no directory."),
    ("undeclared-variable", W, "A variables file sets a variable the module does not declare."),
    ("unknown-cli-variable", E, "A --var sets a variable that no checked module declares."),
    (
        "invalid-variable-value",
        E,
        "A variable's value cannot be converted to its declared type, or fails a validation.",
    ),
    (
        "local-cycle",
        E,
        "Local values (or variable validations) that refer to each other in a cycle.",
    ),
    (
        "not-constant",
        E,
        "A variable default or variables-file value that uses a name or calls a function.",
    ),
    (
        "invalid-validation",
        E,
        "A variable validation whose condition is not true or false, or does not use the variable.",
    ),
    ("input-not-utf8", E, "A batch input line that is not valid UTF-8."),
    ("input-empty-file", E, "A batch input file with no requests."),
    ("input-blank-line", E, "A blank line in the middle of a batch input file."),
    ("input-invalid-json", E, "A batch input line that is not one JSON object."),
    (
        "input-missing-field",
        E,
        "A request without custom_id, method, url or body (or of the wrong type).",
    ),
    ("input-duplicate-custom-id", E, "A custom_id used by an earlier request of the file."),
    ("input-invalid-method", E, "A request whose method is not POST."),
    ("input-url-mismatch", E, "A request whose url is not the batch's endpoint."),
    ("input-invalid-url", E, "A request whose url is none of the batch endpoints."),
    ("input-missing-model", E, "A request body without a model."),
    ("input-model-mismatch", E, "A request for another model than the rest of the file."),
    ("input-stream-not-allowed", E, "A request body with stream: true."),
    ("input-missing-input", E, "A /v1/moderations request body without input."),
    (
        "input-unknown-parameter",
        E,
        "A request body parameter the endpoint does not have (OpenAI's API description).",
    ),
    (
        "input-invalid-parameter",
        E,
        "A request body value of the wrong type, out of range, or not one the API allows.",
    ),
    ("input-missing-parameter", E, "A request body without a parameter the endpoint requires."),
    ("input-too-many-requests", E, "More than 50,000 requests in one file."),
    ("input-too-large", E, "A file larger than 200 MB."),
    ("input-too-many-embedding-inputs", E, "More than 50,000 embedding inputs across the file."),
    ("input-file-missing", E, "An openai_file whose file() names a file that does not exist."),
    (
        "input-purpose-not-batch",
        E,
        "A batch whose input_file_id refers to an openai_file whose purpose is not batch.",
    ),
    ("ignore-without-reason", W, "A tfgen:ignore with no `-- reason`."),
    ("unused-ignore", W, "A tfgen:ignore that matches no finding."),
    ("invalid-ignore", W, "A tfgen:ignore that names no code, an unknown code, or no block."),
    (
        "render-stale-output",
        E,
        "render --check: the file a spec renders to is missing or differs from what it renders.",
    ),
    ("spec-invalid-type", E, "A spec value of the wrong type (a mapping, a string, a bool...)."),
    ("spec-missing-key", E, "A key the spec format requires is missing (`version`)."),
    ("spec-unknown-key", E, 'A key the spec format does not have, with "did you mean".'),
    ("spec-invalid-value", E, "A spec value outside what the format allows (`version: 2`)."),
    ("spec-invalid-name", E, "A batch or lookup name that is not a Terraform identifier."),
    ("spec-invalid-duration", E, "output_expires_after that is not a duration."),
    ("spec-input-conflict", E, "A batch with both or neither of input_file_id and input_file."),
    ("spec-duplicate-key", E, "A key given twice in one YAML mapping."),
    (
        "spec-undeclared-variable",
        E,
        "An {expr: ...} uses var.NAME that neither the spec nor the output's module declares.",
    ),
    (
        "invalid-expression",
        E,
        "An expression Terraform would reject: a function or operator on the wrong values.",
    ),
    (
        "invalid-reference",
        E,
        "A reference to a variable, local, resource, data source or module the module does not "
        "declare.",
    ),
    (
        "evaluation-limit",
        W,
        "A value too large or too costly for tfgen to evaluate: unknown, so left unchecked.",
    ),
)


def severity_of(code: str) -> Severity:
    return CODES[code].severity


def diagnostic(
    span: Span, code: str, message: str, address: str | None = None, attribute: str | None = None
) -> Diagnostic:
    """A finding at its code's default severity (project configuration may change it later)."""
    return Diagnostic(span, severity_of(code), code, message, address, attribute)


def unreadable(path: str, error: OSError) -> Diagnostic:
    """A file (or directory) nobody could read, at its top: too large, or not readable."""
    from tfgen.support.files import TooLarge

    if isinstance(error, TooLarge):
        return diagnostic(Span.point(path, 1, 1), "file-too-large", str(error))
    reason = error.strerror or str(error) or type(error).__name__
    return diagnostic(Span.point(path, 1, 1), "unreadable-file", f"cannot read: {reason}")
