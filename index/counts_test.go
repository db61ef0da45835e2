package index

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"codeberg.org/verbatim/verbatim/model"
)

// sameCounts checks that Search and Counts count the hits of each query per
// document, speaker and code as bleve's facets do, and that Search ranks the
// same page either way.
func sameCounts(t *testing.T, ix *Index, queries []string, when string) {
	t.Helper()
	ctx := context.Background()
	for _, q := range queries {
		for _, scope := range []Scope{ScopeTranscripts, ScopeMemos, ScopeAll} {
			opts := SearchOptions{Limit: 50, Facets: 1 << 20, Scope: scope}
			get := func(byRequest bool) (Results, Results, error) {
				ix.facetsByRequest = byRequest
				defer func() { ix.facetsByRequest = false }()
				s, err := ix.Search(ctx, q, opts)
				if err != nil {
					return s, Results{}, err
				}
				c, err := ix.Counts(ctx, q, opts)
				return s, c, err
			}
			ws, wc, werr := get(true)
			gs, gc, gerr := get(false)
			if (werr == nil) != (gerr == nil) {
				t.Fatalf("%s: %q: errors %v, %v", when, q, werr, gerr)
			}
			if werr != nil {
				continue
			}
			for _, p := range []struct {
				name      string
				want, got Results
			}{{"Search", ws, gs}, {"Counts", wc, gc}} {
				w, g := p.want, p.got
				if w.Total != g.Total || !reflect.DeepEqual(w.Documents, g.Documents) ||
					!reflect.DeepEqual(w.Speakers, g.Speakers) || !reflect.DeepEqual(w.Codes, g.Codes) {
					t.Errorf("%s: %s %q (scope %d): total %d, counts %v %v %v; want %d, %v %v %v", when, p.name, q, scope,
						g.Total, g.Documents, g.Speakers, g.Codes, w.Total, w.Documents, w.Speakers, w.Codes)
				}
			}
			if len(ws.Hits) != len(gs.Hits) {
				t.Errorf("%s: %q: %d hits, want %d", when, q, len(gs.Hits), len(ws.Hits))
				continue
			}
			if msg := sameRanking(ws.Hits, gs.Hits); msg != "" {
				t.Errorf("%s: %q: %s", when, q, msg)
			}
		}
	}
}

// sameRanking compares two pages of hits as a ranking: the same score at
// every place, and the same hits within each run of equal scores, in any
// order (bleve orders ties as it meets them, which a background merge of
// segments between two searches can change). The run of the page's lowest
// score may be cut off by the page's end, so only its length is compared.
func sameRanking(want, got []Hit) string {
	type key struct {
		doc, memoOf int64
		start       int
		kind        model.MemoKind
	}
	keyOf := func(h Hit) key { return key{h.DocID, h.MemoOf, h.Start, h.MemoKind} }
	for i := range want {
		if want[i].Score != got[i].Score {
			return fmt.Sprintf("hit %d scores %g, want %g", i, got[i].Score, want[i].Score)
		}
	}
	for i := 0; i < len(want); {
		j := i
		for j < len(want) && want[j].Score == want[i].Score {
			j++
		}
		if j == len(want) {
			break // the last run: its length is checked above
		}
		inWant := map[key]int{}
		for _, h := range want[i:j] {
			inWant[keyOf(h)]++
		}
		for _, h := range got[i:j] {
			if inWant[keyOf(h)]--; inWant[keyOf(h)] < 0 {
				return fmt.Sprintf("hit %d:%d %s (score %g) is not among the hits with that score", h.DocID, h.Start, h.MemoKind, h.Score)
			}
		}
		i = j
	}
	return ""
}

var fixtureCountQueries = []string{
	"leren", "de", "het", "zorg", `"deel wat je leert"`, "organis*", "coöperatie~", "leren OR delen",
	"(leren OR delen) -netwerk", "-subsidie de", "NOT de", "speaker:Ana", "speaker:An*", "-speaker:interviewer",
	"doc:interview-ana.txt", "doc:notities", `code:"Deel wat je leert"`, "-code:deel*", "rol:beleidsmaker",
	"rol:beleidsmaker OR rol:uitvoerder", "speaker:interviewer", "e-mail", "zorg in:memos", "leren in:all",
	"café", "patiënten", "-de -het", "memo", "samenvatting",
}

func TestCountsMatchFacets(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ana := f.docs["interview-ana.txt"]
	if err := f.p.SetMemo(ctx, model.DocumentMemo, ana, "Samenvatting: zorg en leren, memo over Ana."); err != nil {
		t.Fatal(err)
	}
	ix := f.open(t)
	sameCounts(t, ix, fixtureCountQueries, "built")

	steps := []struct {
		name string
		do   func() error
	}{
		{"coding", func() error {
			f.apply(t, "interview-ana.txt", "De zorg voor de patiënten")
			return nil
		}},
		{"second coding", func() error {
			f.apply(t, "notities.txt", "zorg voor elkaar")
			return nil
		}},
		{"undo", func() error { _, err := f.p.Undo(ctx); return err }},
		{"redo", func() error { _, err := f.p.Redo(ctx); return err }},
		{"code rename", func() error {
			name := "Leren delen"
			return f.p.EditCode(ctx, f.code.ID, model.CodeEdit{Name: &name})
		}},
		{"delete", func() error { return f.p.DeleteDocument(ctx, f.docs["interview-bo.txt"]) }},
		{"undo delete", func() error { _, err := f.p.Undo(ctx); return err }},
		{"import", func() error {
			_, err := f.p.ImportDocument(ctx, newDocument("extra.txt", "Cas: Wij leren en delen de zorg.\nInterviewer: Ana leerde ook.\n"))
			return err
		}},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if err := ix.Update(ctx); err != nil {
			t.Fatal(err)
		}
		sameCounts(t, ix, append(fixtureCountQueries, "code:leren*", "doc:extra", "speaker:cas"), "after "+s.name)
	}
	// Opened again: tables are built from the segments on disk.
	ix.Close()
	ix = f.open(t)
	sameCounts(t, ix, fixtureCountQueries, "opened again")
}

// TestCountsMatchFacetsCorpus compares the counts on a generated corpus, in
// several segments, before and after codings and a deletion.
func TestCountsMatchFacetsCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a corpus")
	}
	ctx := context.Background()
	p, _ := generateProject(t, filepath.Join(t.TempDir(), "g.verbatim"), 40, 1500)
	defer p.Close()
	ix, err := Open(ctx, p, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	queries := []string{
		"research", "the", "data OR documents", "(data OR documents) -archive", `"open source"`, "collab*",
		"reserch~", "research -speaker:interviewer rol:student", "speaker:P001", "-speaker:interviewer",
		"doc:interview-0003.txt", "rol:student OR rol:uitvoerder", "code:bench", "code:bench* research",
		"e-mail", "-the", "software in:all",
	}
	sameCounts(t, ix, queries, "built")
	docs, _ := p.Documents(ctx)
	code, err := p.AddCode(ctx, 0, "Bench", "", "")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 12 {
		d := docs[(i*7)%len(docs)]
		if _, err := p.ApplyCode(ctx, code.ID, model.Span{DocID: d.ID, Start: 100 + 50*i, End: 900 + 50*i}); err != nil {
			t.Fatal(err)
		}
		if err := ix.Update(ctx); err != nil {
			t.Fatal(err)
		}
	}
	sameCounts(t, ix, queries, "after codings")
	if err := p.DeleteDocument(ctx, docs[3].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if err := p.DeleteDocument(ctx, docs[5].ID); err != nil {
		t.Fatal(err)
	}
	if err := ix.Update(ctx); err != nil {
		t.Fatal(err)
	}
	sameCounts(t, ix, queries, "after deletes")
	segs := segmentCount(t, ix)
	t.Logf("%d segments", segs)
}

func segmentCount(t testing.TB, ix *Index) int {
	adv, err := ix.bi.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	return len(r.(*scorch.IndexSnapshot).Segments())
}

// BenchmarkFacetTables times building the tables of every segment of the
// benchmark index from scratch (what the first count after opening costs).
func BenchmarkFacetTables(b *testing.B) {
	_, ix := benchIndex(b)
	adv, err := ix.bi.Advanced()
	if err != nil {
		b.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	snap := r.(*scorch.IndexSnapshot)
	var docs uint64
	for _, ss := range snap.Segments() {
		docs += ss.Segment().Count()
	}
	var bytes int
	for b.Loop() {
		t, err := newFacetTables().forSnapshot(snap)
		if err != nil {
			b.Fatal(err)
		}
		bytes = 0
		for _, sf := range t.segs {
			bytes += 4 * (len(sf.start) + len(sf.terms))
		}
	}
	b.ReportMetric(float64(bytes)/1e6, "table-MB")
	b.ReportMetric(float64(len(snap.Segments())), "segments")
	b.ReportMetric(float64(docs), "docs")
}

// BenchmarkSearcherFloor times what any exact count of a frequent word's
// hits costs at least: walking its searcher's hits (searcher.Next), with and
// without scores, for the word alone and scoped to transcripts as Search
// does; and its postings read directly.
func BenchmarkSearcherFloor(b *testing.B) {
	_, ix := benchIndex(b)
	ctx := context.Background()
	pq, _ := parseQuery("research")
	scoped := ix.scoped(ix.toBleve(pq.root, false), ScopeTranscripts)
	term := bleve.NewTermQuery("research")
	term.SetField(fieldText)
	adv, err := ix.bi.Advanced()
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		q     query.Query
		score string
	}{{"scoped-none", scoped, "none"}, {"scoped-scored", scoped, ""}, {"term-none", term, "none"}, {"term-scored", term, ""}} {
		b.Run(c.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				r, err := adv.Reader()
				if err != nil {
					b.Fatal(err)
				}
				s, err := c.q.Searcher(ctx, r, ix.m, search.SearcherOptions{Score: c.score})
				if err != nil {
					b.Fatal(err)
				}
				sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize()+1, 0), IndexReader: r}
				n = 0
				for {
					dm, err := s.Next(sctx)
					if err != nil {
						b.Fatal(err)
					}
					if dm == nil {
						break
					}
					n++
					sctx.DocumentMatchPool.Put(dm)
				}
				s.Close()
				r.Close()
			}
			b.ReportMetric(float64(n), "hits")
		})
	}
	b.Run("postings", func(b *testing.B) {
		n := 0
		for b.Loop() {
			r, err := adv.Reader()
			if err != nil {
				b.Fatal(err)
			}
			tfr, err := r.TermFieldReader(ctx, []byte("research"), fieldText, false, false, false)
			if err != nil {
				b.Fatal(err)
			}
			n = 0
			d := &index.TermFieldDoc{}
			for {
				d, err = tfr.Next(d)
				if err != nil || d == nil {
					break
				}
				n++
				d.Reset()
			}
			tfr.Close()
			r.Close()
		}
		b.ReportMetric(float64(n), "hits")
	})
}

func TestSameRanking(t *testing.T) {
	h := func(doc int64, score float64) Hit { return Hit{DocID: doc, Score: score} }
	want := []Hit{h(1, 3), h(2, 2), h(3, 2), h(4, 1), h(5, 1)}
	tests := []struct {
		got []Hit
		ok  bool
	}{
		{[]Hit{h(1, 3), h(3, 2), h(2, 2), h(4, 1), h(5, 1)}, true},  // a tie in another order
		{[]Hit{h(1, 3), h(2, 2), h(3, 2), h(6, 1), h(7, 1)}, true},  // the last run cut off elsewhere
		{[]Hit{h(1, 3), h(2, 2), h(9, 2), h(4, 1), h(5, 1)}, false}, // another hit in a tie
		{[]Hit{h(2, 3), h(1, 2), h(3, 2), h(4, 1), h(5, 1)}, false}, // another hit first
		{[]Hit{h(1, 3), h(2, 2), h(3, 1), h(4, 1), h(5, 1)}, false}, // another score
	}
	for i, tt := range tests {
		if msg := sameRanking(want, tt.got); (msg == "") != tt.ok {
			t.Errorf("case %d: %q, want ok %v", i, msg, tt.ok)
		}
	}
}
