package engine

import (
	"fmt"
	"math"
	"slices"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// EntityStore holds entities with their attributes evaluated and their
// ancestors indexed, so that `in` is a lookup (see doc.go, "Hierarchy").
// It is immutable once built and safe for concurrent use.
type EntityStore struct {
	entities map[uid]*entity
}

// entity is one stored entity.
type entity struct {
	uid     uid
	pos     syntax.Pos   // where the entity was given, for errors
	attrs   *recordValue // never nil
	tags    *recordValue // nil when the entity has no tags
	parents []uid

	// ancestors is the transitive closure of parents when it has at most
	// smallAncestors members. An entity with more (manyAncestors) is
	// answered by the hierarchy's labels instead, so that no entity
	// stores a long list.
	ancestors     []uid
	manyAncestors bool
	visit         visitState // computeAncestors' progress
	node          *hnode     // this entity's node in hier
	hier          *hierarchy // built only if some entity has many ancestors
}

// smallAncestors is the number of ancestors up to which an entity keeps
// them in a list, scanned linearly: the common case, which needs neither
// hashing nor the hierarchy.
const smallAncestors = 8

// hasAncestor reports whether u is an ancestor of e (never e itself).
func (e *entity) hasAncestor(u uid) bool {
	if !e.manyAncestors {
		return slices.Contains(e.ancestors, u)
	}
	if e.hier.search {
		return e.hier.searchAncestor(e, u)
	}
	n := e.hier.nodes[u]
	return n != nil && n != e.node && n.isAncestorOf(e.node)
}

// NewEntityStore builds a store from parsed entity data. Attribute and
// tag values must be restricted expressions (literals, sets, records and
// extension calls). A uid given twice is an error unless both entities
// are identical. Parents need not exist, but a cycle in the parent
// relation is an error. With a schema, the schema's action entities
// (and their groups) are added unless the data already holds them.
func NewEntityStore(data []*syntax.EntityData, schema *syntax.Schema) (*EntityStore, error) {
	s := &EntityStore{entities: make(map[uid]*entity, len(data))}
	// The entities and their parent lists are allocated together: a
	// store is built per test, and it is freed as a whole.
	ents, parents, a := make([]entity, len(data)), 0, &arena{}
	for _, d := range data {
		if d != nil {
			parents += len(d.Parents)
		}
	}
	parentBuf := make([]uid, parents)
	for i, d := range data {
		if d == nil { // reported in order, after the errors of the entities before it
			return nil, &syntax.Error{Kind: "MissingEntity", Msg: fmt.Sprintf("entity %d is nil", i)}
		}
		e := &ents[i]
		n := len(d.Parents)
		if err := buildEntity(d, e, parentBuf[:0:n], a); err != nil {
			return nil, err
		}
		parentBuf = parentBuf[n:]
		if old, ok := s.entities[e.uid]; ok {
			if !old.identical(e) {
				return nil, &syntax.Error{Pos: d.Pos, Kind: "DuplicateEntity",
					Msg: fmt.Sprintf("entity %s is given twice with different contents", d.UID)}
			}
			continue
		}
		s.entities[e.uid] = e
	}
	if schema != nil {
		actions := make([]entity, 0, len(schema.Actions))
		for u, a := range schema.Actions { // in any order: each is added alone
			h := internUID(u)
			if _, ok := s.entities[h]; ok {
				continue
			}
			actions = append(actions, entity{uid: h, attrs: emptyRecord})
			e := &actions[len(actions)-1]
			for _, p := range a.MemberOf {
				e.parents = append(e.parents, internUID(p))
			}
			s.entities[h] = e
		}
	}
	if err := s.computeAncestors(); err != nil {
		return nil, err
	}
	return s, nil
}

// buildEntity builds the entity of d into e, its parents into parents
// (empty, with room for all of d's) and its values from a.
func buildEntity(d *syntax.EntityData, e *entity, parents []uid, a *arena) error {
	*e = entity{uid: internUID(d.UID), pos: d.Pos}
	var err error
	if e.attrs, err = restrictedRecord(d.Pos, d.Attrs, a); err != nil {
		return err
	}
	if d.Tags != nil {
		if e.tags, err = restrictedRecord(d.Pos, d.Tags, a); err != nil {
			return err
		}
	}
	e.parents = parents
	for _, p := range d.Parents {
		if h := internUID(p); !slices.Contains(e.parents, h) {
			e.parents = append(e.parents, h)
		}
	}
	return nil
}

func restrictedRecord(pos syntax.Pos, fields []syntax.Field, a *arena) (*recordValue, error) {
	if len(fields) == 0 {
		return emptyRecord, nil
	}
	keys, vals := a.attrNames(len(fields)), a.values(len(fields))
	for i, f := range fields {
		v, err := evalRestricted(f.Value, a)
		if err != nil {
			return nil, err
		}
		keys[i], vals[i] = internAttr(f.Key), v
	}
	r := a.record(keys, vals)
	if r.index != nil && len(r.index) != len(keys) || r.index == nil && hasDuplicate(keys) {
		return nil, &syntax.Error{Pos: pos, Kind: "DuplicateKey", Msg: "duplicate attribute key"}
	}
	return r, nil
}

// hasDuplicate reports whether a short list of keys repeats one.
func hasDuplicate(keys []attrName) bool {
	for i := range keys {
		if slices.Contains(keys[:i], keys[i]) {
			return true
		}
	}
	return false
}

// identical reports whether two entities with the same uid have the same
// attributes, tags and parents.
func (e *entity) identical(o *entity) bool {
	if !e.attrs.equal(o.attrs) {
		return false
	}
	et, ot := e.tags, o.tags
	if et == nil {
		et = emptyRecord
	}
	if ot == nil {
		ot = emptyRecord
	}
	if !et.equal(ot) || len(e.parents) != len(o.parents) {
		return false
	}
	for _, p := range e.parents {
		found := false
		for _, q := range o.parents {
			if p == q {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// visitState is an entity's progress through computeAncestors.
type visitState uint8

const (
	unvisited visitState = iota
	visiting             // on the walk's stack: its parents are being done
	visited
)

// computeAncestors indexes the parent relation without recursion: a walk
// with an explicit stack does each entity's present parents before it,
// giving each its short list of ancestors, or marking it as having many.
// If any has many, the hierarchy labels every entity, parents first. A
// cycle is reported by cycleOrder, whose choice of entity is canonical.
func (s *EntityStore) computeAncestors() error {
	type frame struct {
		e    *entity
		next int // the next parent to do
	}
	var buf [16]frame
	stack := buf[:0]
	many := false
	for _, root := range s.entities {
		if root.visit != unvisited {
			continue
		}
		root.visit = visiting
		stack = append(stack, frame{e: root})
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.next < len(f.e.parents) {
				p := f.e.parents[f.next]
				f.next++
				pe, ok := s.entities[p]
				switch {
				case !ok || pe.visit == visited:
				case pe.visit == visiting:
					return s.cycleOrder()
				default:
					pe.visit = visiting
					stack = append(stack, frame{e: pe})
				}
				continue
			}
			e := f.e
			stack = stack[:len(stack)-1]
			e.visit = visited
			e.ancestors, e.manyAncestors = s.shortClosure(e)
			many = many || e.manyAncestors
		}
	}
	if many {
		order, _ := s.kahn()
		s.label(order)
	}
	return nil
}

// cycleOrder returns the error for a parent relation with a cycle.
func (s *EntityStore) cycleOrder() error {
	_, pending := s.kahn()
	return s.cycleError(pending)
}

// kahn orders the entities parents first; those left out lie on a cycle
// or below one, and have pending parents.
func (s *EntityStore) kahn() (order []*entity, pending map[*entity]int) {
	pending = make(map[*entity]int, len(s.entities)) // present parents not yet done
	children := make(map[uid][]*entity)
	var ready []*entity
	for _, e := range s.entities {
		n := 0
		for _, p := range e.parents {
			if _, ok := s.entities[p]; ok {
				n++
				children[p] = append(children[p], e)
			}
		}
		pending[e] = n
		if n == 0 {
			ready = append(ready, e)
		}
	}
	order = make([]*entity, 0, len(s.entities))
	for len(ready) > 0 {
		e := ready[len(ready)-1]
		ready = ready[:len(ready)-1]
		order = append(order, e)
		for _, c := range children[e.uid] {
			pending[c]--
			if pending[c] == 0 {
				ready = append(ready, c)
			}
		}
	}
	return order, pending
}

// shortClosure is e's ancestors, its parents and their ancestors, if
// there are at most smallAncestors of them; otherwise it reports many.
// The parents must be done already.
func (s *EntityStore) shortClosure(e *entity) (ancestors []uid, many bool) {
	var buf [smallAncestors]uid
	list := buf[:0]
	add := func(u uid) bool {
		if !slices.Contains(list, u) {
			if len(list) == smallAncestors {
				return false
			}
			list = append(list, u)
		}
		return true
	}
	for _, p := range e.parents {
		if !add(p) {
			return nil, true
		}
		if pe, ok := s.entities[p]; ok {
			if pe.manyAncestors {
				return nil, true
			}
			for _, a := range pe.ancestors {
				if !add(a) {
					return nil, true
				}
			}
		}
	}
	if len(list) == 0 {
		return nil, false
	}
	return append([]uid(nil), list...), false
}

// cycleError reports an entity on a cycle. Entities left pending are on
// a cycle or below one; following pending parents from any of them must
// come back to an entity already seen, which lies on a cycle.
func (s *EntityStore) cycleError(pending map[*entity]int) error {
	var start *entity
	for e, n := range pending {
		if n > 0 && (start == nil || e.uid.Value().String() < start.uid.Value().String()) {
			start = e
		}
	}
	seen := map[*entity]bool{}
	e := start
	for !seen[e] {
		seen[e] = true
		for _, p := range e.parents {
			if pe, ok := s.entities[p]; ok && pending[pe] > 0 {
				e = pe
				break
			}
		}
	}
	return &syntax.Error{Pos: e.pos, Kind: "EntityCycle",
		Msg: fmt.Sprintf("the parent relation has a cycle: entity %s is its own ancestor", e.uid.Value())}
}

// Len returns the number of entities in the store.
func (s *EntityStore) Len() int { return len(s.entities) }

// evalRestricted evaluates a restricted expression (entity attribute,
// tag or context value): literals, set and record literals, and
// extension calls on restricted arguments.
//
// The parts of the value come from a (see arena).
func evalRestricted(e syntax.Expr, a *arena) (value, error) {
	if lit, ok := e.(*syntax.Literal); ok {
		return literalValue(lit, a) // the common case, without building a closure
	}
	if v, ok := quickRestricted(e, 0, a); ok {
		return v, nil
	}
	if err := checkRestricted(e, 0); err != nil {
		return value{}, err
	}
	c := &compiler{}
	n, err := c.compile(e)
	if err != nil {
		return value{}, err
	}
	v, evErr := n.fn()(&foldEnv)
	if evErr != nil {
		return value{}, &syntax.Error{Pos: evErr.pos, Kind: evErr.kind.String(), Msg: evErr.msg}
	}
	return v, nil
}

func checkRestricted(e syntax.Expr, depth int) error {
	if depth > maxDepth {
		return &syntax.Error{Pos: e.Position(), Kind: "TooDeep", Msg: fmt.Sprintf("value nested deeper than %d", maxDepth)}
	}
	switch e := e.(type) {
	case *syntax.Literal:
		return nil
	case *syntax.Unary:
		if _, ok := e.Arg.(*syntax.Literal); ok && e.Op == syntax.OpNeg {
			return nil
		}
	case *syntax.SetExpr:
		for _, x := range e.Elems {
			if err := checkRestricted(x, depth+1); err != nil {
				return err
			}
		}
		return nil
	case *syntax.RecordExpr:
		for _, f := range e.Fields {
			if err := checkRestricted(f.Value, depth+1); err != nil {
				return err
			}
		}
		return nil
	case *syntax.Call:
		for _, x := range e.Args {
			if err := checkRestricted(x, depth+1); err != nil {
				return err
			}
		}
		return nil
	case nil:
		return &syntax.Error{Kind: "NotRestricted", Msg: "missing value"}
	}
	return &syntax.Error{Pos: e.Position(), Kind: "NotRestricted",
		Msg: fmt.Sprintf("%T is not allowed in a value: only literals, sets, records and extension calls are", e)}
}

// quickDepth bounds the nesting quickRestricted walks; deeper values take
// the compiler's path, which applies the nesting limits.
const quickDepth = 64

// quickRestricted evaluates a valid restricted expression directly, with
// no closures. It gives up (ok false) on anything that would raise an
// error, so that evalRestricted reports it exactly as compiling does: the
// compiler's errors take precedence over evaluation's.
func quickRestricted(e syntax.Expr, depth int, a *arena) (v value, ok bool) {
	if depth > quickDepth {
		return value{}, false
	}
	switch e := e.(type) {
	case *syntax.Literal:
		v, err := literalValue(e, a)
		return v, err == nil
	case *syntax.Unary:
		lit, isLit := e.Arg.(*syntax.Literal)
		if !isLit || e.Op != syntax.OpNeg {
			return value{}, false
		}
		n, isLong := lit.Value.(int64)
		if !isLong || n == math.MinInt64 {
			return value{}, false
		}
		return longValue(-n), true
	case *syntax.SetExpr:
		vals := a.values(len(e.Elems))
		for i, x := range e.Elems {
			if vals[i], ok = quickRestricted(x, depth+1, a); !ok {
				return value{}, false
			}
		}
		return setOf(newSet(vals)), true
	case *syntax.RecordExpr:
		keys, vals := a.attrNames(len(e.Fields)), a.values(len(e.Fields))
		for i, f := range e.Fields {
			if vals[i], ok = quickRestricted(f.Value, depth+1, a); !ok {
				return value{}, false
			}
			keys[i] = internAttr(f.Key)
		}
		if hasDuplicateKey(e.Fields) {
			return value{}, false
		}
		return recordOf(a.record(keys, vals)), true
	case *syntax.Call:
		f, known := extFuncs[e.Name]
		if !known || f.arity != len(e.Args) {
			return value{}, false
		}
		var args [2]value
		for i, x := range e.Args {
			if args[i], ok = quickRestricted(x, depth+1, a); !ok {
				return value{}, false
			}
		}
		v, err := f.call(e.Pos, args)
		return v, err == nil
	}
	return value{}, false
}

// hasDuplicateKey reports whether a record literal repeats a key.
func hasDuplicateKey(fields []syntax.Field) bool {
	if len(fields) > smallRecord {
		seen := make(map[string]bool, len(fields))
		for _, f := range fields {
			if seen[f.Key] {
				return true
			}
			seen[f.Key] = true
		}
		return false
	}
	for i := range fields {
		for _, g := range fields[:i] {
			if g.Key == fields[i].Key {
				return true
			}
		}
	}
	return false
}
