package ui

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// said counts what the dialogs of TestWindowOnDamagedCopies said.
var said map[string]int

// codedTestProject is testProject's file, closed, with codings, their
// memos, thematic summaries and document memos: the rows the window shows.
func codedTestProject(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	p := testProject(t)
	docs, _ := p.Documents(ctx)
	codes, _ := p.Codes(ctx)
	for i, d := range docs {
		c, err := p.ApplyCode(ctx, codes[i%len(codes)].ID, model.Span{DocID: d.ID, Start: 14, End: 40})
		if err != nil {
			t.Fatal(err)
		}
		if err := p.SetMemo(ctx, model.CodingMemo, c.ID, "Een memo bij de codering."); err != nil {
			t.Fatal(err)
		}
		if err := p.SetMemo(ctx, model.DocumentMemo, d.ID, "Gesprek in het café."); err != nil {
			t.Fatal(err)
		}
		if err := p.SetSummary(ctx, d.ID, codes[i%len(codes)].ID, "Wat dit interview zegt over de code."); err != nil {
			t.Fatal(err)
		}
	}
	path := p.Path()
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestWindowOnDamagedCopies flips random bytes in copies of a project, 100
// times, and opens each in a window of its own as File > Open recent does:
// the window either shows the project (read-only when its file is damaged),
// whose documents and codes are then clicked through and whose search index
// is built, or says in one line why it cannot open it. Nothing panics, and
// no dialog says more than one line.
func TestWindowOnDamagedCopies(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	test.NewTempApp(t)
	orig, err := os.ReadFile(codedTestProject(t))
	if err != nil {
		t.Fatal(err)
	}
	w, _ := newTestWindow(t)
	// What background work hands the windows runs on the test's goroutine
	// (drainUI), as the driver runs it on its own: widgets are touched
	// from one goroutine only.
	queueForRunUntil(t)
	wasIndexUI := onIndexUI
	onIndexUI = onUI
	t.Cleanup(func() { onIndexUI = wasIndexUI })
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(17, 17))
	refused, damaged, shown := 0, 0, 0
	said = map[string]int{}
	for round := 0; round < 100; round++ {
		data := append([]byte(nil), orig...)
		for range 1 + r.IntN(20) {
			data[r.IntN(len(data))] ^= byte(1 + r.IntN(255))
		}
		path := filepath.Join(dir, fmt.Sprintf("beschadigd %d.verbatim", round))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		func() {
			defer func() {
				if v := recover(); v != nil {
					t.Fatalf("round %d: panic: %v\n%s", round, v, debug.Stack())
				}
			}()
			nw := w.openProjectWindow(path, func(ctx context.Context) (*model.Project, error) { return model.Open(ctx, path) })
			if nw == nil {
				refused++
				checkOneLineDialog(t, w, path, round, "refusing to open")
				closeDialogs(w)
				return
			}
			defer nw.win.Close()
			if !runUntil(nw.index.ready) {
				t.Errorf("round %d: the search index neither opened nor failed", round)
				return
			}
			drainUI()
			if nw.index.err != nil && strings.Contains(errorText(nw.index.err), "\n") {
				t.Errorf("round %d: the index error is more than one line: %q", round, errorText(nw.index.err))
			}
			if nw.project.ReadOnly() != nil {
				damaged++
			}
			shown++
			for _, row := range documentRows(t, nw) {
				test.TapCanvas(nw.win.Canvas(), row.at)
				drainUI()
				checkOneLineDialog(t, nw, path, round, "showing "+row.name)
				closeDialogs(nw)
			}
			for _, v := range codeRowViews(nw) {
				if v.row.create == "" {
					tapRow(nw, v)
					drainUI()
					checkOneLineDialog(t, nw, path, round, "showing the code "+v.row.code.Name)
					closeDialogs(nw)
				}
			}
		}()
	}
	for text, n := range said {
		t.Logf("%d times: %s", n, text)
	}
	t.Logf("100 damaged copies: %d refused in a dialog, %d shown, %d of them read-only", refused, shown, damaged)
	if refused+shown != 100 {
		t.Errorf("%d refused and %d shown of 100", refused, shown)
	}
}

// drainUI runs what background work has handed the UI (queueForRunUntil)
// until none comes for a moment.
func drainUI() {
	for {
		select {
		case fn := <-uiQueue:
			fn()
		case <-time.After(30 * time.Millisecond):
			return
		}
	}
}

// checkOneLineDialog fails when the window shows a dialog whose message
// (a label's or a rich text's, before wrapping) is more than one line, or
// tells of a panic or a stack.
func checkOneLineDialog(t *testing.T, w *MainWindow, path string, round int, when string) {
	t.Helper()
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		return
	}
	for _, o := range allObjectsUnder(top) {
		var text string
		switch o := o.(type) {
		case *widget.Label:
			text = o.Text
		case *widget.RichText:
			text = o.String()
		default:
			continue
		}
		text = strings.TrimSpace(text)
		// SQLite's own words come only after Verbatim's plain ones.
		raw := strings.HasPrefix(text, "SQL logic error") || strings.HasPrefix(text, "database disk image") || strings.HasPrefix(text, "sql:")
		if raw || strings.Contains(text, "\n") || strings.Contains(text, "panic") || strings.Contains(text, "goroutine") || strings.Contains(text, ".go:") {
			t.Errorf("round %d, %s: the dialog says %q", round, when, text)
		}
		if text != "" {
			said[strings.ReplaceAll(text, path, "FILE")]++

		}
	}
}
