#!/usr/bin/env python3
"""grpcio server for the wire-layer benchmark: Bench.Echo answers EchoReply{text: request.text}.

usage: grpcio_server.py STUBS_DIR PORT   (PORT 0: a port the OS picks; prints "READY <port>")
"""
import sys
from concurrent import futures

import grpc

sys.path.insert(0, sys.argv[1])
import bench_pb2, bench_pb2_grpc  # noqa: E402


class Bench(bench_pb2_grpc.BenchServicer):
    def Echo(self, request, context):
        return bench_pb2.EchoReply(text=request.text)


server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
bench_pb2_grpc.add_BenchServicer_to_server(Bench(), server)
port = server.add_insecure_port("127.0.0.1:%s" % sys.argv[2])
server.start()
print("READY %d" % port, flush=True)
server.wait_for_termination()
