package assets

import (
	_ "embed"
	"encoding/json"
	"sync"
)

//go:generate go run ../cmd/verbatim/licenses -o licenses.json

// licensesJSON lists what Verbatim is built from with its licence: Go, the
// modules of go.mod and what the repository embeds from others. It is
// written by cmd/verbatim/licenses; TestLicensesFollowGoMod keeps it in
// step with go.mod.
//
//go:embed licenses.json
var licensesJSON []byte

// License is the licence of one part of Verbatim.
type License struct {
	// Module is a module path, "go" for Go's standard library and runtime,
	// or the name of something the repository embeds.
	Module string
	// Version is the module's version; empty for Go and for the rest.
	Version string
	// License is an SPDX expression: "MIT", "Unlicense OR BSD-3-Clause".
	License string
	// Text is the licence in full, with the module's notices.
	Text string
}

// Licenses lists the licences of everything Verbatim is built from: Go
// first, then go.mod's modules in its order, then what the repository
// embeds from others (a word list, a font).
var Licenses = sync.OnceValue(func() []License {
	var l struct {
		Modules []struct {
			Path, Version, License string
			Text                   int
		}
		Texts []string
	}
	if err := json.Unmarshal(licensesJSON, &l); err != nil {
		panic("assets: licenses.json: " + err.Error()) // a test reads it
	}
	out := make([]License, len(l.Modules))
	for i, m := range l.Modules {
		out[i] = License{Module: m.Path, Version: m.Version, License: m.License, Text: l.Texts[m.Text]}
	}
	return out
})
