"""How format() writes a number: the integer verbs (%b %d %o %x %X), the float verbs
(%e %E %f %g %G), padding, and Go's shortest %g."""

from __future__ import annotations

from fractions import Fraction

from tfgen.terraform.functions.format_verbs import Spec, format_failed
from tfgen.terraform.numbers import Number, digits, number_text


def format_number(spec: Spec, number: Number, where: str) -> str:
    sign = "-" if number < 0 else "+" if "+" in spec.flags else " " if " " in spec.flags else ""
    if spec.verb in "bdoxX":
        if isinstance(number, Fraction):
            raise format_failed(f"{where}: an integer is required")
        return _format_integer(spec, int(number), sign)
    precision = 6 if spec.prec is None else spec.prec
    if spec.verb in "gG" and spec.prec is None:
        body = shortest_g(-number if number < 0 else number)
        body = body.upper() if spec.verb == "G" else body
    elif spec.verb == "f":
        body = _fixed(abs(Fraction(number)), precision)
    else:
        body = _exponent(abs(Fraction(number)), precision, spec.verb)
    return _assemble(sign, "", body, spec, zero_pad=True)


def _fixed(value: Fraction, precision: int) -> str:
    """%f: the exact value rounded to precision places, an exact half to even (Go's Text)."""
    scaled = round(value * 10**precision)
    text = str(scaled).rjust(precision + 1, "0")
    return text if precision == 0 else f"{text[:-precision]}.{text[-precision:]}"


def _exponent(value: Fraction, precision: int, verb: str) -> str:
    """%e / %g with a precision, from the exact value, rounded half to even."""
    if value == 0:
        mantissa, power = "0" * (precision + 1), 0
    else:
        power = len(str(int(value))) - 1 if value >= 1 else -len(str(int(1 / value)))
        while value >= Fraction(10) ** (power + 1):
            power += 1
        while value < Fraction(10) ** power:
            power -= 1
        places = precision if verb in "eE" else max(precision - 1, 0)
        scaled = round(value / Fraction(10) ** power * 10**places)
        if scaled >= 10 ** (places + 1):
            scaled, power = scaled // 10, power + 1
        mantissa = str(scaled)
    if verb in "gG":
        return format(float(value), f".{precision}{verb}")
    head, tail = mantissa[0], mantissa[1:]
    body = head + ("." + tail if tail else "")
    return f"{body}{verb}{'+' if power >= 0 else '-'}{abs(power):02d}"


def _format_integer(spec: Spec, number: int, sign: str) -> str:
    digits = format(abs(number), spec.verb)
    if spec.prec is not None:
        digits = "" if spec.prec == 0 and number == 0 else digits.zfill(spec.prec)
    prefix = {"b": "0b", "o": "0", "x": "0x", "X": "0X"}.get(spec.verb, "")
    prefix = prefix if "#" in spec.flags else ""
    return _assemble(sign, prefix, digits, spec, zero_pad=spec.prec is None)


def _assemble(sign: str, prefix: str, digits: str, spec: Spec, zero_pad: bool) -> str:
    gap = (spec.width or 0) - len(sign) - len(prefix) - len(digits)
    if gap <= 0:
        return sign + prefix + digits
    if "-" in spec.flags:
        return sign + prefix + digits + " " * gap
    if "0" in spec.flags and zero_pad:
        return sign + prefix + "0" * gap + digits
    return " " * gap + sign + prefix + digits


def shortest_g(number: Number) -> str:
    """Go's big.Float Text('g', -1): shortest digits, exponent form outside 1e-4 .. 1e6."""
    if isinstance(number, float):
        return number_text(number)
    text, point = digits(number)
    minus = "-" if number < 0 else ""
    if text == "0":
        return "0"
    if not -4 <= point - 1 < 6:
        mantissa = text[0] + ("." + text[1:] if len(text) > 1 else "")
        return f"{minus}{mantissa}e{'+' if point > 0 else '-'}{abs(point - 1):02d}"
    if point <= 0:
        return f"{minus}0.{'0' * -point}{text}"
    if point >= len(text):
        return minus + text + "0" * (point - len(text))
    return f"{minus}{text[:point]}.{text[point:]}"
