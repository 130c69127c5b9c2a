#!/usr/bin/env node
// An independent LwM2M server for interop tests, built on lwm2m-node-lib's
// server API. It waits for one client to register, then drives it through
// Read, Write (with the Update it causes), Execute /1/0/8 (and its Update),
// Write-Attributes and Observe, and finally waits for the De-register that
// follows a SIGTERM to the client.
//
// Output: one JSON object per line on stdout, {"step": ..., "ok": ...}, so a
// test can check each step. Exit status 0 when every step passed, 1 when one
// failed, 2 for a bad command line. Every wait is bounded.
//
// Usage: node server.js --port N [--host 127.0.0.1] [--endpoint NAME]
//                       [--step-timeout-ms 10000] [--deregister-timeout-ms 20000]
'use strict';

const path = require('path');

function parseArguments(argv) {
  const options = {
    host: '127.0.0.1',
    port: 0,
    endpoint: null,          // null: whichever client registers first
    stepTimeoutMs: 10000,
    deregisterTimeoutMs: 20000,
    observePath: [3303, 0, 5700],  // the simulated temperature sensor's value
    notifications: 2,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--port': options.port = Number(value); break;
      case '--host': options.host = value; break;
      case '--endpoint': options.endpoint = value; break;
      case '--step-timeout-ms': options.stepTimeoutMs = Number(value); break;
      case '--deregister-timeout-ms': options.deregisterTimeoutMs = Number(value); break;
      default: return null;
    }
    if (value === undefined) return null;
  }
  if (!Number.isInteger(options.port) || options.port <= 0 || options.port > 65535) return null;
  if (!(options.stepTimeoutMs > 0) || !(options.deregisterTimeoutMs > 0)) return null;
  return options;
}

const options = parseArguments(process.argv.slice(2));
if (options === null) {
  process.stderr.write('usage: node server.js --port N [--host ADDRESS] [--endpoint NAME] ' +
                       '[--step-timeout-ms MS] [--deregister-timeout-ms MS]\n');
  process.exit(2);
}

// lwm2m-node-lib calls listen(port) on its CoAP server, which binds every
// interface. Bind only the requested address: tests must stay on loopback.
// The library also sends its own requests to 127.0.0.1:port (its CoAP server
// proxies them to the client), so the host must be a loopback address.
const libDirectory = path.dirname(require.resolve('lwm2m-node-lib'));
const coap = require(require.resolve('coap', {paths: [libDirectory]}));
const originalListen = coap.createServer.prototype.listen;
coap.createServer.prototype.listen = function (port, address, done) {
  if (typeof address === 'function') {
    done = address;
    address = null;
  }
  return originalListen.call(this, port, address || options.host, done);
};

const lwm2m = require('lwm2m-node-lib').server;

function report(step, fields) {
  process.stdout.write(JSON.stringify(Object.assign({step: step, ok: true}, fields)) + '\n');
}

let serverInfo = null;
function finish(status) {
  const exit = () => process.exit(status);
  if (serverInfo === null) exit();
  // stop() closes the CoAP socket; do not let a hang there hold the exit.
  setTimeout(exit, 1000).unref();
  lwm2m.stop(serverInfo, exit);
}

function fail(step, error) {
  const message = error instanceof Error ? (error.name + ': ' + error.message) : String(error);
  process.stdout.write(JSON.stringify({step: step, ok: false, error: message}) + '\n');
  finish(1);
}

// Calls a callback-style lwm2m-node-lib function and resolves with its result,
// rejecting on error or when the callback is not called within the bound.
function call(fn, args, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer within ' + timeoutMs + ' ms')), timeoutMs);
    fn(...args, (error, result) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(result);
    });
  });
}

// Polls until predicate() returns a truthy value, or rejects after timeoutMs.
function waitFor(what, predicate, timeoutMs) {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const poll = () => {
      const value = predicate();
      if (value) resolve(value);
      else if (Date.now() >= deadline) reject(new Error('timed out after ' + timeoutMs + ' ms waiting for ' + what));
      else setTimeout(poll, 20);
    };
    poll();
  });
}

// What the client sends us, recorded as it arrives; the scenario waits on these.
const events = {registrations: [], updates: [], deregistrations: []};

function matchesEndpoint(name) {
  return options.endpoint === null || options.endpoint === name;
}

function onRegistration(endpoint, lifetime, version, binding, payload, callback) {
  if (matchesEndpoint(endpoint)) {
    events.registrations.push({ep: endpoint, lt: lifetime, lwm2m: version, b: binding, links: payload});
  }
  callback();
}

function onUpdate(device, payload, callback) {
  if (matchesEndpoint(device.name)) events.updates.push({ep: device.name, lt: device.lifetime, links: payload});
  callback();
}

function onDeregistration(device, callback) {
  if (matchesEndpoint(device.name)) events.deregistrations.push({ep: device.name});
  callback();
}

async function scenario() {
  let step = 'listening';
  try {
    serverInfo = await call(lwm2m.start, [{
      port: options.port,
      lifetimeCheckInterval: 1000,
      udpWindow: 100,
      defaultType: 'Device',
      logLevel: 'FATAL',
      ipProtocol: 'udp4',
      serverProtocol: 'udp4',
      deviceRegistry: {type: 'memory'},
      // The library's own default is the pre-1.0 draft number 1541 for
      // text; LwM2M 1.0 and later use text/plain (0) for single values.
      formats: [{name: 'text/plain', value: 0}],
      writeFormat: 'text/plain',
      defaultAcceptFormat: 'text/plain',
    }], options.stepTimeoutMs);
    lwm2m.setHandler(serverInfo, 'registration', onRegistration);
    lwm2m.setHandler(serverInfo, 'updateRegistration', onUpdate);
    lwm2m.setHandler(serverInfo, 'unregistration', onDeregistration);
    report(step, {host: options.host, port: options.port});

    step = 'register';
    const registration = await waitFor('a Register', () => events.registrations[0], options.stepTimeoutMs);
    // The handler runs before the library answers 2.01: give the client its answer first.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const device = await call(lwm2m.getDevice, [registration.ep], options.stepTimeoutMs);
    report(step, registration);

    step = 'read';
    const manufacturer = await call(lwm2m.read, [device.id, 3, 0, 0], options.stepTimeoutMs);
    if (typeof manufacturer !== 'string' || manufacturer.length === 0) throw new Error('empty manufacturer');
    report(step, {path: '/3/0/0', value: manufacturer});

    step = 'write';
    const updatesBeforeWrite = events.updates.length;
    await call(lwm2m.write, [device.id, 1, 0, 1, '45'], options.stepTimeoutMs);
    report(step, {path: '/1/0/1', value: '45'});

    step = 'update-after-write';
    const afterWrite = await waitFor('an Update after the lifetime Write',
                                     () => events.updates[updatesBeforeWrite], options.stepTimeoutMs);
    if (String(afterWrite.lt) !== '45') throw new Error('Update carries lt=' + afterWrite.lt + ', expected 45');
    report(step, afterWrite);

    step = 'execute';
    const updatesBeforeExecute = events.updates.length;
    await call(lwm2m.execute, [device.id, 1, 0, 8, ''], options.stepTimeoutMs);
    report(step, {path: '/1/0/8'});

    step = 'update-after-execute';
    const afterExecute = await waitFor('an Update after executing /1/0/8',
                                       () => events.updates[updatesBeforeExecute], options.stepTimeoutMs);
    report(step, afterExecute);

    step = 'observe-first-answer';
    // A value that does not change and no pmax: the library reports a value
    // only if it kept the Observe answer itself (node-coap drops Observe=0).
    const manufacturerObserved = await call(lwm2m.observe, [device.id, 3, 0, 0, () => {}], options.stepTimeoutMs);
    if (manufacturerObserved !== manufacturer) throw new Error('observed ' + JSON.stringify(manufacturerObserved));
    await call(lwm2m.cancelObserver, [device.id, 3, 0, 0], options.stepTimeoutMs);
    report(step, {path: '/3/0/0', value: manufacturerObserved});

    const [objectId, instanceId, resourceId] = options.observePath;
    const observed = '/' + options.observePath.join('/');
    step = 'write-attributes';
    // pmax=1: a notification at least every second even if the value holds still.
    await call(lwm2m.writeAttributes, [device.id, objectId, instanceId, resourceId, {pmax: 1}], options.stepTimeoutMs);
    report(step, {path: observed, attributes: {pmax: 1}});

    step = 'observe';
    const notifications = [];
    const first = await call(lwm2m.observe, [device.id, objectId, instanceId, resourceId,
                                             (value) => notifications.push(value)], options.stepTimeoutMs);
    await waitFor(options.notifications + ' notifications', () => notifications.length >= options.notifications,
                  options.stepTimeoutMs);
    for (const value of [first, ...notifications]) {
      if (!Number.isFinite(Number(value)) || String(value).trim() === '') {
        throw new Error('not a number: ' + JSON.stringify(value));
      }
    }
    report(step, {path: observed, first: first, notifications: notifications.slice(0, options.notifications)});

    step = 'observe-cancel';
    await call(lwm2m.cancelObserver, [device.id, objectId, instanceId, resourceId], options.stepTimeoutMs);
    report(step, {path: observed});

    // The test now stops the client (SIGTERM), which de-registers.
    step = 'deregister';
    report('awaiting-deregister', {ep: registration.ep});
    const deregistration = await waitFor('a De-register', () => events.deregistrations[0],
                                         options.deregisterTimeoutMs);
    report(step, deregistration);
    report('done', {});
    finish(0);
  } catch (error) {
    fail(step, error);
  }
}

process.on('SIGTERM', () => fail('signal', 'SIGTERM before the scenario finished'));
process.on('SIGINT', () => fail('signal', 'SIGINT before the scenario finished'));
scenario();
