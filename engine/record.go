package engine

// recordValue is a Cedar record: interned keys and their values, in
// source order. Records larger than smallRecord carry a key index.
type recordValue struct {
	keys  []attrName
	vals  []value
	index map[attrName]int32
}

const smallRecord = 8

// newRecord builds a record; keys must be unique. It takes ownership of
// both slices.
func newRecord(keys []attrName, vals []value) *recordValue {
	r := &recordValue{keys: keys, vals: vals}
	if len(keys) > smallRecord {
		r.index = make(map[attrName]int32, len(keys))
		for i, k := range keys {
			r.index[k] = int32(i)
		}
	}
	return r
}

var emptyRecord = newRecord(nil, nil)

// get returns the value of key k.
func (r *recordValue) get(k attrName) (value, bool) {
	if r.index != nil {
		if i, ok := r.index[k]; ok {
			return r.vals[i], true
		}
		return value{}, false
	}
	for i, key := range r.keys {
		if key == k {
			return r.vals[i], true
		}
	}
	return value{}, false
}

// equal compares as maps from keys to values.
func (r *recordValue) equal(t *recordValue) bool {
	if r == t {
		return true
	}
	if len(r.keys) != len(t.keys) {
		return false
	}
	for i, k := range r.keys {
		v, ok := t.get(k)
		if !ok || !v.equal(r.vals[i]) {
			return false
		}
	}
	return true
}
