package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goVersionM is what "go version -m" prints of a binary, shortened.
const goVersionM = `/tmp/verbatim: go1.26.8
	path	codeberg.org/verbatim/verbatim/cmd/verbatim
	mod	codeberg.org/verbatim/verbatim	(devel)
	dep	fyne.io/fyne/v2	v2.7.1	h1:abc=
	dep	golang.org/x/sys	v0.1.0
	=>	golang.org/x/sys	v0.38.0	h1:def=
	build	CGO_ENABLED=1
`

// TestSBOM checks that the bill of materials names each module a binary
// contains, at the version built (a replacement's), with its licence, and
// that a module the licence list lacks is an error, not an omission.
func TestSBOM(t *testing.T) {
	bi, err := parseBuildInfo("verbatim", goVersionM)
	if err != nil {
		t.Fatal(err)
	}
	if bi.goVersion != "go1.26.8" || bi.deps["fyne.io/fyne/v2"] != "v2.7.1" || bi.deps["golang.org/x/sys"] != "v0.38.0" || len(bi.deps) != 2 {
		t.Fatalf("parsed %+v", bi)
	}
	bin := filepath.Join(t.TempDir(), "verbatim")
	if err := os.WriteFile(bin, []byte("binary"), 0o644); err != nil {
		t.Fatal(err)
	}
	read := func(string) (buildInfo, error) { return bi, nil }
	l := &list{Texts: []string{"Go", "BSD", "font"}, Modules: []module{
		{Path: "go", License: "BSD-3-Clause", Text: 0},
		{Path: "fyne.io/fyne/v2", Version: "v2.7.1", License: "BSD-3-Clause AND OFL-1.1", Text: 1},
		{Path: "golang.org/x/sys", Version: "v0.38.0", License: "BSD-3-Clause", Text: 1},
		{Path: "Noto Emoji", License: "OFL-1.1", Text: 2},
	}}
	doc, err := sbom(l, "1.2.3", []string{bin}, read)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(doc)
	for _, want := range []string{
		`"name":"fyne.io/fyne/v2","SPDXID":"SPDXRef-Part-1-fyne.io-fyne-v2","versionInfo":"v2.7.1"`,
		`"licenseDeclared":"BSD-3-Clause AND OFL-1.1"`,
		`"referenceLocator":"pkg:golang/golang.org/x/sys@v0.38.0"`,
		`"referenceLocator":"pkg:golang/stdlib@1.26.8"`,
		`"checksumValue":"9a3a45d01531a20e89ac6ae10b0b0beb0492acd7216a368aa062d1a5fecaf9cd"`,
		`{"spdxElementId":"SPDXRef-Binary-0-verbatim","relationshipType":"CONTAINS","relatedSpdxElement":"SPDXRef-Part-3-Noto-Emoji"}`,
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the SBOM lacks %s:\n%s", want, data)
		}
	}

	bi.deps["example.com/unlisted"] = "v1.0.0"
	if _, err := sbom(l, "1.2.3", []string{bin}, read); err == nil || !strings.Contains(err.Error(), "example.com/unlisted v1.0.0") {
		t.Errorf("with a module the list lacks: got %v, want an error naming it", err)
	}
	delete(bi.deps, "example.com/unlisted")
	bi.deps["fyne.io/fyne/v2"] = "v2.7.2"
	if _, err := sbom(l, "1.2.3", []string{bin}, read); err == nil || !strings.Contains(err.Error(), "v2.7.2") {
		t.Errorf("with a module at another version: got %v, want an error", err)
	}
}
