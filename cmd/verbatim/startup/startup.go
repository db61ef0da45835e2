// Package startup keeps the garbage collector out of the way while the
// program's packages initialise. Package main imports it first.
//
// The libraries' packages allocate about 4.5 MB while they initialise (the
// GUI toolkit's translations, the search library's automata, the
// spreadsheet writer's tables), which with the collector on costs one or
// two collections: wasted work, since hardly any of it is garbage, that a
// script running "verbatim" in a loop pays on every start (with GOGC=off,
// "verbatim help" took 22 ms of CPU instead of 27.5 ms on the development
// machine).
//
// Go initialises packages in the order of their import paths wherever
// dependencies allow (the Go specification, "Package initialization"), and
// the module's path sorts before the libraries'. But a package importing
// runtime/debug waits for it, and runtime/debug sorts after them all, so
// this package reaches the collector's setting as runtime/debug does, by
// the runtime's linkname, and imports nothing.
package startup

import _ "unsafe" // for go:linkname

// setGCPercent is runtime/debug.SetGCPercent's implementation in the
// runtime.
//
//go:linkname setGCPercent runtime/debug.setGCPercent
func setGCPercent(int32) int32

// gcPercent is the collector's setting (GOGC) before start-up turned it off.
var gcPercent = setGCPercent(-1)

// Done turns the collector back on as GOGC sets it. main calls it first.
func Done() { setGCPercent(gcPercent) }
