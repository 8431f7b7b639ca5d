"""Bounds that keep the functions' work small on hostile input: a result that would be huge
(or a regular expression that could backtrack for too long) is UNKNOWN rather than computed."""

from __future__ import annotations

from tfgen.support.limits import MAX_STRING as MAX_STRING  # shared with every expression

MAX_COLLECTION = 1024
MAX_WIDTH = 4096  # largest format width or precision we honour
REGEX_STEPS = 1e6  # rough backtracking budget for one replace() call
