package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// segmentRowViews are the rows of the coded segments on screen, top down.
func segmentRowViews(w *MainWindow) []*segmentRowView {
	var rows []*segmentRowView
	for _, o := range allObjectsUnder(w.segments.list) {
		if v, ok := o.(*segmentRowView); ok && v.Visible() && v.Size().Height > 0 {
			rows = append(rows, v)
		}
	}
	slices.SortFunc(rows, func(a, b *segmentRowView) int { return int(absPos(a).Y - absPos(b).Y) })
	return rows
}

// shownQuotes are the quotes the rows on screen show, top down.
func shownQuotes(w *MainWindow) []string {
	var out []string
	for _, v := range segmentRowViews(w) {
		out = append(out, v.quote.Text)
	}
	return out
}

// segmentRow is the row on screen that shows quote.
func segmentRow(t *testing.T, w *MainWindow, quote string) *segmentRowView {
	t.Helper()
	for _, v := range segmentRowViews(w) {
		if v.quote.Text == quote {
			return v
		}
	}
	t.Fatalf("no row shows %q; rows: %q", quote, shownQuotes(w))
	return nil
}

// checkSegments checks the quotes on screen, in order, and the count line.
func checkSegments(t *testing.T, w *MainWindow, count string, quotes ...string) {
	t.Helper()
	if got := shownQuotes(w); !slices.Equal(got, quotes) {
		t.Errorf("rows show %q, want %q", got, quotes)
	}
	if got := w.segments.count.Text; got != count {
		t.Errorf("count %q, want %q", got, count)
	}
}

// chooseIn picks an option of a select as a user does: open it, tap it.
func chooseIn(t *testing.T, w *MainWindow, s *widget.Select, option string) {
	t.Helper()
	test.Tap(s)
	tapMenuItem(t, w, option)
	if s.Selected != option {
		t.Fatalf("chose %q, the select shows %q", option, s.Selected)
	}
}

// openSegmentMenu taps the ⋮ button of the row that shows quote and then
// the menu item.
func segmentMenu(t *testing.T, w *MainWindow, quote, item string) {
	t.Helper()
	test.Tap(segmentRow(t, w, quote).more)
	tapMenuItem(t, w, item)
}

// mouseWidget is a widget that takes clicks.
type mouseWidget interface {
	fyne.Widget
	desktop.Mouseable
	fyne.Tappable
}

// transcriptPage is the widget of the transcript that takes the mouse.
func transcriptPage(t *testing.T, w *MainWindow) mouseWidget {
	t.Helper()
	for _, o := range allObjectsUnder(w.transcript) {
		if p, ok := o.(mouseWidget); ok {
			return p
		}
	}
	t.Fatal("no part of the transcript takes the mouse")
	return nil
}

// wordAt is the middle of word in the transcript, relative to its page.
// The view draws a line as several texts (the speaker's label, pieces
// between highlights), so the word is looked for in each line's texts
// joined.
func wordAt(t *testing.T, w *MainWindow, page fyne.CanvasObject, word string) fyne.Position {
	t.Helper()
	lines := map[float32][]*canvas.Text{}
	for _, o := range allObjectsUnder(w.transcript) {
		if tx, ok := o.(*canvas.Text); ok && tx.Visible() && tx.Text != "" {
			y := absPos(tx).Y
			lines[y] = append(lines[y], tx)
		}
	}
	for _, texts := range lines {
		slices.SortFunc(texts, func(a, b *canvas.Text) int { return int(absPos(a).X - absPos(b).X) })
		var line strings.Builder
		for _, tx := range texts {
			line.WriteString(tx.Text)
		}
		i := strings.Index(line.String(), word)
		if i < 0 {
			continue
		}
		mid := i + len(string([]rune(word)[:len([]rune(word))/2]))
		for _, tx := range texts {
			if mid < len(tx.Text) {
				x := fyne.MeasureText(tx.Text[:mid], tx.TextSize, tx.TextStyle).Width
				return absPos(tx).AddXY(x, tx.MinSize().Height/2).Subtract(absPos(page))
			}
			mid -= len(tx.Text)
		}
	}
	t.Fatalf("%q is not on screen in the transcript", word)
	return fyne.Position{}
}

// clickWord clicks the middle of word in the transcript n times in a row,
// with the events Fyne's desktop driver sends for each click.
func clickWord(t *testing.T, w *MainWindow, word string, n int) {
	t.Helper()
	page := transcriptPage(t, w)
	at := wordAt(t, w, page, word)
	for range n {
		if w.win.Canvas().Overlays().Top() != nil {
			continue // the driver gives the click to the overlay on top
		}
		ev := &desktop.MouseEvent{Button: desktop.MouseButtonPrimary}
		ev.Position = at
		page.MouseDown(ev)
		page.MouseUp(ev)
		page.Tapped(&ev.PointEvent)
	}
}

// undoLabel is the label of the step Ctrl+Z would undo.
func undoLabel(t *testing.T, p *model.Project) string {
	t.Helper()
	s, ok, err := p.UndoStep(context.Background())
	if err != nil || !ok {
		t.Fatalf("no step to undo (%v)", err)
	}
	return s.Label
}

// segmentsFixture is the test window, tall enough to show every row,
// with a sub-code under "Deel wat je leert" and codings by two coders:
//
//	a – Ana.txt    Ana:         "mijn eigen drive"    Deel wat je leert (Eva)
//	               Ana:         "mijn motivatie"      Vertrek vanuit motivatie (Eva)
//	b – Sanne.txt  Interviewer: "Wat heb je geleerd"  Deel wat je leert (Joris)
//	               Sanne:       "deelt wat je leert"  Deel wat je leert (Eva), a key quote
//	               Sanne:       "ook in het café"     Delen met buren (Eva)
type segmentsFixture struct {
	w                    *MainWindow
	p                    *model.Project
	deel, motivatie, sub model.Code
	ana, sanne           model.Document
	ids                  map[string]int64 // coding IDs by quote
}

func newSegmentsFixture(t *testing.T) segmentsFixture {
	t.Helper()
	w, p := newTestWindow(t)
	w.win.Resize(fyne.NewSize(1400, 1500))
	ctx := context.Background()
	f := segmentsFixture{w: w, p: p, ids: map[string]int64{},
		deel: codeNamed(t, p, "Deel wat je leert"), motivatie: codeNamed(t, p, "Vertrek vanuit motivatie")}
	f.sub = must(p.AddCode(ctx, f.deel.ID, "Delen met buren", "#F58231", ""))
	f.ana, f.sanne = w.documents.docs[0], w.documents.docs[1]
	code := func(coder string, c model.Code, doc model.Document, quote string) {
		t.Helper()
		if err := p.SetCoder(ctx, coder); err != nil {
			t.Fatal(err)
		}
		text := must(p.Text(ctx, doc.ID))
		i := strings.Index(text, quote)
		start := len([]rune(text[:i]))
		f.ids[quote] = must(p.ApplyCode(ctx, c.ID, model.Span{DocID: doc.ID, Start: start, End: start + len([]rune(quote))})).ID
	}
	code("Eva", f.deel, f.sanne, "deelt wat je leert")
	code("Joris", f.deel, f.sanne, "Wat heb je geleerd")
	code("Eva", f.deel, f.ana, "mijn eigen drive")
	code("Eva", f.sub, f.sanne, "ook in het café")
	code("Eva", f.motivatie, f.ana, "mijn motivatie")
	if err := p.SetKeyQuote(ctx, []int64{f.ids["deelt wat je leert"]}, true); err != nil {
		t.Fatal(err)
	}
	w.refresh()
	return f
}

// showCode taps the code in the codebook, with no text selected.
func (f segmentsFixture) showCode(t *testing.T, name string) {
	t.Helper()
	f.w.transcript.Select(0, 0)
	tapRow(f.w, rowOf(t, f.w, name))
}

func (f segmentsFixture) coding(t *testing.T, quote string) model.Coding {
	t.Helper()
	return must(f.p.Coding(context.Background(), f.ids[quote]))
}

func TestSegmentsOfACode(t *testing.T) {
	f := newSegmentsFixture(t)
	w, s := f.w, f.w.segments
	checkSegments(t, w, "Click a code while no text is selected, or choose one above, to see its quotes.")
	if s.subCodes.Visible() {
		t.Error("“with sub-codes” shows before a code is chosen")
	}

	// A click on a code with no text selected shows its quotes, and codes
	// nothing: by document, then by position.
	before := codingsOf(t, f.p)
	f.showCode(t, "Deel wat je leert")
	checkSegments(t, w, "3 quotes in 2 interviews", "mijn eigen drive", "Wat heb je geleerd", "deelt wat je leert")
	if got := codingsOf(t, f.p); !slices.Equal(got, before) {
		t.Errorf("showing the segments changed the codings: %q", got)
	}
	if s.code.Selected != "Deel wat je leert" {
		t.Errorf("the panel's code select shows %q", s.code.Selected)
	}
	if got, want := segmentRow(t, w, "deelt wat je leert").place.Text, "Sanne · turn 2 · b – Sanne · Eva"; got != want {
		t.Errorf("place %q, want %q", got, want)
	}
	if got := segmentRow(t, w, "deelt wat je leert").key.Text; got != "★" {
		t.Errorf("the key quote's ★ button reads %q", got)
	}
	if got := segmentRow(t, w, "mijn eigen drive").key.Text; got != "☆" {
		t.Errorf("a quote that is no key quote has the button %q", got)
	}

	// With sub-codes: the sub-code's quotes come after the code's, named.
	test.Tap(s.subCodes)
	checkSegments(t, w, "4 quotes in 2 interviews", "mijn eigen drive", "Wat heb je geleerd", "deelt wat je leert", "ook in het café")
	if got := segmentRow(t, w, "ook in het café").place.Text; !strings.HasPrefix(got, "Delen met buren · Sanne · turn 2 · b – Sanne") {
		t.Errorf("the sub-code's quote is placed %q, want it to name the sub-code", got)
	}
	test.Tap(s.subCodes)
	checkSegments(t, w, "3 quotes in 2 interviews", "mijn eigen drive", "Wat heb je geleerd", "deelt wat je leert")

	// The code select of the panel chooses another code.
	chooseIn(t, w, s.code, "Vertrek vanuit motivatie")
	checkSegments(t, w, "1 quote in 1 interview", "mijn motivatie")
	if s.subCodes.Visible() {
		t.Error("“with sub-codes” is offered for a code without any")
	}
	chooseIn(t, w, s.code, "Deel wat je leert > Delen met buren")
	checkSegments(t, w, "1 quote in 1 interview", "ook in het café")
}

func TestSegmentsFilters(t *testing.T) {
	f := newSegmentsFixture(t)
	w, s := f.w, f.w.segments
	f.showCode(t, "Deel wat je leert")
	if s.filterBox.Visible() {
		t.Error("the filters show before the button is tapped")
	}
	test.Tap(s.filters)
	if !s.filterBox.Visible() {
		t.Fatal("tapping Filters did not show them")
	}
	tests := []struct {
		name   string
		set    func()
		count  string
		quotes []string
	}{
		{"document", func() { chooseIn(t, w, s.doc, "b – Sanne.txt") },
			"2 of 3 quotes, in 1 interview", []string{"Wat heb je geleerd", "deelt wat je leert"}},
		{"speaker", func() { chooseIn(t, w, s.speaker, "Sanne") },
			"1 of 3 quotes, in 1 interview", []string{"deelt wat je leert"}},
		{"coder", func() { chooseIn(t, w, s.coder, "Joris") },
			"1 of 3 quotes, in 1 interview", []string{"Wat heb je geleerd"}},
		{"key quotes", func() { test.Tap(s.keyOnly) },
			"1 of 3 quotes, in 1 interview", []string{"deelt wat je leert"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.set()
			checkSegments(t, w, tt.count, tt.quotes...)
			// Back to everything.
			for _, f := range []struct {
				sel *widget.Select
				all string
			}{{s.doc, allDocuments()}, {s.speaker, allSpeakers()}, {s.coder, allCoders()}} {
				if f.sel.Selected != f.all {
					chooseIn(t, w, f.sel, f.all)
				}
			}
			if s.keyOnly.Checked {
				test.Tap(s.keyOnly)
			}
			checkSegments(t, w, "3 quotes in 2 interviews", "mijn eigen drive", "Wat heb je geleerd", "deelt wat je leert")
		})
	}

	// Filters together; a filter that leaves nothing says so.
	chooseIn(t, w, s.doc, "a – Ana.txt")
	test.Tap(s.keyOnly)
	checkSegments(t, w, "None of the 3 quotes passes the filters.")
	if s.filters.Importance != widget.HighImportance {
		t.Error("the Filters button does not stand out while filters are set")
	}
	test.Tap(s.filters)
	if s.filterBox.Visible() {
		t.Error("tapping Filters again did not hide them")
	}
	checkSegments(t, w, "None of the 3 quotes passes the filters.") // hidden, they still filter

	// The filter stays through a change that takes away its last quote.
	test.Tap(s.keyOnly)
	segmentMenu(t, w, "mijn eigen drive", "Remove coding")
	if s.doc.Selected != "a – Ana.txt" {
		t.Errorf("after removing its last quote, the document filter shows %q", s.doc.Selected)
	}
	checkSegments(t, w, "None of the 2 quotes passes the filters.")
}

func TestSegmentsWithOneCoderOfferNoCoderFilter(t *testing.T) {
	f := newSegmentsFixture(t)
	f.showCode(t, "Vertrek vanuit motivatie")
	if f.w.segments.coder.Visible() {
		t.Error("the coder filter shows for quotes of one coder")
	}
	if got, want := segmentRow(t, f.w, "mijn motivatie").place.Text, "Ana · turn 2 · a – Ana"; got != want {
		t.Errorf("place %q, want %q (no coder when there is one)", got, want)
	}
	f.showCode(t, "Deel wat je leert")
	if !f.w.segments.coder.Visible() {
		t.Error("no coder filter for quotes of two coders")
	}
}

func TestSegmentRowOpensTheTranscriptAtTheQuote(t *testing.T) {
	f := newSegmentsFixture(t)
	w := f.w
	f.showCode(t, "Deel wat je leert")
	if w.doc.ID != f.ana.ID {
		t.Fatalf("the window starts on %q", w.doc.Name)
	}
	for _, quote := range []string{"deelt wat je leert", "mijn eigen drive", "Wat heb je geleerd"} {
		v := segmentRow(t, w, quote)
		test.TapCanvas(w.win.Canvas(), absPos(v.quote).AddXY(10, 10))
		c := f.coding(t, quote)
		if w.doc.ID != c.DocID {
			t.Errorf("tapping %q shows %q", quote, w.doc.Name)
		}
		if start, end := w.transcript.Selection(); start != c.Start || end != c.End || w.transcript.SelectedText() != quote {
			t.Errorf("tapping %q selects [%d,%d) %q, want [%d,%d)", quote, start, end, w.transcript.SelectedText(), c.Start, c.End)
		}
		if w.documents.list.Length() == 0 || w.documents.docs[selectedRow(w)].ID != c.DocID {
			t.Errorf("the documents list does not highlight %q", w.doc.Name)
		}
	}
}

// selectedRow is the row the documents list highlights.
func selectedRow(w *MainWindow) int {
	for i, d := range w.documents.docs {
		if d.ID == w.doc.ID {
			return i
		}
	}
	return -1
}

func TestSegmentRowActions(t *testing.T) {
	f := newSegmentsFixture(t)
	w, p, s := f.w, f.p, f.w.segments
	ctx := context.Background()
	f.showCode(t, "Deel wat je leert")
	all := []string{"mijn eigen drive", "Wat heb je geleerd", "deelt wat je leert"}

	t.Run("key", func(t *testing.T) {
		test.Tap(segmentRow(t, w, "mijn eigen drive").key)
		if !f.coding(t, "mijn eigen drive").Key {
			t.Fatal("the ★ button did not mark the key quote")
		}
		if got := segmentRow(t, w, "mijn eigen drive").key.Text; got != "★" {
			t.Errorf("after marking, the button reads %q", got)
		}
		if got, want := w.status.Text, "Marked as a key quote. Ctrl+Z undoes it."; got != want {
			t.Errorf("status %q, want %q", got, want)
		}
		if got := undoLabel(t, p); got != "Mark a key quote" {
			t.Errorf("step %q", got)
		}
		typeShortcut(w.win, keyUndo)
		if f.coding(t, "mijn eigen drive").Key {
			t.Error("one undo left it a key quote")
		}
		if got := segmentRow(t, w, "mijn eigen drive").key.Text; got != "☆" {
			t.Errorf("after undo, the button reads %q", got)
		}
		test.Tap(segmentRow(t, w, "deelt wat je leert").key)
		if f.coding(t, "deelt wat je leert").Key {
			t.Error("the ★ button of a key quote did not unmark it")
		}
		if got, want := w.status.Text, "No longer a key quote. Ctrl+Z undoes it."; got != want {
			t.Errorf("status %q, want %q", got, want)
		}
		typeShortcut(w.win, keyUndo)
	})

	t.Run("memo", func(t *testing.T) {
		segmentMenu(t, w, "Wat heb je geleerd", "Memo…")
		if top := w.win.Canvas().Overlays().Top(); top != nil {
			t.Fatalf("the memo opened an overlay, not the memo panel:\n%s", labelTexts(top))
		}
		if got, want := w.memos.chosen.title.Text, "Memo on a coding of “Deel wat je leert”"; got != want {
			t.Errorf("the memo panel shows %q, want %q", got, want)
		}
		test.Type(w.win.Canvas().Focused(), "een vraag die werkt")
		w.win.Canvas().Unfocus() // leaving the memo saves it
		if got := f.coding(t, "Wat heb je geleerd").Memo; got != "een vraag die werkt" {
			t.Errorf("memo %q", got)
		}
		if got := segmentRow(t, w, "Wat heb je geleerd").memo; !got.Visible() || got.Text != "Memo: een vraag die werkt" {
			t.Errorf("the row shows the memo %q (shown: %v)", got.Text, got.Visible())
		}
		if got := undoLabel(t, p); !strings.HasPrefix(got, "Edit the memo of a coding") {
			t.Errorf("step %q", got)
		}
		typeShortcut(w.win, keyUndo)
		if got := f.coding(t, "Wat heb je geleerd").Memo; got != "" {
			t.Errorf("one undo left the memo %q", got)
		}
		if segmentRow(t, w, "Wat heb je geleerd").memo.Visible() {
			t.Error("after undo, the row still shows a memo")
		}
	})

	t.Run("recode", func(t *testing.T) {
		p.SetMemo(ctx, model.CodingMemo, f.ids["mijn eigen drive"], "drive")
		w.refresh()
		before := f.coding(t, "mijn eigen drive")
		segmentMenu(t, w, "mijn eigen drive", "Recode…")
		chooseInDialog(t, w, "Vertrek vanuit motivatie")
		tapButton(t, w.win.Canvas().Overlays().Top(), "Recode")
		after := f.coding(t, "mijn eigen drive")
		if after.CodeID != f.motivatie.ID || after.Memo != "drive" || after.Start != before.Start || after.Coder != before.Coder {
			t.Errorf("recoded: %+v, want %q with the memo, passage and coder kept", after, f.motivatie.Name)
		}
		checkSegments(t, w, "2 quotes in 1 interview", "Wat heb je geleerd", "deelt wat je leert")
		if got, want := undoLabel(t, p), "Recode a passage of a – Ana.txt from “Deel wat je leert” to “Vertrek vanuit motivatie”"; got != want {
			t.Errorf("step %q, want %q", got, want)
		}
		typeShortcut(w.win, keyUndo)
		if got := f.coding(t, "mijn eigen drive"); got != before {
			t.Errorf("one undo gives %+v, want %+v", got, before)
		}
		checkSegments(t, w, "3 quotes in 2 interviews", all...)
	})

	t.Run("remove", func(t *testing.T) {
		segmentMenu(t, w, "deelt wat je leert", "Remove coding")
		if _, err := p.Coding(ctx, f.ids["deelt wat je leert"]); err == nil {
			t.Fatal("the coding is still there")
		}
		checkSegments(t, w, "2 quotes in 2 interviews", "mijn eigen drive", "Wat heb je geleerd")
		if got, want := undoLabel(t, p), "Remove “Deel wat je leert” from a passage of b – Sanne.txt"; got != want {
			t.Errorf("step %q, want %q", got, want)
		}
		typeShortcut(w.win, keyUndo)
		if c := f.coding(t, "deelt wat je leert"); !c.Key {
			t.Errorf("one undo gives back %+v, want the key quote", c)
		}
		checkSegments(t, w, "3 quotes in 2 interviews", all...)
	})
	if s.code.Selected != "Deel wat je leert" {
		t.Errorf("after the actions the panel shows %q", s.code.Selected)
	}
}

func TestClickOnCodedTextListsItsCodingsInThePanel(t *testing.T) {
	f := newSegmentsFixture(t)
	w, s := f.w, f.w.segments
	f.showCode(t, "Vertrek vanuit motivatie")
	p := f.p
	ctx := context.Background()
	// A second coding over "motivatie", from another code.
	text := must(p.Text(ctx, f.ana.ID))
	at := len([]rune(text[:strings.Index(text, "motivatie")]))
	over := must(p.ApplyCode(ctx, f.deel.ID, model.Span{DocID: f.ana.ID, Start: at, End: at + 9}))
	p.SetMemo(ctx, model.CodingMemo, over.ID, "mooi citaat")
	w.refresh()

	clickWord(t, w, "motivatie", 1)
	if top := w.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("a click on coded text opened an overlay:\n%s", labelTexts(top))
	}
	if !s.here.Visible() || s.heading.Text != "Codings here" || s.choices.Visible() {
		t.Errorf("the panel shows %q (shown: %v), its code and filters shown: %v", s.heading.Text, s.here.Visible(), s.choices.Visible())
	}
	checkSegments(t, w, "2 codings here", "motivatie", "mijn motivatie")
	place := segmentRow(t, w, "motivatie").place.Text
	if !strings.HasPrefix(place, "Deel wat je leert · Ana · turn 2 · Eva · ") {
		t.Errorf("the coding is placed %q, want its code, speaker, turn, coder and date", place)
	}
	if got := segmentRow(t, w, "motivatie").memo.Text; got != "Memo: mooi citaat" {
		t.Errorf("memo %q", got)
	}

	// The same actions as for a code's segments.
	test.Tap(segmentRow(t, w, "mijn motivatie").key)
	if !f.coding(t, "mijn motivatie").Key {
		t.Error("★ did not mark the key quote")
	}
	segmentMenu(t, w, "motivatie", "Remove coding")
	if _, err := p.Coding(ctx, over.ID); err == nil {
		t.Error("Remove left the coding")
	}
	if len(w.highlights) != 2 {
		t.Errorf("%d highlights after removing one of three", len(w.highlights))
	}
	checkSegments(t, w, "1 coding here", "mijn motivatie")
	segmentMenu(t, w, "mijn motivatie", "Remove coding")
	checkSegments(t, w, "No codings here any more.")
	typeShortcut(w.win, keyUndo)
	checkSegments(t, w, "1 coding here", "mijn motivatie")

	// Back to the code.
	if !s.back.Visible() {
		t.Fatal("no way back to the code")
	}
	test.Tap(s.back)
	if s.here.Visible() || !s.choices.Visible() || s.code.Selected != "Vertrek vanuit motivatie" {
		t.Errorf("after back the panel shows the codings here: %v, the code %q", s.here.Visible(), s.code.Selected)
	}
	checkSegments(t, w, "1 quote in 1 interview", "mijn motivatie")
}

func TestDoubleClickOnCodedWordSelectsIt(t *testing.T) {
	f := newSegmentsFixture(t)
	w := f.w
	clickWord(t, w, "eigen", 2)
	if got := w.transcript.SelectedText(); got != "eigen" {
		t.Errorf("a double click on a coded word selects %q, want the word", got)
	}
	if top := w.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("an overlay is open:\n%s", labelTexts(top))
	}
	checkSegments(t, w, "1 coding here", "mijn eigen drive")
	// The word selected, a click on a code codes it.
	tapRow(w, rowOf(t, w, "Vertrek vanuit motivatie"))
	if got := codingsOf(t, f.p); !slices.Contains(got, "Vertrek vanuit motivatie: eigen") {
		t.Errorf("codings %q, want “eigen” coded", got)
	}
}

func TestSegmentsAreReadInTheBackgroundForALargeProject(t *testing.T) {
	f := newSegmentsFixture(t)
	w, s := f.w, f.w.segments
	old := segmentsInBackground
	segmentsInBackground = 0
	t.Cleanup(func() { segmentsInBackground = old })
	runOnTestGoroutine(t)

	// Two codes chosen quickly: the first read's result, whenever it
	// comes, is dropped.
	f.showCode(t, "Deel wat je leert")
	if got := s.count.Text; got != "Reading the quotes…" {
		t.Errorf("while reading, the count says %q", got)
	}
	f.showCode(t, "Vertrek vanuit motivatie")
	var results []func()
	timeout := time.After(30 * time.Second)
	for len(results) < 2 {
		select {
		case fn := <-mainQueue:
			results = append(results, fn)
		case <-timeout:
			t.Fatalf("%d reads came back, want 2", len(results))
		}
	}
	// Each result run last once: the panel shows the second code throughout.
	for _, order := range [][]int{{0, 1}, {1, 0}} {
		for _, i := range order {
			results[i]()
		}
		checkSegments(t, w, "1 quote in 1 interview", "mijn motivatie")
	}
}

// BenchmarkSegments5000 fills the coded segments panel with the 5,000
// quotes of one code, as clicking the code does in a project of that size:
// report.Quotes in the background, then the list's rows on screen. The
// median per fill is reported as median-ms/fill; median-ui-ms/fill is the
// part of it spent on the UI goroutine.
func BenchmarkSegments5000(b *testing.B) {
	const n = 5000
	test.NewTempApp(b)
	ctx := context.Background()
	p, err := model.Create(ctx, filepath.Join(b.TempDir(), "segments.verbatim"), "nl")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { p.Close() })
	var text strings.Builder
	var turns []model.NewTurn
	var spans []model.Span
	pos := 0
	for i := range n {
		line := fmt.Sprintf("Ana: Dit is zin %d, over wat we samen leren in de buurt en waarom dat werkt.", i)
		runes := len([]rune(line))
		turns = append(turns, model.NewTurn{Start: pos, End: pos + runes, Speaker: "Ana"})
		spans = append(spans, model.Span{Start: pos + 5, End: pos + runes})
		text.WriteString(line + "\n")
		pos += runes + 1
	}
	doc, err := p.ImportDocument(ctx, model.NewDocument{Name: "Ana.txt", Format: "txt", Text: text.String(), Turns: turns})
	if err != nil {
		b.Fatal(err)
	}
	for i := range spans {
		spans[i].DocID = doc.ID
	}
	code, err := p.AddCode(ctx, 0, "Deel wat je leert", "#3CB44B", "")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := p.ApplyCodes(ctx, code.ID, spans); err != nil {
		b.Fatal(err)
	}
	w, err := NewMainWindow(fyne.CurrentApp(), p, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(w.win.Close)
	queue := make(chan func(), 4)
	old := onUI
	onUI = func(fn func()) { queue <- fn }
	b.Cleanup(func() { onUI = old })

	total := make([]time.Duration, 0, b.N)
	onMain := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		w.showSegments(code.ID)
		ui := time.Since(start)
		fn := <-queue
		t := time.Now()
		fn()
		ui += time.Since(t)
		total = append(total, time.Since(start))
		onMain = append(onMain, ui)
	}
	b.StopTimer()
	if len(segmentRowViews(w)) == 0 {
		b.Fatal("no rows on screen")
	}
	if got := len(w.segments.rows); got != n {
		b.Fatalf("%d rows, want %d", got, n)
	}
	slices.Sort(total)
	slices.Sort(onMain)
	b.ReportMetric(float64(total[len(total)/2].Microseconds())/1000, "median-ms/fill")
	b.ReportMetric(float64(onMain[len(onMain)/2].Microseconds())/1000, "median-ui-ms/fill")
}
