"""What Terraform knows before plan is resolved and checked; what it cannot know is silent."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from locations import FIXTURES

from tfgen.commands.run_validate import validate
from tfgen.diagnostics import Span
from tfgen.terraform.evaluate import Scope, evaluate
from tfgen.terraform.parse.hcl import parse_expression
from tfgen.terraform.values import UNKNOWN

RESOLVE = FIXTURES / "resolve"
SPAN = Span.point("main.tf", 1, 1)
B = "openai_batch."

EXPECTED: dict[str, set[tuple[int, str, str | None, str | None]]] = {
    "tfvars": {(16, "invalid-endpoint", B + "from_tfvars", "endpoint")},
    "locals": {(22, "invalid-endpoint", B + "from_locals", "endpoint")},
    "expressions": {
        (30, "invalid-completion-window", B + "bad_template", "completion_window"),
        (39, "metadata-too-many-pairs", B + "for_expression", "metadata"),
        (57, "metadata-value-too-long", B + "heredoc", "metadata"),
        (70, "invalid-endpoint", B + "index_and_attr", "endpoint"),
    },
    "instances": {
        (11, "invalid-endpoint", B + 'jobs["b"]', "endpoint"),
        (18, "invalid-endpoint", B + 'set_each["/v1/Responses"]', "endpoint"),
        (25, "invalid-endpoint", B + "counted[2]", "endpoint"),
        (31, "invalid-completion-window", B + "all_instances", "completion_window"),
    },
    "cycle": {
        (2, "local-cycle", None, None),
        (4, "local-cycle", None, None),
    },
    "types": {
        (7, "invalid-variable-value", None, None),
        (29, "output-expires-seconds-out-of-range", B + "typed", "output_expires_after.seconds"),
    },
    "unknowable": set(),
    "pathological": {(4, "local-cycle", None, None)},
    # Too large to evaluate: shared lists, a string built by templates, a list of strings.
    "limits": {(n, "evaluation-limit", None, None) for n in (5, 13, 14)},
    "steps": {(3, "evaluation-limit", None, None)},
}


def findings(name: str) -> set[tuple[int, str, str | None, str | None]]:
    report = validate([str(RESOLVE / name)])
    return {(d.span.line, d.code, d.address, d.attribute) for d in report.diagnostics}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_resolved_findings(name: str) -> None:
    assert findings(name) == EXPECTED[name]


def messages(name: str) -> list[str]:
    return [d.message for d in validate([str(RESOLVE / name)]).diagnostics]


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        (
            "tfvars",
            f'from var.endpoint = "/v1/embedding" ({RESOLVE / "tfvars" / "terraform.tfvars"}:1)',
        ),
        ("locals", 'endpoint is "/v1/embedding"'),
        ("locals", 'from local.endpoint = "/v1/embedding"'),
        ("expressions", 'completion_window is "20h"; only "24h" is allowed; from var.long = 20'),
        ("types", f"from var.seconds = 1800 ({RESOLVE / 'types' / 'terraform.tfvars'}:1)"),
        ("types", 'invalid value for variable "bad_number"'),
        ("cycle", "local.a -> local.b -> local.a"),
        ("cycle", "local.self -> local.self"),
    ],
)
def test_messages_say_where_the_value_came_from(name: str, fragment: str) -> None:
    assert any(fragment in m for m in messages(name)), messages(name)


def test_type_conversion_of_variables_is_checked_after_conversion() -> None:
    # tags = { retries = 3 } through map(string), seconds = "7200" through object({...}):
    # both valid once converted, so only the deliberate failures remain.
    addresses = {d.address for d in validate([str(RESOLVE / "types")]).diagnostics}
    assert B + "object_var" not in addresses


def test_pathological_input_ends_quickly() -> None:
    started = time.perf_counter()
    validate([str(RESOLVE / "pathological")])
    assert time.perf_counter() - started < 5


def test_deeper_nesting_than_the_limit_is_a_diagnostic(tmp_path: Path) -> None:
    depth = 30_000
    (tmp_path / "main.tf").write_text(
        "locals {\n  x = " + "[" * depth + "]" * depth + "\n}\n"
        'data "openai_batch" "x" {\n  batch_id = length(local.x)\n}\n'
    )
    [finding] = validate([str(tmp_path)]).diagnostics
    assert finding.code == "file-too-large"
    assert "nest more than 1,000 levels deep" in finding.message


def test_a_file_named_alone_stands_for_its_module(tmp_path: Path) -> None:
    """Terraform reads a module whole: naming main.tf checks variables.tf and other.tf too."""
    (tmp_path / "variables.tf").write_text('variable "endpoint" {\n  default = "/v1/nope"\n}\n')
    (tmp_path / "main.tf").write_text(
        'resource "openai_batch" "x" {\n  completion_window = "24h"\n'
        '  endpoint = var.endpoint\n  input_file_id = "file-1"\n}\n'
    )
    (tmp_path / "other.tf").write_text(
        'resource "openai_batch" "y" {\n  completion_window = "25h"\n'
        '  endpoint = "/v1/responses"\n  input_file_id = "file-1"\n}\n'
    )
    report = validate([str(tmp_path / "main.tf")])
    assert [(d.code, d.span.file) for d in report.sorted()] == [
        ("invalid-endpoint", str(tmp_path / "main.tf")),
        ("invalid-completion-window", str(tmp_path / "other.tf")),
    ]
    assert report.files == 3


def test_every_expression_form_fails_and_passes() -> None:
    """forms/main.tf has an `_ok` and a `_bad` block for each supported expression form."""
    import re

    source = (RESOLVE / "forms" / "main.tf").read_text()
    names = re.findall(r'resource "openai_batch" "(\w+)"', source)
    report = validate([str(RESOLVE / "forms")])
    flagged = {d.address for d in report.diagnostics}
    assert all(d.code == "invalid-endpoint" for d in report.diagnostics)
    assert flagged == {B + n for n in names if n.endswith("_bad")}
    assert len(names) == 52


def test_more_instances_than_the_limit_are_checked_once(tmp_path: Path) -> None:
    """MAX_INSTANCES (SECURITY.md): past 1,024 instances, one check with an unknown index."""
    (tmp_path / "main.tf").write_text(
        'resource "openai_batch" "x" {\n  count = 2000\n  completion_window = "25h"\n'
        '  endpoint = "/v1/responses"\n  input_file_id = "file-${count.index}"\n}\n'
    )
    [finding] = validate([str(tmp_path)]).diagnostics
    assert (finding.code, finding.address) == ("invalid-completion-window", "openai_batch.x")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('length(true ? 5 : "abc")', 1),  # both results become strings: "5"
        ('true ? { a = 1 } : { b = "x" }', {"a": "1"}),  # objects unify to a map of strings
        ('true ? tolist(["b", "a"]) : toset(["x"])', ["b", "a"]),  # a list stays a list
        ('true ? ["b", "a", "b"] : toset(["x"])', ["a", "b"]),  # a tuple becomes the set
        ("true ? null : 5", None),
        ('false ? upper([]) : "x"', "x"),  # a failed call has no type to disagree with
    ],
)
def test_conditional_results_unify_as_terraform_does(text: str, expected: object) -> None:
    assert evaluate(parse_expression(text, SPAN), Scope()) == expected


@pytest.mark.parametrize("text", ["true ? 1 : [1]", "false ? 1 + [] : [1]", '"x" ? 1 : 2'])
def test_inconsistent_or_non_bool_conditionals_are_errors(text: str) -> None:
    scope = Scope()
    assert evaluate(parse_expression(text, SPAN), scope) is UNKNOWN
    assert [p.code for p in scope.problems] == ["invalid-expression"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An empty set of strings still makes the other set's numbers strings.
        ('setunion(toset([1, 2]), setintersection(toset(["a"]), toset(["b"])))', ["1", "2"]),
        ("concat(tolist([5, 3]), compact([]))", ["5", "3"]),
        # Lists of no common element type concatenate to a tuple, not an error.
        ('concat(distinct(chunklist(["a"], 2)), tolist(["b"]))', [["a"], "b"]),
        # Objects that unify to a map: its values are a list, and convert with the next one.
        ('concat(values(true ? { a = 1 } : {}), tolist(["x"]))', ["1", "x"]),
        # A conditional whose condition fails still has its results' type.
        ('true ? range(2) : ("x" ? ["a"] : ["b"])', ["0", "1"]),
        ("setunion(toset([1]), toset([]))", [1]),  # an empty set of no type converts to any
        # Bool and number convert to string together, in whichever order they come.
        ('true ? [false, 1e3] : distinct(["x"])', ["false", "1000"]),
        ('toset([null, "b", "a", null])', ["a", "b", None]),  # one null, after the rest
        ("alltrue([true, null])", False),  # a null counts as false
        ("anytrue([null, true])", True),
        ("compact([true, 1])", ["true", "1"]),  # a list(string) parameter converts each
        ("tostring(sum([1, 1 / 0]))", "+Inf"),
        # A call whose argument failed is not made: it has no type to disagree with.
        ("false ? keys({ a = 1 + [] }) : [1, [2]]", [1, [2]]),
    ],
)
def test_an_empty_collection_keeps_its_element_type(text: str, expected: object) -> None:
    scope = Scope()
    assert evaluate(parse_expression(text, SPAN), scope) == expected
    assert scope.problems == []


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("false ? range(3) : chunklist([], 2)", "Inconsistent conditional result types"),
        ('compact(regexall("(a)", "b"))', "compact expects a list of strings"),
        ('join(",", regexall("(?P<x>a)", "b"))', "the lists must hold strings"),
        ("zipmap(chunklist([], 1), [])", "a list of strings"),
        ('lookup(tomap({ a = 1 }), "b", "x")', "the default must be of the map's element type"),
        ("{ for x in [[1]] : x => 1 }", "Invalid object key"),
        ("{ for x in [null] : x => 1 }", "not a null value"),
        ("(1 / 0) % 2", "can't use modulo with infinity"),
        # The default is converted even when the key is found.
        ('lookup(tomap({ a = 1 }), "a", "x")', "the default must be of the map's element type"),
        # A for with a duplicate key still makes an object, which a bool cannot unify with.
        ('false ? { for x in ["a", "a"] : x => 1 } : true', "Inconsistent conditional"),
    ],
)
def test_what_an_element_type_makes_an_error(text: str, fragment: str) -> None:
    scope = Scope()
    assert evaluate(parse_expression(text, SPAN), scope) is UNKNOWN
    [problem] = scope.problems
    assert fragment in problem.message
