package refiqda

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/importer"
)

// corpusText is a real interview (Ana, Sheffield ORDA), repeated until it
// holds at least runes characters, cut at a line end.
func corpusText(tb testing.TB, runes int, salt int) string {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(samples, "..", "corpus", "en", "sheffield_orda", "Ana.txt"))
	if err != nil {
		tb.Skipf("the corpus is not there: %v", err)
	}
	base := strings.ReplaceAll(string(data), "\r\n", "\n")
	var b strings.Builder
	fmt.Fprintf(&b, "Document %d\n", salt)
	for utf8.RuneCountInString(b.String()) < runes {
		b.WriteString(base)
	}
	return b.String()
}

// scaleProject builds a project of docs documents of runes characters
// each, with codings codings spread over them and over 50 codes.
func scaleProject(tb testing.TB, docs, runes, codings int) *model.Project {
	tb.Helper()
	ctx := context.Background()
	p := newProject(tb)
	err := p.Group(ctx, "build", func(ctx context.Context) error {
		var codes []int64
		for i := range 50 {
			parent := int64(0)
			if i >= 10 {
				parent = codes[i%10]
			}
			c, err := p.AddCode(ctx, parent, fmt.Sprintf("code %d", i), "", "what code "+fmt.Sprint(i)+" means")
			if err != nil {
				return err
			}
			codes = append(codes, c.ID)
		}
		var ids []int64
		text := corpusText(tb, runes, 0)
		for i := range docs {
			t := fmt.Sprintf("Document %d\n", i) + text[strings.IndexByte(text, '\n')+1:]
			nd, err := importer.ReadBytes(fmt.Sprintf("doc %d.txt", i), []byte(t), importer.Options{})
			if err != nil {
				return err
			}
			d, err := p.ImportDocument(ctx, nd)
			if err != nil {
				return err
			}
			ids = append(ids, d.ID)
		}
		n := utf8.RuneCountInString(text) - 200
		cs := make([]model.NewCoding, codings)
		for i := range cs {
			start := (i * 7919) % n
			cs[i] = model.NewCoding{Span: model.Span{DocID: ids[i%len(ids)], Start: start, End: start + 40 + i%150},
				CodeID: codes[i%len(codes)], Coder: fmt.Sprintf("coder %d", i%3)}
		}
		_, err := p.AddCodings(ctx, cs)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func benchExchange(b *testing.B, docs, runes, codings int) {
	p := scaleProject(b, docs, runes, codings)
	var data []byte
	b.Run("export", func(b *testing.B) {
		for b.Loop() {
			var buf bytes.Buffer
			if _, err := Export(context.Background(), p, &buf, "bench"); err != nil {
				b.Fatal(err)
			}
			data = buf.Bytes()
		}
		b.ReportMetric(float64(len(data))/1e6, "MB")
		// The archive, for measuring the command line on it.
		if out := os.Getenv("VERBATIM_BENCH_QDPX"); out != "" {
			if err := os.WriteFile(fmt.Sprintf("%s-%d.qdpx", out, docs), data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("import", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			q := newProject(b)
			b.StartTimer()
			rep, err := Import(context.Background(), q, "bench.qdpx", data, Options{})
			if err != nil {
				b.Fatal(err)
			}
			if rep.CodingsAdded != codings {
				b.Fatalf("imported %d codings, want %d", rep.CodingsAdded, codings)
			}
		}
	})
	// Undo and redo of the whole import, each one step.
	b.Run("undo-redo", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			q := newProject(b)
			if _, err := Import(context.Background(), q, "bench.qdpx", data, Options{}); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			start := time.Now()
			if _, err := q.Undo(context.Background()); err != nil {
				b.Fatal(err)
			}
			undo := time.Since(start)
			if _, err := q.Redo(context.Background()); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(undo.Seconds(), "undo-s")
			b.ReportMetric((time.Since(start) - undo).Seconds(), "redo-s")
		}
	})
}

// BenchmarkInterviews: four two-hour transcripts (about 120,000
// characters each) and 1,000 codings.
func BenchmarkInterviews(b *testing.B) { benchExchange(b, 4, 120000, 1000) }

// BenchmarkLargeProject: 1,000 documents and 100,000 codings.
func BenchmarkLargeProject(b *testing.B) { benchExchange(b, 1000, 10000, 100000) }
