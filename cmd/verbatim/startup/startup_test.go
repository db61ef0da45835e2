package startup

import (
	"os"
	"runtime/debug"
	"testing"
)

func TestDoneRestoresTheCollector(t *testing.T) {
	// The test binary initialised this package too: the collector is off
	// until Done.
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Fatalf("before Done: GC percent %d, want -1 (off)", got)
	}
	Done()
	want := 100
	if os.Getenv("GOGC") != "" {
		want = int(gcPercent)
	}
	if got := debug.SetGCPercent(want); got != want {
		t.Errorf("after Done: GC percent %d, want %d", got, want)
	}
}
