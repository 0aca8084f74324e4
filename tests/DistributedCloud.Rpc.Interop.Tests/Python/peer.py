#!/usr/bin/env python3
"""grpcio peer for the DistributedCloud wire-layer interop tests.

  peer.py STUBS server [--host H] [--tls CERT KEY] [--client-ca CA]
      serves InteropTest on H:0, prints "PORT <n>", runs until stdin closes.
  peer.py STUBS client SCENARIO --target H:P [--ca CA] [--cert C --key K] [--tag T]
      runs one scenario against a server and prints one JSON object.
"""
import argparse
import base64
import json
import sys
import threading
import time
from concurrent import futures

import grpc


def load_stubs(path):
    sys.path.insert(0, path)
    global interop_pb2, interop_pb2_grpc, agent_pb2, agent_pb2_grpc, status_pb2, error_details_pb2
    from distributedcloud.testing.v1 import interop_pb2, interop_pb2_grpc  # noqa: E402
    from distributedcloud.agent.v1 import agent_pb2, agent_pb2_grpc  # noqa: E402
    from google.rpc import status_pb2, error_details_pb2  # noqa: E402


def code_of(number):
    for code in grpc.StatusCode:
        if code.value[0] == number:
            return code
    return grpc.StatusCode.UNKNOWN


def split_metadata(pairs):
    text, binary = {}, {}
    for key, value in pairs or ():
        if key.endswith("-bin"):
            binary[key] = value
        else:
            text[key] = value
    return text, binary


def b64(value):
    return base64.b64encode(value).decode("ascii")


# ----------------------------------------------------------------------------------------------
# server

def make_servicer():
    class Interop(interop_pb2_grpc.InteropTestServicer):
        def Echo(self, request, context):
            deadline_left = context.time_remaining()
            if request.delay_ms:
                end = time.monotonic() + request.delay_ms / 1000.0
                while time.monotonic() < end and context.is_active():
                    time.sleep(0.01)
            trailers = [("echo-trailer", "done"), ("echo-trailer-bin", b"\x00\x01\xfe\xff")]
            if request.fail_code:
                if request.fail_with_details:
                    violation = error_details_pb2.BadRequest.FieldViolation(
                        field="text", description="python says no", reason="PY-1")
                    bad = error_details_pb2.BadRequest(field_violations=[violation])
                    rich = status_pb2.Status(code=request.fail_code, message=request.fail_message)
                    rich.details.add().Pack(bad)
                    trailers.append(("grpc-status-details-bin", rich.SerializeToString()))
                context.set_trailing_metadata(trailers)
                context.abort(code_of(request.fail_code), request.fail_message)
            context.set_trailing_metadata(trailers)
            if request.response_size:
                return interop_pb2.EchoResponse(payload=b"\x5a" * request.response_size)
            text, binary = split_metadata(context.invocation_metadata())
            return interop_pb2.EchoResponse(
                text=request.text, metadata=text, binary_metadata=binary, peer=context.peer(),
                had_deadline=deadline_left is not None and deadline_left < 3600 * 24,
                payload_size=len(request.payload))

        def Count(self, request, context):
            for i in range(request.count):
                if not context.is_active():
                    return
                yield interop_pb2.CountItem(index=i)
                if request.interval_ms:
                    time.sleep(request.interval_ms / 1000.0)

        def Sum(self, request_iterator, context):
            return interop_pb2.CountItem(index=sum(item.index for item in request_iterator))

        def Chat(self, request_iterator, context):
            for item in request_iterator:
                yield interop_pb2.CountItem(index=item.index * 10)

    return Interop()


def serve(args):
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    interop_pb2_grpc.add_InteropTestServicer_to_server(make_servicer(), server)
    address = "%s:0" % (("[%s]" % args.host) if ":" in args.host else args.host)
    if args.tls:
        cert, key = (open(p, "rb").read() for p in args.tls)
        ca = open(args.client_ca, "rb").read() if args.client_ca else None
        credentials = grpc.ssl_server_credentials([(key, cert)], root_certificates=ca, require_client_auth=ca is not None)
        port = server.add_secure_port(address, credentials)
    else:
        port = server.add_insecure_port(address)
    server.start()
    print("PORT %d" % port, flush=True)
    sys.stdin.read()  # the test closes stdin (or kills us) to stop
    server.stop(0)


# ----------------------------------------------------------------------------------------------
# client

def channel_for(args):
    options = [("grpc.enable_retries", 0)]
    if args.ca:
        root = open(args.ca, "rb").read()
        key = open(args.key, "rb").read() if args.key else None
        cert = open(args.cert, "rb").read() if args.cert else None
        credentials = grpc.ssl_channel_credentials(root_certificates=root, private_key=key, certificate_chain=cert)
        options.append(("grpc.ssl_target_name_override", "localhost"))
        return grpc.secure_channel(args.target, credentials, options=options)
    return grpc.insecure_channel(args.target, options=options)


def error_result(error):
    text, binary = split_metadata(error.trailing_metadata())
    result = {"code": error.code().name, "details": error.details(), "trailers": text,
              "binary_trailers": {k: b64(v) for k, v in binary.items() if k != "grpc-status-details-bin"}}
    rich = binary.get("grpc-status-details-bin")
    if rich is not None:
        status = status_pb2.Status.FromString(rich)
        result["rich_code"] = status.code
        result["rich_message"] = status.message
        violations = []
        for any_detail in status.details:
            bad = error_details_pb2.BadRequest()
            if any_detail.Unpack(bad):
                violations.extend([v.field, v.description, v.reason] for v in bad.field_violations)
        result["violations"] = violations
        result["detail_types"] = [d.type_url for d in status.details]
    return result


def run_client(args):
    channel = channel_for(args)
    interop = interop_pb2_grpc.InteropTestStub(channel)
    agent = agent_pb2_grpc.SubcloudAgentStub(channel)
    tag = args.tag or ""
    try:
        if args.scenario == "unary":
            metadata = [("x-text", "plain value"), ("x-raw-bin", bytes(range(256)))]
            response, call = interop.Echo.with_call(
                interop_pb2.EchoRequest(text="h\u00e9llo w\u00f6rld", tag=tag), metadata=metadata, timeout=10)
            initial_text, _ = split_metadata(call.initial_metadata())
            trailer_text, trailer_binary = split_metadata(call.trailing_metadata())
            return {"code": "OK", "text": response.text, "metadata": dict(response.metadata),
                    "binary_metadata": {k: b64(v) for k, v in response.binary_metadata.items()},
                    "peer": response.peer, "arrival_family": response.arrival_family,
                    "client_certificate_subject": response.client_certificate_subject,
                    "had_deadline": response.had_deadline, "initial": initial_text,
                    "trailers": trailer_text, "binary_trailers": {k: b64(v) for k, v in trailer_binary.items()}}
        if args.scenario == "stream":
            items = [item.index for item in interop.Count(interop_pb2.CountRequest(count=5, tag=tag), timeout=10)]
            return {"code": "OK", "items": items}
        if args.scenario == "client-stream":
            total = interop.Sum(iter([interop_pb2.CountItem(index=i) for i in range(1, 11)]), timeout=10)
            return {"code": "OK", "sum": total.index}
        if args.scenario == "deadline":
            started = time.monotonic()
            try:
                interop.Echo(interop_pb2.EchoRequest(delay_ms=5000, tag=tag), timeout=0.3)
                return {"code": "OK"}
            except grpc.RpcError as error:
                result = error_result(error)
                result["elapsed"] = time.monotonic() - started
                return result
        if args.scenario == "cancel":
            call = interop.Count(interop_pb2.CountRequest(count=100000, interval_ms=20, tag=tag), timeout=30)
            received = 0
            try:
                for _ in call:
                    received += 1
                    if received == 2:
                        call.cancel()
            except grpc.RpcError as error:
                return {"code": error.code().name, "received": received}
            return {"code": "OK", "received": received}
        if args.scenario == "error":
            interop.Echo(interop_pb2.EchoRequest(fail_code=9, fail_message="pool 'oam' is in use: 100% busy \u2713",
                                                 fail_with_details=True, tag=tag), timeout=10)
            return {"code": "OK"}
        if args.scenario == "domain-error":
            agent.AddAddressPool(agent_pb2.AddAddressPoolRequest(name="", network="10.0.0.1", prefix=24), timeout=10)
            return {"code": "OK"}
        if args.scenario == "big-request":
            response = interop.Echo(interop_pb2.EchoRequest(payload=b"\x01" * 4194299), timeout=30)
            return {"code": "OK", "payload_size": response.payload_size}
        if args.scenario == "big-response":
            response = interop.Echo(interop_pb2.EchoRequest(response_size=4194299), timeout=30)
            return {"code": "OK", "received": len(response.payload), "bytes": response.ByteSize()}
        if args.scenario == "oversize-request":
            interop.Echo(interop_pb2.EchoRequest(payload=b"\x01" * 4194300), timeout=30)
            return {"code": "OK"}
        if args.scenario == "unimplemented":
            results = {}
            for path in ("/distributedcloud.testing.v1.InteropTest/Nope", "/no.such.Service/Method",
                         "/distributedcloud.agent.v1.SubcloudAgent/ListHosts"):
                method = channel.unary_unary(path, request_serializer=lambda m: m, response_deserializer=lambda b: b)
                try:
                    method(b"", timeout=10)
                    results[path] = {"code": "OK"}
                except grpc.RpcError as error:
                    results[path] = {"code": error.code().name, "details": error.details()}
            return {"code": "OK", "results": results}
        if args.scenario == "gzip":
            interop.Echo(interop_pb2.EchoRequest(text="x" * 1000), timeout=10, compression=grpc.Compression.Gzip)
            return {"code": "OK"}
        if args.scenario == "getsite":
            metadata = [("dc-controller-id", "controller-a"), ("dc-leadership-epoch", "7")]
            site = agent.GetSite(agent_pb2.GetSiteRequest(), metadata=metadata, timeout=10)
            return {"code": "OK", "arrival_family": agent_pb2.AddressFamily.Name(site.arrival_family),
                    "controller_id": site.leadership.controller_id, "epoch": site.leadership.epoch,
                    "system_mode": agent_pb2.SystemMode.Name(site.system_mode),
                    "networks": [[n.name, agent_pb2.AddressFamily.Name(n.primary_pool_family), [p.name for p in n.pools]]
                                 for n in site.networks]}
        if args.scenario == "getsite-unfenced":
            agent.GetSite(agent_pb2.GetSiteRequest(), timeout=10)
            return {"code": "OK"}
        raise SystemExit("unknown scenario " + args.scenario)
    except grpc.RpcError as error:
        return error_result(error)
    finally:
        channel.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("stubs")
    sub = parser.add_subparsers(dest="mode", required=True)
    server = sub.add_parser("server")
    server.add_argument("--host", default="127.0.0.1")
    server.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    server.add_argument("--client-ca")
    client = sub.add_parser("client")
    client.add_argument("scenario")
    client.add_argument("--target", required=True)
    client.add_argument("--ca")
    client.add_argument("--cert")
    client.add_argument("--key")
    client.add_argument("--tag")
    args = parser.parse_args()
    load_stubs(args.stubs)
    if args.mode == "server":
        serve(args)
    else:
        print(json.dumps(run_client(args)), flush=True)


if __name__ == "__main__":
    main()
