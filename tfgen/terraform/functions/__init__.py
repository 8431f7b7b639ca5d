"""Terraform's built-in functions and operators, over the plain values of tfgen.terraform.values.

Anything that depends on an UNKNOWN is UNKNOWN; anything Terraform would reject raises
EvaluationError. Work stays bounded on hostile input: a result that would be huge (or a
regular expression that could backtrack for too long) is UNKNOWN rather than computed.

Each function module enters its functions in FUNCTIONS (registry) when imported, which is
why all of them are imported here: strings, replace (its regular expressions translated in
re2_translation), format (with format_verbs, format_numbers, cty_json), collection_functions,
sequence_functions, text_functions, pattern_functions, json_functions, network_functions,
conversions and math_functions. The operators are in operators, arithmetic and equality.
"""

from __future__ import annotations

from tfgen.terraform.functions import (  # noqa: F401  (imported for their registrations)
    collection_functions,
    conversions,
    format,
    json_functions,
    math_functions,
    network_functions,
    pattern_functions,
    replace,
    sequence_functions,
    strings,
    text_functions,
)
from tfgen.terraform.functions.bounds import MAX_COLLECTION
from tfgen.terraform.functions.failure import EvaluationError
from tfgen.terraform.functions.operators import binary, unary
from tfgen.terraform.functions.table import FUNCTIONS, call

__all__ = ["FUNCTIONS", "MAX_COLLECTION", "EvaluationError", "binary", "call", "unary"]
