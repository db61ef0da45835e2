package model

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestRepairCancelledAnywhereLeavesNothing cancels repairs of a damaged
// project at moments spread over the repair: each either ends (cancelled
// too late) or says it was cancelled, leaving nothing in the folder it was
// to write to; the damaged project stays as it was.
func TestRepairCancelledAnywhereLeavesNothing(t *testing.T) {
	path := bigDamagedProject(t, 20000)
	before, _ := os.ReadFile(path)
	cancelled := 0
	for _, after := range []time.Duration{0, time.Millisecond, 5 * time.Millisecond, 20 * time.Millisecond, 50 * time.Millisecond, 100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond} {
		out := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(after, cancel)
		_, err := Repair(ctx, path, filepath.Join(out, "hersteld.verbatim"))
		cancel()
		left, _ := os.ReadDir(out)
		t.Logf("cancelled after %v: %v", after, err)
		switch {
		case err == nil:
			if len(left) == 0 {
				t.Errorf("cancelled after %v: the repair ended but made nothing", after)
			}
		case errors.Is(err, context.Canceled):
			cancelled++
			for _, e := range left {
				t.Errorf("cancelled after %v: the repair left %s", after, e.Name())
			}
		default:
			t.Errorf("cancelled after %v: %v, want context.Canceled", after, err)
		}
	}
	if cancelled == 0 {
		t.Error("no repair was cancelled: the test proves nothing")
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the cancelled repairs changed the damaged project")
	}
}

// TestCheckCancelledAnywhereSaysSo cancels checks of a damaged project at
// moments spread over the check: each either ends or says it was
// cancelled (context.Canceled, not SQLite's "interrupted" or another
// error).
func TestCheckCancelledAnywhereSaysSo(t *testing.T) {
	path := bigDamagedProject(t, 100000)
	p, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	_, whole := p.Check(context.Background()) // how the check ends uncancelled
	cancelled := 0
	for _, after := range []time.Duration{0, time.Millisecond, 3 * time.Millisecond, 10 * time.Millisecond, 30 * time.Millisecond, 100 * time.Millisecond} {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(after, cancel)
		_, err := p.Check(ctx)
		cancel()
		t.Logf("cancelled after %v: %v", after, err)
		switch {
		case errors.Is(err, context.Canceled):
			cancelled++
		case fmt.Sprint(err) != fmt.Sprint(whole):
			t.Errorf("cancelled after %v: %v, want context.Canceled or, too late, %v", after, err, whole)
		}
	}
	if cancelled == 0 {
		t.Error("no check was cancelled: the test proves nothing")
	}
}

// bigDamagedProject writes a sample project with turns more turns, enough
// for a check or a repair to take a while, and damages its codings' pages.
func bigDamagedProject(t *testing.T, turns int) string {
	t.Helper()
	path := sampleProjectFile(t, t.TempDir(), 5)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
		INSERT INTO turns (doc_id, start_rune, end_rune) SELECT (SELECT min(id) FROM documents), 0, 1 FROM n`, turns)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	corruptPages(t, path, "codings")
	return path
}

// TestCreateCancelledAnywhereLeavesNothing cancels creations at moments
// spread over Create: each either makes the project, which opens, or fails
// leaving no file (before, a cancel while the new file was opened, after it
// was put in place, failed and left it).
func TestCreateCancelledAnywhereLeavesNothing(t *testing.T) {
	cancelled := 0
	for i := range 60 {
		after := time.Duration(i) * 250 * time.Microsecond
		dir := t.TempDir()
		path := filepath.Join(dir, "nieuw.verbatim")
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(after, cancel)
		p, err := Create(ctx, path, "nl")
		cancel()
		left, _ := os.ReadDir(dir)
		switch {
		case err == nil:
			p.Close()
			if _, serr := os.Stat(path); serr != nil {
				t.Errorf("cancelled after %v: made, but %v", after, serr)
			}
		case errors.Is(err, context.Canceled):
			cancelled++
			for _, e := range left {
				t.Errorf("cancelled after %v: %v, and left %s", after, err, e.Name())
			}
		default:
			t.Errorf("cancelled after %v: %v, want context.Canceled", after, err)
		}
	}
	if cancelled == 0 {
		t.Error("no creation was cancelled: the test proves nothing")
	}
}
