#!/usr/bin/env python3
"""A Crosscheck protocol server (docs/protocol.md) for scope-only RBAC.

It authorizes policies whose only constraints are in their scope
(principal, action and resource with ==, in, is, is ... in, and template
slots) and have no when/unless conditions. For any other test it answers
"unsupported", which Crosscheck counts as unsupported, not as a failure.
It reads the policies' policy JSON (it never parses Cedar policy text)
and needs only the Python standard library. From the schema's Cedar text
it reads only the action declarations: an action's `in [...]` makes it a
member of those action groups, as Cedar adds the schema's actions to the
entities (see action_entities).

Run it with: crosscheck run --impl model,exec:'python3 examples/python-rbac/server.py' --target rbac
"""

import json
import re
import sys

HELLO = {
    "protocol": 1,
    "name": "python-rbac",
    "version": "0.1.0",
    "cedar": "4.5",
    "capabilities": ["authorize"],
}


class Unsupported(Exception):
    """The test uses a feature this server does not implement."""

    def __init__(self, feature, message=""):
        super().__init__(feature)
        self.feature = feature
        self.message = message


def uid_key(v):
    """The (type, id) of an entity reference: {"type","id"} or {"__entity": {...}}."""
    if "__entity" in v:
        v = v["__entity"]
    return (v["type"], v["id"])


def ancestors_of(entities, schema_actions):
    """Map each entity to the set of all its ancestors (transitively): the
    parents of the entity JSON and, for actions, the schema's groups."""
    parents = {uid: set(groups) for uid, groups in schema_actions.items()}
    for e in entities:
        parents.setdefault(uid_key(e["uid"]), set()).update(uid_key(p) for p in e.get("parents", []))
    closure = {}

    def walk(uid):
        if uid in closure:
            return closure[uid]
        closure[uid] = set()  # guards against cycles
        out = set()
        for p in parents.get(uid, []):
            out.add(p)
            out |= walk(p)
        closure[uid] = out
        return out

    for uid in parents:
        walk(uid)
    return closure


TOKEN = re.compile(r'''
    (?P<space>\s+|//[^\n]*)
  | (?P<str>"(?:[^"\\]|\\.)*")
  | (?P<path>::)
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>.)
''', re.VERBOSE | re.DOTALL)

ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "0": "\0", "\\": "\\", "'": "'", '"': '"'}


def unquote(s):
    """The value of a Cedar string literal (its escapes decoded)."""
    def esc(m):
        e = m.group(1)
        if e.startswith("u{"):
            return chr(int(e[2:-1], 16))
        return ESCAPES.get(e, e)
    return re.sub(r'\\(u\{[0-9a-fA-F]+\}|.)', esc, s[1:-1])


def tokens(text):
    """Cedar schema tokens as (kind, value), comments and space left out."""
    out = []
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "space":
            continue
        out.append((kind, unquote(m.group()) if kind == "str" else m.group()))
    return out


def action_entities(schema_text):
    """The action entities a Cedar schema declares, each with the action
    groups it is declared `in`: {(type, id): set of (type, id)}.

    An action of namespace N has type N::Action; a group named without a
    type (`in [read]` or `in ["read"]`) is an action of the same namespace,
    one named with a path (`in [N::Action::"read"]`) has that type."""
    toks = tokens(schema_text)
    actions = {}
    namespaces = []  # (name, brace depth inside it)
    depth = 0
    i = 0

    def action_type():
        ns = namespaces[-1][0] if namespaces else ""
        return ns + "::Action" if ns else "Action"

    def ref(i):
        # A group: a name, or a path ending in ::"id". Returns (uid, next i).
        path = []
        while i + 1 < len(toks) and toks[i][0] == "ident" and toks[i + 1] == ("path", "::"):
            path.append(toks[i][1])
            i += 2
        kind, value = toks[i]
        if kind not in ("ident", "str"):
            raise ValueError("schema: expected an action name, have %r" % value)
        return ("::".join(path) if path else action_type(), value), i + 1

    at_start = True  # whether toks[i] may begin a declaration
    while i < len(toks):
        kind, value = toks[i]
        if at_start and kind == "punct" and value == "@":
            # An annotation: @name or @name("text").
            i += 2
            if i < len(toks) and toks[i] == ("punct", "("):
                i += 3
            continue
        if at_start and (kind, value) == ("ident", "namespace"):
            j = i + 1
            name = []
            while j < len(toks) and toks[j] != ("punct", "{"):
                name.append(toks[j][1])
                j += 1
            depth += 1
            namespaces.append(("".join(name), depth))
            i, at_start = j + 1, True
            continue
        if at_start and (kind, value) == ("ident", "action"):
            i += 1
            names = []
            while True:
                names.append(toks[i][1])
                i += 1
                if toks[i] != ("punct", ","):
                    break
                i += 1
            groups = set()
            if toks[i] == ("ident", "in"):
                i += 1
                if toks[i] == ("punct", "["):
                    i += 1
                    while toks[i] != ("punct", "]"):
                        g, i = ref(i)
                        groups.add(g)
                        if toks[i] == ("punct", ","):
                            i += 1
                    i += 1
                else:
                    g, i = ref(i)
                    groups.add(g)
            for n in names:
                actions.setdefault((action_type(), n), set()).update(groups)
            at_start = False
            continue
        if (kind, value) == ("punct", "{"):
            depth += 1
        elif (kind, value) == ("punct", "}"):
            if namespaces and namespaces[-1][1] == depth:
                namespaces.pop()
                at_start = True
            depth -= 1
        elif (kind, value) == ("punct", ";") and depth == (namespaces[-1][1] if namespaces else 0):
            at_start = True
            i += 1
            continue
        if (kind, value) != ("punct", "}"):
            at_start = False
        i += 1
    return actions


def schema_actions(schema):
    """The action entities of a test's schema (Cedar text or JSON), as
    action_entities gives them; none without a schema."""
    if not schema:
        return {}
    if "text" in schema:
        return action_entities(schema["text"])
    actions = {}
    for ns, decl in schema.get("json", {}).items():
        own = ns + "::Action" if ns else "Action"
        for name, action in decl.get("actions", {}).items():
            groups = actions.setdefault((own, name), set())
            for g in action.get("memberOf") or []:
                groups.add((g.get("type", own), g["id"]))
    return actions


def entity_of(constraint, slots):
    """The entity a scope constraint names: an entity or a linked slot."""
    if "slot" in constraint:
        if constraint["slot"] not in slots:
            raise ValueError("unlinked slot " + constraint["slot"])
        return uid_key(slots[constraint["slot"]])
    return uid_key(constraint["entity"])


def is_in(uid, target, ancestors):
    return uid == target or target in ancestors.get(uid, set())


def matches(constraint, uid, slots, ancestors):
    """Whether a request's entity satisfies one scope constraint."""
    op = constraint["op"]
    if op == "All":
        return True
    if op == "==":
        return uid == entity_of(constraint, slots)
    if op == "in":
        if "entities" in constraint:
            return any(is_in(uid, uid_key(e), ancestors) for e in constraint["entities"])
        return is_in(uid, entity_of(constraint, slots), ancestors)
    if op == "is":
        if uid[0] != constraint["entity_type"]:
            return False
        if "in" in constraint:
            return is_in(uid, entity_of(constraint["in"], slots), ancestors)
        return True
    raise Unsupported("scope operator " + op)


def policies_of(test):
    """The (id, effect, scope, slots) of every static policy and link."""
    by_id = {}
    out = []
    for p in test["policies"]:
        if "json" not in p:
            raise Unsupported("policy text", "this server reads policy JSON only")
        est = p["json"]
        if est.get("conditions"):
            raise Unsupported("conditions", "policy %s has a when or unless clause" % p["id"])
        by_id[p["id"]] = est
        if not p.get("template"):
            out.append((p["id"], est, {}))
    for link in test.get("templateLinks", []):
        out.append((link["newId"], by_id[link["templateId"]], link["values"]))
    return out


def authorize(test):
    policies = policies_of(test)
    ancestors = ancestors_of(test.get("entities", []), schema_actions(test.get("schema")))
    answers = []
    for req in test.get("requests", []):
        p, a, r = uid_key(req["principal"]), uid_key(req["action"]), uid_key(req["resource"])
        permits, forbids = [], []
        for pid, est, slots in policies:
            if (matches(est["principal"], p, slots, ancestors)
                    and matches(est["action"], a, slots, ancestors)
                    and matches(est["resource"], r, slots, ancestors)):
                (permits if est["effect"] == "permit" else forbids).append(pid)
        if forbids:
            answers.append({"decision": "deny", "reasons": sorted(forbids), "errors": []})
        elif permits:
            answers.append({"decision": "allow", "reasons": sorted(permits), "errors": []})
        else:
            answers.append({"decision": "deny", "reasons": [], "errors": []})
    return {"answers": answers}


def answer(line):
    try:
        req = json.loads(line)
        if not isinstance(req, dict) or not isinstance(req.get("id"), int):
            raise ValueError("a request is an object with an integer id")
    except ValueError as e:
        return {"id": None, "error": {"message": "cannot read the request: %s" % e}}
    rid, op = req["id"], req.get("op")
    try:
        if op == "hello":
            return {"id": rid, "result": HELLO}
        if op == "authorize":
            return {"id": rid, "result": authorize(req["test"])}
        return {"id": rid, "unsupported": {"feature": str(op), "message": "operation not supported"}}
    except Unsupported as u:
        return {"id": rid, "unsupported": {"feature": u.feature, "message": u.message}}
    except (KeyError, TypeError, ValueError, IndexError) as e:
        return {"id": rid, "error": {"message": "%s: %s" % (type(e).__name__, e)}}


def main():
    out = sys.stdout.buffer
    # Lines can be long (a large test): read them whole, whatever size.
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        out.write(json.dumps(answer(line), ensure_ascii=False).encode("utf-8") + b"\n")
        out.flush()


if __name__ == "__main__":
    main()
