package model

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
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

// crashCreateChild creates projects in dir, one after another, and reports
// each once it is complete, until it is killed.
func crashCreateChild(dir string) {
	ctx := context.Background()
	for i := 0; ; i++ {
		path := fmt.Sprintf("%s/new %d-%d.verbatim", dir, os.Getpid(), i)
		p, err := Create(ctx, path, "nl")
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		p.ImportDocument(ctx, NewDocument{Name: "a.txt", Format: "txt", Text: sampleTexts[i%len(sampleTexts)]})
		p.Close()
		fmt.Println("created", path)
	}
}

// crashBackupChild codes and saves copies of the project at path in turn,
// reporting each copy once it is made, until it is killed.
func crashBackupChild(path string) {
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
		p.ApplyCode(ctx, codes[i%len(codes)].ID, Span{docs[0].ID, start, start + 1 + rand.IntN(9)})
		dst := fmt.Sprintf("%s.copy %d-%d.verbatim", path, os.Getpid(), i)
		if err := p.Backup(ctx, dst); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("copied", dst)
	}
}

// killAtRandom runs this test binary's test name as a child with env set,
// waits for its first report, kills it at a random moment and returns what
// it reported.
func killAtRandom(t *testing.T, r *rand.Rand, test, env string) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), env)
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
	first, ok := <-lines
	if !ok || strings.HasPrefix(first, "error") {
		cmd.Wait()
		t.Fatalf("the child reported %q", first)
	}
	time.Sleep(time.Duration(r.IntN(200_000)) * time.Microsecond)
	cmd.Process.Signal(syscall.SIGKILL)
	got := []string{first}
	for line := range lines {
		got = append(got, line)
	}
	cmd.Wait()
	return got
}

// TestCrashDuringNew kills a process creating projects at random moments, 20
// times: every file with a project's name opens as a sound project, and the
// half-made ones are removed by the next creation in the folder.
func TestCrashDuringNew(t *testing.T) {
	if dir := os.Getenv("VERBATIM_CRASH_NEW"); dir != "" {
		crashCreateChild(dir)
		return
	}
	if testing.Short() {
		t.Skip("slow")
	}
	ctx := context.Background()
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(3, 3))
	reported := 0
	for round := 0; round < 20; round++ {
		reported += len(killAtRandom(t, r, "TestCrashDuringNew", "VERBATIM_CRASH_NEW="+dir))
	}
	p, err := Create(ctx, dir+"/after.verbatim", "en")
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	entries, _ := os.ReadDir(dir)
	projects := 0
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, draftPrefix) {
			t.Errorf("a half-made project is left: %s", name)
			continue
		}
		if !strings.HasSuffix(name, ".verbatim") {
			continue
		}
		projects++
		p, err := Open(ctx, dir+"/"+name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if p.ReadOnly() != nil {
			t.Errorf("%s: %v", name, p.ReadOnly())
		}
		p.Close()
	}
	t.Logf("%d projects reported created across 20 kills, %d project files, all sound", reported, projects)
	if projects < reported {
		t.Errorf("%d projects were reported created, %d are there", reported, projects)
	}
}

// TestCrashDuringBackup kills a process that codes and saves copies at
// random moments, 20 times: every copy that has its name is a sound project.
func TestCrashDuringBackup(t *testing.T) {
	if path := os.Getenv("VERBATIM_CRASH_BACKUP"); path != "" {
		crashBackupChild(path)
		return
	}
	if testing.Short() {
		t.Skip("slow")
	}
	ctx := context.Background()
	p := newProject(t, "nl")
	path := p.Path()
	if _, err := p.ImportDocument(ctx, NewDocument{Name: "a.txt", Format: "txt", Text: strings.Repeat(sampleTexts[0], 40)}); err != nil {
		t.Fatal(err)
	}
	p.AddCode(ctx, 0, "Deel wat je leert", "", "")
	p.Close()
	r := rand.New(rand.NewPCG(9, 9))
	for round := 0; round < 20; round++ {
		killAtRandom(t, r, "TestCrashDuringBackup", "VERBATIM_CRASH_BACKUP="+path)
	}
	copies, _ := filepath.Glob(path + ".copy *.verbatim")
	for _, c := range copies {
		q, err := Open(ctx, c)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(c), err)
			continue
		}
		if res, err := q.IntegrityCheck(ctx); err != nil || res != "ok" || q.ReadOnly() != nil {
			t.Errorf("%s: integrity %q, %v, %v", filepath.Base(c), res, err, q.ReadOnly())
		}
		q.Close()
	}
	t.Logf("%d copies made across 20 kills, all sound", len(copies))
	if len(copies) < 20 {
		t.Errorf("only %d copies", len(copies))
	}
}
