package transcript

import (
	"image/color"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// multibyte is a short interview with the runes that tell bytes from runes.
const multibyte = "Ana: Het café’s menu kost €12, zei Zoë 👍 echt.\n" +
	"Researcher 1: Naïve vraag: 🙂🙂 of niet?\n" +
	"Ana: Ja, dat ëindigt hier."

func multibyteBlocks() []Block {
	lines := strings.Split(multibyte, "\n")
	var blocks []Block
	off := 0
	for _, l := range lines {
		n := utf8.RuneCountInString(l)
		sp, _, _ := strings.Cut(l, ":")
		blocks = append(blocks, Block{Start: off, End: off + n, Speaker: sp})
		off += n + 1
	}
	return blocks
}

func TestDragSelectsExactRunes(t *testing.T) {
	tests := []struct {
		name     string
		from, to string // drag from the start of from to the end of to
	}{
		{"within a line", "café’s", "€12"},
		{"emoji", "Zoë", "👍"},
		{"across turns", "echt", "Naïve"},
		{"backwards", "🙂🙂", "café"},
		{"label", "Researcher 1", "vraag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, w := newTestView(t, multibyte, multibyteBlocks(), fyne.NewSize(600, 400))
			var got [][2]int
			v.OnSelectionChanged = func(s, e int) { got = append(got, [2]int{s, e}) }

			a := runeIndex(t, multibyte, tt.from)
			b := runeIndex(t, multibyte, tt.to) + utf8.RuneCountInString(tt.to)
			from, to := posOf(v, a), posOf(v, b)
			if tt.name == "backwards" {
				a, b = runeIndex(t, multibyte, tt.to), runeIndex(t, multibyte, tt.from)+utf8.RuneCountInString(tt.from)
				from, to = posOf(v, b), posOf(v, a)
			}
			d := to.Subtract(from)
			test.Drag(w.Canvas(), to, d.X, d.Y)

			s, e := v.Selection()
			if s != a || e != b {
				t.Errorf("selection: got %s, want %s", describe(s, e, v.SelectedText()), describe(a, b, string([]rune(multibyte)[a:b])))
			}
			if want := string([]rune(multibyte)[a:b]); v.SelectedText() != want {
				t.Errorf("selected text: got %q, want %q", v.SelectedText(), want)
			}
			if len(got) != 1 || got[0] != [2]int{a, b} {
				t.Errorf("OnSelectionChanged: got %v, want one call with [%d %d]", got, a, b)
			}
		})
	}
}

func TestClickAndShiftClick(t *testing.T) {
	v, _ := newTestView(t, multibyte, multibyteBlocks(), fyne.NewSize(600, 400))
	page := pageOrigin(v)
	click := func(off int, mod fyne.KeyModifier) {
		ev := &desktop.MouseEvent{Button: desktop.MouseButtonPrimary, Modifier: mod}
		ev.Position = posOf(v, off).Subtract(page)
		v.page.MouseDown(ev)
		v.page.MouseUp(ev)
		v.page.Tapped(&ev.PointEvent)
	}
	a, b := runeIndex(t, multibyte, "€"), runeIndex(t, multibyte, "ëindigt")
	click(a, 0)
	if s, e := v.Selection(); s != a || e != a {
		t.Fatalf("after click: got [%d,%d), want empty at %d", s, e, a)
	}
	click(b, fyne.KeyModifierShift)
	if s, e := v.Selection(); s != a || e != b {
		t.Fatalf("after shift+click: got [%d,%d), want [%d,%d)", s, e, a, b)
	}
	if !strings.HasPrefix(v.SelectedText(), "€12, zei Zoë 👍") || !strings.HasSuffix(v.SelectedText(), "dat ") {
		t.Errorf("selected text %q", v.SelectedText())
	}
	// a shift+click before the anchor selects backwards from it
	c := runeIndex(t, multibyte, "café")
	click(c, fyne.KeyModifierShift)
	if s, e := v.Selection(); s != c || e != a {
		t.Errorf("after shift+click before: got [%d,%d), want [%d,%d)", s, e, c, a)
	}
}

func TestKeyboardSelection(t *testing.T) {
	v, w := newTestView(t, multibyte, multibyteBlocks(), fyne.NewSize(600, 400))
	w.Canvas().Focus(v.page)
	start := runeIndex(t, multibyte, "Zoë")
	v.Select(start, start)

	key := func(name fyne.KeyName) { v.page.TypedKey(&fyne.KeyEvent{Name: name}) }
	shift := &fyne.KeyEvent{Name: desktop.KeyShiftLeft}

	v.page.KeyDown(shift)
	for range 5 {
		key(fyne.KeyRight) // Z o ë space 👍
	}
	if got, want := v.SelectedText(), "Zoë 👍"; got != want {
		t.Errorf("shift+right x5: got %q, want %q", got, want)
	}
	key(fyne.KeyLeft)
	if got, want := v.SelectedText(), "Zoë "; got != want {
		t.Errorf("shift+left: got %q, want %q", got, want)
	}
	key(fyne.KeyEnd)
	if got, want := v.SelectedText(), "Zoë 👍 echt."; got != want {
		t.Errorf("shift+end: got %q, want %q", got, want)
	}
	key(fyne.KeyRight) // over the line feed to the next turn
	if got, want := v.SelectedText(), "Zoë 👍 echt.\n"; got != want {
		t.Errorf("shift+right over the line feed: got %q, want %q", got, want)
	}
	key(fyne.KeyDown) // from the start of the second turn to the start of the third
	third := runeIndex(t, multibyte, "Ana: Ja")
	if s, e := v.Selection(); s != start || e != third {
		t.Errorf("shift+down: got [%d,%d), want [%d,%d)", s, e, start, third)
	}
	key(fyne.KeyEnd)
	if s, e := v.Selection(); s != start || e != utf8.RuneCountInString(multibyte) {
		t.Errorf("shift+end on the last line: got [%d,%d), want [%d,%d)", s, e, start, utf8.RuneCountInString(multibyte))
	}
	key(fyne.KeyHome)
	if s, e := v.Selection(); s != start || e != third {
		t.Errorf("shift+home: got [%d,%d), want [%d,%d)", s, e, start, third)
	}
	key(fyne.KeyUp)
	key(fyne.KeyUp)
	if s, e := v.Selection(); s != 0 || e != start {
		t.Errorf("shift+up twice: got [%d,%d), want [0,%d): the anchor stays, the caret goes before it", s, e, start)
	}
	v.page.KeyUp(shift)
	key(fyne.KeyRight) // without shift: collapse to the end
	if s, e := v.Selection(); s != start || e != start {
		t.Errorf("right without shift: got [%d,%d), want empty at %d", s, e, start)
	}

	// Ctrl+Shift+Right selects by words, Ctrl+A everything.
	v.page.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift})
	if got, want := v.SelectedText(), "Zoë"; got != want {
		t.Errorf("ctrl+shift+right: got %q, want %q", got, want)
	}
	v.page.TypedShortcut(&fyne.ShortcutSelectAll{})
	if s, e := v.Selection(); s != 0 || e != utf8.RuneCountInString(multibyte) {
		t.Errorf("select all: got [%d,%d)", s, e)
	}
}

func TestCopy(t *testing.T) {
	v, _ := newTestView(t, multibyte, multibyteBlocks(), fyne.NewSize(600, 400))
	a := runeIndex(t, multibyte, "café")
	b := runeIndex(t, multibyte, "Naïve") + len([]rune("Naïve"))
	v.Select(b, a) // reversed on purpose
	cb := fyne.CurrentApp().Clipboard()
	v.page.TypedShortcut(&fyne.ShortcutCopy{Clipboard: cb})
	want := "café’s menu kost €12, zei Zoë 👍 echt.\nResearcher 1: Naïve"
	if got := cb.Content(); got != want {
		t.Errorf("clipboard: got %q, want %q", got, want)
	}
	// without a clipboard in the shortcut the app's is used
	cb.SetContent("")
	v.page.TypedShortcut(&fyne.ShortcutCopy{})
	if got := cb.Content(); got != want {
		t.Errorf("clipboard from app: got %q, want %q", got, want)
	}
}

func TestSelectAndScrollTo(t *testing.T) {
	text, blocks := transcriptText(11, 60000)
	v, _ := newTestView(t, text, blocks, fyne.NewSize(700, 500))
	var got [][2]int
	v.OnSelectionChanged = func(s, e int) { got = append(got, [2]int{s, e}) }

	target := utf8.RuneCountInString(text) * 3 / 4
	v.Select(target, target+40)
	v.ScrollTo(target)

	if s, e := v.Selection(); s != target || e != target+40 {
		t.Errorf("selection: got [%d,%d), want [%d,%d)", s, e, target, target+40)
	}
	if len(got) != 1 {
		t.Errorf("OnSelectionChanged: got %v, want one call", got)
	}
	ln := v.lay.line(v.lay.lineOf(target))
	top := v.scroll.Offset.Y
	if ln.y < top || ln.y+v.lay.sp.lineH > top+v.scroll.Size().Height {
		t.Fatalf("line of %d at y %v is not in view [%v, %v]", target, ln.y, top, top+v.scroll.Size().Height)
	}
	if !slices.Contains(shownLines(v), v.lay.text[ln.bstart:ln.bend]) {
		t.Errorf("the line holding %d is not drawn; drawn: %q", target, shownLines(v))
	}
	// the selection is drawn in the theme's selection colour, laid over the
	// background so that nothing under it shows through
	bg := color.NRGBAModel.Convert(theme.Color(theme.ColorNameBackground)).(color.NRGBA)
	sel := over(bg, color.NRGBAModel.Convert(theme.Color(theme.ColorNameSelection)).(color.NRGBA))
	found := false
	for _, o := range test.WidgetRenderer(v.page).Objects() {
		if r, ok := o.(*canvas.Rectangle); ok && r.FillColor == sel {
			found = true
		}
	}
	if !found {
		t.Error("no selection rectangle drawn")
	}
	// a visible offset does not scroll
	v.ScrollTo(target + 1)
	if v.scroll.Offset.Y != top {
		t.Errorf("ScrollTo a visible offset moved the view from %v to %v", top, v.scroll.Offset.Y)
	}
}

func TestScrollToBeforeLayout(t *testing.T) {
	test.NewTempApp(t)
	text, blocks := transcriptText(5, 20000)
	v := New()
	v.SetText(text, blocks)
	target := runeIndex(t, text, "\n") + 15000
	v.ScrollTo(target)
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(600, 400))
	ln := v.lay.line(v.lay.lineOf(target))
	if top := v.scroll.Offset.Y; ln.y < top || ln.y > top+v.scroll.Size().Height {
		t.Errorf("line at y %v not in view from %v", ln.y, top)
	}
}

func TestHighlightTap(t *testing.T) {
	v, w := newTestView(t, multibyte, multibyteBlocks(), fyne.NewSize(600, 400))
	cafe := runeIndex(t, multibyte, "café")
	euro := runeIndex(t, multibyte, "€")
	v.SetHighlights([]Highlight{
		{Start: cafe, End: euro + 3, Color: red, ID: 10},
		{Start: euro, End: euro + 20, Color: green, ID: 20},
		{Start: euro + 1, End: euro + 2, Color: blue, ID: 30},
	})
	type call struct {
		ids []int64
		off int
	}
	var calls []call
	v.OnHighlightTapped = func(ids []int64, off int) { calls = append(calls, call{ids, off}) }

	tests := []struct {
		name string
		pos  fyne.Position
		want []int64
		off  int
	}{
		{"one coding", midRune(v, cafe+1), []int64{10}, cafe + 1},
		{"two overlap on €", midRune(v, euro), []int64{10, 20}, euro},
		{"three overlap", midRune(v, euro+1), []int64{10, 20, 30}, euro + 1},
		{"uncoded", midRune(v, 1), nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls = nil
			test.TapCanvas(w.Canvas(), tt.pos)
			if tt.want == nil {
				if len(calls) != 0 {
					t.Errorf("got %v, want no call", calls)
				}
				return
			}
			if len(calls) != 1 || !slices.Equal(calls[0].ids, tt.want) || calls[0].off != tt.off {
				t.Errorf("got %v, want ids %v at %d", calls, tt.want, tt.off)
			}
		})
	}

	// Each overlapping coding has its own stripe in the margin; a tap on one
	// reports that coding alone.
	stripes := map[float32]int64{}
	for _, o := range test.WidgetRenderer(v.page).Objects() {
		r, ok := o.(*canvas.Rectangle)
		if !ok || r.Position().X >= v.textLeft() {
			continue
		}
		for _, h := range v.hl.list {
			if r.FillColor == h.Color {
				stripes[r.Position().X] = h.ID
			}
		}
	}
	if len(stripes) != 3 {
		t.Fatalf("got stripes at %v, want 3 in separate lanes", stripes)
	}
	page := pageOrigin(v)
	for x, id := range stripes {
		calls = nil
		test.TapCanvas(w.Canvas(), fyne.NewPos(page.X+x+1, posOf(v, euro).Y))
		if len(calls) != 1 || !slices.Equal(calls[0].ids, []int64{id}) {
			t.Errorf("tap on stripe at x %v: got %v, want [%d]", x, calls, id)
		}
	}
}

func TestLargeTranscriptStaysBounded(t *testing.T) {
	text, blocks := transcriptText(1, 300000)
	v, w := newTestView(t, text, blocks, fyne.NewSize(900, 700))
	var hs []Highlight
	for i := 0; i < utf8.RuneCountInString(text)-500; i += 997 {
		hs = append(hs, Highlight{Start: i, End: i + 400, Color: blue, ID: int64(i)})
		hs = append(hs, Highlight{Start: i + 100, End: i + 150, Color: red, ID: int64(-i)})
	}
	v.SetHighlights(hs)
	if v.lay.numLines() < 2000 {
		t.Fatalf("only %d lines: the transcript is not long enough to test", v.lay.numLines())
	}
	check := func(where string) {
		t.Helper()
		n := len(test.LaidOutObjects(w.Content()))
		texts, rects := countObjects(v)
		if n >= 500 {
			t.Errorf("%s: %d canvas objects laid out (%d texts, %d rectangles), want < 500", where, n, texts, rects)
		}
		if texts == 0 || texts > 2*int(700/v.lay.sp.lineH+2) {
			t.Errorf("%s: %d texts drawn for a 700-high view", where, texts)
		}
	}
	check("top")
	v.ScrollTo(utf8.RuneCountInString(text) / 2)
	check("middle")
	test.Scroll(w.Canvas(), fyne.NewPos(300, 300), 0, -1e6)
	if got, want := v.scroll.Offset.Y, v.lay.height-v.scroll.Size().Height; got != want {
		t.Errorf("scrolled to %v, want the bottom at %v", got, want)
	}
	check("bottom")
	last := v.lay.line(v.lay.numLines() - 1)
	if !slices.Contains(shownTexts(v), v.lay.text[last.bstart:last.bend]) {
		t.Error("the last line is not drawn at the bottom")
	}
}

func TestDragAutoScrolls(t *testing.T) {
	text, blocks := transcriptText(2, 20000)
	v, w := newTestView(t, text, blocks, fyne.NewSize(600, 300))
	page := pageOrigin(v)
	from := posOf(v, 10)
	// drag to 100 below the bottom edge: one animation tick in the test driver
	to := fyne.NewPos(from.X+50, page.Y+300+100)
	d := to.Subtract(from)
	v.page.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to.Subtract(page)}, Dragged: fyne.NewDelta(d.X, d.Y)})
	if v.scroll.Offset.Y <= 0 {
		t.Fatalf("dragging below the view did not scroll")
	}
	y := v.scroll.Offset.Y
	v.page.autoScrollStep()
	if v.scroll.Offset.Y <= y {
		t.Errorf("a second step did not scroll further: %v then %v", y, v.scroll.Offset.Y)
	}
	_, e := v.Selection()
	if below := v.page.caretAt(fyne.NewPos(0, v.scroll.Offset.Y+300)); e < below {
		t.Errorf("selection ends at %d, above the bottom of the view (%d)", e, below)
	}
	v.page.DragEnd()
	if v.page.autoScroll != nil {
		t.Error("auto-scroll still running after the drag ended")
	}
	_ = w
}

// variantTheme is the default theme fixed to one variant.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

func TestThemeColours(t *testing.T) {
	fgs := map[fyne.ThemeVariant]color.Color{}
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		v, _ := newTestView(t, multibyte, multibyteBlocks(), fyne.NewSize(600, 400))
		th := variantTheme{theme.DefaultTheme(), variant}
		fyne.CurrentApp().Settings().SetTheme(th)
		v.Refresh()
		fg := th.Color(theme.ColorNameForeground, variant)
		fgs[variant] = fg
		texts := 0
		for _, o := range test.WidgetRenderer(v.page).Objects() {
			if tx, ok := o.(*canvas.Text); ok {
				texts++
				if tx.Color != fg {
					t.Errorf("variant %v: text %q in %v, want the theme's %v", variant, tx.Text, tx.Color, fg)
				}
			}
		}
		if texts == 0 {
			t.Errorf("variant %v: no text drawn", variant)
		}
	}
	if fgs[theme.VariantLight] == fgs[theme.VariantDark] {
		t.Error("light and dark foregrounds are the same: the test checks nothing")
	}
}

func TestSpeakerLabelsDrawnBold(t *testing.T) {
	v, _ := newTestView(t, multibyte, multibyteBlocks(), fyne.NewSize(600, 400))
	var bold []string
	for _, o := range test.WidgetRenderer(v.page).Objects() {
		if tx, ok := o.(*canvas.Text); ok && tx.TextStyle.Bold {
			bold = append(bold, tx.Text)
		}
	}
	if want := []string{"Ana:", "Researcher 1:", "Ana:"}; !slices.Equal(bold, want) {
		t.Errorf("bold texts: got %q, want %q", bold, want)
	}
}

func TestDoubleClickSelectsWord(t *testing.T) {
	v, _ := newTestView(t, multibyte, multibyteBlocks(), fyne.NewSize(600, 400))
	page := pageOrigin(v)
	a := runeIndex(t, multibyte, "café’s")
	ev := &desktop.MouseEvent{Button: desktop.MouseButtonPrimary}
	ev.Position = midRune(v, a+2).Subtract(page)
	for range 2 {
		v.page.MouseDown(ev)
		v.page.MouseUp(ev)
	}
	if got, want := v.SelectedText(), "café’s"; got != want {
		t.Errorf("double click: got %q, want %q", got, want)
	}
}

func TestDragKeepsFocus(t *testing.T) {
	v, w := newTestView(t, multibyte, multibyteBlocks(), fyne.NewSize(600, 400))
	from, to := posOf(v, 3), posOf(v, 10)
	test.Drag(w.Canvas(), to, to.X-from.X, 0)
	if w.Canvas().Focused() != v.page {
		t.Errorf("focused after a drag: got %v, want the transcript", w.Canvas().Focused())
	}
}

func TestRendersMarkup(t *testing.T) {
	v, w := newTestView(t, multibyte, multibyteBlocks(), fyne.NewSize(420, 220))
	euro := runeIndex(t, multibyte, "€")
	v.SetHighlights([]Highlight{
		{Start: euro - 5, End: euro + 3, Color: red, ID: 1},
		{Start: euro, End: euro + 40, Color: green, ID: 2},
		{Start: euro + 1, End: euro + 2, Color: blue, ID: 3},
	})
	v.Select(runeIndex(t, multibyte, "Naïve"), runeIndex(t, multibyte, "of niet"))
	w.Canvas().Focus(v.page)
	test.AssertRendersToMarkup(t, "multibyte.xml", w.Canvas())
}

// TestNarrowViewWrapsAtTheFloor: a view narrower than minWrap text sizes
// wraps its text at that width, so that passing narrow widths do not wrap
// the whole text into millions of lines.
func TestNarrowViewWrapsAtTheFloor(t *testing.T) {
	text, blocks := transcriptText(4, 20000)
	v, _ := newTestView(t, text, blocks, fyne.NewSize(600, 300))
	floor := v.textLeft() + v.textRight() + minWrap*v.textSize
	v.Resize(fyne.NewSize(floor, 300))
	atFloor := v.lay.numLines()
	for _, w := range []float32{floor - 1, 120, 80} {
		v.Resize(fyne.NewSize(w, 300))
		if got := v.lay.numLines(); got != atFloor || v.lay.width != minWrap*v.textSize {
			t.Errorf("%v wide: %d lines wrapped at %v, want %d as at %v", w, got, v.lay.width, atFloor, minWrap*v.textSize)
		}
	}
}
