package model

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// crashChild applies codings in a loop and reports each one after its
// commit, until it is killed.
func crashChild(path string) {
	ctx := context.Background()
	p, err := Open(ctx, path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	docs, _ := p.Documents(ctx)
	codes, _ := p.Codes(ctx)
	for i := 0; ; i++ {
		start := rand.IntN(docs[0].Chars - 10)
		c, err := p.ApplyCode(ctx, codes[i%len(codes)].ID, Span{docs[0].ID, start, start + 1 + rand.IntN(9)})
		if err != nil {
			continue // a duplicate range
		}
		fmt.Printf("committed %d %d %d\n", c.ID, c.Start, c.End)
		if i%7 == 0 {
			p.SetMemo(ctx, CodingMemo, c.ID, strings.Repeat("memo ", rand.IntN(50)))
		}
	}
}

// TestCrashLosesNothing kills a child process that is coding at random
// moments, 50 times: the file stays sound, and every coding the child
// reported as committed is there.
func TestCrashLosesNothing(t *testing.T) {
	if path := os.Getenv("VERBATIM_CRASH_CHILD"); path != "" {
		crashChild(path)
		return
	}
	if testing.Short() {
		t.Skip("slow")
	}
	ctx := context.Background()
	p := newProject(t, "nl")
	path := p.Path()
	doc, err := p.ImportDocument(ctx, NewDocument{Name: "a.txt", Format: "txt", Text: strings.Repeat(sampleTexts[0], 40)})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"Deel wat je leert", "Vertrek vanuit motivatie"} {
		p.AddCode(ctx, 0, n, "", "")
	}
	p.Close()

	type span struct{ start, end int }
	committed := map[int64]span{}
	r := rand.New(rand.NewPCG(7, 7))
	for round := 0; round < 50; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashLosesNothing$")
		cmd.Env = append(os.Environ(), "VERBATIM_CRASH_CHILD="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1024)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Wait for the first commit, then kill at a random moment.
		first, ok := <-lines
		if !ok {
			cmd.Wait()
			t.Fatalf("round %d: the child reported nothing", round)
		}
		time.Sleep(time.Duration(r.IntN(40_000)) * time.Microsecond)
		cmd.Process.Signal(syscall.SIGKILL)
		record := func(line string) {
			f := strings.Fields(line)
			if len(f) != 4 || f[0] != "committed" {
				t.Fatalf("round %d: child said %q", round, line)
			}
			id, _ := strconv.ParseInt(f[1], 10, 64)
			s, _ := strconv.Atoi(f[2])
			e, _ := strconv.Atoi(f[3])
			committed[id] = span{s, e}
		}
		record(first)
		for line := range lines {
			if strings.HasPrefix(line, "committed") && len(strings.Fields(line)) == 4 {
				record(line)
			}
		}
		cmd.Wait()
	}

	p, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("open after 50 crashes: %v", err)
	}
	defer p.Close()
	if res, err := p.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q, %v", res, err)
	}
	got, err := p.Codings(ctx, CodingFilter{DocID: doc.ID})
	if err != nil {
		t.Fatal(err)
	}
	have := map[int64]span{}
	for _, c := range got {
		have[c.ID] = span{c.Start, c.End}
	}
	for id, s := range committed {
		if have[id] != s {
			t.Errorf("coding %d (%d:%d) was reported committed but is %v after the crashes", id, s.start, s.end, have[id])
		}
	}
	t.Logf("%d codings reported committed across 50 kills, %d in the file", len(committed), len(got))
	if len(committed) < 50 {
		t.Errorf("only %d codings committed in 50 rounds", len(committed))
	}
}
