#!/usr/bin/env python3
"""A Crosscheck protocol server (docs/protocol.md) for scope-only RBAC.

It authorizes policies whose only constraints are in their scope
(principal, action and resource with ==, in, is, is ... in, and template
slots) and have no when/unless conditions. For any other test it answers
"unsupported", which Crosscheck counts as unsupported, not as a failure.
It reads the policies' policy JSON (it never parses Cedar text) and needs
only the Python standard library.

Run it with: crosscheck run --impl model,exec:'python3 examples/python-rbac/server.py' --target rbac
"""

import json
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


def ancestors_of(entities):
    """Map each entity to the set of all its ancestors (transitively)."""
    parents = {}
    for e in entities:
        parents[uid_key(e["uid"])] = [uid_key(p) for p in e.get("parents", [])]
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
    ancestors = ancestors_of(test.get("entities", []))
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
    except (KeyError, TypeError, ValueError) as e:
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
