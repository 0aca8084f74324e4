// @grpc/grpc-js server for the wire-layer benchmark: Bench.Echo answers EchoReply{text: request.text}.
// usage: node grpcjs_server.js PROTO_DIR PORT
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
server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error) => {
  if (error) {
    console.error(error.message);
    process.exit(1);
  }
  console.log('READY');
});
