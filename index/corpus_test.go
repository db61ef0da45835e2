package index

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/importer"
)

// sharedCorpus is the folder of real transcripts, read in place.
const sharedCorpus = "../../shared/corpus"

// corpusFiles returns the transcripts under sharedCorpus/sub, or skips the
// test when the folder is absent.
func corpusFiles(tb testing.TB, sub string) []string {
	tb.Helper()
	root := filepath.Join(sharedCorpus, sub)
	if _, err := os.Stat(root); err != nil {
		tb.Skipf("%s is absent: the corpus tests need the shared folder next to the repository", root)
	}
	var files []string
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.Contains(d.Name(), "Readme") && importer.Supported(path) {
			files = append(files, path)
		}
		return nil
	})
	return files
}

// TestCorpus indexes the English transcripts of the shared corpus and checks
// that every match of several kinds of query points at a word of the right
// form in the document.
func TestCorpus(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p, err := model.Create(ctx, filepath.Join(dir, "c.verbatim"), "en")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	for _, f := range corpusFiles(t, "en") {
		nd, err := importer.Read(f, importer.Options{})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if _, err := p.ImportDocument(ctx, nd); err != nil && !strings.Contains(err.Error(), "already") {
			t.Fatalf("%s: %v", f, err)
		}
	}
	ix, err := Open(ctx, p, filepath.Join(dir, "cache"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, tc := range []struct {
		query string
		ok    func(word string) bool
	}{
		{"connections", func(w string) bool { return strings.HasPrefix(w, "connect") }},
		{"researchers", func(w string) bool { return strings.HasPrefix(w, "research") }},
		{"open*", func(w string) bool { return strings.HasPrefix(w, "open") }},
		{"sofware~", func(w string) bool { return w == "software" || w == "softwares" }},
		{`"open source"`, func(w string) bool { return w == "open" || w == "source" }},
		{`data speaker:"Researcher 1"`, func(w string) bool { return w == "data" }},
		{"licence OR license", func(w string) bool { return strings.HasPrefix(w, "licen") }},
	} {
		res, err := ix.Search(ctx, tc.query, SearchOptions{Limit: 1000})
		if err != nil {
			t.Fatalf("%q: %v", tc.query, err)
		}
		if len(res.Hits) == 0 {
			t.Errorf("%q: no hits in the corpus", tc.query)
		}
		texts := map[int64][]rune{}
		for _, h := range res.Hits {
			if texts[h.DocID] == nil {
				s, _ := p.Text(ctx, h.DocID)
				texts[h.DocID] = []rune(s)
			}
			if len(h.Matches) == 0 {
				t.Errorf("%q: a hit without matches in %s", tc.query, h.Document)
			}
			for _, m := range h.Matches {
				w := strings.ToLower(string(texts[h.DocID][m.Start:m.End]))
				if !tc.ok(w) {
					t.Errorf("%q: match %d:%d in %s reads %q", tc.query, m.Start, m.End, h.Document, w)
				}
			}
			if tc.query[0] == 'd' && h.Speaker != "Researcher 1" {
				t.Errorf("%q: hit by %q", tc.query, h.Speaker)
			}
		}
		t.Logf("%-30q %4d passages in %2d documents", tc.query, res.Total, len(res.Documents))
	}
}
