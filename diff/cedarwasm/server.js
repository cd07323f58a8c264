// Crosscheck's protocol server for the official Cedar engine
// (@cedar-policy/cedar-wasm): docs/protocol.md, version 1, over
// stdin/stdout. Run as `node -e <this source> PACKAGE_DIR`, where
// PACKAGE_DIR is the installed package (any release from 4.0.0 on; Go
// refuses older ones: cedarwasm.CheckRelease).
//
// Exact numbers: a request line is read with readJSON, which keeps the
// source span of every value, and the parts the engine reads (entities,
// contexts, JSON schemas) are handed to it as that exact text: the wasm
// glue serializes its argument with the global JSON.stringify, so
// withText makes JSON.stringify return the call's text for a sentinel
// object. Answers holding values (policy JSON, residuals, schema JSON)
// are taken from the exact text the glue parsed its result from
// (rawResult). Integers beyond 2^53 and duplicate keys thus reach Cedar,
// and come back, unchanged.
//
// Throws: an exception the engine throws (Rust's unwrap_throw, a serde
// error) leaves the instance usable, answering later calls correctly,
// but leaks the wasm stack of the frames it unwound; a wasm trap
// (WebAssembly.RuntimeError) or a stack overflow (RangeError) leaves it
// unusable ("memory access out of bounds" on every later call). So a
// throw marks the module dirty, and it is loaded afresh once, after the
// answer to the request line (a whole batch) is written; a trap marks it
// broken, and it is loaded afresh before the next part of the batch that
// calls it. Loading takes 10 to 50 ms, so reloading after each throwing
// part timed batches out. A throw while reading data (a duplicate key in
// a JSON schema) is the engine rejecting it: valid false, "thrown: ..."
// among the errors. Elsewhere it is an error answer with
// "inconclusive": true. With CROSSCHECK_WASM_TRACE_LOADS=1 in its
// environment the server writes "cedar-wasm: load N (why)" on stderr at
// each load (tests count them).
//
// The Go side passes this source with `node -e` (no file), so it must
// stay below the 100 KiB bound in diff/cedarwasm/command.go.
'use strict';
const path = require('path');
const fs = require('fs');
// The real path: require's cache is keyed by it (node_modules is often a
// symbolic link), and load must find the module's entries there.
const packageDir = fs.realpathSync(path.resolve(process.argv[1] || '.'));
const modulePath = path.join(packageDir, 'nodejs', 'cedar_wasm.js');
const traceLoads = process.env.CROSSCHECK_WASM_TRACE_LOADS === '1';
let loads = 0;
let cedar = load('start');
// dirty: the instance threw since it was loaded (usable, leaking);
// broken: it trapped (unusable).
let dirty = false, broken = false;

function load(why) {
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(packageDir)) delete require.cache[key];
  }
  const m = require(modulePath);
  loads++;
  if (traceLoads) process.stderr.write('cedar-wasm: load ' + loads + ' (' + why + ')\n');
  return m;
}

// noteThrow records what a throw of the engine did to the instance.
function noteThrow(e) {
  if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) broken = true;
  else dirty = true;
}

// usable loads the module afresh if it trapped: before a call to it.
function usable() {
  if (broken) { cedar = load('after a trap'); broken = false; dirty = false; }
}

// clean loads the module afresh if it threw or trapped: after a request
// line is answered.
function clean() {
  if (broken || dirty) { cedar = load(broken ? 'after a trap' : 'after a throw'); broken = false; dirty = false; }
}

const stringify = JSON.stringify;
const jsonParse = JSON.parse;

// withText calls fn(sentinel); the glue's JSON.stringify(sentinel) is text.
function withText(fn, text) {
  const sentinel = {};
  JSON.stringify = function (value, ...rest) {
    if (value === sentinel) return text;
    return stringify.call(JSON, value, ...rest);
  };
  try {
    return fn(sentinel);
  } finally {
    JSON.stringify = stringify;
  }
}

// rawResult calls fn and returns [its result, the JSON text the glue
// parsed it from].
function rawResult(fn) {
  let raw = null;
  JSON.parse = function (text, ...rest) {
    raw = text;
    return jsonParse.call(JSON, text, ...rest);
  };
  let out;
  try {
    out = fn();
  } finally {
    JSON.parse = jsonParse;
  }
  return [out, raw];
}

// readJSON parses text into nodes {k: kind, s: start, e: end, v: value}:
// kind 'o' (v: object of member nodes, last duplicate wins), 'a' (v:
// array of nodes), 's' (v: the string), 'n' (v: the number's text), 'l'
// (v: true, false or null). raw(text, node) is the node's exact text.
function readJSON(text) {
  // Every request line goes through here, so it scans by char code, not
  // by one-character strings, and slices a string only once.
  let i = 0;
  const n = text.length;
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return;
    }
  };
  const fail = (what) => { throw new SyntaxError(what + ' at offset ' + i); };
  const scalar = /-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null/y;
  const special = /["\\\u0000-\u001f]/g; // what ends a run of plain characters
  function string() {
    const s = i++;
    let escaped = false;
    for (;;) {
      special.lastIndex = i;
      if (!special.exec(text)) { i = n; fail('unterminated string'); }
      i = special.lastIndex - 1;
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c !== 92) fail('control character in a string');
      escaped = true;
      i += 2;
    }
    i++;
    return escaped ? jsonParse(text.slice(s, i)) : text.slice(s + 1, i - 1);
  }
  function value() {
    ws();
    const s = i, c = text.charCodeAt(i);
    if (c === 123) { // {
      i++;
      const v = Object.create(null); // a member named __proto__ is a member
      ws();
      if (text.charCodeAt(i) === 125) { i++; return { k: 'o', s, e: i, v }; }
      for (;;) {
        ws();
        if (text.charCodeAt(i) !== 34) fail('expected a member name');
        const key = string();
        ws();
        if (text.charCodeAt(i++) !== 58) fail('expected :');
        v[key] = value();
        ws();
        const d = text.charCodeAt(i++);
        if (d === 44) continue;
        if (d !== 125) { i--; fail('expected , or }'); }
        return { k: 'o', s, e: i, v };
      }
    }
    if (c === 91) { // [
      i++;
      const v = [];
      ws();
      if (text.charCodeAt(i) === 93) { i++; return { k: 'a', s, e: i, v }; }
      for (;;) {
        v.push(value());
        ws();
        const d = text.charCodeAt(i++);
        if (d === 44) continue;
        if (d !== 93) { i--; fail('expected , or ]'); }
        return { k: 'a', s, e: i, v };
      }
    }
    if (c === 34) { const v = string(); return { k: 's', s, e: i, v }; }
    scalar.lastIndex = i;
    const m = scalar.exec(text);
    if (!m) fail('unexpected character');
    i += m[0].length;
    if (c === 116 || c === 102 || c === 110) return { k: 'l', s, e: i, v: jsonParse(m[0]) };
    return { k: 'n', s, e: i, v: m[0] };
  }
  const v = value();
  ws();
  if (i !== n) fail('data after the value');
  return v;
}
const member = (node, key) => (node && node.k === 'o' ? node.v[key] : undefined);
const str = (node) => (node && node.k === 's' ? node.v : undefined);
const isNull = (node) => !node || (node.k === 'l' && node.v === null);

// Request is one request line being answered.
class Request {
  constructor(line, node) { this.line = line; this.node = node; }
  raw(node) { return this.line.slice(node.s, node.e); }
  get(...keys) { let n = this.node; for (const k of keys) n = member(n, k); return n; }
}

class Unsupported { constructor(feature, message) { this.feature = feature; this.message = message; } }
class Rejected { constructor(message) { this.message = message; } }
class Inconclusive { constructor(message) { this.message = message; } }

const has = (fn) => typeof cedar[fn] === 'function';
function need(fn, op) {
  if (!has(fn)) throw new Unsupported(op, 'this release of cedar-wasm has no ' + fn);
}

function messages(errs) {
  return (errs || []).map((e) => (typeof e === 'string' ? e : e && e.message ? e.message : stringify(e)));
}
function joined(errs) { return messages(errs).join('; ') || 'no reason given'; }

function thrownMessage(e) { return String(e && e.message ? e.message : e); }

// callText writes the JSON text of an engine call from members already
// written as JSON text.
function callText(members) {
  return '{' + Object.entries(members).filter(([, v]) => v !== undefined).map(([k, v]) => stringify(k) + ':' + v).join(',') + '}';
}

// policySet is the engine's policy-set object of the test, as JSON text:
// policy text by id, template text by id, links. Only strings: exact.
function policySet(req) {
  // Without a prototype, a policy named __proto__ is a member like any other.
  const staticPolicies = Object.create(null), templates = Object.create(null);
  const ps = req.get('test', 'policies');
  for (const p of ps && ps.k === 'a' ? ps.v : []) {
    const id = str(member(p, 'id')), text = str(member(p, 'text'));
    if (text === undefined) throw new Unsupported('policy JSON', 'this server reads policies as text only');
    const t = member(p, 'template');
    (t && t.v === true ? templates : staticPolicies)[id] = text;
  }
  const links = req.get('test', 'templateLinks');
  const templateLinks = links && links.k === 'a' ? jsonParse(req.raw(links)) : [];
  return stringify({ staticPolicies, templates, templateLinks });
}

// schemaText is the test's schema as call JSON: a string of Cedar text or
// the exact JSON schema; undefined without one.
function schemaText(req, schemaNode) {
  const s = schemaNode === undefined ? req.get('test', 'schema') : schemaNode;
  if (isNull(s)) return undefined;
  const json = member(s, 'json');
  if (json) return req.raw(json);
  const text = member(s, 'text');
  if (text) return req.raw(text);
  throw new Rejected('a schema is {"text": ...} or {"json": ...}');
}

// data is the request's "data": exact JSON text, maybe not strict JSON,
// read in place of the structured member.
function data(req) { return str(req.get('data')); }

function entitiesText(req) {
  const e = req.get('test', 'entities');
  return isNull(e) ? '[]' : req.raw(e);
}

function requestsOf(req) {
  const r = req.get('test', 'requests');
  return r && r.k === 'a' ? r.v : [];
}

function uidText(req, node) { return isNull(node) ? 'null' : req.raw(node); }
function contextText(req, r) { const c = member(r, 'context'); return c === undefined ? '{}' : req.raw(c); }

// preparse parses the test's policies (and schema) once for the
// stateful calls; without preparsing (old releases) calls carry them.
function preparse(req, policies, schema) {
  const out = {};
  if (has('preparsePolicySet') && has('statefulIsAuthorized')) {
    const a = withText((c) => cedar.preparsePolicySet('current', c), policies);
    if (a.type !== 'success') throw new Rejected('the policies: ' + joined(a.errors));
    out.policies = { preparsedPolicySetId: stringify('current') };
    if (schema !== undefined && has('preparseSchema')) {
      const s = withText((c) => cedar.preparseSchema('current', c), schema);
      if (s.type !== 'success') throw new Rejected('the schema: ' + joined(s.errors));
      out.schema = { preparsedSchemaName: stringify('current') };
    } else if (schema !== undefined) {
      out.schema = { schema };
    }
    out.call = (text) => withText((c) => cedar.statefulIsAuthorized(c), text);
  } else {
    out.policies = { policies };
    out.schema = schema === undefined ? {} : { schema };
    out.call = (text) => withText((c) => cedar.isAuthorized(c), text);
  }
  return out;
}

function authorize(req) {
  const p = preparse(req, policySet(req), schemaText(req));
  const entities = entitiesText(req);
  const answers = requestsOf(req).map((r) => {
    const a = p.call(callText({
      principal: uidText(req, member(r, 'principal')), action: uidText(req, member(r, 'action')),
      resource: uidText(req, member(r, 'resource')), context: contextText(req, r),
      ...p.policies, ...p.schema, validateRequest: 'false', entities,
    }));
    if (a.type !== 'success' || !a.response) return { error: joined(a.errors) };
    const d = a.response.diagnostics || {};
    return {
      decision: a.response.decision === 'allow' ? 'allow' : 'deny',
      reasons: d.reason || [],
      errors: (d.errors || []).map((e) => ({ policy: e.policyId, message: messages([e.error])[0] })),
    };
  });
  return { answers };
}

function validate(req) {
  need('validate', 'validate');
  const schema = schemaText(req);
  if (schema === undefined) throw new Rejected('validate needs a schema');
  const a = withText((c) => cedar.validate(c), callText({ schema, policies: policySet(req) }));
  if (a.type !== 'success') throw new Rejected('cannot validate: ' + joined(a.errors));
  const errs = (list) => (list || []).map((e) => ({ policy: e.policyId, message: messages([e.error])[0] }));
  const errors = errs(a.validationErrors);
  return { valid: errors.length === 0, errors, warnings: errs(a.validationWarnings) };
}

// validateRequest judges each request alone: validateRequest against an
// empty policy set, with no entities.
function validateRequest(req) {
  const schema = schemaText(req);
  if (schema === undefined) throw new Rejected('validate-request needs a schema');
  const p = preparse(req, '{"staticPolicies":{},"templates":{},"templateLinks":[]}', schema);
  const answers = requestsOf(req).map((r) => {
    const a = p.call(callText({
      principal: uidText(req, member(r, 'principal')), action: uidText(req, member(r, 'action')),
      resource: uidText(req, member(r, 'resource')), context: contextText(req, r),
      ...p.policies, ...p.schema, validateRequest: 'true', entities: '[]',
    }));
    return a.type === 'success' ? { valid: true } : { valid: false, errors: messages(a.errors) };
  });
  return { answers };
}

// dataCheck runs one reader of the engine on exact text; a throw is a
// rejection (noted: see noteThrow). A request may read several parts,
// so a trap in one is repaired before the next (usable).
function dataCheck(fn, text) {
  need(fn, fn);
  usable();
  try {
    const [a, raw] = rawResult(() => withText((c) => cedar[fn](c), text));
    return [a, raw];
  } catch (e) {
    noteThrow(e);
    return [{ type: 'failure', errors: [{ message: 'thrown: ' + thrownMessage(e) }] }, null];
  }
}
function validity(a) { return a.type === 'success' ? { valid: true } : { valid: false, errors: messages(a.errors) }; }

function validateEntities(req) {
  const schema = schemaText(req);
  return validity(dataCheck('checkParseEntities', callText({ entities: data(req) ?? entitiesText(req), schema }))[0]);
}

function validateContext(req) {
  const schema = schemaText(req);
  const answers = requestsOf(req).map((r) => {
    const action = member(r, 'action');
    return validity(dataCheck('checkParseContext', callText({
      context: data(req) ?? contextText(req, r), schema, action: schema !== undefined && !isNull(action) ? req.raw(action) : undefined,
    }))[0]);
  });
  return { answers };
}

function parseSchema(req) {
  if (data(req) !== undefined) return validity(dataCheck('checkParseSchema', data(req))[0]);
  const json = req.get('json');
  if (json) return validity(dataCheck('checkParseSchema', req.raw(json))[0]);
  const text = req.get('text');
  if (!text) throw new Rejected('parse-schema needs text or json');
  if (!has('schemaToJson')) return validity(dataCheck('checkParseSchema', req.raw(text))[0]);
  const [a, raw] = dataCheck('schemaToJson', req.raw(text));
  if (a.type !== 'success') return validity(a);
  return { valid: true, json: new Raw(raw.slice(...span(member(readJSON(raw), 'json')))) };
}

function format(req) {
  need('formatPolicies', 'format');
  const text = str(req.get('text'));
  const [a] = dataCheck('formatPolicies', stringify({ policyText: text }));
  return a.type === 'success' ? { valid: true, text: a.formatted_policy } : { valid: false, errors: messages(a.errors) };
}

// parsePolicies splits the text into its parts with policySetTextToParts
// and writes each as policy JSON; the parts come in the engine's order
// (static policies, then templates, each sorted by id as strings) without
// their ids, which policySetTextToParts does not give.
function parsePolicies(req) {
  need('policySetTextToParts', 'parse-policies');
  const text = str(req.get('text'));
  const parts = cedar.policySetTextToParts(text);
  if (parts.type !== 'success') return { valid: false, errors: messages(parts.errors) };
  const one = (t, fn, template) => {
    const [a, raw] = rawResult(() => cedar[fn](t));
    if (a.type !== 'success') return { id: '', template, json: null, errors: messages(a.errors) };
    return { id: '', template, json: new Raw(raw.slice(...span(member(readJSON(raw), 'json')))) };
  };
  const policies = parts.policies.map((t) => one(t, 'policyToJson', false))
    .concat(parts.policy_templates.map((t) => one(t, 'templateToJson', true)));
  return { valid: true, policies };
}
const span = (node) => [node.s, node.e];

// requestEnvs lists, for each static policy, the request environments in
// which it can apply. The schema is read as JSON (twice as fast as Cedar
// text, and every call reads it again).
function requestEnvs(req) {
  need('getValidRequestEnvsPolicy', 'request-envs');
  const schema = schemaText(req);
  if (schema === undefined) throw new Rejected('request-envs needs a schema');
  let s = jsonParse(schema);
  if (typeof s === 'string' && has('schemaToJson')) {
    const j = cedar.schemaToJson(s);
    if (j.type === 'success') s = j.json;
  }
  const envs = {};
  const ps = req.get('test', 'policies');
  for (const p of ps && ps.k === 'a' ? ps.v : []) {
    const t = member(p, 'template');
    if (t && t.v === true) continue;
    const a = cedar.getValidRequestEnvsPolicy(str(member(p, 'text')), s);
    envs[str(member(p, 'id'))] = a.type === 'success'
      ? { principals: a.principals, actions: a.actions, resources: a.resources }
      : { error: String(a.error || joined(a.errors)) };
  }
  return { envs };
}

// partialAuthorize: null principal, action or resource are unknown, and
// so is any context value {"__extn": {"fn": "unknown", "arg": NAME}}. A
// null context is unsupported: the engine has no unknown context.
function partialAuthorize(req) {
  need('isAuthorizedPartial', 'partial-authorize');
  const policies = policySet(req), schema = schemaText(req), entities = entitiesText(req);
  const answers = requestsOf(req).map((r) => {
    const ctx = member(r, 'context');
    if (ctx && isNull(ctx)) throw new Unsupported('unknown context', 'cedar-wasm takes unknowns inside the context ({"__extn": {"fn": "unknown", "arg": NAME}}), not an unknown context');
    const [a, raw] = rawResult(() => withText((c) => cedar.isAuthorizedPartial(c), callText({
      principal: uidText(req, member(r, 'principal')), action: uidText(req, member(r, 'action')),
      resource: uidText(req, member(r, 'resource')), context: contextText(req, r),
      policies, schema, entities,
    })));
    if (a.type !== 'residuals' || !a.response) return { error: joined(a.errors) };
    const x = a.response;
    const residualNodes = member(member(readJSON(raw), 'response'), 'residuals');
    const residuals = Object.keys(x.residuals || {}).sort().map((id) => ({ id, json: new Raw(raw.slice(...span(residualNodes.v[id]))) }));
    return {
      decision: x.decision === 'allow' || x.decision === 'deny' ? x.decision : 'unknown',
      satisfied: x.satisfied || [], errored: x.errored || [],
      mayBeDetermining: x.mayBeDetermining || [], mustBeDetermining: x.mustBeDetermining || [],
      residuals,
    };
  });
  return { answers };
}

const ops = {
  authorize: [authorize, () => has('isAuthorized')],
  validate: [validate, () => has('validate')],
  'validate-request': [validateRequest, () => has('isAuthorized')],
  'validate-entities': [validateEntities, () => has('checkParseEntities')],
  'validate-context': [validateContext, () => has('checkParseContext')],
  'parse-policies': [parsePolicies, () => has('policySetTextToParts') && has('policyToJson') && has('templateToJson')],
  'parse-schema': [parseSchema, () => has('checkParseSchema')],
  format: [format, () => has('formatPolicies')],
  'partial-authorize': [partialAuthorize, () => has('isAuthorizedPartial')],
  'request-envs': [requestEnvs, () => has('getValidRequestEnvsPolicy')],
  batch: [batch, () => true],
};

function hello() {
  let version = 'unknown';
  try { version = jsonParse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version; } catch (e) { /* keep unknown */ }
  const lang = has('getCedarLangVersion') ? cedar.getCedarLangVersion() : cedar.getCedarVersion();
  return {
    protocol: 1, name: 'cedar-wasm', version, cedar: String(lang),
    capabilities: Object.keys(ops).filter((op) => ops[op][1]()),
  };
}

// answerOf answers one request node: [kind, JSON text], kind one of
// result, unsupported, error. It leaves reloading after a throw to the
// end of the request line (clean), except after a trap (usable).
function answerOf(req) {
  const op = str(req.get('op'));
  if (op !== 'batch') usable();
  try {
    if (op === 'hello') return ['result', stringify(hello())];
    const o = ops[op];
    if (!o || !o[1]()) return ['unsupported', stringify({ feature: String(op), message: 'operation ' + stringify(op) + ' is not supported' })];
    return ['result', toJSON(o[0](req))];
  } catch (e) {
    if (e instanceof Unsupported) return ['unsupported', stringify({ feature: e.feature, message: e.message })];
    if (e instanceof Rejected) return ['error', stringify({ message: e.message })];
    noteThrow(e);
    return ['error', stringify({ message: 'cedar-wasm threw: ' + thrownMessage(e), inconclusive: true })];
  }
}

// Raw is JSON text already written, sent as it is.
class Raw { constructor(text) { this.text = text; } }

// toJSON writes a result, Raw parts as they are.
function toJSON(v) {
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) return '[' + v.map(toJSON).join(',') + ']';
  if (v && typeof v === 'object') {
    return '{' + Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => stringify(k) + ':' + toJSON(x)).join(',') + '}';
  }
  return stringify(v === undefined ? null : v);
}

// batch answers several requests in one round trip, each with the
// microseconds the engine spent on it.
function batch(req) {
  const rs = req.get('requests');
  const out = (rs && rs.k === 'a' ? rs.v : []).map((node) => {
    const start = process.hrtime.bigint();
    const [kind, text] = answerOf(new Request(req.line, node));
    const us = Number((process.hrtime.bigint() - start) / 1000n);
    return new Raw('{' + stringify(kind) + ':' + text + ',"micros":' + us + '}');
  });
  return { answers: out };
}

function handleLine(line) {
  if (line.trim() === '') return;
  let id = 'null', out;
  try {
    const node = readJSON(line);
    const idNode = member(node, 'id');
    if (!idNode || idNode.k !== 'n' || !/^-?\d+$/.test(idNode.v)) throw new SyntaxError('no integer id');
    id = idNode.v;
    const [kind, text] = answerOf(new Request(line, node));
    out = '{"id":' + id + ',' + stringify(kind) + ':' + text + '}';
  } catch (e) {
    out = '{"id":' + id + ',"error":' + stringify({ message: 'cannot read the request: ' + thrownMessage(e) }) + '}';
  }
  process.stdout.write(out + '\n');
  clean();
}

let buffered = '';
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
