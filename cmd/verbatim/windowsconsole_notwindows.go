//go:build !windows

package main

// attachParentConsole does nothing: outside Windows a program started from
// a terminal has the terminal as its standard output already.
func attachParentConsole() {}
