package diff

import (
	"fmt"
	"maps"
	"slices"
)

// DefaultMaxInconclusive is the largest share of the tests sent to a
// supervised implementation that may be inconclusive before a run fails
// (see Config.MaxInconclusive): above it, the implementation was not
// really tested, whatever the other counts say.
const DefaultMaxInconclusive = 0.05

// Supervised is implemented by adapters that run an implementation in
// external processes under supervision (cedar-wasm's Node.js pool; an
// adapter for any program speaking a protocol would be one too). Health
// counts since the adapter was opened; a run reports the difference over
// the run (see Summary.Oracles). Processes is the most calls the
// implementation serves at once (0: no limit): a run checks at most that
// many tests at once, because a test waiting for a free process would
// have its timeout run out while it waits.
type Supervised interface {
	Health() OracleHealth
	Processes() int
}

// OracleHealth is what the supervision of an external implementation saw.
type OracleHealth struct {
	// Sent counts the inputs sent (Authorize and Validate calls),
	// Inconclusive those that got no answer (an *InconclusiveError).
	Sent         int `json:"sent"`
	Inconclusive int `json:"inconclusive"`
	// Restarts counts the processes replaced after dying, hanging or
	// failing to start; Timeouts the calls killed for taking too long.
	Restarts int `json:"restarts"`
	Timeouts int `json:"timeouts"`
}

// InconclusiveShare is Inconclusive/Sent, 0 when nothing was sent.
func (h OracleHealth) InconclusiveShare() float64 {
	if h.Sent == 0 {
		return 0
	}
	return float64(h.Inconclusive) / float64(h.Sent)
}

// Add returns the sum of h and o.
func (h OracleHealth) Add(o OracleHealth) OracleHealth {
	return OracleHealth{h.Sent + o.Sent, h.Inconclusive + o.Inconclusive, h.Restarts + o.Restarts, h.Timeouts + o.Timeouts}
}

func (h OracleHealth) sub(o OracleHealth) OracleHealth {
	return OracleHealth{h.Sent - o.Sent, h.Inconclusive - o.Inconclusive, h.Restarts - o.Restarts, h.Timeouts - o.Timeouts}
}

// String is "N sent, N inconclusive (P%), N restarts, N timeouts".
func (h OracleHealth) String() string {
	return fmt.Sprintf("%d sent, %d inconclusive (%.1f%%), %d restarts, %d timeouts",
		h.Sent, h.Inconclusive, 100*h.InconclusiveShare(), h.Restarts, h.Timeouts)
}

// HealthFailures lists, sorted by implementation, why the oracles make a
// run fail: each whose inconclusive share is above max.
func HealthFailures(oracles map[string]OracleHealth, max float64) []string {
	var out []string
	for _, name := range slices.Sorted(maps.Keys(oracles)) {
		h := oracles[name]
		if h.Sent > 0 && h.InconclusiveShare() > max {
			out = append(out, fmt.Sprintf("%s was inconclusive on %d of the %d tests sent to it (%.1f%%), above the limit of %.1f%% (--max-inconclusive)",
				name, h.Inconclusive, h.Sent, 100*h.InconclusiveShare(), 100*max))
		}
	}
	return out
}

// healthOf returns the health of every supervised implementation, by
// name.
func healthOf(impls []Implementation) map[string]OracleHealth {
	out := map[string]OracleHealth{}
	for _, impl := range impls {
		if g, ok := impl.(guarded); ok {
			impl = g.impl
		}
		if s, ok := impl.(Supervised); ok {
			out[impl.Name()] = s.Health()
		}
	}
	return out
}

// processLimit is the smallest process limit of the supervised
// implementations, 0 when none has one.
func processLimit(impls []Implementation) int {
	limit := 0
	for _, impl := range impls {
		if g, ok := impl.(guarded); ok {
			impl = g.impl
		}
		if s, ok := impl.(Supervised); ok && s.Processes() > 0 && (limit == 0 || s.Processes() < limit) {
			limit = s.Processes()
		}
	}
	return limit
}

// healthSince is the health counted from before to now.
func healthSince(before map[string]OracleHealth, impls []Implementation) map[string]OracleHealth {
	now := healthOf(impls)
	for name, h := range now {
		now[name] = h.sub(before[name])
	}
	return now
}
