package index

import (
	"context"
	"math"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// BenchmarkBreakdown splits the cost of a frequent term's search: bleve's
// ranked search alone, counting without scoring, the facets, and the second
// pass (locations and stored fields of a page).
func BenchmarkBreakdown(b *testing.B) {
	_, ix := benchIndex(b)
	ctx := context.Background()
	pq, _ := parseQuery("research")
	bq := ix.scoped(ix.toBleve(pq.root, false), ScopeTranscripts)
	run := func(name string, req func() *bleve.SearchRequest) {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := ix.bi.SearchInContext(ctx, req()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	run("ranked-10", func() *bleve.SearchRequest {
		r := bleve.NewSearchRequestOptions(bq, 10, 0, false)
		r.SortBy([]string{"-_score"})
		return r
	})
	run("unscored-count", func() *bleve.SearchRequest {
		r := bleve.NewSearchRequestOptions(bq, 0, 0, false)
		r.Score = "none"
		return r
	})
	run("unscored-facets", func() *bleve.SearchRequest {
		r := bleve.NewSearchRequestOptions(bq, 0, 0, false)
		r.Score = "none"
		r.AddFacet(facetAll, bleve.NewFacetRequest(facetAll, math.MaxInt32))
		return r
	})
	b.Run("rows-50", func(b *testing.B) {
		for b.Loop() {
			ix.Search(ctx, "research", SearchOptions{Limit: 50, Facets: -1})
		}
	})
	b.Run("counts", func(b *testing.B) {
		for b.Loop() {
			ix.Counts(ctx, "research", SearchOptions{})
		}
	})
}
