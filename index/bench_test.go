package index

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"codeberg.org/verbatim/verbatim/model"
)

// BenchmarkCorpus measures the index on a generated corpus, side by side
// with bare bleve and ripgrep in the same run. It reports and never fails on
// a slow machine. Run it once:
//
//	go test -run '^$' -bench BenchmarkCorpus -benchtime 1x ./index/
//	VERBATIM_BENCH_DOCS=50 go test -run '^$' -bench BenchmarkCorpus -benchtime 1x ./index/   # quick
func BenchmarkCorpus(b *testing.B) {
	ctx := context.Background()
	docs, words := genConfig()
	dir := b.TempDir()
	start := time.Now()
	p, textBytes := generateProject(b, filepath.Join(dir, "bench.verbatim"), docs, words)
	defer p.Close()
	mb := float64(textBytes) / 1e6
	report(b, "corpus: %d transcripts × ~%d words, %.1f MB of text, imported in %v", docs, words, mb, time.Since(start).Round(time.Millisecond))

	passages := allPassages(b, p)
	var passageBytes int
	for _, s := range passages {
		passageBytes += len(s)
	}

	// Bare bleve: the same passages, default mapping, batches of 2,000.
	start = time.Now()
	bare, err := bleve.NewUsing(filepath.Join(dir, "bare"), bleve.NewIndexMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		b.Fatal(err)
	}
	batch := bare.NewBatch()
	for i, s := range passages {
		batch.Index(fmt.Sprint(i), map[string]any{"text": s})
		if batch.Size() >= batchEntries {
			bare.Batch(batch)
			batch.Reset()
		}
	}
	bare.Batch(batch)
	bareTime := time.Since(start)
	bare.Close()
	bareRate := float64(passageBytes) / 1e6 / bareTime.Seconds()

	// Verbatim's index, built from the project.
	runtime.GC()
	start = time.Now()
	ix, err := Open(ctx, p, filepath.Join(dir, "cache"), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	buildTime := time.Since(start)
	rate := float64(passageBytes) / 1e6 / buildTime.Seconds()
	report(b, "build: %d passages, %.1f MB in %v = %.2f MB/s; bare bleve %v = %.2f MB/s; ratio %.0f%%",
		len(passages), float64(passageBytes)/1e6, buildTime.Round(time.Millisecond), rate, bareTime.Round(time.Millisecond), bareRate, 100*rate/bareRate)
	b.ReportMetric(rate, "build-MB/s")
	b.ReportMetric(bareRate, "bare-MB/s")
	report(b, "index size on disk: %.1f MB (bare bleve %.1f MB)", dirMB(ix.Path()), dirMB(filepath.Join(dir, "bare")))
	b.ReportMetric(dirMB(ix.Path()), "index-MB")
	b.ReportMetric(dirMB(filepath.Join(dir, "bare")), "bare-index-MB")

	// Queries: median and p99 of 200 runs, first 10 hits with locations.
	// Terms by frequency: research is in about a quarter of the passages,
	// archive in about 1%, museum in about 0.1%.
	term := "research"
	termMedians := map[string]time.Duration{}
	for _, q := range []struct{ name, query string }{
		{"term", term},
		{"term-mid", "archive"},
		{"term-rare", "museum"},
		{"phrase", `"open source software"`},
		{"prefix", "collab*"},
		{"fuzzy", "reserch~"},
		{"filtered", "research -speaker:interviewer rol:student"},
		{"boolean", "(data OR documents) -archive"},
	} {
		med, p99, total := latency(b, 200, func() int {
			res, err := ix.Search(ctx, q.query, SearchOptions{Limit: 10, Facets: -1})
			if err != nil {
				b.Fatal(err)
			}
			return res.Total
		})
		if strings.HasPrefix(q.name, "term") {
			termMedians[q.query] = med
		}
		report(b, "query %-8s %-45s median %7.3f ms  p99 %7.3f ms  (%d passages)", q.name, q.query, ms(med), ms(p99), total)
		b.ReportMetric(ms(med), q.name+"-median-ms")
	}
	med, p99, total := latency(b, 100, func() int {
		res, err := ix.Search(ctx, term, SearchOptions{Limit: 50})
		if err != nil {
			b.Fatal(err)
		}
		return res.Total
	})
	report(b, "results page: 50 KWIC rows + counts per document, speaker, code for %q in one Search: median %.3f ms, p99 %.3f ms (%d passages)", term, ms(med), ms(p99), total)
	b.ReportMetric(ms(med), "page-median-ms")
	// The same page in two calls, as a window can show it: the rows
	// first (Search without counts), then the exact counts (Counts).
	med, p99, total = latency(b, 100, func() int {
		res, err := ix.Search(ctx, term, SearchOptions{Limit: 50, Facets: -1})
		if err != nil {
			b.Fatal(err)
		}
		return res.Total
	})
	report(b, "results rows: 50 KWIC rows for %q (Search, Facets -1): median %.3f ms, p99 %.3f ms (%d passages)", term, ms(med), ms(p99), total)
	b.ReportMetric(ms(med), "rows-median-ms")
	cmed, cp99, _ := latency(b, 100, func() int {
		res, err := ix.Counts(ctx, term, SearchOptions{})
		if err != nil {
			b.Fatal(err)
		}
		return res.Total
	})
	report(b, "results counts: exact counts per document, speaker, code for %q (Counts): median %.3f ms, p99 %.3f ms; rows + counts %.3f ms", term, ms(cmed), ms(cp99), ms(med+cmed))
	b.ReportMetric(ms(cmed), "counts-median-ms")
	// The whole page in one call for a word of typical frequency.
	med, p99, total = latency(b, 100, func() int {
		res, err := ix.Search(ctx, "archive", SearchOptions{Limit: 50})
		if err != nil {
			b.Fatal(err)
		}
		return res.Total
	})
	report(b, "results page: 50 KWIC rows + counts for %q in one Search: median %.3f ms, p99 %.3f ms (%d passages)", "archive", ms(med), ms(p99), total)
	b.ReportMetric(ms(med), "page-mid-median-ms")

	// Incremental update after one coding.
	code, err := p.AddCode(ctx, 0, "Bench", "", "")
	if err != nil {
		b.Fatal(err)
	}
	ix.Update(ctx)
	all, _ := p.Documents(ctx)
	var updates []time.Duration
	for i := 0; i < 20; i++ {
		d := all[(i*37)%len(all)]
		if _, err := p.ApplyCode(ctx, code.ID, model.Span{DocID: d.ID, Start: 100 + i, End: 200 + i}); err != nil {
			b.Fatal(err)
		}
		s := time.Now()
		if err := ix.Update(ctx); err != nil {
			b.Fatal(err)
		}
		updates = append(updates, time.Since(s))
	}
	slices.Sort(updates)
	report(b, "update after one coding: median %.2f ms, max %.2f ms", ms(updates[len(updates)/2]), ms(updates[len(updates)-1]))
	b.ReportMetric(ms(updates[len(updates)/2]), "update-median-ms")

	// ripgrep counting the same term over the same text as plain files.
	if rg, err := exec.LookPath("rg"); err == nil {
		plain := filepath.Join(dir, "plain")
		os.MkdirAll(plain, 0o700)
		for _, d := range all {
			text, _ := p.Text(ctx, d.ID)
			os.WriteFile(filepath.Join(plain, d.Name), []byte(text), 0o600)
		}
		exec.Command(rg, "-c", term, plain).Run() // warm the page cache
		for _, w := range []string{term, "archive", "museum"} {
			rgMed, _, _ := latency(b, 10, func() int {
				out, _ := exec.Command(rg, "-c", "-i", w, plain).Output()
				return strings.Count(string(out), "\n")
			})
			report(b, "ripgrep: rg -c -i %s over %d files: median %.1f ms; term query %.0f× faster", w, len(all), ms(rgMed), float64(rgMed)/float64(termMedians[w]))
			switch w {
			case term:
				b.ReportMetric(ms(rgMed), "rg-median-ms")
			case "archive":
				b.ReportMetric(ms(rgMed), "rg-mid-median-ms")
			case "museum":
				b.ReportMetric(ms(rgMed), "rg-rare-median-ms")
			}
		}
	} else {
		report(b, "ripgrep not installed: apt-get install -y ripgrep")
	}

	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	report(b, "memory: peak RSS %d MB (whole benchmark process), heap in use now %d MB", ru.Maxrss/1024, ms.HeapInuse>>20)
	b.ReportMetric(float64(ru.Maxrss/1024), "peak-RSS-MB")
}

func report(b *testing.B, format string, args ...any) {
	b.Helper()
	b.Logf(format, args...)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// latency runs fn n times and returns the median and 99th percentile.
func latency(b *testing.B, n int, fn func() int) (median, p99 time.Duration, result int) {
	b.Helper()
	times := make([]time.Duration, n)
	for i := range times {
		s := time.Now()
		result = fn()
		times[i] = time.Since(s)
	}
	slices.Sort(times)
	return times[n/2], times[min(n-1, n*99/100)], result
}

// allPassages returns the text of every passage of the project.
func allPassages(b *testing.B, p *model.Project) []string {
	ctx := context.Background()
	docs, err := p.Documents(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	for _, d := range docs {
		text, _ := p.Text(ctx, d.ID)
		turns, _ := p.Turns(ctx, d.ID)
		s := newRuneSlicer(text)
		for _, t := range turns {
			out = append(out, s.slice(t.Start, t.End))
		}
	}
	return out
}

func dirMB(dir string) float64 {
	var n int64
	filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			n += info.Size()
		}
		return nil
	})
	return float64(n) / 1e6
}
