package engine

import (
	"fmt"
	"sync"
	"testing"
	"unique"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// The cache must give exactly unique.Make's handles, also when many
// values share a slot and when goroutines race for the same slots.
func TestInternCacheAgreesWithUnique(t *testing.T) {
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20000 { // five times the slots: collisions are certain
				u := syntax.EntityUID{Type: syntax.EntityType(fmt.Sprint("T", i%7)), ID: fmt.Sprint(i, "/", w%2)}
				if got, want := internUID(u), unique.Make(u); got != want {
					t.Errorf("internUID(%v) differs from unique.Make", u)
					return
				}
				if got := internUID(u).Value(); got != u {
					t.Errorf("internUID(%v).Value() = %v", u, got)
					return
				}
				if s := u.ID; internAttr(s) != unique.Make(s) {
					t.Errorf("internAttr(%q) differs from unique.Make", s)
					return
				}
			}
		}()
	}
	wg.Wait()
}
