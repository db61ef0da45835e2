package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"codeberg.org/verbatim/verbatim/model"
)

// The benchmarks below time one part of BenchmarkCorpus each, on a corpus
// generated once per process (VERBATIM_BENCH_DOCS transcripts, default 100
// here), for profiles:
//
//	VERBATIM_BENCH_DOCS=100 go test -run '^$' -bench 'BenchmarkBuild$' -cpuprofile cpu.out ./index/

var partsCorpus struct {
	once sync.Once
	dir  string
	p    *model.Project
	err  error
}

func benchProject(b *testing.B) *model.Project {
	b.Helper()
	partsCorpus.once.Do(func() {
		docs, words := genConfig()
		if os.Getenv("VERBATIM_BENCH_DOCS") == "" {
			docs = 100
		}
		partsCorpus.dir, partsCorpus.err = os.MkdirTemp("", "verbatim-bench")
		if partsCorpus.err == nil {
			partsCorpus.p, _ = generateProject(b, filepath.Join(partsCorpus.dir, "bench.verbatim"), docs, words)
		}
	})
	if partsCorpus.err != nil {
		b.Fatal(partsCorpus.err)
	}
	return partsCorpus.p
}

// BenchmarkBuild builds the index and, alternately, bare bleve's of the same
// passages (see bareBuild), and reports the medians and their ratio: the
// machine is shared, so only figures taken side by side compare.
func BenchmarkBuild(b *testing.B) {
	p := benchProject(b)
	passages := allPassages(b, p)
	var bytes int
	for _, s := range passages {
		bytes += len(s)
	}
	var ours, bare []time.Duration
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		bareBuild(b, filepath.Join(b.TempDir(), "bare"), passages)
		bare = append(bare, time.Since(start))
		runtime.GC()
		start = time.Now()
		ix, err := Open(context.Background(), p, filepath.Join(b.TempDir(), fmt.Sprint(i)), nil)
		if err != nil {
			b.Fatal(err)
		}
		ours = append(ours, time.Since(start))
		ix.Close()
		runtime.GC()
	}
	slices.Sort(ours)
	slices.Sort(bare)
	rate := float64(bytes) / 1e6 / ours[len(ours)/2].Seconds()
	bareRate := float64(bytes) / 1e6 / bare[len(bare)/2].Seconds()
	b.ReportMetric(rate, "build-MB/s")
	b.ReportMetric(bareRate, "bare-MB/s")
	b.ReportMetric(100*rate/bareRate, "ratio-%")
}

// bareBuild indexes passages with bare bleve: the default mapping, one
// field "text" per passage, batches of 2,000, as BenchmarkCorpus does.
func bareBuild(b *testing.B, path string, passages []string) {
	bare, err := bleve.NewUsing(path, bleve.NewIndexMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		b.Fatal(err)
	}
	batch := bare.NewBatch()
	for i, s := range passages {
		batch.Index(fmt.Sprint(i), map[string]any{"text": s})
		if batch.Size() >= 2000 {
			bare.Batch(batch)
			batch.Reset()
		}
	}
	bare.Batch(batch)
	bare.Close()
}

// benchIndex opens (building once) the index of the benchmark project.
func benchIndex(b *testing.B) (*model.Project, *Index) {
	p := benchProject(b)
	ix, err := Open(context.Background(), p, filepath.Join(partsCorpus.dir, "cache"), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	return p, ix
}

// BenchmarkQueries times the queries of BenchmarkCorpus, each with the first
// 10 hits and no counts, and the whole results page of 50 rows with counts.
func BenchmarkQueries(b *testing.B) {
	_, ix := benchIndex(b)
	ctx := context.Background()
	for _, q := range []struct {
		name, query string
		opts        SearchOptions
	}{
		{"term", "research", SearchOptions{Limit: 10, Facets: -1}},
		{"mid", "software", SearchOptions{Limit: 10, Facets: -1}},
		{"rare", "archive", SearchOptions{Limit: 10, Facets: -1}},
		{"phrase", `"open source software"`, SearchOptions{Limit: 10, Facets: -1}},
		{"page", "research", SearchOptions{Limit: 50}},
		{"rows", "research", SearchOptions{Limit: 50, Facets: -1}},
	} {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := ix.Search(ctx, q.query, q.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCounts times Counts for the frequent word of BenchmarkQueries.
func BenchmarkCounts(b *testing.B) {
	_, ix := benchIndex(b)
	for b.Loop() {
		if _, err := ix.Counts(context.Background(), "research", SearchOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUpdate times Update after one coding.
func BenchmarkUpdate(b *testing.B) {
	p, ix := benchIndex(b)
	ctx := context.Background()
	code, err := p.AddCode(ctx, 0, fmt.Sprint("Bench ", time.Now().UnixNano()), "", "")
	if err != nil {
		b.Fatal(err)
	}
	ix.Update(ctx)
	all, _ := p.Documents(ctx)
	var times []time.Duration
	for i := 0; b.Loop(); i++ {
		d := all[(i*37)%len(all)]
		b.StopTimer()
		if _, err := p.ApplyCode(ctx, code.ID, model.Span{DocID: d.ID, Start: 100 + i, End: 200 + i}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		s := time.Now()
		if err := ix.Update(ctx); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(s))
	}
	slices.Sort(times)
	b.ReportMetric(ms(times[len(times)/2]), "median-ms")
}
