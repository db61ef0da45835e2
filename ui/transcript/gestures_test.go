package transcript

import (
	"image/color"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// withClock makes the view's clock stand still at the returned time, moved
// on by the function returned.
func withClock(t *testing.T) (advance func(time.Duration)) {
	t.Helper()
	at := time.Date(2026, 5, 12, 10, 0, 0, 0, time.UTC)
	now = func() time.Time { return at }
	t.Cleanup(func() { now = time.Now })
	return func(d time.Duration) { at = at.Add(d) }
}

// click sends what the desktop driver sends for one click at a canvas
// position: MouseDown, MouseUp, then Tapped.
func click(v *View, at fyne.Position) {
	ev := &desktop.MouseEvent{Button: desktop.MouseButtonPrimary}
	ev.Position = at.Subtract(pageOrigin(v))
	ev.AbsolutePosition = at
	v.page.MouseDown(ev)
	v.page.MouseUp(ev)
	v.page.Tapped(&ev.PointEvent)
}

// headed is a transcript whose second turn's text does not start with its
// speaker's label: the label is drawn above it.
const headed = "Ana: Eerst dit.\nDan komt er een tweede alinea.\nEn dan iets zonder spreker."

func headedBlocks() []Block {
	return []Block{{Start: 0, End: 15, Speaker: "Ana"}, {Start: 16, End: 46, Speaker: "Bob"}}
}

func TestTripleClickSelectsTheTurn(t *testing.T) {
	tests := []struct {
		name, text string
		blocks     []Block
		at         string // click in the middle of this
		want       string
	}{
		{"first turn", multibyte, multibyteBlocks(), "menu", "Het café’s menu kost €12, zei Zoë 👍 echt."},
		{"on the label", multibyte, multibyteBlocks(), "search", "Naïve vraag: 🙂🙂 of niet?"},
		{"last turn", multibyte, multibyteBlocks(), "dat", "Ja, dat ëindigt hier."},
		{"label above the turn", headed, headedBlocks(), "tweede", "Dan komt er een tweede alinea."},
		{"outside the turns", headed, headedBlocks(), "spreker", "En dan iets zonder spreker."},
	}
	for _, tt := range tests {
		for _, how := range []string{"mouse", "taps"} {
			t.Run(tt.name+" by "+how, func(t *testing.T) {
				withClock(t)
				v, w := newTestView(t, tt.text, tt.blocks, fyne.NewSize(600, 300))
				var tapped int
				v.OnHighlightTapped = func([]int64, int) { tapped++ }
				v.SetHighlights([]Highlight{{Start: 0, End: 60, Color: red, ID: 1}})
				var reported [][2]int
				v.OnSelectionChanged = func(s, e int) { reported = append(reported, [2]int{s, e}) }
				at := midRune(v, runeIndex(t, tt.text, tt.at)+1)
				for range 3 {
					if how == "mouse" {
						click(v, at)
					} else {
						test.TapCanvas(w.Canvas(), at) // a tap without MouseDown, as on a touch screen
					}
				}
				if got := v.SelectedText(); got != tt.want {
					t.Errorf("after three clicks: got %q, want %q", got, tt.want)
				}
				s, e := v.Selection()
				if last := reported[len(reported)-1]; last != [2]int{s, e} {
					t.Errorf("OnSelectionChanged last told %v, want [%d %d]", last, s, e)
				}
				if start := runeIndex(t, tt.text, tt.at); start < 60 && tapped != 1 {
					t.Errorf("OnHighlightTapped called %d times, want once (for the first click)", tapped)
				}
			})
		}
	}
}

func TestSlowClicksDoNotMakeATripleClick(t *testing.T) {
	advance := withClock(t)
	v, _ := newTestView(t, multibyte, multibyteBlocks(), fyne.NewSize(600, 300))
	at := midRune(v, runeIndex(t, multibyte, "menu")+1)
	click(v, at)
	advance(100 * time.Millisecond)
	click(v, at)
	if got := v.SelectedText(); got != "menu" {
		t.Fatalf("double click: got %q, want the word", got)
	}
	advance(time.Second)
	click(v, at)
	if s, e := v.Selection(); s != e {
		t.Errorf("a third click a second later selected %q, want only the caret", v.SelectedText())
	}
	// and a third click elsewhere is a first click there
	click(v, at)
	advance(100 * time.Millisecond)
	click(v, at)
	click(v, midRune(v, runeIndex(t, multibyte, "Zoë")))
	if s, e := v.Selection(); s != e {
		t.Errorf("a third click elsewhere selected %q, want only the caret", v.SelectedText())
	}
}

func TestRightClickOpensTheSelectionMenu(t *testing.T) {
	v, _ := newTestView(t, multibyte, multibyteBlocks(), fyne.NewSize(600, 300))
	var menus []fyne.Position
	v.OnSelectionMenu = func(at fyne.Position) { menus = append(menus, at) }
	a, b := runeIndex(t, multibyte, "café"), runeIndex(t, multibyte, "€12")
	v.Select(a, b)
	page := pageOrigin(v)

	in := midRune(v, a+6)
	test.TapSecondaryAt(v.page, in.Subtract(page))
	if s, e := v.Selection(); s != a || e != b {
		t.Errorf("right-click inside the selection changed it to %s", describe(s, e, v.SelectedText()))
	}
	if len(menus) != 1 {
		t.Fatalf("OnSelectionMenu called %d times, want once", len(menus))
	}
	if d := menus[0].Subtract(absPos(v.page).Add(in.Subtract(page))); d.X != 0 || d.Y != 0 {
		t.Errorf("menu at %v, want at the click", menus[0])
	}

	test.TapSecondaryAt(v.page, midRune(v, runeIndex(t, multibyte, "vraag")+2).Subtract(page))
	if got := v.SelectedText(); got != "vraag" {
		t.Errorf("right-click outside the selection selected %q, want the word under it", got)
	}
	if len(menus) != 2 {
		t.Errorf("OnSelectionMenu called %d times, want twice", len(menus))
	}

	test.TapSecondaryAt(v.page, fyne.NewPos(2, in.Y-page.Y)) // the margin
	if len(menus) != 2 || v.SelectedText() != "vraag" {
		t.Errorf("right-click in the margin: %d menus, selection %q; want neither changed", len(menus), v.SelectedText())
	}
}

func absPos(o fyne.CanvasObject) fyne.Position {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
}

// drag sends a drag from one canvas position to others as the desktop
// driver does: MouseDown, then each event to the page, with the pointer's
// position and the distance from the last, MouseUp, DragEnd.
func drag(v *View, from fyne.Position, to ...fyne.Position) {
	origin := pageOrigin(v)
	ev := &desktop.MouseEvent{Button: desktop.MouseButtonPrimary}
	ev.Position = from.Subtract(origin)
	v.page.MouseDown(ev)
	last := from
	for _, at := range to {
		d := fyne.NewDelta(at.X-last.X, at.Y-last.Y)
		v.page.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at.Subtract(origin)}, Dragged: d})
		last = at
	}
	ev.Position = last.Subtract(origin)
	v.page.MouseUp(ev)
	v.page.DragEnd()
}

func TestDragFromInsideTheSelectionCarriesItAway(t *testing.T) {
	advance := withClock(t)
	v, w := newTestView(t, multibyte, multibyteBlocks(), fyne.NewSize(600, 300))
	var dragged, dropped []fyne.Position
	v.OnSelectionDragged = func(at fyne.Position) { dragged = append(dragged, at) }
	v.OnSelectionDropped = func(at fyne.Position) { dropped = append(dropped, at) }
	var changed [][2]int
	v.OnSelectionChanged = func(s, e int) { changed = append(changed, [2]int{s, e}) }
	a, b := runeIndex(t, multibyte, "café"), runeIndex(t, multibyte, "€12")
	reset := func() {
		advance(time.Second) // no double click
		v.Select(a, b)
		dragged, dropped, changed = nil, nil, nil
	}
	from := midRune(v, a+3)
	inside := midRune(v, runeIndex(t, multibyte, "Naïve"))
	off := fyne.NewPos(650, 100) // right of the view: over the codebook, in the window
	wantAt := absPos(v.page).Add(off.Subtract(pageOrigin(v)))

	reset()
	drag(v, from, inside, off)
	if s, e := v.Selection(); s != a || e != b {
		t.Errorf("carried out of the view: selection %s, want it kept", describe(s, e, v.SelectedText()))
	}
	if len(changed) != 0 {
		t.Errorf("carried out of the view: OnSelectionChanged told %v", changed)
	}
	if len(dragged) != 1 || dragged[0] != wantAt {
		t.Errorf("OnSelectionDragged: got %v, want [%v]", dragged, wantAt)
	}
	if len(dropped) != 1 || dropped[0] != wantAt {
		t.Errorf("OnSelectionDropped: got %v, want [%v]", dropped, wantAt)
	}

	// Let go over the text, the same drag selects from where it started.
	for _, path := range [][]fyne.Position{{inside}, {off, inside}} {
		reset()
		drag(v, from, path...)
		s, e := v.Selection()
		if want := v.page.caretAt(from.Subtract(pageOrigin(v))); s != want || e != v.page.caretAt(inside.Subtract(pageOrigin(v))) {
			t.Errorf("let go over the text after %d moves: selection %s, want from %d to the pointer", len(path), describe(s, e, v.SelectedText()), want)
		}
		if len(dropped) != 0 || len(changed) != 1 {
			t.Errorf("let go over the text: %d drops, OnSelectionChanged told %v; want none and one", len(dropped), changed)
		}
	}

	// A click inside the selection, without a drag, collapses it.
	reset()
	click(v, from)
	if s, e := v.Selection(); s != e || s < a+3 || s > a+4 {
		t.Errorf("a click inside the selection: got %s, want the caret where it was clicked (%d or %d)", describe(s, e, v.SelectedText()), a+3, a+4)
	}

	// A drag that starts outside the selection selects anew, even when it
	// leaves the view.
	reset()
	c := runeIndex(t, multibyte, "Naïve")
	f, to := posOf(v, c), posOf(v, c+5)
	test.Drag(w.Canvas(), to, to.X-f.X, to.Y-f.Y) // test.Drag sends the event at the start position plus the delta
	if got := v.SelectedText(); got != "Naïve" || len(dropped) != 0 {
		t.Errorf("a drag outside the selection: selected %q, %d drops; want %q and none", got, len(dropped), "Naïve")
	}
	reset()
	drag(v, posOf(v, c), off)
	if len(dropped) != 0 || len(dragged) != 0 {
		t.Errorf("a drag from outside the selection carried it: %d drags, %d drops", len(dragged), len(dropped))
	}
}

func TestStripeHoverOutlinesThePassage(t *testing.T) {
	v, w := goldenView(t)
	hs := overlapping(t)
	v.SetHighlights(hs)
	var tapped [][]int64
	v.OnHighlightTapped = func(ids []int64, _ int) { tapped = append(tapped, ids) }

	at := stripePos(t, v, 2)
	test.MoveMouse(w.Canvas(), at)
	blue := opaque(hs[1].Color)
	var outlined []float32
	var fill uint8
	tip := ""
	for _, o := range test.WidgetRenderer(v.page).Objects() {
		switch o := o.(type) {
		case *canvas.Rectangle:
			if o.StrokeWidth > 0 && o.StrokeColor == blue {
				outlined = append(outlined, o.Position().Y)
			}
			if c, ok := o.FillColor.(color.NRGBA); ok && c.R == blue.R && c.G == blue.G && c.B == blue.B && o.Size().Height == v.lay.sp.lineH && o.Position().X >= v.textLeft() {
				fill = max(fill, c.A)
			}
		case *canvas.Text:
			if o.Text == hs[1].Name {
				tip = o.Text
			}
		}
	}
	if len(outlined) != 2 {
		t.Errorf("hovering the stripe outlined %d line parts, want the 2 lines of the passage", len(outlined))
	}
	if tip == "" {
		t.Errorf("hovering the stripe does not name its code %q", hs[1].Name)
	}
	if fill <= hs[1].Color.A {
		t.Errorf("hovered fill alpha %d, want more than the plain %d", fill, hs[1].Color.A)
	}
	if v.page.Cursor() != desktop.PointerCursor {
		t.Error("the cursor over a stripe is not the pointer")
	}

	test.TapCanvas(w.Canvas(), at)
	if len(tapped) != 1 || !slices.Equal(tapped[0], []int64{2}) {
		t.Errorf("a click on the stripe reported %v, want [[2]]", tapped)
	}

	test.MoveMouse(w.Canvas(), midRune(v, runeIndex(t, multibyte, "dat")))
	for _, o := range test.WidgetRenderer(v.page).Objects() {
		if r, ok := o.(*canvas.Rectangle); ok && r.StrokeWidth > 0 {
			t.Errorf("an outline is left once the pointer is off the stripe")
		}
		if tx, ok := o.(*canvas.Text); ok && tx.Text == hs[1].Name {
			t.Errorf("the tip is left once the pointer is off the stripe")
		}
	}
}
