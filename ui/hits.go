package ui

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/index"
	"codeberg.org/verbatim/verbatim/ui/transcript"
)

// The hits of a search are framed in the transcript shown, every one of
// them in that document, and View > Next search hit and Previous search
// hit (or Enter and Shift+Enter, F3 and Shift+F3 in the search bar) go
// through the rows of the results in the order shown, opening each hit's
// document when it is another, loading the next page at the end of the
// last, and starting again at the first.

// The menu shortcuts of the next and previous hit. F3 has no modifier, and
// Fyne makes only keys with one into shortcuts: the search bar takes it.
var (
	shortcutNextHit     = ctrl(fyne.KeyG)
	shortcutPreviousHit = &desktop.CustomShortcut{KeyName: fyne.KeyG, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
)

func (w *MainWindow) onNextHit()     { w.stepHit(1) }
func (w *MainWindow) onPreviousHit() { w.stepHit(-1) }

// stepHit opens the row after (dir 1) or before (dir -1) the one selected.
func (w *MainWindow) stepHit(dir int) { w.step(dir, true) }

// step is stepHit, which past the last row loaded loads the next page
// first when mayLoad, and else starts again at the first.
func (w *MainWindow) step(dir int, mayLoad bool) {
	s, t := w.search, w.search.table
	if len(t.rows) == 0 {
		w.status.SetText(lang.L("Search first: type in the search bar and press Enter."))
		return
	}
	if !s.open {
		w.showResults(true)
	}
	i := t.current + dir
	if t.current < 0 && dir < 0 {
		i = len(t.rows) - 1
	}
	if i >= len(t.rows) && s.hasMore() && mayLoad {
		w.loadMore(func() { w.step(dir, false) })
		return
	}
	note := ""
	switch {
	case i >= len(t.rows):
		i, note = 0, " "+lang.L("(Back at the first.)")
	case i < 0:
		i, note = len(t.rows)-1, " "+lang.L("(Back at the last.)")
	}
	t.show(i)
	if len(t.rows) > 1 && note != "" {
		w.status.SetText(w.status.Text + note)
	}
}

// hitStatus says which hit is open: "Hit 3 of 18".
func (s *searchPanel) hitStatus() string {
	a := args{"N": s.table.current + 1, "Of": len(s.table.rows), "Next": shortcutText(shortcutNextHit), "Previous": shortcutText(shortcutPreviousHit)}
	if s.hasMore() {
		return lang.L("Hit {{.N}} of the first {{.Of}}. {{.Next}} goes to the next, {{.Previous}} to the previous.", a)
	}
	return lang.L("Hit {{.N}} of {{.Of}}. {{.Next}} goes to the next, {{.Previous}} to the previous.", a)
}

// markSearchHits frames in the transcript the hits of the search shown in
// document docID, or none when no results are shown: those of the pages
// loaded at once, then every one in the document, searched off the UI
// goroutine (a search that is not plain words; a later call, or closing
// the window, cancels it).
func (w *MainWindow) markSearchHits(docID int64) {
	s := w.search
	if s.stopMarking != nil {
		s.stopMarking()
		s.stopMarking = nil
	}
	if !s.open || s.query == "" || docID == 0 || w.index.ix == nil {
		w.transcript.SetSearchHits(nil)
		return
	}
	w.transcript.SetSearchHits(hitMarks(s.table.hits, docID))
	if s.plain {
		return
	}
	ix, q, do := w.index.ix, s.query, onUI
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	s.marking, s.stopMarking = done, cancel
	go func() {
		// The filter binds last (a OR b doc:1 is (a OR b) doc:1).
		res, err := ix.Search(ctx, q+" doc:"+strconv.FormatInt(docID, 10), index.SearchOptions{Limit: 100_000, Facets: -1})
		do(func() {
			defer close(done)
			if ctx.Err() != nil { // a later call or the window's closing
				return
			}
			cancel()
			s.stopMarking = nil
			if err != nil || res.Plain || !s.open || s.query != q || w.doc.ID != docID {
				return
			}
			w.transcript.SetSearchHits(hitMarks(res.Hits, docID))
		})
	}()
}

// hitMarks are the matched words of the hits in document docID, as the
// transcript frames them.
func hitMarks(hits []index.Hit, docID int64) []transcript.Range {
	var marks []transcript.Range
	for _, h := range hits {
		if h.DocID != docID || h.MemoKind != "" {
			continue
		}
		for _, m := range mergeMatches([]rune(h.Text), h.Start, h.Matches) {
			marks = append(marks, transcript.Range{Start: m.Start, End: m.End})
		}
	}
	return marks
}

// searchEntry is the search bar's field. Enter submits it, with shift
// telling whether Shift is held (see searchPanel.onEnter); F3 and Shift+F3
// go to the next and previous hit.
type searchEntry struct {
	widget.Entry
	shift bool // a Shift key is down

	onStep func(dir int)
}

func newSearchEntry(onStep func(int)) *searchEntry {
	e := &searchEntry{onStep: onStep}
	e.ExtendBaseWidget(e)
	return e
}

// KeyDown is part of desktop.Keyable.
func (e *searchEntry) KeyDown(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = true
	}
	e.Entry.KeyDown(k)
}

// KeyUp is part of desktop.Keyable.
func (e *searchEntry) KeyUp(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = false
	}
	e.Entry.KeyUp(k)
}

// TypedKey is part of fyne.Focusable.
func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name != fyne.KeyF3 {
		e.Entry.TypedKey(k)
		return
	}
	if e.shift {
		e.onStep(-1)
	} else {
		e.onStep(1)
	}
}

// FocusLost is part of fyne.Focusable: a Shift released elsewhere is not
// down here.
func (e *searchEntry) FocusLost() {
	e.shift = false
	e.Entry.FocusLost()
}
