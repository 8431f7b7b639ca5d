"""Terraform's regular expressions are RE2; this rewrites them for Python's `re`, refusing
(None) where the two engines might disagree, and measures how badly one can backtrack."""

from __future__ import annotations

import math
import re
import warnings
from typing import NamedTuple

from tfgen.terraform.functions.bounds import REGEX_STEPS
from tfgen.terraform.functions.failure import EvaluationError, failed

_NOT_RE2 = ("(?=", "(?!", "(?<=", "(?<!", "(?>")
_RE2_LETTER_ESCAPES = set("afnrtvdDsSwWbBAxz")
_NOT_PYTHON_IN_CLASS = ("[:", "\\p", "\\P", "\\Q", "\\E", "\\C")
# RE2's \d, \w and \s are ASCII; spelled out for an engine whose classes are Unicode.
_ASCII_CLASSES = {
    "d": "[0-9]",
    "D": "[^0-9]",
    "w": "[0-9A-Za-z_]",
    "W": "[^0-9A-Za-z_]",
    "s": "[\\t\\n\\f\\r ]",
    "S": "[^\\t\\n\\f\\r ]",
}
_REPEAT = re.compile(r"\{(\d+)(?:,(\d*))?\}")
_FLAGS_ONLY = re.compile(r"\(\?[imsU-]*\)")
_GROUP_OPEN = re.compile(r"\((?:\?P<\w+>|\?[imsU-]*:)?")


def _invalid_regex(detail: str) -> EvaluationError:
    return failed("replace", f"invalid regular expression: {detail}")


class _Group(NamedTuple):
    risky: bool  # holds a quantifier or an alternation
    depth: int  # deepest nesting of quantifiers inside


class Re2Translation:
    """An RE2 pattern rewritten for Python's `re`, with a rough measure of how badly it can
    backtrack. `python` is None when the two engines might disagree about the pattern."""

    def __init__(self, pattern: str) -> None:
        self.pattern, self.quantifiers, self.branches = pattern, 0, 0
        self.nested = False  # a quantified group holds a quantifier or an alternation
        self.depth = 0  # 1 for a*, 2 for (a*)*, 3 for ((a*)*)* ...
        self.groups: list[_Group] = []  # the groups open at this point of the scan
        self.closed: _Group | None = None  # the group the previous token closed
        self.multiline = re.search(r"\(\?[a-zA-Z]*m", pattern) is not None
        # RE2's Unicode classes (\pL, \p{Greek}) need the `regex` engine, whose \w, \d and \s
        # are Unicode: those are then spelled out as RE2's ASCII classes.
        self.unicode = re.search(r"\\[pP]", pattern) is not None
        self.python = self._scan()

    def affordable(self, length: int) -> bool:
        """Backtracking tries about length ** (quantifiers + 1) paths; once a quantified
        group holds a quantifier or an alternation ((a+)+, (a|b)*) it is exponential in the
        length, and deeper nesting than that is out of reach whatever the length."""
        budget = math.log(REGEX_STEPS)
        if self.depth > 2:
            return False
        if self.nested:
            return length * math.log(self.quantifiers + self.branches + 1) <= budget
        return (self.quantifiers + 1) * math.log(length + 1) <= budget

    def _scan(self) -> str | None:
        out, index = [], 0
        while index < len(self.pattern):
            char, closed = self.pattern[index], self.closed
            self.closed = None
            if char in "*+?{":
                piece, index = self._quantifier(index, closed)
            elif char == "\\":
                piece, index = self._escape(index)
            elif char == "[":
                piece, index = self._char_class(index)
            else:
                piece, index = self._other(index)
            if piece is None:
                return None
            out.append(piece)
        return "".join(out)

    def _mark(self, risky: bool, depth: int) -> None:
        if self.groups:
            top = self.groups[-1]
            self.groups[-1] = _Group(top.risky or risky, max(top.depth, depth))

    def _quantifier(self, index: int, closed: _Group | None) -> tuple[str | None, int]:
        end = index + 1
        if self.pattern[index] == "{":
            repeat = _REPEAT.match(self.pattern, index)
            if repeat is None:
                return "\\{", end  # RE2 reads a stray brace literally; so must Python
            if any(int(n or 0) > 1000 for n in repeat.groups()):
                raise _invalid_regex("invalid repeat count")
            end = repeat.end()
        if self.pattern.startswith("?", end):
            end += 1  # lazy form: still one quantifier
        depth = closed.depth + 1 if closed else 1
        self.quantifiers, self.depth = self.quantifiers + 1, max(self.depth, depth)
        self.nested = self.nested or (closed is not None and closed.risky)
        self._mark(True, depth)
        return self.pattern[index:end], end

    def _escape(self, index: int) -> tuple[str | None, int]:
        char = self.pattern[index + 1 : index + 2]
        following = self.pattern[index + 2 : index + 3]
        if char == "":
            raise _invalid_regex("trailing backslash at end of expression")
        if char in "123456789":
            if following and following in "01234567":
                return None, index  # RE2 reads an octal escape, Python a backreference
            raise _invalid_regex(f"invalid escape sequence: \\{char}")
        if char in "pP" and self.unicode:
            return self._unicode_class(index)
        if self.unicode and char in _ASCII_CLASSES:
            return _ASCII_CLASSES[char], index + 2
        if self.unicode and char in "bB":
            return None, index  # an ASCII word boundary the regex engine cannot spell
        if char in "pPQEC" or (char == "x" and following == "{"):
            return None, index  # RE2 syntax Python lacks
        if not char.isascii() or (char.isalpha() and char not in _RE2_LETTER_ESCAPES):
            raise _invalid_regex(f"invalid escape sequence: \\{char}")
        return ("\\Z" if char == "z" else "\\" + char), index + 2

    def _unicode_class(self, index: int) -> tuple[str | None, int]:
        r"""`\pL`, `\PL`, `\p{Greek}`: the same text in the regex engine."""
        if self.pattern.startswith("{", index + 2):
            end = self.pattern.find("}", index + 2)
            if end < 0:
                raise _invalid_regex("invalid character class range")
            return self.pattern[index : end + 1], end + 1
        if index + 2 >= len(self.pattern):
            raise _invalid_regex("invalid character class range")
        return self.pattern[index : index + 3], index + 3

    def _char_class(self, index: int) -> tuple[str | None, int]:
        end = index + 1
        end += self.pattern.startswith("^", end)
        end += self.pattern.startswith("]", end)
        out = [self.pattern[index:end]]
        while end < len(self.pattern) and self.pattern[end] != "]":
            pair = self.pattern[end : end + 2]
            if self.unicode and pair[:2] in ("\\p", "\\P"):
                piece, end = self._unicode_class(end)
                out.append(piece or "")
                continue
            if pair in _NOT_PYTHON_IN_CLASS:
                return None, end  # POSIX classes and the like: Python has none
            if self.unicode and pair[:1] == "\\" and pair[1:] in "dws" and pair[1:]:
                out.append(_ASCII_CLASSES[pair[1]][1:-1])  # the ranges, inside this class
            elif self.unicode and pair[:1] == "\\" and pair[1:] in "DWS" and pair[1:]:
                return None, end  # a negated class inside a class: not spelled out here
            else:
                out.append(self.pattern[end : end + (2 if pair[:1] == "\\" else 1)])
            end += 2 if pair[:1] == "\\" else 1
        if end >= len(self.pattern):
            raise _invalid_regex("missing closing ]")
        return "".join(out) + "]", end + 1

    def _other(self, index: int) -> tuple[str | None, int]:
        char = self.pattern[index]
        if char == "(":
            return self._open_group(index)
        if char == ")" and self.groups:
            self.closed = self.groups.pop()
            self._mark(self.closed.risky, self.closed.depth)
        elif char == "|":
            self.branches += 1
            self._mark(True, 0)
        elif char == "$" and not self.multiline:
            return "\\Z", index + 1  # RE2's $ is the very end; Python's also before a final \n
        return char, index + 1

    def _open_group(self, index: int) -> tuple[str | None, int]:
        if self.pattern.startswith(_NOT_RE2, index):
            raise _invalid_regex("lookaround and atomic groups are not supported")
        flags = _FLAGS_ONLY.match(self.pattern, index)
        opener = flags or _GROUP_OPEN.match(self.pattern, index)
        if opener is None or "U" in opener.group() or self.pattern.startswith("(?<", index):
            return None, index  # ungreedy mode, or (?<name>) that only newer RE2 reads
        if opener.group() == "(" and self.pattern.startswith("(?", index):
            raise _invalid_regex("invalid or unsupported Perl syntax")
        if flags is None:
            self.groups.append(_Group(False, 0))
        return opener.group(), opener.end()


def compile_python(translation: Re2Translation) -> re.Pattern[str] | None:
    """The translated pattern compiled: by `re` (ASCII classes, as RE2's), or by `regex` when
    it holds RE2's Unicode classes; None where Python refuses what RE2 might accept."""
    if translation.python is None:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nested-set FutureWarnings are RE2-valid syntax
        try:
            if translation.unicode:
                import regex

                compiled: re.Pattern[str] = regex.compile(translation.python, regex.VERSION0)
                return compiled
            return re.compile(translation.python, re.ASCII)
        except (re.error, OverflowError, RecursionError):
            return None  # Python refuses; RE2 might not, so we cannot call it an error
        except Exception:  # the regex engine's own error class
            return None


# Python's words for mistakes RE2 refuses as well: an unbalanced bracket, a repeat of nothing.
_SHARED_SYNTAX_ERRORS = (
    "missing ), unterminated subpattern",
    "unbalanced parenthesis",
    "unterminated character set",
    "nothing to repeat",
    "multiple repeat",
)


def syntax_error(pattern: str, function: str) -> EvaluationError | None:
    """Terraform's error for a pattern that neither engine reads, else None."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            re.compile(pattern)
    except re.error as exc:
        if any(exc.msg.startswith(words) for words in _SHARED_SYNTAX_ERRORS):
            return failed(function, f"invalid regular expression: {exc.msg}")
    except (OverflowError, RecursionError):
        return None
    return None


def runnable(pattern: str, function: str, length: int) -> re.Pattern[str] | None:
    """The RE2 pattern compiled for a text of length characters; Terraform's error for one
    neither engine reads; None where tfgen cannot run it as RE2 would, or not cheaply."""
    translated = Re2Translation(pattern)
    compiled = compile_python(translated)
    if compiled is None:
        problem = syntax_error(pattern, function)
        if problem is not None:
            raise problem
        return None
    return compiled if translated.affordable(length) else None
