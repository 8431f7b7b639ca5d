"""A stand-in for the OpenAI provider, served to Terraform over its plugin protocol 6.

Terraform starts it as `terraform-provider-openai` (a dev override, see tests/standin/terraform.py):
it checks Terraform's magic cookie, listens on 127.0.0.1, prints go-plugin's handshake line and
serves the calls `validate` and `plan` make: the schemas, each resource's validation by the API's
rules (rules.py), and plans whose computed values are unknown. It is a test reference, not a
provider: it never calls the API. STANDIN_STUBS names the folder of the generated stubs.
"""

from __future__ import annotations

import os
import sys
from concurrent import futures
from typing import Any

import grpc
import msgpack

sys.path.insert(0, os.environ.get("STANDIN_STUBS", ""))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import grpc_controller_pb2 as controller_pb
import grpc_controller_pb2_grpc as controller_grpc
import tfplugin6_pb2 as pb
import tfplugin6_pb2_grpc as pb_grpc
from rules import RULES, UNKNOWN

from schemas import DATA_SOURCES, RESOURCES, Attributes, schema_message

COOKIE = (
    "TF_PLUGIN_MAGIC_COOKIE",
    "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
)
UNKNOWN_BYTES = msgpack.ExtType(0, b"\x00")  # cty's unknown value


def decode(value: Any) -> Any:
    if not value.msgpack:
        return None
    return msgpack.unpackb(value.msgpack, ext_hook=lambda code, data: UNKNOWN, raw=False)


def encode(value: Any) -> Any:
    def default(item: Any) -> Any:
        if item is UNKNOWN:
            return UNKNOWN_BYTES
        raise TypeError(item)

    return pb.DynamicValue(msgpack=msgpack.packb(value, default=default, use_bin_type=True))


def error(summary: str, path: tuple[str, ...] = ()) -> Any:
    steps = [pb.AttributePath.Step(attribute_name=path[0])] if path else []
    steps += [
        pb.AttributePath.Step(element_key_string=key) for key in path[1:2] if path[0] == "metadata"
    ]
    steps += [
        pb.AttributePath.Step(attribute_name=key) for key in path[1:] if path[0] != "metadata"
    ]
    return pb.Diagnostic(
        severity=pb.Diagnostic.ERROR, summary=summary, attribute=pb.AttributePath(steps=steps)
    )


def validate(kind: str, attributes: Attributes, config: dict[str, Any]) -> list[Any]:
    """The framework's checks of modes (a computed attribute set, a required one null), then
    the API's rules."""
    found = []
    for name, (_, mode) in attributes.items():
        value = config.get(name)
        if mode == "computed" and value is not None and value is not UNKNOWN:
            found.append(error(f"Invalid Configuration for Read-Only Attribute {name}", (name,)))
        if mode == "required" and value is None:
            found.append(error(f"Missing Configuration for Required Attribute {name}", (name,)))
    for rule in RULES.get(kind, []):
        fault = rule(config)
        if fault is not None:
            found.append(error(fault[1], fault[0]))
    return found


class Provider(pb_grpc.ProviderServicer):  # type: ignore[misc]
    def GetProviderSchema(self, request: Any, context: Any) -> Any:
        return pb.GetProviderSchema.Response(
            provider=schema_message(pb, {}),
            resource_schemas={n: schema_message(pb, a) for n, a in RESOURCES.items()},
            data_source_schemas={n: schema_message(pb, a) for n, a in DATA_SOURCES.items()},
        )

    def ValidateProviderConfig(self, request: Any, context: Any) -> Any:
        return pb.ValidateProviderConfig.Response()

    def ValidateResourceConfig(self, request: Any, context: Any) -> Any:
        config = decode(request.config) or {}
        found = validate(request.type_name, RESOURCES[request.type_name], config)
        return pb.ValidateResourceConfig.Response(diagnostics=found)

    def ValidateDataResourceConfig(self, request: Any, context: Any) -> Any:
        config = decode(request.config) or {}
        kind = f"data.{request.type_name}"
        found = validate(kind, DATA_SOURCES[request.type_name], config)
        return pb.ValidateDataResourceConfig.Response(diagnostics=found)

    def ConfigureProvider(self, request: Any, context: Any) -> Any:
        return pb.ConfigureProvider.Response()

    def PlanResourceChange(self, request: Any, context: Any) -> Any:
        proposed = decode(request.proposed_new_state)
        if proposed is not None:
            attributes = RESOURCES[request.type_name]
            for name, (_, mode) in attributes.items():
                if mode == "computed" and proposed.get(name) is None:
                    proposed[name] = UNKNOWN
        return pb.PlanResourceChange.Response(planned_state=encode(proposed))

    def ReadDataSource(self, request: Any, context: Any) -> Any:
        return pb.ReadDataSource.Response(state=encode(decode(request.config)))

    def StopProvider(self, request: Any, context: Any) -> Any:
        return pb.StopProvider.Response()


class Controller(controller_grpc.GRPCControllerServicer):  # type: ignore[misc]
    def __init__(self, server: Any) -> None:
        self.server = server

    def Shutdown(self, request: Any, context: Any) -> Any:
        self.server.stop(grace=0.5)
        return controller_pb.Empty()


def main() -> None:
    if os.environ.get(COOKIE[0]) != COOKIE[1]:
        sys.exit("This is a stand-in Terraform provider for tfgen's tests: Terraform starts it.")
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    pb_grpc.add_ProviderServicer_to_server(Provider(), server)
    controller_grpc.add_GRPCControllerServicer_to_server(Controller(server), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(f"1|6|tcp|127.0.0.1:{port}|grpc", flush=True)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
