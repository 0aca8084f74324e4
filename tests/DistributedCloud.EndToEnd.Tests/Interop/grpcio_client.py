"""A gRPC client on the official Python implementation (Debian's python3-grpcio), for the interop tests.

It knows the product only through the repository's protos/ (compiled here with grpc-tools) and the standard health
and reflection protos vendored beside it. Each scenario prints one JSON object on stdout.

usage: grpcio_client.py PROTOS_ROOT VENDORED_ROOT OUT_DIR TARGET SCENARIO [ARG]
  health                 grpc.health.v1.Health/Check of the whole server
  services               reflection: the services the server lists, and the file that declares SubcloudAgent
  unknown                a method SubcloudAgent does not have
  get-site [SUBCLOUD]    SubcloudAgent/GetSite with the documented metadata (and dc-subcloud when given)
  bad-pool               SubcloudAgent/AddAddressPool with bad values: the status and its google.rpc details
  subclouds              SystemController/ListSubclouds (the controller's admin API)
"""
import glob
import importlib
import json
import os
import sys

import grpc
from google.protobuf import descriptor_pb2, json_format
from grpc_tools import protoc


def compile_protos(protos_root, vendored_root, out_dir):
    files = sorted(glob.glob(os.path.join(protos_root, "distributedcloud", "**", "*.proto"), recursive=True))
    files += sorted(glob.glob(os.path.join(protos_root, "google", "rpc", "*.proto")))
    # The standard protos live under standard/ (their packages are grpc.*): a Python module named grpc.health would
    # clash with grpcio's own grpc package.
    files += sorted(glob.glob(os.path.join(vendored_root, "standard", "**", "*.proto"), recursive=True))
    well_known = os.path.join(os.path.dirname(protoc.__file__), "_proto")
    args = ["protoc", "-I", protos_root, "-I", vendored_root, "-I", well_known,
            "--python_out", out_dir, "--grpc_python_out", out_dir] + files
    if protoc.main(args) != 0:
        raise SystemExit("protoc failed on " + " ".join(files))
    sys.path.insert(0, out_dir)


def module(name):
    return importlib.import_module(name)


def metadata(subcloud=None):
    # The fencing identity every SubcloudAgent call carries (agent.proto); an operator's tool speaks at epoch 0.
    pairs = [("dc-controller-id", "dcctl"), ("dc-leadership-epoch", "0")]
    if subcloud:
        pairs.append(("dc-subcloud", subcloud))
    return pairs


def failure(error):
    out = {"code": error.code().name, "message": error.details(), "details": []}
    status_pb2 = module("google.rpc.status_pb2")
    details_pb2 = module("google.rpc.error_details_pb2")
    for key, value in error.trailing_metadata() or ():
        if key != "grpc-status-details-bin":
            continue
        status = status_pb2.Status.FromString(value)
        for detail in status.details:
            for kind in (details_pb2.BadRequest, details_pb2.ErrorInfo, details_pb2.PreconditionFailure):
                if detail.Is(kind.DESCRIPTOR):
                    message = kind()
                    detail.Unpack(message)
                    out["details"].append({"type": kind.DESCRIPTOR.full_name, "value": json_format.MessageToDict(message)})
    return out


def run(target, scenario, arg):
    # TLS against the server's CA and its bootstrap token, as dcctl uses them (S-4, S-6); plaintext only in development mode.
    ca_file, token = os.environ.get("DC_CA_FILE"), os.environ.get("DC_TOKEN")
    if ca_file:
        with open(ca_file, "rb") as pem:
            credentials = grpc.ssl_channel_credentials(root_certificates=pem.read())
        if token:
            credentials = grpc.composite_channel_credentials(credentials, grpc.access_token_call_credentials(token))
        channel = grpc.secure_channel(target, credentials)
    else:
        channel = grpc.insecure_channel(target)
    agent = module("distributedcloud.agent.v1.agent_pb2")
    agent_grpc = module("distributedcloud.agent.v1.agent_pb2_grpc")
    try:
        if scenario == "health":
            health = module("standard.health.v1.health_pb2")
            stub = module("standard.health.v1.health_pb2_grpc").HealthStub(channel)
            answer = stub.Check(health.HealthCheckRequest(service=""), timeout=10)
            return {"code": "OK", "status": health.HealthCheckResponse.ServingStatus.Name(answer.status)}
        if scenario == "services":
            reflection = module("standard.reflection.v1alpha.reflection_pb2")
            stub = module("standard.reflection.v1alpha.reflection_pb2_grpc").ServerReflectionStub(channel)
            requests = [reflection.ServerReflectionRequest(list_services=""),
                        reflection.ServerReflectionRequest(file_containing_symbol="distributedcloud.agent.v1.SubcloudAgent")]
            answers = list(stub.ServerReflectionInfo(iter(requests), timeout=10))
            services = [s.name for s in answers[0].list_services_response.service]
            methods = []
            for raw in answers[1].file_descriptor_response.file_descriptor_proto:
                file = descriptor_pb2.FileDescriptorProto.FromString(raw)
                for service in file.service:
                    if service.name == "SubcloudAgent":
                        methods = [m.name for m in service.method]
            return {"code": "OK", "services": services, "subcloud_agent_methods": methods}
        if scenario == "unknown":
            call = channel.unary_unary("/distributedcloud.agent.v1.SubcloudAgent/NoSuchMethod",
                                       request_serializer=lambda m: m.SerializeToString(),
                                       response_deserializer=agent.GetSiteRequest.FromString)
            call(agent.GetSiteRequest(), metadata=metadata(), timeout=10)
            return {"code": "OK"}
        if scenario == "get-site":
            site = agent_grpc.SubcloudAgentStub(channel).GetSite(agent.GetSiteRequest(), metadata=metadata(arg), timeout=20)
            return {"code": "OK", "system_name": site.system_name, "primary_family": agent.AddressFamily.Name(site.primary_family),
                    "arrival_family": agent.AddressFamily.Name(site.arrival_family), "hosts": [h.hostname for h in site.hosts]}
        if scenario == "bad-pool":
            request = agent.AddAddressPoolRequest(name="interop-pool", network="10.10.30.0", prefix=24,
                                                  floating_address="10.10.99.1", gateway_address="not-an-address")
            agent_grpc.SubcloudAgentStub(channel).AddAddressPool(request, metadata=metadata(arg), timeout=20)
            return {"code": "OK"}
        if scenario == "subclouds":
            controller = module("distributedcloud.controller.v1.controller_pb2")
            stub = module("distributedcloud.controller.v1.controller_pb2_grpc").SystemControllerStub(channel)
            answer = stub.ListSubclouds(controller.ListSubcloudsRequest(), timeout=20)
            return {"code": "OK", "subclouds": [s.name for s in answer.subclouds]}
        raise SystemExit("unknown scenario " + scenario)
    except grpc.RpcError as error:
        return failure(error)
    finally:
        channel.close()


def main():
    protos_root, vendored_root, out_dir, target, scenario = sys.argv[1:6]
    arg = sys.argv[6] if len(sys.argv) > 6 else None
    compile_protos(protos_root, vendored_root, out_dir)
    print(json.dumps(run(target, scenario, arg)))


if __name__ == "__main__":
    main()
