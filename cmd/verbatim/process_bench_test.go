package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"codeberg.org/verbatim/verbatim/cmd/verbatim/cli"
	"codeberg.org/verbatim/verbatim/model"
)

// BenchmarkProcess measures what a script that calls the binary in a loop
// meets: the whole process (start, open the project and its index, answer,
// exit) of "verbatim help", "docs" and "search", as the median of b.N runs
// (wall time and CPU time) and the peak resident memory, beside ripgrep ("rg -c -i") on the
// same text written out as files. The projects: the demo project (Dutch,
// three interviews), and one of about 50 MB of text generated from the real
// interviews in ../shared/corpus (VERBATIM_BENCH_DOCS interviews of about
// 130 KB, default 380). Each result carries the project's text-MB.
//
//	go test ./cmd/verbatim -run '^$' -bench Process -benchtime 11x -timeout 30m
//
// The index is built before the runs that are timed, as a script meets it
// after the first search.
func BenchmarkProcess(b *testing.B) {
	bin := testBinary(b)
	dir := b.TempDir()
	ctx := context.Background()
	docs := 380
	if s := os.Getenv("VERBATIM_BENCH_DOCS"); s != "" {
		docs, _ = strconv.Atoi(s)
	}
	demo := filepath.Join(dir, "demo.verbatim")
	if err := cli.CreateDemo(ctx, demo, "nl"); err != nil {
		b.Fatal(err)
	}
	large := filepath.Join(dir, "large.verbatim")
	generateProject(b, large, "nl", docs, 20)
	rg, rgErr := exec.LookPath("rg")
	projects := []struct{ name, path, word string }{{"demo", demo, "leren"}, {"50MB", large, "research"}}
	env := append(os.Environ(), "HOME="+dir, "XDG_CACHE_HOME="+filepath.Join(dir, "cache"))
	for _, pr := range projects {
		text := filepath.Join(dir, pr.name+"-text")
		mb := writeTexts(b, pr.path, text)
		b.Logf("%s: %.1f MB of text", pr.name, mb)
		// The first search builds the index.
		if out, err := run(bin, env, "search", pr.path, pr.word); err != nil {
			b.Fatalf("search %s: %v\n%s", pr.name, err, out)
		}
		runs := []struct {
			name string
			args []string
		}{
			{"help", []string{bin, "help"}},
			{"docs", []string{bin, "docs", pr.path}},
			{"search", []string{bin, "search", pr.path, pr.word}},
			{"search-json", []string{bin, "search", pr.path, pr.word, "--json", "--limit", "50"}},
		}
		if rgErr == nil {
			runs = append(runs, struct {
				name string
				args []string
			}{"rg", []string{rg, "-c", "-i", pr.word, text}})
		}
		for _, r := range runs {
			if pr.name != "demo" && r.name == "help" {
				continue // the same as for the demo
			}
			b.Run(pr.name+"/"+r.name, func(b *testing.B) {
				var times, cpu []time.Duration
				for i := 0; i < b.N; i++ {
					cmd := exec.Command(r.args[0], r.args[1:]...)
					cmd.Env = env
					start := time.Now()
					if out, err := cmd.CombinedOutput(); err != nil && r.name != "rg" {
						b.Fatalf("%v: %v\n%s", r.args, err, out)
					}
					times = append(times, time.Since(start))
					cpu = append(cpu, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
				}
				slices.Sort(times)
				slices.Sort(cpu)
				b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
				// CPU time varies less than wall time on a busy machine.
				b.ReportMetric(float64(cpu[len(cpu)/2].Microseconds())/1000, "median-cpu-ms")
				b.ReportMetric(peakRSS(b, env, r.args...), "peak-MB")
				b.ReportMetric(mb, "text-MB")
			})
		}
	}
}

// peakRSS runs a command once more and returns its peak resident memory
// in MB. A child started straight from this process would count this
// process's memory too (Linux keeps the largest resident size across the
// fork and exec), so GNU time, which forks from its own small process,
// starts it when it is there.
func peakRSS(tb testing.TB, env []string, args ...string) float64 {
	if gnuTime, err := exec.LookPath("time"); err == nil {
		out := filepath.Join(tb.TempDir(), "rss")
		cmd := exec.Command(gnuTime, append([]string{"-f", "%M", "-o", out}, args...)...)
		cmd.Env = env
		cmd.Run()
		if data, err := os.ReadFile(out); err == nil {
			lines := strings.Split(strings.TrimSpace(string(data)), "\n")
			if kb, err := strconv.ParseFloat(lines[len(lines)-1], 64); err == nil {
				return kb / 1024
			}
		}
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = env
	cmd.Run()
	mb, _ := peakMB(cmd.ProcessState) // at least this process's own
	return mb
}

func run(bin string, env []string, args ...string) ([]byte, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	return cmd.CombinedOutput()
}

// writeTexts writes the text of every document of a project into dir, one
// file each, for ripgrep, and returns the megabytes written.
func writeTexts(tb testing.TB, path, dir string) float64 {
	ctx := context.Background()
	p, err := model.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	defer p.Close()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	docs, err := p.Documents(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	total := 0
	for _, d := range docs {
		text, err := p.Text(ctx, d.ID)
		if err != nil {
			tb.Fatal(err)
		}
		total += len(text)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d.txt", d.ID)), []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return float64(total) / 1e6
}
