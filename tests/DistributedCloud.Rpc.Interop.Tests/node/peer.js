#!/usr/bin/env node
// @grpc/grpc-js peer for the DistributedCloud wire-layer interop tests. The protos are loaded at run
// time with @grpc/proto-loader from the directories given with --protos (the repository's protos/
// and the test proto), the same files the other peers compile.
//
//   node peer.js --protos DIR[,DIR...] server [--host H]
//       serves InteropTest on H:0, prints "PORT <n>", runs until stdin closes.
//   node peer.js --protos DIR[,DIR...] client SCENARIO --target H:P [--tag T]
//       runs one scenario against a server and prints one JSON object.
'use strict';

const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const loader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const PROTO_FILES = [
  'distributedcloud/testing/v1/interop.proto',
  'distributedcloud/agent/v1/agent.proto',
  'google/rpc/status.proto',
  'google/rpc/error_details.proto',
];

function parseArgs(argv) {
  const args = { positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      args[arg.slice(2)] = argv[++i];
    } else {
      args.positional.push(arg);
    }
  }
  return args;
}

function load(protoDirs) {
  const definition = loader.loadSync(PROTO_FILES, {
    includeDirs: protoDirs, keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
  });
  const services = grpc.loadPackageDefinition(definition);

  // protobufjs (proto-loader's own engine) decodes google.rpc.Status from grpc-status-details-bin.
  const root = new protobuf.Root();
  root.resolvePath = (origin, target) => {
    for (const dir of protoDirs) {
      const candidate = path.join(dir, target);
      if (fs.existsSync(candidate)) {
        return candidate;
      }
    }
    return protobuf.util.path.resolve(origin, target);
  };
  root.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto'], { keepCase: true });
  return {
    interop: services.distributedcloud.testing.v1,
    agent: services.distributedcloud.agent.v1,
    Status: root.lookupType('google.rpc.Status'),
    BadRequest: root.lookupType('google.rpc.BadRequest'),
  };
}

function splitMetadata(metadata) {
  const text = {};
  const binary = {};
  if (!metadata) {
    return { text, binary };
  }
  for (const [key, values] of Object.entries(metadata.getMap())) {
    if (key.endsWith('-bin')) {
      binary[key] = Buffer.from(values);
    } else {
      text[key] = String(values);
    }
  }
  return { text, binary };
}

function b64Map(binary, skip) {
  const out = {};
  for (const [key, value] of Object.entries(binary)) {
    if (key !== skip) {
      out[key] = value.toString('base64');
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// server

function makeHandlers(protos) {
  return {
    Echo(call, callback) {
      const deadline = call.getDeadline();
      const hadDeadline = deadline instanceof Date || (typeof deadline === 'number' && Number.isFinite(deadline));
      const request = call.request;
      const answer = () => {
        if (call.cancelled) {
          return;
        }
        const trailers = new grpc.Metadata();
        trailers.set('echo-trailer', 'done');
        trailers.set('echo-trailer-bin', Buffer.from([0x00, 0x01, 0xfe, 0xff]));
        if (request.fail_code) {
          if (request.fail_with_details) {
            const bad = protos.BadRequest.encode({
              field_violations: [{ field: 'text', description: 'grpc-js says no', reason: 'JS-1' }],
            }).finish();
            const rich = protos.Status.encode({
              code: request.fail_code,
              message: request.fail_message,
              details: [{ type_url: 'type.googleapis.com/google.rpc.BadRequest', value: bad }],
            }).finish();
            trailers.set('grpc-status-details-bin', Buffer.from(rich));
          }
          callback({ code: request.fail_code, details: request.fail_message, metadata: trailers });
          return;
        }
        if (request.response_size) {
          callback(null, { payload: Buffer.alloc(request.response_size, 0x5a) }, trailers);
          return;
        }
        const { text, binary } = splitMetadata(call.metadata);
        callback(null, {
          text: request.text,
          metadata: text,
          binary_metadata: binary,
          peer: call.getPeer(),
          had_deadline: hadDeadline,
          payload_size: request.payload.length,
        }, trailers);
      };
      if (request.delay_ms) {
        const timer = setTimeout(answer, request.delay_ms);
        call.on('cancelled', () => clearTimeout(timer));
      } else {
        answer();
      }
    },

    Count(call) {
      const { count, interval_ms: interval } = call.request;
      let index = 0;
      let timer = null;
      call.on('cancelled', () => clearTimeout(timer));
      const next = () => {
        if (call.cancelled) {
          return;
        }
        if (index >= count) {
          call.end();
          return;
        }
        call.write({ index: index++ });
        timer = setTimeout(next, interval || 0);
      };
      next();
    },

    Sum(call, callback) {
      let total = 0;
      call.on('data', (item) => { total += item.index; });
      call.on('end', () => callback(null, { index: total }));
    },

    Chat(call) {
      call.on('data', (item) => call.write({ index: item.index * 10 }));
      call.on('end', () => call.end());
    },
  };
}

function serve(protos, args) {
  const server = new grpc.Server();
  server.addService(protos.interop.InteropTest.service, makeHandlers(protos));
  const host = args.host || '127.0.0.1';
  const address = host.includes(':') ? `[${host}]:0` : `${host}:0`;
  server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (error, port) => {
    if (error) {
      console.error(error.message);
      process.exit(1);
    }
    process.stdout.write(`PORT ${port}\n`);
  });
  // The test closes stdin (or kills us) to stop.
  process.stdin.on('end', () => server.tryShutdown(() => process.exit(0)));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
}

// ------------------------------------------------------------------------------------------------
// client

function errorResult(protos, error) {
  const { text, binary } = splitMetadata(error.metadata);
  const result = {
    code: grpc.status[error.code],
    details: error.details,
    trailers: text,
    binary_trailers: b64Map(binary, 'grpc-status-details-bin'),
  };
  const rich = binary['grpc-status-details-bin'];
  if (rich) {
    const status = protos.Status.decode(rich);
    result.rich_code = status.code;
    result.rich_message = status.message;
    result.detail_types = status.details.map((d) => d.type_url);
    result.violations = [];
    for (const detail of status.details) {
      if (detail.type_url === 'type.googleapis.com/google.rpc.BadRequest') {
        for (const v of protos.BadRequest.decode(detail.value).field_violations) {
          result.violations.push([v.field, v.description, v.reason]);
        }
      }
    }
  }
  return result;
}

function deadlineIn(ms) {
  return new Date(Date.now() + ms);
}

// A unary call resolving to { response, initial, trailers } or rejecting with the status error.
function unary(client, method, request, metadata, options) {
  return new Promise((resolve, reject) => {
    let initial = null;
    let response = null;
    let failed = null;
    const call = client[method](request, metadata || new grpc.Metadata(), options, (error, value) => {
      if (error) {
        failed = error;
        reject(error);
      } else {
        response = value;
      }
    });
    call.on('metadata', (m) => { initial = m; });
    call.on('status', (status) => {
      if (!failed && status.code === grpc.status.OK) {
        resolve({ response, initial, trailers: status.metadata });
      }
    });
  });
}

async function runScenario(protos, channelTarget, scenario, tag) {
  const interop = new protos.interop.InteropTest(channelTarget, grpc.credentials.createInsecure(), { 'grpc.enable_retries': 0 });
  const agent = new protos.agent.SubcloudAgent(channelTarget, grpc.credentials.createInsecure(), { 'grpc.enable_retries': 0 });
  try {
    switch (scenario) {
      case 'unary': {
        const metadata = new grpc.Metadata();
        metadata.set('x-text', 'plain value');
        metadata.set('x-raw-bin', Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
        const { response, initial, trailers } = await unary(interop, 'Echo',
          { text: 'h\u00e9llo w\u00f6rld', tag }, metadata, { deadline: deadlineIn(10000) });
        const t = splitMetadata(trailers);
        return {
          code: 'OK',
          text: response.text,
          metadata: response.metadata,
          binary_metadata: b64Map(response.binary_metadata),
          peer: response.peer,
          arrival_family: response.arrival_family,
          had_deadline: response.had_deadline,
          initial: splitMetadata(initial).text,
          trailers: t.text,
          binary_trailers: b64Map(t.binary),
        };
      }
      case 'stream': {
        const items = await new Promise((resolve, reject) => {
          const received = [];
          const call = interop.Count({ count: 5, tag }, { deadline: deadlineIn(10000) });
          call.on('data', (item) => received.push(item.index));
          call.on('error', reject);
          call.on('status', (status) => {
            if (status.code === grpc.status.OK) {
              resolve(received);
            }
          });
        });
        return { code: 'OK', items };
      }
      case 'deadline': {
        const started = process.hrtime.bigint();
        try {
          await unary(interop, 'Echo', { delay_ms: 5000, tag }, null, { deadline: deadlineIn(300) });
          return { code: 'OK' };
        } catch (error) {
          const result = errorResult(protos, error);
          result.elapsed = Number(process.hrtime.bigint() - started) / 1e9;
          return result;
        }
      }
      case 'cancel': {
        let received = 0;
        return await new Promise((resolve) => {
          const call = interop.Count({ count: 100000, interval_ms: 20, tag }, { deadline: deadlineIn(30000) });
          call.on('data', () => {
            received += 1;
            if (received === 2) {
              call.cancel();
            }
          });
          call.on('error', (error) => resolve({ code: grpc.status[error.code], received }));
          call.on('status', (status) => {
            if (status.code === grpc.status.OK) {
              resolve({ code: 'OK', received });
            }
          });
        });
      }
      case 'error':
        await unary(interop, 'Echo', {
          fail_code: 9, fail_message: "pool 'oam' is in use: 100% busy \u2713", fail_with_details: true, tag,
        }, null, { deadline: deadlineIn(10000) });
        return { code: 'OK' };
      case 'unimplemented': {
        const results = {};
        const identity = (b) => b;
        for (const method of ['/distributedcloud.testing.v1.InteropTest/Nope', '/no.such.Service/Method',
          '/distributedcloud.agent.v1.SubcloudAgent/ListHosts']) {
          try {
            await new Promise((resolve, reject) => {
              interop.makeUnaryRequest(method, identity, identity, Buffer.alloc(0), new grpc.Metadata(),
                { deadline: deadlineIn(10000) }, (error, value) => (error ? reject(error) : resolve(value)));
            });
            results[method] = { code: 'OK' };
          } catch (error) {
            results[method] = { code: grpc.status[error.code], details: error.details };
          }
        }
        return { code: 'OK', results };
      }
      case 'getsite': {
        const metadata = new grpc.Metadata();
        metadata.set('dc-controller-id', 'controller-a');
        metadata.set('dc-leadership-epoch', '7');
        const { response } = await unary(agent, 'GetSite', {}, metadata, { deadline: deadlineIn(10000) });
        return {
          code: 'OK',
          arrival_family: response.arrival_family,
          controller_id: response.leadership ? response.leadership.controller_id : null,
          epoch: response.leadership ? Number(response.leadership.epoch) : null,
          system_mode: response.system_mode,
        };
      }
      default:
        throw new Error(`unknown scenario ${scenario}`);
    }
  } catch (error) {
    if (error && typeof error.code === 'number' && error.metadata) {
      return errorResult(protos, error);
    }
    throw error;
  } finally {
    interop.close();
    agent.close();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args.protos) {
    throw new Error('--protos DIR[,DIR...] is required');
  }
  const protos = load(args.protos.split(','));
  const [mode, scenario] = args.positional;
  if (mode === 'server') {
    serve(protos, args);
  } else if (mode === 'client') {
    if (!args.target) {
      throw new Error('--target is required');
    }
    const result = await runScenario(protos, args.target, scenario, args.tag || '');
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
