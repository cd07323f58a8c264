package engine

// arena hands out the small parts of values that are built together and
// die together, such as the attributes of a store's entities and the
// constants of a policy set: string headers, records, and the key and
// value slices of records and sets. It takes them from shared chunks, so
// that building a store is a few allocations rather than several per
// attribute. Values are immutable once built, so sharing a chunk is safe;
// a chunk lives as long as any value in it.
//
// A nil *arena allocates each part on its own, for values built alone
// (a request's context, a partial evaluation's literal).
type arena struct {
	strs    chunks[string]
	vals    chunks[value]
	names   chunks[attrName]
	records chunks[recordValue]
}

// chunks hands out parts of one kind. Its chunks start small and double
// up to maxChunk, so a store with few values wastes little room and one
// with many takes few allocations.
type chunks[T any] struct {
	free []T
	size int // of the last chunk
}

const (
	minChunk = 8
	maxChunk = 128
)

// take returns n zeroed elements from the current chunk, renewing it
// when it holds fewer; the result's capacity is n, so an append to it
// cannot reach its neighbours. A slice longer than a quarter of the
// largest chunk is allocated on its own.
func (c *chunks[T]) take(n int) []T {
	if n > maxChunk/4 {
		return make([]T, n)
	}
	if len(c.free) < n {
		c.size = min(max(2*c.size, minChunk), maxChunk)
		c.free = make([]T, max(c.size, n))
	}
	s := c.free[:n:n]
	c.free = c.free[n:]
	return s
}

func (a *arena) str(s string) value {
	if a == nil {
		return stringValue(s)
	}
	p := &a.strs.take(1)[0]
	*p = s
	return value{k: kindString, ref: p}
}

func (a *arena) values(n int) []value {
	if a == nil {
		return make([]value, n)
	}
	return a.vals.take(n)
}

func (a *arena) attrNames(n int) []attrName {
	if a == nil {
		return make([]attrName, n)
	}
	return a.names.take(n)
}

// record is newRecord with the record itself from the arena.
func (a *arena) record(keys []attrName, vals []value) *recordValue {
	if a == nil || len(keys) > smallRecord {
		return newRecord(keys, vals)
	}
	r := &a.records.take(1)[0]
	*r = recordValue{keys: keys, vals: vals}
	return r
}
