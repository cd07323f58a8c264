package generators

import "math/rand"

// splitMix is a small, fast rand.Source64 (SplitMix64). Seeding it costs
// nothing, unlike the standard library's source, which matters because
// every test gets a source of its own.
type splitMix struct{ state uint64 }

// newSplitMix returns a source seeded with seed.
func newSplitMix(seed uint64) *splitMix { return &splitMix{state: seed} }

func (s *splitMix) Uint64() uint64 {
	s.state += 0x9e3779b97f4a7c15
	z := s.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (s *splitMix) Int63() int64    { return int64(s.Uint64() >> 1) }
func (s *splitMix) Seed(seed int64) { s.state = uint64(seed) }

// testSeed derives the seed of test number index of a run seeded with
// seed. Neighbouring indexes give unrelated streams.
func testSeed(seed int64, index uint64) uint64 {
	s := splitMix{state: uint64(seed)}
	a := s.Uint64()
	s.state = a ^ (index * 0xd1b54a32d192ed03)
	return s.Uint64()
}

// NewRand returns a *rand.Rand for test number index of a run seeded
// with seed: the stream Generate draws from.
func NewRand(seed int64, index uint64) *rand.Rand {
	return rand.New(newSplitMix(testSeed(seed, index)))
}

// ByteSource is a rand.Source that reads its numbers from a byte slice,
// one byte per number, and returns 0 once the bytes run out. The
// generators make every choice with one draw, taken modulo the number of
// options, and option 0 is always the simplest one, so a fuzzer's byte
// mutations map to local structural changes and a short input gives a
// small test.
type ByteSource struct {
	data []byte
	pos  int
}

// NewByteSource returns a source that reads data.
func NewByteSource(data []byte) *ByteSource { return &ByteSource{data: data} }

// Int63 returns the next byte, or 0 at the end of the data.
func (s *ByteSource) Int63() int64 {
	if s.pos >= len(s.data) {
		return 0
	}
	b := s.data[s.pos]
	s.pos++
	return int64(b)
}

// Seed restarts reading at the beginning; the seed is ignored.
func (s *ByteSource) Seed(int64) { s.pos = 0 }

// Exhausted reports whether every byte has been read.
func (s *ByteSource) Exhausted() bool { return s.pos >= len(s.data) }
