package index

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestLowerMemoryLimit: while builds or updates run the soft memory limit is
// buildMemory, unless it was lower; after the last one it is what it was.
func TestLowerMemoryLimit(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	for _, was := range []int64{math.MaxInt64, buildMemory * 2, buildMemory / 2} {
		debug.SetMemoryLimit(was)
		want := min(was, buildMemory)
		first := lowerMemoryLimit()
		second := lowerMemoryLimit()
		if got := debug.SetMemoryLimit(-1); got != want {
			t.Errorf("limit %d, two running: %d, want %d", was, got, want)
		}
		first()
		if got := debug.SetMemoryLimit(-1); got != want {
			t.Errorf("limit %d, one still running: %d, want %d", was, got, want)
		}
		second()
		if got := debug.SetMemoryLimit(-1); got != was {
			t.Errorf("limit %d, none running: %d, want it back", was, got)
		}
	}
}
