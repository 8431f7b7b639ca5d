"""How a function or operator says no: EvaluationError for what Terraform would reject,
Pending for an UNKNOWN argument that makes the whole answer UNKNOWN."""

from __future__ import annotations


class EvaluationError(Exception):
    """Terraform would reject this call/operation (wrong argument type, bad format verb...).
    Message is one line, Terraform-like."""


class Pending(Exception):
    """An argument the result depends on is UNKNOWN: the call's answer is UNKNOWN."""


def failed(name: str, detail: str) -> EvaluationError:
    return EvaluationError(f'Call to function "{name}" failed: {detail}')
