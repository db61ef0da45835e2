package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTableUpToDate regenerates nl_lemmas.txt from the installed dictionary
// and compares it with the committed table: a change to the generator, to
// nl_irregular.txt or to the folding must come with go generate's output.
func TestTableUpToDate(t *testing.T) {
	const dic, aff = "/usr/share/hunspell/nl.dic", "/usr/share/hunspell/nl.aff"
	if _, err := os.Stat(dic); err != nil {
		t.Skipf("%s is not installed (apt-get install hunspell-nl): the table is not regenerated", dic)
	}
	committed, err := os.ReadFile("../nl_lemmas.txt")
	if err != nil {
		t.Fatal(err)
	}
	version := packageVersion("hunspell-nl")
	if first, _, _ := strings.Cut(string(committed), "\n"); !strings.Contains(first, "hunspell-nl "+version+" ") {
		t.Skipf("the table was made from another hunspell-nl than the installed %s: %s", version, first)
	}
	out := filepath.Join(t.TempDir(), "nl_lemmas.txt")
	if err := generate(dic, aff, "../nl_irregular.txt", version, out); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, committed) {
		gl, cl := strings.Split(string(got), "\n"), strings.Split(string(committed), "\n")
		for i := 0; i < len(gl) && i < len(cl); i++ {
			if gl[i] != cl[i] {
				t.Fatalf("index/lemmas/nl_lemmas.txt is not what go generate ./index/lemmas makes: line %d is %q, regenerated %q", i+1, cl[i], gl[i])
			}
		}
		t.Fatalf("index/lemmas/nl_lemmas.txt is not what go generate ./index/lemmas makes: %d lines, regenerated %d", len(cl), len(gl))
	}
}
