package engine

import (
	"hash/maphash"
	"sync/atomic"
	"unique"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// internCache is a fixed-size, direct-mapped cache in front of
// unique.Make. A differential run builds a store, a policy set and
// requests for every generated test, interning the same few hundred uids
// and attribute names again and again; unique.Make's lookup in its global
// map (and its weak-pointer dereference) cost several times a hash and one
// comparison here. A slot holds the last value that hashed to it, so the
// cache keeps at most len(slots) handles alive.
//
// It is safe for concurrent use: a slot is replaced, never modified.
type internCache[T comparable] struct {
	hash  func(maphash.Seed, T) uint64
	seed  maphash.Seed
	slots [1 << 12]atomic.Pointer[internEntry[T]]
}

type internEntry[T comparable] struct {
	key    T
	handle unique.Handle[T]
}

func (c *internCache[T]) make(v T) unique.Handle[T] {
	slot := &c.slots[c.hash(c.seed, v)&(uint64(len(c.slots))-1)]
	if e := slot.Load(); e != nil && e.key == v {
		return e.handle
	}
	h := unique.Make(v)
	slot.Store(&internEntry[T]{key: v, handle: h})
	return h
}

var (
	uidCache = internCache[syntax.EntityUID]{seed: maphash.MakeSeed(), hash: func(s maphash.Seed, u syntax.EntityUID) uint64 {
		return maphash.String(s, string(u.Type)) ^ maphash.String(s, u.ID)*0x9e3779b97f4a7c15
	}}
	attrCache = internCache[string]{seed: maphash.MakeSeed(), hash: maphash.String}
)
