// Package assets owns the files Verbatim embeds in its binary: the application icon and the demo
// project (the default codebook, three example interviews written for it and the example
// codings and summaries a researcher might have made). It imports nothing from the project, so
// every other package may use it.
package assets

import _ "embed"

// Icon is the application icon: a 256×256 PNG.
//
//go:embed icon.png
var Icon []byte
