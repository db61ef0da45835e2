package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"codeberg.org/verbatim/verbatim/model"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// testBinary builds the real binary once for the tests of this file.
func testBinary(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "verbatim-bin")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "verbatim")
		if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// bareEnv is an environment without a display, with its own home.
func bareEnv(t *testing.T) []string {
	home := t.TempDir()
	return []string{"HOME=" + home, "XDG_CACHE_HOME=" + filepath.Join(home, "cache"), "XDG_DATA_HOME=" + filepath.Join(home, "data"),
		"PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8"}
}

// TestWindowWithoutDisplay: "verbatim" with no desktop session says so in one
// line, with the way to the command line, and exits 1: no Go panic.
func TestWindowWithoutDisplay(t *testing.T) {
	bin := testBinary(t)
	for _, args := range [][]string{nil, {filepath.Join(t.TempDir(), "p.verbatim")}} {
		cmd := exec.Command(bin, args...)
		cmd.Env = bareEnv(t)
		if len(args) > 0 {
			if out, err := exec.Command(bin, "new", args[0]).CombinedOutput(); err != nil {
				t.Fatalf("new: %v %s", err, out)
			}
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err := cmd.Run()
		code := -1
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
		msg := stderr.String()
		if code != 1 || strings.Count(msg, "\n") != 1 || !strings.Contains(msg, "desktop session") || !strings.Contains(msg, "verbatim help") {
			t.Errorf("verbatim %s without a display: exit %d, stderr %q; want exit 1 and one line about the desktop session", strings.Join(args, " "), code, msg)
		}
	}
}

// TestSignalStopsCleanly interrupts a long import with SIGINT and SIGTERM:
// the process stops with exit status 130 and "interrupted", no stack trace,
// and the documents imported before the signal are in the project, whole.
func TestSignalStopsCleanly(t *testing.T) {
	bin := testBinary(t)
	text, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "corpus", "en", "sheffield_orda", "Ana.txt"))
	if err != nil {
		t.Skipf("the real transcripts are not there: %v", err)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "in")
			os.Mkdir(in, 0o755)
			const files = 1500
			for i := range files {
				body := fmt.Sprintf("Interview %d\n\n%s", i, text[:20000])
				if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("i%04d.txt", i)), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			env := bareEnv(t)
			proj := filepath.Join(dir, "p.verbatim")
			run := func(args ...string) (string, error) {
				cmd := exec.Command(bin, args...)
				cmd.Env = env
				out, err := cmd.Output()
				return string(out), err
			}
			if _, err := run("new", proj, "--lang", "en"); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "import", proj, in)
			cmd.Env = env
			var stdout, stderr strings.Builder
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(1500 * time.Millisecond)
			cmd.Process.Signal(sig)
			err := cmd.Wait()
			if err == nil {
				t.Skip("the import finished before the signal")
			}
			msg := stderr.String()
			if code := cmd.ProcessState.ExitCode(); code != 130 || !strings.HasSuffix(msg, "verbatim: interrupted\n") || strings.Contains(msg, "goroutine") {
				t.Errorf("exit %d, stderr %q; want 130 and \"verbatim: interrupted\"", code, msg)
			}
			out, err := run("docs", proj, "--json")
			if err != nil {
				t.Fatalf("docs after the signal: %v", err)
			}
			var docs []struct{ Chars int }
			if err := json.Unmarshal([]byte(out), &docs); err != nil {
				t.Fatal(err)
			}
			if len(docs) == 0 || len(docs) >= files {
				t.Errorf("%d of %d documents imported; want some, not all", len(docs), files)
			}
			// The report so far says what was imported.
			n := 0
			for _, line := range strings.Split(stdout.String(), "\n") {
				if strings.HasPrefix(line, "imported ") {
					n++
				}
			}
			if n != len(docs) {
				t.Errorf("the report names %d imported files, the project holds %d documents:\n%s", n, len(docs), stdout.String())
			}
			// The files differ only in the number at the top.
			lo, hi := docs[0].Chars, docs[0].Chars
			for _, d := range docs {
				lo, hi = min(lo, d.Chars), max(hi, d.Chars)
			}
			if lo < 19000 || hi-lo > 3 {
				t.Errorf("documents of %d to %d characters; want all whole (about 19,900)", lo, hi)
			}
		})
	}
}

// TestNoCollectionWhileStarting: the packages initialise with the collector
// off (package startup): no collection comes before the last package's
// initialisation. (Once main turns the collector back on, a collection may
// come at any time: the heap the libraries left behind is about the first
// goal's size, so whether "help" then collects once is up to chance.)
func TestNoCollectionWhileStarting(t *testing.T) {
	bin := testBinary(t)
	cmd := exec.Command(bin, "help")
	cmd.Env = append(bareEnv(t), "GODEBUG=gctrace=1,inittrace=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(stderr.String(), "\n")
	lastInit := -1
	for i, line := range lines {
		if strings.HasPrefix(line, "init ") {
			lastInit = i
		}
	}
	if lastInit < 0 {
		t.Fatal("GODEBUG=inittrace=1 printed no initialisations")
	}
	var first string
	for i, line := range lines[:lastInit] {
		if strings.HasPrefix(line, "gc ") {
			t.Errorf("a collection while the packages initialise (line %d of %d): %s", i+1, lastInit+1, line)
		}
		if first == "" && strings.HasPrefix(line, "init codeberg.org/") {
			first = line
		}
	}
	if !strings.Contains(first, "/cmd/verbatim/startup ") {
		t.Errorf("the first of the module's packages initialised: %q, want package startup", first)
	}
}

// TestReadingAReadOnlyFileLeavesWritersFree runs the binary as another user
// (nobody, through setpriv, so it needs root): reading a project file of
// mode 0444 made SQLite's -wal and -shm beside it 0444 too, and once the
// file could be written again every change failed with "attempt to write a
// readonly database". A writer now gives them the file's own mode.
func TestReadingAReadOnlyFileLeavesWritersFree(t *testing.T) {
	bin := testBinary(t)
	if os.Geteuid() != 0 {
		t.Skip("runs the binary as another user, which needs root")
	}
	if _, err := exec.LookPath("setpriv"); err != nil {
		t.Skip("no setpriv here")
	}
	dir := filepath.Join(t.TempDir(), "gedeeld")
	if err := os.MkdirAll(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o777) // past the umask
	for d := filepath.Dir(dir); d != filepath.Dir(d) && strings.HasPrefix(d, os.TempDir()+"/"); d = filepath.Dir(d) {
		os.Chmod(d, 0o755) // the test's folders, for nobody to reach
	}
	proj := filepath.Join(dir, "p.verbatim")
	env := bareEnv(t)
	home := strings.TrimPrefix(env[0], "HOME=")
	os.Chmod(home, 0o777)
	asNobody := func(args ...string) (string, error) {
		cmd := exec.Command("setpriv", append([]string{"--reuid=65534", "--regid=65534", "--clear-groups", bin}, args...)...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := asNobody("new", proj, "--lang", "nl"); err != nil {
		t.Fatalf("new: %v %s", err, out)
	}
	os.Chmod(proj, 0o444)
	if out, err := asNobody("docs", proj); err != nil {
		t.Fatalf("docs of a 0444 file: %v %s", err, out)
	}
	os.Chmod(proj, 0o644)
	if out, err := asNobody("code", "add", proj, "Nieuw"); err != nil || !strings.Contains(out, "Nieuw") {
		t.Errorf("a change once the file can be written again: %v %s", err, out)
	}
}

// TestLostWALAfterACrashIsReported kills an import with SIGKILL, so that its
// last changes are only in the -wal file beside the project, and deletes
// that file: the next command says that saved changes are missing (the
// revision of each saved change is noted as it is saved, not at a close
// that a crash never reaches).
func TestLostWALAfterACrashIsReported(t *testing.T) {
	bin := testBinary(t)
	text, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "corpus", "en", "sheffield_orda", "Ana.txt"))
	if err != nil {
		t.Skipf("the real transcripts are not there: %v", err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.Mkdir(in, 0o755)
	const files = 1500
	for i := range files {
		body := fmt.Sprintf("Interview %d\n\n%s", i, text[:8000])
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("i%04d.txt", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data := filepath.Join(dir, "data")
	env := append(bareEnv(t), "VERBATIM_DATA_DIR="+data)
	// crash imports into a new project at proj and kills the import, and
	// returns the revision the project file holds without its -wal and
	// with it.
	crash := func(proj string) (held, saved int64) {
		if out, err := exec.Command(bin, "new", proj, "--lang", "en").CombinedOutput(); err != nil {
			t.Fatalf("new: %v %s", err, out)
		}
		cmd := exec.Command(bin, "import", proj, in)
		cmd.Env = env
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(1500 * time.Millisecond)
		cmd.Process.Kill()
		if cmd.Wait() == nil {
			t.Skip("the import finished before the kill")
		}
		// What the project holds with and without its -wal: read from
		// copies (reading the project would merge the -wal into it).
		revision := func(name string, suffixes ...string) int64 {
			copied := filepath.Join(filepath.Dir(proj), name, "p.verbatim")
			os.Mkdir(filepath.Dir(copied), 0o755)
			for _, suffix := range suffixes {
				b, err := os.ReadFile(proj + suffix)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(copied+suffix, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			p, err := model.OpenReader(context.Background(), copied)
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			rev, err := p.Revision(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			return rev
		}
		return revision("alone", ""), revision("whole", "", "-wal")
	}
	// A kill between a merge of the -wal and the next change leaves
	// nothing to lose: try again.
	var proj string
	var held, saved int64
	for try := 0; held >= saved; try++ {
		if try == 5 {
			t.Skipf("five kills left no change only in the -wal (the last: the file at revision %d, with the -wal at %d)", held, saved)
		}
		proj = filepath.Join(dir, strconv.Itoa(try), "p.verbatim")
		os.Mkdir(filepath.Dir(proj), 0o755)
		held, saved = crash(proj)
	}
	os.Remove(proj + "-wal")
	os.Remove(proj + "-shm")
	run := func(args ...string) string {
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s: %v %s", args[0], err, stderr.String())
		}
		return stderr.String()
	}
	msg := run("docs", proj)
	if strings.Count(msg, "\n") != 1 || !strings.Contains(msg, "holds fewer changes than were saved in it") {
		t.Errorf("the first command after losing the -wal (the file at revision %d, with it at %d) says %q; want one line saying changes are missing", held, saved, msg)
	}
	if msg := run("docs", proj); msg != "" {
		t.Errorf("the second command says %q; want it said once", msg)
	}
}
