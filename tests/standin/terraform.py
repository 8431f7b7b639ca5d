"""Terraform run against the stand-in provider: `validate` and `plan` diagnostics of a module.

`StandIn.create(folder)` generates the protocol stubs (grpcio-tools), writes the
`terraform-provider-openai` launcher and a CLI configuration whose dev override points
Terraform at it. Terraform is never `init`ed: with a dev override it still asks the registry
(unreachable), and `validate` and `plan` run without it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
TERRAFORM = shutil.which("terraform")
# What Terraform says of every run with a dev override, and of a variable tfgen leaves unknown.
IGNORED = {"Provider development overrides are in effect", "No value for required variable"}


@dataclass(frozen=True)
class Finding:
    """One Terraform diagnostic with a place: file name, first and last line, summary."""

    file: str
    line: int
    end_line: int
    severity: str
    summary: str
    detail: str = ""


def missing() -> str | None:
    """Why Terraform cannot run against the stand-in here, or None."""
    if TERRAFORM is None:
        return "terraform is not on PATH"
    for module in ("grpc", "grpc_tools", "msgpack"):
        try:
            __import__(module)
        except ImportError:
            return f"{module} is not installed (pip install -e '.[test]')"
    return None


@dataclass(frozen=True)
class StandIn:
    config: Path

    @classmethod
    def create(cls, folder: Path) -> StandIn:
        stubs, plugins = folder / "stubs", folder / "plugins"
        stubs.mkdir()
        plugins.mkdir()
        protos = [str(HERE / "tfplugin6.proto"), str(HERE / "grpc_controller.proto")]
        subprocess.run(
            [sys.executable, "-m", "grpc_tools.protoc", f"-I{HERE}",
             f"--python_out={stubs}", f"--grpc_python_out={stubs}", *protos],
            check=True,
        )  # fmt: skip
        launcher = plugins / "terraform-provider-openai"
        launcher.write_text(
            f"#!/bin/sh\nSTANDIN_STUBS='{stubs}' exec '{sys.executable}' "
            f"'{HERE / 'provider.py'}' \"$@\"\n"
        )
        launcher.chmod(0o755)
        config = folder / "terraform.tfrc"
        # A module that names no source for `openai` asks for hashicorp/openai: the same here.
        overrides = "".join(
            f'    "{source}" = "{plugins}"\n'
            for source in ("stainless-sdks/openai", "hashicorp/openai")
        )
        config.write_text(
            f"provider_installation {{\n  dev_overrides {{\n{overrides}  }}\n  direct {{}}\n}}\n"
        )
        return cls(config)

    def findings(self, module: Path) -> list[Finding]:
        """Diagnostics of `validate` and, where it passes, `plan` (which knows the tfvars).
        Local modules are installed first (`terraform get`: no registry needed for them)."""
        self._run(module, "get")
        found = _diagnostics(json.loads(self._run(module, "validate", "-json").stdout))
        if not any(f.severity == "error" for f in found):
            planned = self._run(module, "plan", "-input=false", "-json", "-lock=false")
            for line in planned.stdout.splitlines():
                message = json.loads(line)
                if message.get("type") == "diagnostic":
                    found += _diagnostics({"diagnostics": [message["diagnostic"]]})
        return found

    def _run(self, module: Path, *args: str) -> subprocess.CompletedProcess[str]:
        environment = {
            **os.environ,
            "TF_CLI_CONFIG_FILE": str(self.config),
            "TF_DISABLE_PLUGIN_TLS": "1",  # Python's TLS refuses Terraform's client certificate
            "TF_IN_AUTOMATION": "1",
            "CHECKPOINT_DISABLE": "1",
        }
        return subprocess.run(
            [TERRAFORM or "terraform", *args],
            cwd=module,
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
        )


def _diagnostics(document: dict[str, object]) -> list[Finding]:
    found = []
    for item in document.get("diagnostics", []):  # type: ignore[union-attr]
        if item["summary"] in IGNORED:
            continue
        where = item.get("range") or {}
        found.append(
            Finding(
                where.get("filename", ""),  # relative to the root module
                where.get("start", {}).get("line", 0),
                where.get("end", {}).get("line", 0),
                item["severity"],
                item["summary"],
                item.get("detail", ""),
            )
        )
    return found
