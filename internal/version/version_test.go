package version

import (
	"runtime"
	"testing"
)

func TestCurrent(t *testing.T) {
	b := Current()
	if b.Crosscheck == "" || b.Go != runtime.Version() || b.OS != runtime.GOOS || b.Arch != runtime.GOARCH || b.CedarLanguage != CedarLanguage {
		t.Fatalf("Current() = %+v", b)
	}
}

func TestOverride(t *testing.T) {
	defer func(old string) { Override = old }(Override)
	Override = "v9.9.9"
	if got := Crosscheck(); got != "v9.9.9" {
		t.Fatalf("Crosscheck() = %q with Override set", got)
	}
}

func TestModule(t *testing.T) {
	// A test binary's build information lists the test's dependencies;
	// a module that is not one has no version.
	if got := Module("example.com/not/a/dependency"); got != "" {
		t.Fatalf("Module of a non-dependency = %q", got)
	}
}
