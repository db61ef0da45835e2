package index_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"codeberg.org/verbatim/verbatim/index"
	"codeberg.org/verbatim/verbatim/model"
)

// Search finds Dutch word forms and returns every match as a rune range in
// its document, ready to highlight or to code.
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "verbatim-example")
	defer os.RemoveAll(dir)
	p, _ := model.Create(ctx, filepath.Join(dir, "p.verbatim"), "nl")
	defer p.Close()
	text := "Interviewer: Wat heb je geleerd?\nAna: Dat je deelt wat je leert, ook in het café.\n"
	if _, err := p.ImportDocument(ctx, model.NewDocument{Name: "Ana.txt", Format: "txt", Text: text,
		Turns: []model.NewTurn{{Start: 0, End: 32, Speaker: "Interviewer"}, {Start: 33, End: 81, Speaker: "Ana"}}}); err != nil {
		fmt.Println(err)
		return
	}

	ix, err := index.Open(ctx, p, filepath.Join(dir, "cache"), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ix.Close()
	res, _ := ix.Search(ctx, "leren -speaker:interviewer", index.SearchOptions{})
	runes := []rune(text)
	for _, h := range res.Hits {
		for _, m := range h.Matches {
			fmt.Printf("%s, %s, %d:%d %q\n", h.Document, h.Speaker, m.Start, m.End, string(runes[m.Start:m.End]))
		}
	}
	// Output:
	// Ana.txt, Ana, 58:63 "leert"
}
