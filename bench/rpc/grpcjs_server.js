// @grpc/grpc-js server for the wire-layer benchmark: Bench.Echo answers EchoReply{text: request.text}.
// usage: node grpcjs_server.js PROTO_DIR PORT   (PORT 0: a port the OS picks; prints "READY <port>")
'use strict';
const grpc = require('@grpc/grpc-js');
const loader = require('@grpc/proto-loader');

const [protoDir, port] = process.argv.slice(2);
const definition = loader.loadSync('bench.proto', { includeDirs: [protoDir] });
const bench = grpc.loadPackageDefinition(definition).distributedcloud.bench.v1;
const server = new grpc.Server();
server.addService(bench.Bench.service, {
  Echo: (call, callback) => callback(null, { text: call.request.text }),
});
server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) => {
  if (error) {
    console.error(error.message);
    process.exit(1);
  }
  console.log(`READY ${bound}`);
});
