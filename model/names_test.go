package model

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestClosest(t *testing.T) {
	names := []string{"Ana.docx", "David.txt", "Peter.txt", "Deel wat je leert", "Vertrek vanuit motivatie"}
	tests := []struct{ ref, want string }{
		{"ana", "Ana.docx"},                       // the start of a name
		{"  DAVID ", "David.txt"},                 // case and spaces
		{"Petr.txt", "Peter.txt"},                 // a letter off
		{"motivatie", "Vertrek vanuit motivatie"}, // inside a name
		{"Deel wat je leerde", "Deel wat je leert"},
		{"Sanne.txt", ""}, // nothing near
		{"", ""},
	}
	for _, tt := range tests {
		if got := Closest(names, tt.ref); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.ref, got, tt.want)
		}
	}
}

func TestFindDocumentByName(t *testing.T) {
	ctx := context.Background()
	p := newProject(t, "nl")
	for _, name := range []string{"Ana.docx", "David.txt", "Peter.txt", "peter.TXT", "Kelly.txt", "Kelly.docx"} {
		if _, err := p.ImportDocument(ctx, NewDocument{Name: name, Format: "txt", Text: "Tekst van " + name + ".\n"}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct{ ref, want string }{
		{"Ana.docx", "Ana.docx"},
		{"ana.DOCX", "Ana.docx"},
		{"  Ana.docx\t", "Ana.docx"},
		{"ana", "Ana.docx"}, // the only document so named without its extension
		{"DAVID.txt", "David.txt"},
		{"peter.TXT", "peter.TXT"}, // exactly, though two differ only in case
		{"1", "Ana.docx"},
	} {
		d, err := p.FindDocument(ctx, tt.ref)
		if err != nil || d.Name != tt.want {
			t.Errorf("FindDocument(%q) = %q, %v; want %q", tt.ref, d.Name, err, tt.want)
		}
	}
	_, err := p.FindDocument(ctx, "Anna.docx")
	var nf *NotFoundError
	if !errors.As(err, &nf) || !errors.Is(err, ErrNotFound) || nf.Closest != "Ana.docx" ||
		err.Error() != `no document named "Anna.docx"; did you mean "Ana.docx"?` {
		t.Errorf("a name a letter off: got %v, want a NotFoundError suggesting Ana.docx", err)
	}
	if _, err := p.FindDocument(ctx, "Sanne.txt"); err == nil || err.Error() != `no document named "Sanne.txt"` {
		t.Errorf("a name nothing is near: got %v", err)
	}
	// Two names differing in case only, or two extensions: say which.
	for _, ref := range []string{"PETER.txt", "kelly"} {
		if _, err := p.FindDocument(ctx, ref); !errors.Is(err, ErrInvalid) {
			t.Errorf("FindDocument(%q): got %v, want ErrInvalid naming both", ref, err)
		}
	}
}

func TestFindCodeSuggests(t *testing.T) {
	ctx := context.Background()
	p := newProject(t, "nl")
	if _, err := p.AddCode(ctx, 0, "Deel wat je leert", "", ""); err != nil {
		t.Fatal(err)
	}
	_, err := p.FindCode(ctx, "deel wat je leer")
	if !errors.Is(err, ErrNotFound) || err.Error() != `no code named "deel wat je leer"; did you mean "Deel wat je leert"?` {
		t.Errorf("got %v", err)
	}
}

func TestCodeNamesRefused(t *testing.T) {
	ctx := context.Background()
	p := newProject(t, "nl")
	long := strings.Repeat("lang ", MaxCodeName/5) + "x"
	for _, name := range []string{"two\nlines", "tab\there", "bell\a", "esc\x1b[31mred", "evil\u202Etxt.exe", "iso\u2066late", long} {
		if _, err := p.AddCode(ctx, 0, name, "", ""); !errors.Is(err, ErrInvalid) {
			t.Errorf("AddCode(%q): got %v, want ErrInvalid", name, err)
		}
	}
	ok, err := p.AddCode(ctx, 0, strings.Repeat("x", MaxCodeName), "", "")
	if err != nil {
		t.Fatalf("a name of the longest length: %v", err)
	}
	if _, err := p.AddCode(ctx, 0, "Coöperatie 👩‍🔬 en “reünie”", "", ""); err != nil {
		t.Errorf("accents, emoji and quotes: %v", err)
	}
	bad := "a\x1b]0;title\x07"
	if err := p.EditCode(ctx, ok.ID, CodeEdit{Name: &bad}); !errors.Is(err, ErrInvalid) {
		t.Errorf("renaming to %q: got %v, want ErrInvalid", bad, err)
	}
	color := "#112233"
	if err := p.EditCode(ctx, ok.ID, CodeEdit{Color: &color}); err != nil {
		t.Errorf("recolouring: %v", err)
	}
}

// TestWithExtension: .verbatim is added unless the name ends with it, as
// written.
func TestWithExtension(t *testing.T) {
	for in, want := range map[string]string{
		"p":                 "p.verbatim",
		"p.verbatim":        "p.verbatim",
		"dir/p.VERBATIM":    "dir/p.VERBATIM.verbatim",
		"notes.txt":         "notes.txt.verbatim",
		"a.verbatim/b":      "a.verbatim/b.verbatim",
		"studie 2026":       "studie 2026.verbatim",
		"project.verbatim ": "project.verbatim .verbatim",
	} {
		if got := WithExtension(in); got != want {
			t.Errorf("WithExtension(%q) = %q, want %q", in, got, want)
		}
	}
}
