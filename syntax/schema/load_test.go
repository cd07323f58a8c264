package schema

import (
	"strings"
	"testing"
)

// TestLoadIsBounded checks that Load and LoadFile read through the one
// bounded reader: a directory or a device is refused by name, quickly.
func TestLoadIsBounded(t *testing.T) {
	for _, path := range []string{t.TempDir(), "/dev/zero"} {
		if _, err := Load(path); err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("Load(%s) = %v, want an error naming it", path, err)
		}
		if _, err := LoadFile(path); err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("LoadFile(%s) = %v, want an error naming it", path, err)
		}
	}
}
