package index

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"codeberg.org/verbatim/verbatim/model"
)

// TestCompoundsAndSeparableVerbs searches a word in the compounds that start
// or end with it, ranked below the word itself, the quoted word alone, and
// separable verbs split over a sentence.
func TestCompoundsAndSeparableVerbs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p, err := model.Create(ctx, filepath.Join(dir, "c.verbatim"), "nl")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	// The compounds first: ranking, not document order, puts the words
	// themselves first.
	text := `Het datamodel groeit snel.
Het procesmodel is oud.
Er zijn drie productvarianten.
Het model is klaar.
Een variant erbij.
Ik werk het plan morgen uit.
Dat is goed uitgewerkt.
Ik werk thuis. Uit het raam kijk ik.
Zij legde het ons uit.
`
	if _, err := p.ImportDocument(ctx, newDocument("c.txt", text)); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(ctx, p, filepath.Join(dir, "cache"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, tc := range []struct {
		query string
		want  []string // the passages, best first; "" matches any passage
		words []string // the words matched, in passage order
	}{
		{"model", []string{"Het model is klaar.", "", ""}, []string{"model", "", ""}},
		{`"model"`, []string{"Het model is klaar."}, nil},
		{"modellen", []string{"Het model is klaar.", "", ""}, nil},
		{"datamodel", []string{"Het datamodel groeit snel."}, nil},
		{"variant", []string{"Een variant erbij.", "Er zijn drie productvarianten."}, []string{"variant", "productvarianten"}},
		{"product", []string{"Er zijn drie productvarianten."}, nil},
		{"data", []string{"Het datamodel groeit snel."}, nil},
		{"uitwerken", []string{"", ""}, nil},
		{"uitgewerkt", []string{"", ""}, nil},
		{"uitleggen", []string{"Zij legde het ons uit."}, []string{"legde uit"}},
	} {
		t.Run(tc.query, func(t *testing.T) {
			res, err := ix.Search(ctx, tc.query, SearchOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got, words []string
			for i, h := range res.Hits {
				got = append(got, h.Text)
				if i < len(tc.want) && tc.want[i] == "" {
					got[i] = ""
				}
				r := []rune(h.Text)
				w := ""
				for _, m := range h.Matches {
					if w != "" {
						w += " "
					}
					w += string(r[m.Start-h.Start : m.End-h.Start])
				}
				words = append(words, w)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("%q found %q, want %q", tc.query, got, tc.want)
			}
			for i, w := range tc.words {
				if w != "" && (i >= len(words) || words[i] != w) {
					t.Errorf("%q: passage %d matched %q, want %q", tc.query, i, words, tc.words)
				}
			}
		})
	}
	// The split verb: both words of the sentence, and not the sentence after
	// a full stop.
	res, err := ix.Search(ctx, "uitwerken", SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, h := range res.Hits {
		texts = append(texts, h.Text)
		if h.Text == "Ik werk het plan morgen uit." && len(h.Matches) != 2 {
			t.Errorf("uitwerken marks %v in %q, want werk and uit", h.Matches, h.Text)
		}
	}
	slices.Sort(texts)
	if want := []string{"Dat is goed uitgewerkt.", "Ik werk het plan morgen uit."}; !slices.Equal(texts, want) {
		t.Errorf("uitwerken found %q, want %q", texts, want)
	}
}
