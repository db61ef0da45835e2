package memlimit

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestLower: while work runs the soft memory limit is the lowest asked for,
// unless it was lower before; after the last work it is what it was.
func TestLower(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	const low, high = 192 << 20, 256 << 20
	limit := func() int64 { return debug.SetMemoryLimit(-1) }
	for _, was := range []int64{math.MaxInt64, low * 2, low / 2} {
		debug.SetMemoryLimit(was)
		first := Lower(high)
		if got, want := limit(), min(was, high); got != want {
			t.Errorf("limit %d, one running: %d, want %d", was, got, want)
		}
		second := Lower(low)
		if got, want := limit(), min(was, low); got != want {
			t.Errorf("limit %d, two running: %d, want %d", was, got, want)
		}
		second()
		second() // a second call changes nothing
		if got, want := limit(), min(was, high); got != want {
			t.Errorf("limit %d, the lower one ended: %d, want %d", was, got, want)
		}
		third := Lower(low)
		first()
		if got, want := limit(), min(was, low); got != want {
			t.Errorf("limit %d, the higher one ended: %d, want %d", was, got, want)
		}
		third()
		if got := limit(); got != was {
			t.Errorf("limit %d, none running: %d, want it back", was, got)
		}
	}
}
