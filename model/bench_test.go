package model

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	bigOnce sync.Once
	bigPath string
	bigErr  error
)

// bigProject builds, once per test binary run, a project of 1,000 documents
// of about 3,000 words with 100 codings each (100,000 in all), over 12 codes.
func bigProject(b *testing.B) string {
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "verbatim-bench")
		if err != nil {
			bigErr = err
			return
		}
		bigPath = filepath.Join(dir, "big.verbatim")
		ctx := context.Background()
		p, err := Create(ctx, bigPath, "nl")
		if err != nil {
			bigErr = err
			return
		}
		defer p.Close()
		var codes []Code
		for i := 0; i < 12; i++ {
			c, err := p.AddCode(ctx, 0, fmt.Sprintf("Principe %d", i), "", "")
			if err != nil {
				bigErr = err
				return
			}
			codes = append(codes, c)
		}
		r := rand.New(rand.NewPCG(1, 2))
		words := strings.Fields(sampleTexts[0] + sampleTexts[1])
		for d := 0; d < 1000; d++ {
			var sb strings.Builder
			var turns []NewTurn
			pos := 0
			for t := 0; t < 60; t++ {
				start := pos
				sp := []string{"Interviewer", fmt.Sprintf("Deelnemer %d", d%40)}[t%2]
				line := sp + ":"
				for w := 0; w < 50; w++ {
					line += " " + words[r.IntN(len(words))]
				}
				sb.WriteString(line + "\n\n")
				pos += len([]rune(line)) + 2
				turns = append(turns, NewTurn{Start: start, End: pos - 2, Speaker: sp})
			}
			doc, err := p.ImportDocument(ctx, NewDocument{Name: fmt.Sprintf("interview %04d.txt", d), Format: "txt", Text: sb.String(), Turns: turns})
			if err != nil {
				bigErr = err
				return
			}
			spans := make([]Span, 100)
			for i := range spans {
				s := r.IntN(doc.Chars - 200)
				spans[i] = Span{doc.ID, s, s + 1 + r.IntN(199)}
			}
			if _, err := p.ApplyCodes(ctx, codes[d%len(codes)].ID, spans); err != nil {
				bigErr = err
				return
			}
		}
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	return bigPath
}

// BenchmarkOpenLargeProject opens a project of 1,000 documents and 100,000
// codings and reads what the window shows first: the document list and the
// codebook with counts.
func BenchmarkOpenLargeProject(b *testing.B) {
	path := bigProject(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		p, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		docs, err := p.Documents(ctx)
		if err != nil || len(docs) != 1000 {
			b.Fatalf("%d documents, %v", len(docs), err)
		}
		codes, err := p.Codes(ctx)
		if err != nil || len(codes) != 12 {
			b.Fatalf("%d codes, %v", len(codes), err)
		}
		p.Close()
	}
}

// BenchmarkApplyCode applies one coding, including its commit and the note
// of its revision (KeepRevision, as the command line and the window do), in
// the large project.
func BenchmarkApplyCode(b *testing.B) {
	ctx := context.Background()
	// A copy of its own, so that each run applies codings anew.
	big, err := OpenReader(ctx, bigProject(b))
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "copy.verbatim")
	err = big.Backup(ctx, path)
	big.Close()
	if err != nil {
		b.Fatal(err)
	}
	p, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	if os.Getenv("VERBATIM_BENCH_NO_NOTE") == "" {
		KeepRevision(ctx, b.TempDir(), p)
	}
	docs, _ := p.Documents(ctx)
	codes, _ := p.Codes(ctx)
	i := 0
	var took []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		i++
		d := docs[i%len(docs)]
		t0 := time.Now()
		if _, err := p.ApplyCode(ctx, codes[i%len(codes)].ID, Span{d.ID, i % 5000, i%5000 + 7}); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(t0))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "ms-p99")
}

// BenchmarkQuickCheck runs the check Open makes, SQLite's quick_check, and
// the full check of 'verbatim check' (integrity_check, every text's
// fingerprint, every range) on the large project, reporting its size.
func BenchmarkQuickCheck(b *testing.B) {
	path := bigProject(b)
	ctx := context.Background()
	p, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	if st, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(st.Size())/(1<<20), "MB-file")
	}
	// The machine is shared, so the processor time each takes is reported
	// too: on a busy machine it is the steadier figure.
	b.Run("quick_check", func(b *testing.B) {
		c0 := cpuTime()
		for b.Loop() {
			if found, err := quickCheck(ctx, p.db, quickCheckRows); err != nil || len(found) > 0 {
				b.Fatal(found, err)
			}
		}
		b.ReportMetric(float64((cpuTime()-c0).Milliseconds())/float64(b.N), "cpu-ms/op")
	})
	// The full check the day's automatic backup makes first.
	b.Run("integrity_check", func(b *testing.B) {
		c0 := cpuTime()
		for b.Loop() {
			if found, err := pragmaCheck(ctx, p.db, "integrity_check", 10); err != nil || len(found) > 0 {
				b.Fatal(found, err)
			}
		}
		b.ReportMetric(float64((cpuTime()-c0).Milliseconds())/float64(b.N), "cpu-ms/op")
	})
	b.Run("Check", func(b *testing.B) {
		c0 := cpuTime()
		for b.Loop() {
			if rep, err := p.Check(ctx); err != nil || !rep.OK() {
				b.Fatal(rep, err)
			}
		}
		b.ReportMetric(float64((cpuTime()-c0).Milliseconds())/float64(b.N), "cpu-ms/op")
	})
}
