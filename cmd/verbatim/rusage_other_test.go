//go:build !linux

package main

import "os"

// peakMB is the peak resident memory of a process that has ended, in MB;
// only Linux is read, so ok is false here.
func peakMB(*os.ProcessState) (mb float64, ok bool) { return 0, false }
