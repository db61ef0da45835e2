package lemmas

import (
	"strings"
	"testing"
)

func TestTableFind(t *testing.T) {
	tab := NewTable("# Code generated; DO NOT EDIT.\n# second comment\naa\nbomen\tbom,boom\ncafe\nzonen\tzone,zoon\n")
	for _, tc := range []struct {
		form, lemmas string
		ok           bool
	}{
		{"aa", "", true}, {"bomen", "bom,boom", true}, {"cafe", "", true}, {"zonen", "zone,zoon", true},
		{"a", "", false}, {"bom", "", false}, {"zz", "", false}, {"", "", false}, {"# second comment", "", false},
	} {
		if lemmas, ok := tab.Find(tc.form); lemmas != tc.lemmas || ok != tc.ok {
			t.Errorf("Find(%q) = %q, %v; want %q, %v", tc.form, lemmas, ok, tc.lemmas, tc.ok)
		}
	}
	if tab.Len() != 4 {
		t.Errorf("Len() = %d, want 4", tab.Len())
	}
}

// TestDutchSorted checks that every line of the embedded table is found:
// Find's binary search needs the lines sorted by form.
func TestDutchSorted(t *testing.T) {
	if !strings.Contains(Header(dutchText), "DO NOT EDIT") {
		t.Errorf("header %q lacks the generated-code line", Header(dutchText))
	}
	if n := Dutch.Len(); n < 200000 {
		t.Fatalf("%d words, want the whole word list", n)
	}
	prev := ""
	for _, line := range strings.Split(strings.TrimSuffix(Dutch.data, "\n"), "\n") {
		form, _, _ := strings.Cut(line, "\t")
		if form <= prev {
			t.Fatalf("%q after %q: not sorted", form, prev)
		}
		prev = form
	}
	for _, w := range []string{"aa", "eigenlijk", "huis", "zwoegen"} {
		if _, ok := Dutch.Find(w); !ok {
			t.Errorf("%q not found", w)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"coöperatie":       "cooperatie",
		"coo\u0308peratie": "cooperatie", // decomposed
		"café":             "cafe",
		"ĳs":               "ijs",
		"’s":               "'s",
		"plain":            "plain",
	} {
		if got := FoldString(in); got != want {
			t.Errorf("FoldString(%q) = %q, want %q", in, got, want)
		}
	}
}
