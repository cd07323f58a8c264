package engine

import (
	"unique"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// kind is the dynamic type of a value.
type kind uint8

const (
	kindNone kind = iota // the zero value; never produced by evaluation
	kindBool
	kindLong
	kindString
	kindEntity
	kindSet
	kindRecord
	kindDecimal
	kindIPAddr
	kindDatetime
	kindDuration
)

var kindNames = [...]string{"none", "bool", "long", "string", "entity", "set", "record",
	"decimal", "ipaddr", "datetime", "duration"}

func (k kind) String() string { return kindNames[k] }

// uid is an interned entity uid: two uids are equal exactly when their
// handles are, which makes entity equality and store lookups a pointer
// comparison and a pointer hash.
type uid = unique.Handle[syntax.EntityUID]

// attrName is an interned attribute or tag name.
type attrName = unique.Handle[string]

func internUID(u syntax.EntityUID) uid { return uidCache.make(u) }
func internAttr(s string) attrName     { return attrCache.make(s) }

// value is the engine's compact representation of a Cedar value: four
// words, copied by value, so that evaluation never allocates for scalars.
// Strings are referenced, not copied: Cedar has no operator that builds a
// string, so every string value is made once, when policies, entities or
// a request are built.
//
//	bool      n is 0 or 1
//	long      n
//	decimal   n is the value times 10^4
//	datetime  n is milliseconds since the Unix epoch
//	duration  n is milliseconds
//	string    ref is *string
//	entity    ref is uid
//	set       ref is *setValue
//	record    ref is *recordValue
//	ipaddr    ref is *ipAddr
type value struct {
	k   kind
	n   int64
	ref any
}

func boolValue(b bool) value {
	if b {
		return value{k: kindBool, n: 1}
	}
	return value{k: kindBool}
}

var (
	trueValue  = value{k: kindBool, n: 1}
	falseValue = value{k: kindBool}
)

func longValue(n int64) value       { return value{k: kindLong, n: n} }
func stringValue(s string) value    { return value{k: kindString, ref: &s} }
func entityValue(u uid) value       { return value{k: kindEntity, ref: u} }
func setOf(s *setValue) value       { return value{k: kindSet, ref: s} }
func recordOf(r *recordValue) value { return value{k: kindRecord, ref: r} }

func (v value) isTrue() bool         { return v.n != 0 }
func (v value) set() *setValue       { return v.ref.(*setValue) }
func (v value) record() *recordValue { return v.ref.(*recordValue) }
func (v value) ip() *ipAddr          { return v.ref.(*ipAddr) }
func (v value) euid() uid            { return v.ref.(uid) }
func (v value) str() string          { return *v.ref.(*string) }

// equal is Cedar's structural, total equality.
func (v value) equal(w value) bool {
	if v.k != w.k {
		return false
	}
	switch v.k {
	case kindBool, kindLong, kindDecimal, kindDatetime, kindDuration:
		return v.n == w.n
	case kindString:
		return v.str() == w.str()
	case kindEntity:
		return v.euid() == w.euid()
	case kindSet:
		return v.set().equal(w.set())
	case kindRecord:
		return v.record().equal(w.record())
	case kindIPAddr:
		return *v.ip() == *w.ip()
	}
	return true
}

// hash returns a hash of v consistent with equal: equal values hash
// equally (sets and records hash independently of order).
func (v value) hash() uint64 {
	const prime = 1099511628211
	h := uint64(v.k) * 0x9e3779b97f4a7c15
	switch v.k {
	case kindBool, kindLong, kindDecimal, kindDatetime, kindDuration:
		h ^= uint64(v.n)
		h *= prime
	case kindString:
		h ^= hashString(v.str())
	case kindEntity:
		u := v.euid().Value()
		h ^= hashString(string(u.Type))*31 + hashString(u.ID)
	case kindSet:
		var sum uint64
		for _, x := range v.set().elems {
			sum += mix(x.hash())
		}
		h ^= sum
	case kindRecord:
		var sum uint64
		r := v.record()
		for i, k := range r.keys {
			sum += mix(hashString(k.Value())*7 + r.vals[i].hash())
		}
		h ^= sum
	case kindIPAddr:
		ip := v.ip()
		for _, b := range ip.addr {
			h = (h ^ uint64(b)) * prime
		}
		h ^= uint64(ip.prefix)
	}
	return h
}

func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

func mix(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb3fe1a85ec53
	x ^= x >> 33
	return x
}
