// Package assets owns the files Verbatim embeds in its binary: the application icon, the
// interface's translations and the demo project (the default codebook, three example interviews
// written for it and the example codings and summaries a researcher might have made). It imports
// nothing from the project, so every other package may use it.
package assets

import (
	"embed"
	_ "embed"
)

// Icon is the application icon: a 256×256 PNG.
//
//go:embed icon.png
var Icon []byte

// Lang holds the interface's texts, lang/en.json and lang/nl.json, in the form Fyne's lang
// package reads: a message's key (its English text) and its translation, or for a message with
// a number its "one" and "other" forms.
//
//go:embed lang
var Lang embed.FS
