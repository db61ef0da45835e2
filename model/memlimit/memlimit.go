// Package memlimit lowers the garbage collector's soft memory limit while
// heavy work runs (an index build, a large import), so that the process's
// peak memory follows what the work keeps live rather than twice that: with
// the default GOGC the heap grows to twice what is live before a collection.
package memlimit

import (
	"runtime/debug"
	"slices"
	"sync"
)

var held struct {
	sync.Mutex
	limits []int64 // of the work running
	before int64   // the limit before the first
}

// Lower makes the soft memory limit limit bytes, or the lowest limit of the
// work running, or the limit already set when that is lower, until the
// returned function is called; when the last work ends, the limit is what it
// was before the first.
func Lower(limit int64) (restore func()) {
	held.Lock()
	defer held.Unlock()
	if len(held.limits) == 0 {
		held.before = debug.SetMemoryLimit(-1)
	}
	held.limits = append(held.limits, limit)
	apply()
	var once sync.Once
	return func() {
		once.Do(func() {
			held.Lock()
			defer held.Unlock()
			i := slices.Index(held.limits, limit)
			held.limits = slices.Delete(held.limits, i, i+1)
			apply()
		})
	}
}

// apply sets the limit for the work running.
func apply() {
	if len(held.limits) == 0 {
		debug.SetMemoryLimit(held.before)
		return
	}
	debug.SetMemoryLimit(min(held.before, slices.Min(held.limits)))
}
