// Package locale repairs the locale environment before the GUI toolkit reads
// it. Package main imports it, for its side effect only, before anything else.
//
// Fyne reads LC_ALL, LC_MESSAGES and LANG (through
// github.com/jeandeaual/go-locale) while its packages initialise, and cannot
// parse "C.UTF-8", the usual locale of containers and CI machines: it logs
// three "Fyne error: Error parsing user locale C" lines to stderr on every
// start, before main runs, which would spoil the one-line errors of the
// command line. For messages "C.UTF-8" means the same as "C", which go-locale
// does understand (as no locale: English), so this package rewrites it.
//
// It must run before fyne.io/fyne/v2/lang is initialised. Go initialises
// packages in the order of their import paths wherever dependencies allow
// (the Go specification, "Package initialization"): this package depends only
// on the standard library, and the module's path sorts before "fyne.io", so
// it runs first. The command line's tests check the result on the real binary.
package locale

import (
	"os"
	"strings"
)

func init() {
	for _, key := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(key)
		if v == "" {
			continue
		}
		// The first one set decides, as in go-locale.
		if strings.HasPrefix(v, "C.") || strings.HasPrefix(v, "POSIX.") {
			os.Setenv(key, "C")
		}
		return
	}
}
