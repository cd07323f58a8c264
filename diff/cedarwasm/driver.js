// Crosscheck's driver for the official Cedar engine (@cedar-policy/cedar-wasm).
//
// Protocol, over stdin/stdout, one message per two lines:
//   ready:    {"ready":true}\n  (written once, when the module is loaded)
//   request:  {"id":N,"op":"<op>"}\n<body>\n
//   response: {"id":N,"ok":<answer>}\n   or   {"id":N,"thrown":"<message>"}\n
// The body is the exact JSON text of the call. It is never parsed here: the
// wasm glue serializes its argument with the global JSON.stringify, so the
// driver hands it a sentinel object and makes JSON.stringify return the body
// text unchanged for that object. This keeps integers beyond 2^53 exact.
//
// Ops: version (body ignored), isAuthorized, validate, preparse (body is a
// policy set; the set is stored under the id "current"), preparseSchema
// (body is a schema, as a JSON string of Cedar text or a JSON schema; stored
// under the name "current"), stateful (a statefulIsAuthorized call),
// policySetsToJson (body is a JSON array of policy-set texts; the answer is an
// array with, for each text, the failure of policySetTextToParts or
// {"type":"success","policies":[...],"templates":[...]} holding the exact
// policyToJson / templateToJson answer of each part), checkParseEntities (an
// {entities, schema} call), validRequestEnvs (see validRequestEnvs) and
// batch (see batch), dataCalls (body is a JSON array of {"fn": F, "arg": A},
// F one of the functions in dataFns and A the exact JSON text of its
// argument, as a string; the answer is the array of their exact answers).
// After any thrown exception or wasm trap the
// module is loaded afresh, because a trap leaves the instance unusable and
// every throw leaks wasm stack.
//
// The Go side runs this source with `node -e` (no file), so it must stay
// below the 100 KiB bound in process.go.
'use strict';

const modulePath = require.resolve('@cedar-policy/cedar-wasm/nodejs');
let cedar = load();

function load() {
  for (const key of Object.keys(require.cache)) {
    if (key.includes('@cedar-policy')) delete require.cache[key];
  }
  return require(modulePath);
}

const originalStringify = JSON.stringify;

function callWithBody(fn, body) {
  const sentinel = {};
  JSON.stringify = function (value, ...rest) {
    if (value === sentinel) return body;
    return originalStringify.call(JSON, value, ...rest);
  };
  try {
    return fn(sentinel);
  } finally {
    JSON.stringify = originalStringify;
  }
}

function answer(op, body) {
  switch (op) {
    case 'version':
      return cedar.getCedarVersion();
    case 'isAuthorized':
      return callWithBody((c) => cedar.isAuthorized(c), body);
    case 'validate':
      return callWithBody((c) => cedar.validate(c), body);
    case 'preparse':
      return callWithBody((c) => cedar.preparsePolicySet('current', c), body);
    case 'preparseSchema':
      return callWithBody((c) => cedar.preparseSchema('current', c), body);
    case 'stateful':
      return callWithBody((c) => cedar.statefulIsAuthorized(c), body);
    case 'policySetsToJson':
      return new RawAnswer('[' + JSON.parse(body).map(policySetToJson).join(',') + ']');
    case 'checkParseEntities':
      return callWithBody((c) => cedar.checkParseEntities(c), body);
    case 'validRequestEnvs':
      return validRequestEnvs(body);
    case 'batch':
      return batch(body);
    case 'dataCalls':
      return new RawAnswer('[' + JSON.parse(body).map(dataCall).join(',') + ']');
    default:
      throw new Error('unknown op ' + op);
  }
}

// RawAnswer is an answer already written as JSON text, sent unchanged.
class RawAnswer {
  constructor(text) { this.text = text; }
}

// rawResult calls fn and returns the JSON text the wasm glue parsed its
// result from, so that integers beyond 2^53 stay exact: the glue builds
// every result with one JSON.parse of the text Rust wrote.
function rawResult(fn) {
  let raw = null;
  const originalParse = JSON.parse;
  JSON.parse = function (text, ...rest) {
    raw = text;
    return originalParse.call(JSON, text, ...rest);
  };
  try {
    fn();
  } finally {
    JSON.parse = originalParse;
  }
  if (raw === null) throw new Error('the engine answered without JSON text');
  return raw;
}

// policySetToJson splits one policy-set text into its policies and templates
// (sorted by id, each the exact source text) and writes each as policy JSON.
function policySetToJson(text) {
  const parts = cedar.policySetTextToParts(text);
  if (parts.type !== 'success') return originalStringify(parts);
  const policies = parts.policies.map((p) => rawResult(() => cedar.policyToJson(p)));
  const templates = parts.policy_templates.map((t) => rawResult(() => cedar.templateToJson(t)));
  return '{"type":"success","policies":[' + policies.join(',') + '],"templates":[' + templates.join(',') + ']}';
}

// validRequestEnvs answers getValidRequestEnvsPolicy for each policy of
// {"policies": {id: text}, "schema": text}. That body holds nothing but
// strings, which JSON.parse keeps exact, so it is parsed here. The schema
// is converted to JSON once: the engine reads JSON schemas about twice as
// fast as Cedar schema text, and each call reads the schema again.
function validRequestEnvs(body) {
  const { policies, schema } = JSON.parse(body);
  const json = cedar.schemaToJson(schema);
  const s = json.type === 'success' ? json.json : schema;
  const out = {};
  for (const id of Object.keys(policies)) {
    out[id] = cedar.getValidRequestEnvsPolicy(policies[id], s);
  }
  return out;
}

// batch runs several calls in one round trip. The body is a JSON array of
// [op, body] pairs, each body a JSON string holding that call's exact
// text (strings survive JSON.parse unchanged); the answer is an array, in
// order, of {ok: answer, us: microseconds spent} or {thrown: message}.
function batch(body) {
  return JSON.parse(body).map(([op, text]) => {
    const start = process.hrtime.bigint();
    try {
      const ok = answer(op, text);
      return { ok, us: Number((process.hrtime.bigint() - start) / 1000n) };
    } catch (e) {
      cedar = load();
      return { thrown: String(e && e.message ? e.message : e) };
    }
  });
}

// dataFns are the calls dataCalls may make: the readers of schemas,
// entities and contexts, and the formatter.
const dataFns = new Set(['schemaToJson', 'checkParseSchema', 'checkParseEntities', 'checkParseContext', 'formatPolicies']);

// dataCall makes one call of a dataCalls batch on the exact argument text.
// An argument the glue cannot deserialize (a duplicate key in a JSON
// schema, a field of the wrong type) throws: that is the engine rejecting
// the input, answered as {"type":"thrown"}, and the module is loaded
// afresh after the batch (reloadAfterBatch), since every throw leaks wasm
// stack.
function dataCall(c) {
  if (!dataFns.has(c.fn) || typeof c.arg !== 'string') throw new Error('bad data call ' + originalStringify(c.fn));
  try {
    return rawResult(() => callWithBody((a) => cedar[c.fn](a), c.arg));
  } catch (e) {
    reloadAfterBatch = true;
    return originalStringify({ type: 'thrown', errors: [{ message: String(e && e.message ? e.message : e) }] });
  }
}

let reloadAfterBatch = false;

let pending = null; // the header waiting for its body
let buffered = '';

function handleLine(line) {
  if (pending === null) {
    pending = JSON.parse(line);
    return;
  }
  const header = pending;
  pending = null;
  let out;
  try {
    const ok = answer(header.op, line);
    if (reloadAfterBatch) {
      reloadAfterBatch = false;
      cedar = load();
    }
    out = ok instanceof RawAnswer
      ? '{"id":' + originalStringify(header.id) + ',"ok":' + ok.text + '}'
      : originalStringify({ id: header.id, ok });
  } catch (e) {
    cedar = load();
    out = originalStringify({ id: header.id, thrown: String(e && e.message ? e.message : e) });
  }
  process.stdout.write(out + '\n');
}

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffered += chunk;
  let nl;
  while ((nl = buffered.indexOf('\n')) >= 0) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    handleLine(line);
  }
});
process.stdin.on('end', () => process.exit(0));

// Start-up (spawn, module load) is over: the Go side starts each call's
// timeout clock only after this line.
process.stdout.write(originalStringify({ ready: true }) + '\n');
