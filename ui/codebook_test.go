package ui

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// codeRowViews are the codebook rows on screen, as the list draws them.
func codeRowViews(w *MainWindow) []*codeRowView {
	var rows []*codeRowView
	for _, o := range allObjectsUnder(w.codebook.list) {
		if v, ok := o.(*codeRowView); ok && v.Visible() && v.Size().Height > 0 {
			rows = append(rows, v)
		}
	}
	slices.SortFunc(rows, func(a, b *codeRowView) int {
		return int(absPos(a).Y - absPos(b).Y)
	})
	return rows
}

func absPos(o fyne.CanvasObject) fyne.Position {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
}

// rowOf is the row on screen that shows the code called name.
func rowOf(t *testing.T, w *MainWindow, name string) *codeRowView {
	t.Helper()
	for _, v := range codeRowViews(w) {
		if v.row.create == "" && v.row.code.Name == name {
			return v
		}
	}
	t.Fatalf("no row for %q on screen; rows: %v", name, shownRows(w))
	return nil
}

// shownRows are the names of the rows the list shows, in order; a context
// parent in brackets, the create row as +name.
func shownRows(w *MainWindow) []string {
	var out []string
	for _, r := range w.codebook.rows {
		switch {
		case r.create != "":
			out = append(out, "+"+r.create)
		case !r.match:
			out = append(out, "("+r.code.Name+")")
		default:
			out = append(out, r.code.Name)
		}
	}
	return out
}

// tapRow clicks a row of the list where a user would: on its name.
func tapRow(w *MainWindow, v *codeRowView) {
	test.TapCanvas(w.win.Canvas(), absPos(v.name).AddXY(4, v.name.Size().Height/2))
}

// openCodeMenu taps the ⋮ button of the code's row.
func openCodeMenu(t *testing.T, w *MainWindow, name string) {
	t.Helper()
	test.Tap(rowOf(t, w, name).more)
	if w.win.Canvas().Overlays().Top() == nil {
		t.Fatalf("the ⋮ button of %q opened no menu", name)
	}
}

// hoverMenuItem moves the mouse onto a menu item, which opens its submenu.
func hoverMenuItem(t *testing.T, w *MainWindow, label string) {
	t.Helper()
	for _, o := range allObjectsUnder(w.win.Canvas().Overlays().Top()) {
		if _, ok := o.(fyne.Tappable); !ok || !o.Visible() {
			continue
		}
		for _, x := range allObjectsUnder(o) {
			if tx, ok := x.(*canvas.Text); ok && tx.Text == label {
				test.MoveMouse(w.win.Canvas(), absPos(o).AddXY(5, 5))
				return
			}
		}
	}
	t.Fatalf("no menu item %q", label)
}

// tapButton taps the button with the text under o.
func tapButton(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	for _, x := range allObjectsUnder(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no button %q in:\n%s", text, labelTexts(o))
}

// chooseInDialog picks an option of the select in the dialog on top, as a
// user does: open it, tap the option.
func chooseInDialog(t *testing.T, w *MainWindow, option string) {
	t.Helper()
	top := w.win.Canvas().Overlays().Top()
	for _, x := range allObjectsUnder(top) {
		if s, ok := x.(*widget.Select); ok {
			test.Tap(s)
			tapMenuItem(t, w, option)
			if s.Selected != option {
				t.Fatalf("chose %q, the select shows %q", option, s.Selected)
			}
			return
		}
	}
	t.Fatalf("no select in the dialog:\n%s", labelTexts(top))
}

func codeNamed(t *testing.T, p *model.Project, name string) model.Code {
	t.Helper()
	c, err := p.FindCode(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func selectText(t *testing.T, w *MainWindow, needle string) (start, end int) {
	t.Helper()
	text, err := w.project.Text(context.Background(), w.doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(text, needle)
	if i < 0 {
		t.Fatalf("%q not in %q", needle, text)
	}
	start = len([]rune(text[:i]))
	end = start + len([]rune(needle))
	w.transcript.Select(start, end)
	return start, end
}

func codingsOf(t *testing.T, p *model.Project) []string {
	t.Helper()
	cs, err := p.Codings(context.Background(), model.CodingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range cs {
		out = append(out, c.Code+": "+c.Text)
	}
	slices.Sort(out)
	return out
}

func TestCodeKeyFromTheMenuCodesAndUndoes(t *testing.T) {
	w, p := newTestWindow(t)
	ctx := context.Background()
	deel, motivatie := codeNamed(t, p, "Deel wat je leert"), codeNamed(t, p, "Vertrek vanuit motivatie")

	openCodeMenu(t, w, deel.Name)
	hoverMenuItem(t, w, "Key")
	tapMenuItem(t, w, "1")
	if got, want := must(p.CodeKeys(ctx)), map[int]int64{1: deel.ID}; !maps.Equal(got, want) {
		t.Fatalf("keys after choosing Key > 1: got %v, want %v", got, want)
	}
	if k := rowOf(t, w, deel.Name).key; !k.box.Visible() || k.digit.Text != "1" {
		t.Errorf("the row shows the key %q (visible %v), want 1", k.digit.Text, k.box.Visible())
	}
	if k := rowOf(t, w, motivatie.Name).key; k.box.Visible() {
		t.Errorf("the other row shows a key %q", k.digit.Text)
	}

	// Click into the transcript (it takes the focus), select, press 1.
	test.TapCanvas(w.win.Canvas(), absPos(w.transcript).AddXY(80, 20))
	focused := w.win.Canvas().Focused()
	if focused == nil {
		t.Fatal("the transcript did not take the focus")
	}
	selectText(t, w, "mijn motivatie")
	test.Type(focused, "1")
	if got, want := codingsOf(t, p), []string{"Deel wat je leert: mijn motivatie"}; !slices.Equal(got, want) {
		t.Fatalf("codings after pressing 1: got %q, want %q", got, want)
	}
	if got, want := w.status.Text, `Coded 14 characters with "Deel wat je leert". Ctrl+Z undoes it.`; got != want {
		t.Errorf("status %q, want %q (as when clicking the code)", got, want)
	}
	typeShortcut(w.win, keyUndo) // Ctrl+Z, as Fyne delivers it
	if got := codingsOf(t, p); len(got) != 0 {
		t.Errorf("after Ctrl+Z: %q, want none", got)
	}
	if got := must(p.CodeKeys(ctx)); got[1] != deel.ID {
		t.Errorf("undo took the key too: %v", got)
	}

	// With nothing focused the canvas gets the key.
	w.win.Canvas().Unfocus()
	selectText(t, w, "eigen drive")
	test.TypeOnCanvas(w.win.Canvas(), "1")
	if got, want := codingsOf(t, p), []string{"Deel wat je leert: eigen drive"}; !slices.Equal(got, want) {
		t.Errorf("codings after pressing 1 on the canvas: got %q, want %q", got, want)
	}

	// A digit without a code explains; typed into the filter it filters.
	test.TypeOnCanvas(w.win.Canvas(), "2")
	if !strings.Contains(w.status.Text, "No code has the key 2") {
		t.Errorf("status after an unassigned key: %q", w.status.Text)
	}
	w.win.Canvas().Focus(w.codebook.filter)
	test.Type(w.codebook.filter, "1")
	if n := len(codingsOf(t, p)); n != 1 || w.codebook.filter.Text != "1" {
		t.Errorf("typing 1 into the filter: %d codings, filter %q", n, w.codebook.filter.Text)
	}
	w.codebook.clearFilter()

	// A letter typed in the transcript starts the filter; Enter codes.
	test.TapCanvas(w.win.Canvas(), absPos(w.transcript).AddXY(80, 20))
	selectText(t, w, "Waar begin je")
	test.Type(w.win.Canvas().Focused(), "vertr")
	if w.win.Canvas().Focused() != w.codebook.filter || w.codebook.filter.Text != "vertr" {
		t.Fatalf("typing in the transcript: focus on %T, filter %q", w.win.Canvas().Focused(), w.codebook.filter.Text)
	}
	w.codebook.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := codingsOf(t, p); !slices.Contains(got, "Vertrek vanuit motivatie: Waar begin je") {
		t.Errorf("codings after typing vertr and Enter: %q", got)
	}
	w.codebook.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.win.Canvas().Focused() != nil || w.codebook.filter.Text != "" {
		t.Errorf("after Escape: focus on %T, filter %q", w.win.Canvas().Focused(), w.codebook.filter.Text)
	}

	// Reassigning the key moves it; the menu said whose it was.
	openCodeMenu(t, w, motivatie.Name)
	hoverMenuItem(t, w, "Key")
	tapMenuItem(t, w, "1   (now Deel wat je leert)")
	if got, want := must(p.CodeKeys(ctx)), map[int]int64{1: motivatie.ID}; !maps.Equal(got, want) {
		t.Errorf("keys after giving 1 to the other code: got %v, want %v", got, want)
	}
	if !strings.Contains(w.status.Text, "no longer") {
		t.Errorf("status %q", w.status.Text)
	}
	if k := rowOf(t, w, deel.Name).key; k.box.Visible() {
		t.Errorf("the old code still shows the key %q", k.digit.Text)
	}
	openCodeMenu(t, w, motivatie.Name)
	hoverMenuItem(t, w, "Key")
	tapMenuItem(t, w, "None")
	if got := must(p.CodeKeys(ctx)); len(got) != 0 {
		t.Errorf("keys after None: %v", got)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// treeProject adds to testProject a parent with two sub-codes, an accented
// name and codings.
func treeProject(t *testing.T, w *MainWindow, p *model.Project) {
	t.Helper()
	ctx := context.Background()
	leren, _ := p.AddCode(ctx, 0, "Leren", "#009E73", "")
	p.AddCode(ctx, leren.ID, "Samenwerking", "", "")
	coop, _ := p.AddCode(ctx, leren.ID, "Coöperatie", "", "")
	deel := codeNamed(t, p, "Deel wat je leert")
	if err := p.MoveCode(ctx, deel.ID, leren.ID); err != nil {
		t.Fatal(err)
	}
	applyAt(t, p, leren.ID, w.doc.ID, "Waar begin je", 1)
	applyAt(t, p, coop.ID, w.doc.ID, "mijn eigen drive", 1)
	applyAt(t, p, coop.ID, w.doc.ID, "motivatie", 1)
	applyAt(t, p, deel.ID, w.doc.ID, "Bij mijn", 1)
	w.refresh()
}

func TestCodebookFilter(t *testing.T) {
	w, p := newTestWindow(t)
	treeProject(t, w, p)
	before := len(codingsOf(t, p))

	cases := []struct {
		typed string
		want  []string
	}{
		{"coop", []string{"(Leren)", "Coöperatie", "+coop"}},
		{"COÖP", []string{"(Leren)", "Coöperatie", "+COÖP"}},
		{"motiv", []string{"Vertrek vanuit motivatie", "+motiv"}},
		{"le", []string{"Leren", "Deel wat je leert", "+le"}},
		{"wer", []string{"(Leren)", "Samenwerking", "+wer"}},
		{"leren", []string{"Leren"}}, // a code with the name: nothing to create
		{"zzz", []string{"+zzz"}},
	}
	for _, c := range cases {
		t.Run(c.typed, func(t *testing.T) {
			w.codebook.filter.SetText("")
			test.Type(w.codebook.filter, c.typed)
			if got := shownRows(w); !slices.Equal(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}

	// Enter applies the first match to the selection.
	w.codebook.filter.SetText("")
	selectText(t, w, "Interviewer")
	test.Type(w.codebook.filter, "motiv")
	w.codebook.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := codingsOf(t, p); len(got) != before+1 || !slices.Contains(got, "Vertrek vanuit motivatie: Interviewer") {
		t.Errorf("codings after Enter: %q", got)
	}
	if !strings.Contains(w.status.Text, `with "Vertrek vanuit motivatie"`) {
		t.Errorf("status %q", w.status.Text)
	}

	// The create row makes the code with the selection as its first coding.
	w.codebook.filter.SetText("")
	selectText(t, w, "begin")
	test.Type(w.codebook.filter, "Nieuwsgierigheid")
	rows := codeRowViews(w)
	if len(rows) != 1 || rows[0].row.create != "Nieuwsgierigheid" || !strings.Contains(rows[0].name.Text, "Create code “Nieuwsgierigheid”") {
		t.Fatalf("rows for a new name: %v", shownRows(w))
	}
	tapRow(w, rows[0])
	c := codeNamed(t, p, "Nieuwsgierigheid")
	if c.Codings != 1 || !slices.Contains(codingsOf(t, p), "Nieuwsgierigheid: begin") {
		t.Errorf("created %+v with codings %q", c, codingsOf(t, p))
	}
	if got := shownRows(w); !slices.Equal(got, []string{"Nieuwsgierigheid"}) {
		t.Errorf("after creating, the filter shows %q", got)
	}
	w.onUndo()
	if _, err := p.FindCode(context.Background(), "Nieuwsgierigheid"); err == nil {
		t.Error("one undo left the created code")
	}

	// Enter with no match creates too; Escape empties the filter.
	w.codebook.filter.SetText("")
	selectText(t, w, "Ana")
	test.Type(w.codebook.filter, "Namen")
	w.codebook.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if c := codeNamed(t, p, "Namen"); c.Codings != 1 {
		t.Errorf("Enter on a new name: %+v", c)
	}
	w.codebook.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.codebook.filter.Text != "" || len(w.codebook.rows) != len(w.codebook.codes) {
		t.Errorf("after Escape: filter %q, %d rows for %d codes", w.codebook.filter.Text, len(w.codebook.rows), len(w.codebook.codes))
	}
}

func TestCodebookTreeCollapsesAndRollsUp(t *testing.T) {
	w, p := newTestWindow(t)
	treeProject(t, w, p)
	want := []string{"Vertrek vanuit motivatie", "Leren", "Samenwerking", "Coöperatie", "Deel wat je leert"}
	if got := shownRows(w); !slices.Equal(got, want) {
		t.Fatalf("rows %q, want %q", got, want)
	}
	leren := rowOf(t, w, "Leren")
	if got, want := leren.count.Text, "1 · 4"; got != want {
		t.Errorf("Leren's count %q, want %q (own · with sub-codes)", got, want)
	}
	if got, want := rowOf(t, w, "Coöperatie").count.Text, "2"; got != want {
		t.Errorf("Coöperatie's count %q, want %q", got, want)
	}
	if !leren.fold.Visible() || rowOf(t, w, "Coöperatie").fold.Visible() {
		t.Errorf("disclosure: on the parent %v, on a leaf %v", leren.fold.Visible(), rowOf(t, w, "Coöperatie").fold.Visible())
	}

	test.Tap(leren.fold)
	if got, want := shownRows(w), []string{"Vertrek vanuit motivatie", "Leren"}; !slices.Equal(got, want) {
		t.Errorf("collapsed: %q, want %q", got, want)
	}
	if n := len(codeRowViews(w)); n != 2 {
		t.Errorf("%d rows on screen after collapsing, want 2", n)
	}
	w.refresh() // any change: the code stays collapsed
	if got := shownRows(w); len(got) != 2 {
		t.Errorf("after a refresh: %q", got)
	}
	test.Tap(rowOf(t, w, "Leren").fold)
	if got := shownRows(w); !slices.Equal(got, want) {
		t.Errorf("expanded again: %q, want %q", got, want)
	}
}

func TestMoveUnderAndToTopLevel(t *testing.T) {
	w, p := newTestWindow(t)
	treeProject(t, w, p)

	openCodeMenu(t, w, "Vertrek vanuit motivatie")
	tapMenuItem(t, w, "Move under…")
	top := w.win.Canvas().Overlays().Top()
	if got := labelTexts(top); !strings.Contains(got, `Move "Vertrek vanuit motivatie" under`) {
		t.Fatalf("the dialog shows:\n%s", got)
	}
	chooseInDialog(t, w, "Leren > Coöperatie")
	tapButton(t, top, "Move")
	coop := codeNamed(t, p, "Leren > Coöperatie")
	if c := codeNamed(t, p, "Vertrek vanuit motivatie"); c.ParentID != coop.ID {
		t.Fatalf("parent after Move under…: %d, want %d", c.ParentID, coop.ID)
	}
	if got, want := rowOf(t, w, "Leren").count.Text, "1 · 4"; got != want {
		t.Errorf("Leren's count after the move %q, want %q", got, want)
	}

	openCodeMenu(t, w, "Vertrek vanuit motivatie")
	tapMenuItem(t, w, "Move to top level")
	if c := codeNamed(t, p, "Vertrek vanuit motivatie"); c.ParentID != 0 {
		t.Errorf("parent after Move to top level: %d", c.ParentID)
	}
	w.onUndo()
	if c := codeNamed(t, p, "Vertrek vanuit motivatie"); c.ParentID != coop.ID {
		t.Errorf("parent after undo: %d, want %d", c.ParentID, coop.ID)
	}

	// A code is not offered as its own parent, nor anything under it.
	w.onRedo()
	openCodeMenu(t, w, "Leren")
	tapMenuItem(t, w, "Move under…")
	top = w.win.Canvas().Overlays().Top()
	var offered []string
	for _, x := range allObjectsUnder(top) {
		if s, ok := x.(*widget.Select); ok {
			offered = s.Options
		}
	}
	if want := []string{"Vertrek vanuit motivatie"}; !slices.Equal(offered, want) {
		t.Errorf("parents offered for Leren: %q, want %q", offered, want)
	}
	top.Hide()
}

func TestSelectModeMovesAndMergesSeveral(t *testing.T) {
	w, p := newTestWindow(t)
	treeProject(t, w, p)
	ctx := context.Background()

	test.Tap(w.codebook.selectButton)
	if !w.codebook.selectBar.Visible() || !rowOf(t, w, "Samenwerking").check.Visible() {
		t.Fatal("Select shows no ticks")
	}
	if !w.codebook.mergeButton.Disabled() {
		t.Error("Merge into… enabled with nothing ticked")
	}
	tapRow(w, rowOf(t, w, "Samenwerking"))
	test.Tap(rowOf(t, w, "Deel wat je leert").check)
	if n := len(codingsOf(t, p)); n != 4 {
		t.Errorf("tapping rows in select mode coded something: %d codings", n)
	}
	if got := w.codebook.picked.Text; got != "2 codes ticked." {
		t.Errorf("bar says %q", got)
	}
	tapButton(t, w.codebook.box, "Merge into…")
	top := w.win.Canvas().Overlays().Top()
	if got := labelTexts(top); !strings.Contains(got, "Merge 2 codes (1 coding) into") {
		t.Errorf("dialog:\n%s", got)
	}
	chooseInDialog(t, w, "Leren > Coöperatie")
	tapButton(t, top, "Merge")
	codes := must(p.Codes(ctx))
	var names []string
	for _, c := range codes {
		names = append(names, c.Name)
	}
	if want := []string{"Vertrek vanuit motivatie", "Leren", "Coöperatie"}; !slices.Equal(names, want) {
		t.Errorf("codes after merging: %q, want %q", names, want)
	}
	if c := codeNamed(t, p, "Coöperatie"); c.Codings != 3 {
		t.Errorf("Coöperatie has %d codings after the merge, want 3", c.Codings)
	}
	if w.codebook.selecting {
		t.Error("still in select mode after merging")
	}
	w.onUndo() // both merges are one step
	if n := len(must(p.Codes(ctx))); n != 5 {
		t.Errorf("%d codes after one undo of the merge, want 5", n)
	}
	if !strings.Contains(w.status.Text, "Merge 2 codes into “Coöperatie”") {
		t.Errorf("status after undo %q, want the step named", w.status.Text)
	}

	// Move several at once.
	test.Tap(w.codebook.selectButton)
	tapRow(w, rowOf(t, w, "Coöperatie"))
	tapRow(w, rowOf(t, w, "Deel wat je leert"))
	tapButton(t, w.codebook.box, "Move under…")
	top = w.win.Canvas().Overlays().Top()
	chooseInDialog(t, w, "(top level)")
	tapButton(t, top, "Move")
	for _, n := range []string{"Coöperatie", "Deel wat je leert"} {
		if c := codeNamed(t, p, n); c.ParentID != 0 {
			t.Errorf("%s under %d after moving to the top level", n, c.ParentID)
		}
	}
	w.onUndo()
	leren := codeNamed(t, p, "Leren")
	for _, n := range []string{"Coöperatie", "Deel wat je leert"} {
		if c := codeNamed(t, p, n); c.ParentID != leren.ID {
			t.Errorf("%s under %d after one undo, want %d", n, c.ParentID, leren.ID)
		}
	}

	// When one of them cannot go (a name taken there), none goes.
	p.AddCode(ctx, 0, "Samenwerking", "", "")
	w.refresh()
	test.Tap(w.codebook.selectButton)
	for _, v := range codeRowViews(w) {
		if v.row.code.Name == "Samenwerking" || v.row.code.Name == "Coöperatie" {
			tapRow(w, v)
		}
	}
	tapButton(t, w.codebook.box, "Move under…")
	top = w.win.Canvas().Overlays().Top()
	chooseInDialog(t, w, "Vertrek vanuit motivatie")
	tapButton(t, top, "Move")
	if got := labelTexts(w.win.Canvas().Overlays().Top()); !strings.Contains(got, "Samenwerking") {
		t.Errorf("no error shown; on top:\n%s", got)
	}
	for _, c := range must(p.Codes(ctx)) {
		if c.ParentID == codeNamed(t, p, "Vertrek vanuit motivatie").ID {
			t.Errorf("%s moved although the move failed", c.Name)
		}
	}
}

func TestColourPickerSetsTheColour(t *testing.T) {
	w, p := newTestWindow(t)
	openCodeMenu(t, w, "Deel wat je leert")
	tapMenuItem(t, w, "Edit…")
	top := w.win.Canvas().Overlays().Top()
	var swatches []*colorSwatch
	for _, x := range allObjectsUnder(top) {
		if s, ok := x.(*colorSwatch); ok {
			swatches = append(swatches, s)
		}
	}
	if len(swatches) != len(codePalette) {
		t.Fatalf("%d swatches, want the palette's %d (the code's colour is in it)", len(swatches), len(codePalette))
	}
	if !strings.Contains(labelTexts(top), "Colour: green") {
		t.Errorf("the picker does not name the code's colour:\n%s", labelTexts(top))
	}
	var sky *colorSwatch
	for _, s := range swatches {
		if s.color.hex == "#56B4E9" {
			sky = s
		}
	}
	test.Tap(sky)
	if !strings.Contains(labelTexts(top), "Colour: sky blue") {
		t.Errorf("after the tap:\n%s", labelTexts(top))
	}
	tapButton(t, top, "Save")
	if c := codeNamed(t, p, "Deel wat je leert"); c.Color != "#56B4E9" {
		t.Errorf("colour %q, want #56B4E9", c.Color)
	}
	if got := rowOf(t, w, "Deel wat je leert").swatch.FillColor; got != parseColor("#56B4E9") {
		t.Errorf("the row's swatch is %v", got)
	}

	// A colour from outside the palette is kept and offered first.
	p.EditCode(context.Background(), codeNamed(t, p, "Deel wat je leert").ID, model.CodeEdit{Color: ptr("#112233")})
	w.refresh()
	picker := newColorPicker("#112233")
	if picker.swatches[0].color.hex != "#112233" || picker.selected != "#112233" || len(picker.swatches) != len(codePalette)+1 {
		t.Errorf("picker for an outside colour: first %q, selected %q, %d swatches", picker.swatches[0].color.hex, picker.selected, len(picker.swatches))
	}
}

func ptr[T any](v T) *T { return &v }

func TestTruncatedNameShowsInFullOnHover(t *testing.T) {
	old := tipDelay
	tipDelay = 0
	t.Cleanup(func() { tipDelay = old })
	w, p := newTestWindow(t)
	long := "Vertrouwen opbouwen met bewoners door er jarenlang te zijn, ook als het tegenzit"
	p.AddCode(context.Background(), 0, long, "", "")
	p.AddCode(context.Background(), 0, "Zorg", "", "")
	p.AddCode(context.Background(), 0, "Zin", "", "")
	w.refresh()

	short := rowOf(t, w, "Deel wat je leert").name
	test.MoveMouse(w.win.Canvas(), absPos(short).AddXY(5, 5))
	if got := w.codebook.tip.shown(); got != "" {
		t.Errorf("a name shown whole has a tip: %q", got)
	}
	name := rowOf(t, w, long).name
	if !name.truncated() {
		t.Fatalf("the long name fits (%v wide): make it longer", name.Size().Width)
	}
	test.MoveMouse(w.win.Canvas(), absPos(name).AddXY(5, 5))
	if got := w.codebook.tip.shown(); got != long {
		t.Errorf("tip %q, want the full name", got)
	}
	tipBottom := absPos(w.codebook.tip.bg).Y + w.codebook.tip.bg.Size().Height
	if lines := w.codebook.tip.bg.Size().Height / fyne.MeasureText("M", 14, fyne.TextStyle{}).Height; lines < 2 {
		t.Errorf("the tip is %.0f lines high; the full name needs more than one at this width", lines)
	}
	if tipBottom > absPos(w.codebook.box).Y+w.codebook.box.Size().Height {
		t.Errorf("the tip runs off the panel")
	}
	// The tip takes no tap: a click on the row under it still codes.
	selectText(t, w, "mijn motivatie")
	zorg := rowOf(t, w, "Zorg")
	pos := absPos(zorg).AddXY(zorg.Size().Width/3, zorg.Size().Height/2)
	if tip := absPos(w.codebook.tip.bg); pos.Y < tip.Y || pos.Y > tip.Y+w.codebook.tip.bg.Size().Height {
		t.Fatalf("the tip (at %v) does not cover the row Zorg (%v)", tip, pos)
	}
	test.TapCanvas(w.win.Canvas(), pos)
	if got := codingsOf(t, p); len(got) != 1 || !strings.HasPrefix(got[0], "Zorg: ") {
		t.Errorf("a click on the tip over the row Zorg coded %q", got)
	}
	test.MoveMouse(w.win.Canvas(), absPos(w.transcript).AddXY(50, 50))
	if got := w.codebook.tip.shown(); got != "" {
		t.Errorf("tip still shown after the mouse left: %q", got)
	}
}
