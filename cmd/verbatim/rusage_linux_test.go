//go:build linux

package main

import (
	"os"
	"syscall"
)

// peakMB is the peak resident memory of a process that has ended, in MB
// (Linux gives it in kilobytes); ok is false where the system does not
// say.
func peakMB(ps *os.ProcessState) (mb float64, ok bool) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, false
	}
	return float64(ru.Maxrss) / 1024, true
}
