"""Seeded random Terraform evaluation cases: variables, tfvars, locals and one output each.

A case is generated to a kind (string, number, bool, list, set, map, object), so most cases
are values Terraform computes; with a small probability a node is replaced by one of the
mistakes people make (an undeclared name, a bad index, a wrong type), so some are errors.
The same seed gives the same cases on every machine.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

# Literals chosen for what Terraform does differently from a naive evaluator: NFC, grapheme
# clusters, numeric strings, case mapping, whitespace.
STRINGS = [
    "abc", "", "a,b,c", "Hello World", "  padded  ", "line\\n", "x\\r\\n", "e\\u0301",
    "\\u00e9", "a\\u200db", "\\u1100\\u1161\\u11a8", "\\U0001F1EB\\U0001F1F7",
    "\\U0001F3F4\\U000E0067\\U000E0062\\U000E0073\\U000E0063\\U000E0074\\U000E007F",
    "\\u0130", "Straße", "007", ".5", "5.", "1e3", "-2.50", "true", "b", "a", "B", "zz",
    "abcdef", "a-b_c", "tab\\tend", "%", "{}", "$${x}", "%%{y}", "na\\u00efve", "\\u212b",
]  # fmt: skip
NUMBERS = [
    "0", "1", "2", "3", "7", "10", "-3", "2.5", "0.1", "0.2", "0.3", "1e3", "1.5e300",
    "0.00001", "6.02e23", "123456789012345678901234567890", "1e600", "-0", "0.5", "100",
    "3.14159", "1e-7", "9007199254740993", "2e2", "15", "4",
]  # fmt: skip
NUMERIC_TEXTS = ['".5"', '"5."', '"007"', '"1e3"', '"-2.50"', '"0x10"', '"abc"', '" 5"', '"5"']
SEPARATORS = ['","', '"-"', '""', '", "']
FORMATS = [
    ('"%s-%d"', ["string", "number"]), ('"%.[1]s"', ["string"]), ('"%5.2f"', ["number"]),
    ('"%q"', ["string"]), ('"%v|%v"', ["number", "bool"]), ('"%x"', ["number"]),
    ('"%-4s|"', ["string"]), ('"%e"', ["number"]), ('"%g"', ["number"]), ('"%t"', ["bool"]),
    ('"%[2]s%[1]s"', ["string", "string"]), ('"%#v"', ["list"]), ('"%%%s"', ["string"]),
    ('"%s"', ["null"]), ('"%d"', ["string"]), ('"%z"', ["number"]), ('"%s %s"', ["string"]),
]  # fmt: skip
SUBSTRINGS = ['"a"', '"b"', '""', '"/[a-c]+/"', '"/\\\\pL/"', '"/(?i)B/"', '"/\\\\s+/"']
PATTERNS = ['"/([a-c])/"', '"/(\\\\pL)/"', '"/(\\\\d)/"', '"/(b)/"', '"/(\\\\w+)/"']
REGEXES = ['"[a-c]+"', '"\\\\pL+"', '"(\\\\d)"', '"^a"', '"(?i)B"', '"\\\\w+"', '"(a|b)"', '"("']

Kind = str  # string number bool list set map object


@dataclass
class Variable:
    name: str
    type_text: str
    default: str | None = None
    given: str | None = None  # the value in the case's .auto.tfvars
    validations: list[tuple[str, str]] = field(default_factory=list)  # condition, message


@dataclass
class Case:
    name: str
    variables: list[Variable] = field(default_factory=list)
    locals: list[tuple[str, str]] = field(default_factory=list)
    output: str = "null"

    def module_text(self) -> str:
        lines = []
        for v in self.variables:
            lines.append(f'variable "{v.name}" {{')
            lines.append(f"  type = {v.type_text}")
            if v.default is not None:
                lines.append(f"  default = {v.default}")
            for condition, message in v.validations:
                lines.append("  validation {")
                lines.append(f"    condition = {condition}")
                lines.append(f"    error_message = {message}")
                lines.append("  }")
            lines.append("}")
        if self.locals:
            lines.append("locals {")
            lines.extend(f"  {name} = {value}" for name, value in self.locals)
            lines.append("}")
        lines.append(f'output "{self.name}" {{')
        lines.append(f"  value = {self.output}")
        lines.append("  sensitive = true")  # sensitive() anywhere is then never an error
        lines.append("}")
        return "\n".join(lines) + "\n"

    def tfvars_text(self) -> str:
        return "".join(f"{v.name} = {v.given}\n" for v in self.variables if v.given is not None)


# Variable types, each with values that fit it and values that do not.
VARIABLE_TYPES: list[tuple[str, Kind, list[str], list[str]]] = [
    ("string", "string", ['"endpoint"', '"e\\u0301"', "5", "true"], ["[1]", "{a = 1}"]),
    ("number", "number", ["3", "2.5", '"42"', "1e3"], ['"abc"', "[1]"]),
    ("bool", "bool", ["true", '"false"'], ['"yes"', "1"]),
    ("list(string)", "list", ['["a", "b"]', "[1, true]", "[]"], ['"a"', "[[1]]"]),
    ("set(string)", "set", ['["b", "a", "b"]', "[]"], ["{a = 1}"]),
    ("map(number)", "map", ["{a = 1, b = 2.5}", '{x = "3"}', "{}"], ['{a = "x"}', "[1]"]),
    (
        "object({ name = string, seconds = optional(number, 3600) })",
        "object",
        ['{ name = "n" }', '{ name = "m", seconds = 90 }', '{ name = "x", extra = 1 }'],
        ["{ seconds = 1 }", '"n"'],
    ),
    ("any", "any", ['"x"', "[1, 2]", "{ a = [1] }"], []),
]

MISTAKES = [
    "var.undeclared", "local.undeclared", "nosuchfunction(1)", "openai_batch.x.id",
    "module.jobs.out", "data.openai_batch.x.id", "[][0]", '"abc"[0]', "[1, 2][2]",
    "[1, 2][1.5]", '"x".y', "{ a = 1 }.b", '{ a = 1 }["b"]', '"x" ? 1 : 2',
    "true ? 1 : [1]", '"${null}"', '"${[1]}"', '[for c in "abc" : c]', "range(5, 1, 1)",
    'regex("(", "x")', 'format("%z", 1)', "0 / 0", 'tonumber("abc")', 'toset(["a"])[0]',
    'concat(["a"], toset(["b"]))', '1 + "a"', "!5", '{ for x in ["a", "a"] : x => 1 }',
    'element([], 0)', 'substr("abc", 0, -2)', "null.x", '{ a = 1 }[0]', "[for x in 5 : x]",
    'upper(["a"])', "length(5)", 'lookup({ a = 1 }, "b")', "coalesce()", 'tolist("a")',
    'jsondecode("{")', 'cidrhost("x", 1)', "path.nothing", "terraform.nothing",
]  # fmt: skip


class Generator:
    def __init__(self, seed: int, mistake_rate: float = 0.045) -> None:
        self.rng = random.Random(seed)
        self.mistake_rate = mistake_rate
        self.case: Case = Case("")
        self.names: dict[Kind, list[str]] = {}

    def cases(self, count: int) -> list[Case]:
        return [self.make(f"c{n:04d}") for n in range(count)]

    def make(self, name: str) -> Case:
        self.case = Case(name)
        self.names = {}
        for index in range(self.rng.choice([0, 0, 1, 2])):
            self._variable(f"{name}_v{index}")
        for index in range(self.rng.choice([0, 0, 1, 2])):
            kind = self._kind()
            local = f"{name}_l{index}"
            value = self.expr(kind, 3)
            if self.rng.random() < 0.03:  # a cycle through a branch never taken
                value = f"(false ? local.{local} : {value})"
            self.case.locals.append((local, value))
            self.names.setdefault(kind, []).append(f"local.{local}")
        for variable in self.case.variables:  # rules may use the locals, which may use them
            if self.rng.random() < 0.25:
                variable.validations.append(self._validation(variable.name))
        self.case.output = self.expr(self._kind(), 4)
        return self.case

    def _validation(self, name: str) -> tuple[str, str]:
        """A rule on var.name (Terraform 1.9+: it may use other variables and locals)."""
        rng, own = self.rng, f"var.{name}"
        others = [n for names in self.names.values() for n in names if n != own]
        conditions = [
            f"{own} != null",
            f"length({own}) > 1",
            f"can({own}) && {self.expr('bool', 1)}",
            f"{own} == {self._leaf(self._kind())}",
            f"({self.expr('bool', 2)}) || {own} == null",
            f"{own} != {rng.choice(others)}" if others else f"{own} == null",
            f"{self.expr('bool', 1)} ? {own} != null : null",
            "true",  # refers to no variable: an error of its own
        ]
        messages = ['"invalid value"', f'"got ${{jsonencode({own})}}"', "5", "[1]", '""']
        return rng.choice(conditions), rng.choice(messages)

    def _variable(self, name: str) -> None:
        type_text, kind, good, bad = self.rng.choice(VARIABLE_TYPES)
        value = self.rng.choice(bad) if bad and self.rng.random() < 0.05 else self.rng.choice(good)
        variable = Variable(name, type_text)
        if self.rng.random() < 0.02:  # defaults are constants: no names, no calls
            variable.default = self.rng.choice(["var.other", 'upper("a")', "[local.x]"])
        elif self.rng.random() < 0.5:
            variable.default = value
        else:
            variable.given = value
            if self.rng.random() < 0.3:
                variable.default = self.rng.choice(good)
        self.case.variables.append(variable)
        self.names.setdefault(kind, []).append(f"var.{name}")

    def _kind(self) -> Kind:
        return self.rng.choice(
            ["string"] * 4 + ["number"] * 3 + ["bool"] * 2 + ["list"] * 2 + ["set", "map", "object"]
        )

    def expr(self, kind: Kind, depth: int) -> str:
        rng = self.rng
        if rng.random() < self.mistake_rate:
            return rng.choice(MISTAKES)
        names = self.names.get(kind, []) + (self.names.get("any", []) if rng.random() < 0.3 else [])
        if names and rng.random() < 0.25:
            return self._access(rng.choice(names), kind)
        if depth <= 0 or rng.random() < 0.2:
            return self._leaf(kind)
        return rng.choice(_BUILDERS[kind])(self, depth - 1)

    def _access(self, name: str, kind: Kind) -> str:
        if kind == "object" and self.rng.random() < 0.5:
            return f"{name}.{self.rng.choice(['name', 'seconds'])}"
        return name

    def _leaf(self, kind: Kind) -> str:
        rng = self.rng
        if kind == "string":
            return rng.choice(
                [f'"{rng.choice(STRINGS)}"'] * 6 + ["terraform.workspace", "path.module"]
            )
        if kind == "number":
            return rng.choice(NUMBERS)
        if kind == "bool":
            return rng.choice(["true", "false"])
        if kind in ("list", "set"):
            items = ", ".join(f'"{rng.choice(STRINGS)}"' for _ in range(rng.randint(0, 3)))
            return f"[{items}]" if kind == "list" else f"toset([{items}])"
        keys = rng.sample(["a", "b", "name", "seconds", "x"], rng.randint(0, 3))
        return "{" + ", ".join(f"{k} = {rng.choice(NUMBERS)}" for k in keys) + "}"

    # -- builders, by kind -------------------------------------------------------

    def _pick(self, *kinds: Kind, depth: int) -> list[str]:
        return [self.expr(k, depth) for k in kinds]

    def s_template(self, depth: int) -> str:
        parts = []
        for _ in range(self.rng.randint(1, 3)):
            choice = self.rng.random()
            if choice < 0.4:
                parts.append(self.rng.choice(["x", "-", " ", "pre ", "é", "e\\u0301"]))
            elif choice < 0.8:
                inner = self.expr(self.rng.choice(["string", "number", "bool"]), depth)
                strip = self.rng.choice(["${", "${~ "]), self.rng.choice(["}", " ~}"])
                parts.append(f"{strip[0]}{inner}{strip[1]}")
            else:
                parts.append(self._directive(depth))
        return '"' + "".join(parts) + '"'

    def _directive(self, depth: int) -> str:
        if self.rng.random() < 0.5:
            cond = self.expr("bool", depth)
            then, other = self.rng.choice(STRINGS[:6]), self.rng.choice(STRINGS[:6])
            tilde = self.rng.choice(["", "~"])
            if self.rng.random() < 0.5:
                return f"%{{ if {cond} {tilde}}} {then} %{{{tilde} else }}{other}%{{ endif }}"
            return f"%{{if {cond}}}{then}%{{endif~}} "
        collection = self.expr(self.rng.choice(["list", "set", "map"]), depth)
        if self.rng.random() < 0.5:
            return f"%{{ for x in {collection} }}<${{x}}>%{{ endfor }}"
        return f"%{{ for k, v in {collection} ~}}\\n${{k}}=${{v}};\\n%{{~ endfor }}"

    def s_function(self, depth: int) -> str:
        rng = self.rng
        options: list[Callable[[], str]] = [
            lambda: f"upper({self.expr('string', depth)})",
            lambda: f"lower({self.expr('string', depth)})",
            lambda: f"title({self.expr('string', depth)})",
            lambda: f"trimspace({self.expr('string', depth)})",
            lambda: f"chomp({self.expr('string', depth)})",
            lambda: f"strrev({self.expr('string', depth)})",
            lambda: f"tostring({self.expr(rng.choice(['string', 'number', 'bool']), depth)})",
            lambda: "substr({}, {}, {})".format(
                self.expr("string", depth),
                rng.choice(["0", "1", "-3", "2", "-1"]),
                rng.choice(["0", "1", "3", "-1", "10"]),
            ),
            lambda: (
                f"join({rng.choice(SEPARATORS)}, {self.expr(rng.choice(['list', 'set']), depth)})"
            ),
            lambda: self._format(depth),
            lambda: "replace({}, {}, {})".format(
                self.expr("string", depth), rng.choice(SUBSTRINGS), rng.choice(['"_"', '""'])
            ),
            lambda: "replace({}, {}, {})".format(
                self.expr("string", depth), rng.choice(PATTERNS), rng.choice(['"$0!"', '"<$1>"'])
            ),
            lambda: f"regex({rng.choice(REGEXES)}, {self.expr('string', depth)})",
            lambda: f"element({self.expr('list', depth)}, {rng.choice(['0', '1', '5', '-1'])})",
            lambda: "lookup({}, {}, {})".format(
                self.expr("map", depth), rng.choice(['"a"', '"zz"']), self.expr("string", depth)
            ),
            lambda: f"coalesce({self.expr('string', depth)}, {self.expr('string', depth)})",
            lambda: f'try({self.expr("string", depth)}, "fallback")',
            lambda: f"nonsensitive(sensitive({self.expr('string', depth)}))",
            lambda: f"sensitive({self.expr('string', depth)})",
            lambda: f"jsonencode({self.expr(self._kind(), depth)})",
            lambda: f'trim({self.expr("string", depth)}, "a ")',
            lambda: f'trimprefix({self.expr("string", depth)}, "a")',
            lambda: f"indent(2, {self.expr('string', depth)})",
            lambda: f"base64encode({self.expr('string', depth)})",
        ]
        return rng.choice(options)()

    def _format(self, depth: int) -> str:
        text, kinds = self.rng.choice(FORMATS)
        args = ["null" if k == "null" else self.expr(k, depth) for k in kinds]
        return f"format({', '.join([text, *args])})"

    def any_conditional(self, kind: Kind, depth: int) -> str:
        cond = self.expr("bool", depth)
        other = self.rng.choice([kind, kind, kind, self._kind()])
        first, second = self.expr(kind, depth), self.expr(other, depth)
        if self.rng.random() < 0.5:
            first, second = second, first
        return f"({cond} ? {first} : {second})"

    def n_arithmetic(self, depth: int) -> str:
        op = self.rng.choice(["+", "-", "*", "/", "%", "+", "*"])
        left, right = self.expr("number", depth), self.expr("number", depth)
        if self.rng.random() < 0.1:
            right = self.rng.choice(['"5"', '"2.5"', "0"])
        return f"({left} {op} {right})"

    def n_function(self, depth: int) -> str:
        rng = self.rng
        options: list[Callable[[], str]] = [
            lambda: f"length({self.expr(rng.choice(['string', 'list', 'set', 'map']), depth)})",
            lambda: f"tonumber({rng.choice(NUMERIC_TEXTS)})",
            lambda: f"min({self.expr('number', depth)}, {self.expr('number', depth)})",
            lambda: f"max({self.expr('number', depth)}, {self.expr('number', depth)})",
            lambda: f"abs({self.expr('number', depth)})",
            lambda: f"floor({self.expr('number', depth)})",
            lambda: f"ceil({self.expr('number', depth)})",
            lambda: f"signum({self.expr('number', depth)})",
            lambda: "parseint({}, {})".format(
                rng.choice(['"ff"', '"-101"', '"z"']), rng.choice(["16", "2", "36"])
            ),
            lambda: (
                f"sum({self.expr('list', depth)})"
                if rng.random() < 0.2
                else f"sum([{self.expr('number', depth)}, {self.expr('number', depth)}])"
            ),
            lambda: f"index({self.expr('list', depth)}, {self.expr('string', depth)})",
            lambda: f"try({self.expr('number', depth)}, 0)",
            lambda: f'length(true ? {self.expr("number", depth)} : "abc")',
        ]
        return rng.choice(options)()

    def b_compare(self, depth: int) -> str:
        rng = self.rng
        options: list[Callable[[], str]] = [
            lambda: (
                f"({self.expr('number', depth)} {rng.choice(['<', '>', '<=', '>='])} {self.expr('number', depth)})"
            ),
            lambda: (
                f"({self.expr(k := self._kind(), depth)} {rng.choice(['==', '!='])} {self.expr(rng.choice([k, k, self._kind()]), depth)})"
            ),
            lambda: (
                f"({self.expr('bool', depth)} {rng.choice(['&&', '||'])} {self.expr('bool', depth)})"
            ),
            lambda: f"!{self.expr('bool', depth)}",
            lambda: (
                f"contains({self.expr(rng.choice(['list', 'set']), depth)}, {self.expr('string', depth)})"
            ),
            lambda: f"can({self.expr(self._kind(), depth)})",
            lambda: f'startswith({self.expr("string", depth)}, "a")',
            lambda: f"alltrue([{self.expr('bool', depth)}, {self.expr('bool', depth)}])",
            lambda: f"anytrue([{self.expr('bool', depth)}])",
            lambda: f"can(regex({rng.choice(REGEXES)}, {self.expr('string', depth)}))",
            lambda: '"e\\u0301" == "\\u00e9"',
        ]
        return rng.choice(options)()

    def l_build(self, depth: int) -> str:
        rng = self.rng
        options: list[Callable[[], str]] = [
            lambda: (
                "["
                + ", ".join(
                    self.expr(rng.choice(["string", "number", "bool"]), depth)
                    for _ in range(rng.randint(0, 3))
                )
                + "]"
            ),
            lambda: f"tolist({self.expr(rng.choice(['list', 'set']), depth)})",
            lambda: f"split({rng.choice(SEPARATORS)}, {self.expr('string', depth)})",
            lambda: f"concat({self.expr('list', depth)}, {self.expr('list', depth)})",
            lambda: f"range({rng.choice(['3', '0', '1, 4', '5, 1, -2', '0, 1, 0.25'])})",
            lambda: f"reverse({self.expr('list', depth)})",
            lambda: f"distinct({self.expr('list', depth)})",
            lambda: f"sort({self.expr(rng.choice(['list', 'set']), depth)})",
            lambda: f"compact({self.expr('list', depth)})",
            lambda: f"keys({self.expr(rng.choice(['map', 'object']), depth)})",
            lambda: f"values({self.expr('map', depth)})",
            lambda: f"slice({self.expr('list', depth)}, 0, {rng.choice(['0', '1', '2'])})",
            lambda: f"flatten([{self.expr('list', depth)}, [{self.expr('list', depth)}]])",
            lambda: self._for_list(depth),
            lambda: f'formatlist("<%s>", {self.expr("list", depth)})',
            lambda: f"regexall({rng.choice(REGEXES[:-1])}, {self.expr('string', depth)})",
            lambda: f"chunklist({self.expr('list', depth)}, 2)",
        ]
        return rng.choice(options)()

    def _for_list(self, depth: int) -> str:
        rng = self.rng
        source_kind = rng.choice(["list", "set", "map", "object"])
        collection = self.expr(source_kind, depth)
        value = rng.choice(["v", "upper(v)", '"${k}:${v}"', "length(v)", "k"])
        cond = rng.choice(["", ' if v != "a"', " if length(v) > 0", ""])
        if source_kind in ("list", "set"):
            value = value.replace("length(v)", "length(v)")
        return f"[for k, v in {collection} : {value}{cond}]"

    def t_build(self, depth: int) -> str:
        rng = self.rng
        options: list[Callable[[], str]] = [
            lambda: f"toset({self.expr('list', depth)})",
            lambda: f"setunion({self.expr('set', depth)}, {self.expr('set', depth)})",
            lambda: f'setintersection({self.expr("set", depth)}, toset(["a", "b"]))',
            lambda: f"toset([for x in {self.expr('list', depth)} : upper(x)])",
            lambda: f"toset([{self.expr('number', depth)}, {self.expr('number', depth)}])",
        ]
        return rng.choice(options)()

    def m_build(self, depth: int) -> str:
        rng = self.rng
        options: list[Callable[[], str]] = [
            lambda: (
                "{"
                + ", ".join(
                    f"{k} = {self.expr(rng.choice(['string', 'number']), depth)}"
                    for k in rng.sample(["a", "b", "c", "zz"], rng.randint(0, 3))
                )
                + "}"
            ),
            lambda: f"tomap({self.expr(rng.choice(['map', 'object']), depth)})",
            lambda: (
                f"merge({self.expr('map', depth)}, {self.expr(rng.choice(['map', 'object']), depth)})"
            ),
            lambda: f"zipmap({self.expr('list', depth)}, {self.expr('list', depth)})",
            lambda: (
                f"{{for k, v in {self.expr(rng.choice(['map', 'list', 'set']), depth)} : v => k...}}"
            ),
            lambda: (
                f"{{for k, v in {self.expr(rng.choice(['map', 'object']), depth)} : upper(k) => v}}"
            ),
            lambda: f"{{for x in {self.expr('set', depth)} : x => length(x)}}",
        ]
        return rng.choice(options)()

    def o_build(self, depth: int) -> str:
        rng = self.rng
        name = self.expr("string", depth)
        if rng.random() < 0.3:
            return f'{{ name = {name}, "seconds" = {self.expr("number", depth)} }}'
        return f"{{ name = {name}, tags = {self.expr(rng.choice(['list', 'map']), depth)} }}"

    def index_into(self, kind: Kind, depth: int) -> str:
        rng = self.rng
        if kind == "string" and rng.random() < 0.5:
            return f"{self.expr('list', depth)}[{rng.choice(['0', '1', '2'])}]"
        if kind == "number":
            return "[{}, 2][{}]".format(self.expr("number", depth), rng.choice(["0", "1", '"1"']))
        if kind == "string":
            return f'{{ a = {self.expr("string", depth)}, b = "B" }}.{rng.choice(["a", "b"])}'
        return self.expr(kind, depth)


_BUILDERS: dict[Kind, list[Callable[[Generator, int], str]]] = {
    "string": [
        Generator.s_template, Generator.s_template, Generator.s_function, Generator.s_function,
        Generator.s_function, lambda g, d: g.any_conditional("string", d),
        lambda g, d: g.index_into("string", d),
    ],
    "number": [
        Generator.n_arithmetic, Generator.n_arithmetic, Generator.n_function,
        Generator.n_function, lambda g, d: g.any_conditional("number", d),
        lambda g, d: g.index_into("number", d),
    ],
    "bool": [Generator.b_compare, Generator.b_compare, lambda g, d: g.any_conditional("bool", d)],
    "list": [Generator.l_build, Generator.l_build, lambda g, d: g.any_conditional("list", d)],
    "set": [Generator.t_build],
    "map": [Generator.m_build, Generator.m_build, lambda g, d: g.any_conditional("map", d)],
    "object": [Generator.o_build],
}  # fmt: skip
