package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/importer"
)

// BenchmarkExport20000 measures what a user meets: the whole process of
// "verbatim export" (start, open, select, build, write, exit) on a project of
// 20,000 coded quotes, for every format (and, with the sentence around every
// quote, for CSV and PDF), and the process's peak memory. The
// project is generated from the real interviews in ../shared/corpus: 100
// interviews of their turns, 10 codes (two with sub-codes), 200 codings of
// one to three sentences each per interview, every tenth a key quote.
//
//	go test ./cmd/verbatim -run '^$' -bench Export20000 -benchtime 1x
//
// VERBATIM_BENCH_KEEP=path keeps the generated project there.
func BenchmarkExport20000(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "verbatim")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	proj := filepath.Join(dir, "bench.verbatim")
	if keep := os.Getenv("VERBATIM_BENCH_KEEP"); keep != "" {
		proj = keep // keep the project, to try other commands on it
		os.Remove(keep)
	}
	quotes := generateProject(b, proj, "en", 100, 200)
	b.Logf("project: %d coded quotes", quotes)
	cases := []struct{ name, format string }{{"csv", "csv"}, {"xlsx", "xlsx"}, {"docx", "docx"}, {"odt", "odt"},
		{"md", "md"}, {"html", "html"}, {"pdf", "pdf"}, {"csv+context", "csv"}, {"pdf+context", "pdf"}}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			out := filepath.Join(dir, "quotes."+c.format)
			args := []string{"export", proj, "-o", out}
			if strings.HasSuffix(c.name, "+context") {
				args = append(args, "--context", "sentence")
			}
			var wall time.Duration
			var rss float64 // MB
			for i := 0; i < b.N; i++ {
				cmd := exec.Command(bin, args...)
				cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CACHE_HOME="+filepath.Join(dir, "cache"))
				start := time.Now()
				if msg, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("export %s: %v\n%s", c.name, err, msg)
				}
				wall += time.Since(start)
				if mb, ok := peakMB(cmd.ProcessState); ok {
					rss = max(rss, mb)
				}
			}
			st, _ := os.Stat(out)
			b.ReportMetric(wall.Seconds()/float64(b.N), "s/export")
			b.ReportMetric(rss, "peak-MB")
			b.ReportMetric(float64(st.Size())/1e6, "file-MB")
		})
	}
}

// generateProject makes a project of docs interviews built from the turns
// of the real Sheffield interviews, with per coded quotes in each, and
// returns how many codings it holds. lang is the project's language.
func generateProject(tb testing.TB, path, lang string, docs, per int) int {
	ctx := context.Background()
	corpus := filepath.Join("..", "..", "..", "shared", "corpus", "en", "sheffield_orda")
	var turns []string
	for _, f := range []string{"Ana.txt", "David.txt", "Peter.txt"} {
		data, err := os.ReadFile(filepath.Join(corpus, f))
		if err != nil {
			tb.Skipf("the real transcripts are not there (%v): put ../shared beside the checkout", err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if _, text, ok := strings.Cut(line, ": "); ok && len(text) > 200 {
				turns = append(turns, strings.TrimSpace(text))
			}
		}
	}
	p, err := model.Create(ctx, path, lang)
	if err != nil {
		tb.Fatal(err)
	}
	defer p.Close()
	var codes []int64
	for i := 0; i < 8; i++ {
		c, err := p.AddCode(ctx, 0, fmt.Sprintf("Theme %d", i+1), "", fmt.Sprintf("What participants say about theme %d", i+1))
		if err != nil {
			tb.Fatal(err)
		}
		codes = append(codes, c.ID)
	}
	for i := 0; i < 2; i++ {
		c, err := p.AddCode(ctx, codes[i], fmt.Sprintf("Aspect %d", i+1), "", "")
		if err != nil {
			tb.Fatal(err)
		}
		codes = append(codes, c.ID)
	}
	r := rand.New(rand.NewPCG(1, 2))
	total := 0
	for d := 0; d < docs; d++ {
		var b strings.Builder
		fmt.Fprintf(&b, "Date: 2024-03-%02d\n\n", d%28+1)
		for t := 0; t < 160; t++ {
			who := fmt.Sprintf("Participant %d", d+1)
			if t%2 == 0 {
				who = "Interviewer"
			}
			fmt.Fprintf(&b, "%s: %s\n\n", who, turns[r.IntN(len(turns))])
		}
		nd, err := importer.ReadBytes(fmt.Sprintf("Interview %03d.txt", d+1), []byte(b.String()), importer.Options{})
		if err != nil {
			tb.Fatal(err)
		}
		doc, err := p.ImportDocument(ctx, nd)
		if err != nil {
			tb.Fatal(err)
		}
		text := []rune(nd.Text)
		// Sentences of the participant's turns: one to three of them.
		var spans []model.Span
		for _, t := range nd.Turns {
			if t.Speaker == "Interviewer" {
				continue
			}
			s := t.Start + len([]rune(t.Speaker)) + 2
			for s < t.End {
				e := s
				for n := 0; n < 1+r.IntN(3) && e < t.End; n++ {
					for e < t.End && text[e] != '.' {
						e++
					}
					if e < t.End {
						e++
					}
				}
				if e-s > 20 {
					spans = append(spans, model.Span{DocID: doc.ID, Start: s, End: e})
				}
				for e < t.End && text[e] == ' ' {
					e++
				}
				s = e
			}
		}
		r.Shuffle(len(spans), func(i, j int) { spans[i], spans[j] = spans[j], spans[i] })
		byCode := map[int64][]model.Span{}
		for i := 0; i < per && i < len(spans); i++ {
			c := codes[r.IntN(len(codes))]
			byCode[c] = append(byCode[c], spans[i])
		}
		for c, s := range byCode {
			made, err := p.ApplyCodes(ctx, c, s)
			if err != nil {
				tb.Fatal(err)
			}
			total += len(made)
			var keys []int64
			for i, g := range made {
				if i%10 == 0 {
					keys = append(keys, g.ID)
				}
			}
			if len(keys) > 0 {
				if err := p.SetKeyQuote(ctx, keys, true); err != nil {
					tb.Fatal(err)
				}
			}
		}
	}
	cases, _ := p.Cases(ctx)
	for i, c := range cases {
		p.SetCaseAttribute(ctx, c.ID, "role", []string{"policy adviser", "researcher", "team lead"}[i%3])
	}
	return total
}
