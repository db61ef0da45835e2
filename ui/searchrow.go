package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/index"
)

// hitRowLayout lays out a search result row: the hit's place (speaker and
// document) in a column placeWidth wide, narrower in a narrow row so that
// the snippet keeps most of it, and the snippet in the rest.
type hitRowLayout struct{}

const placeWidth = 220

func (hitRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	place, snippet := objs[0], objs[1]
	w := min(placeWidth, size.Width*0.3)
	place.Move(fyne.NewPos(0, 0))
	place.Resize(fyne.NewSize(w, size.Height))
	snippet.Move(fyne.NewPos(w, 0))
	snippet.Resize(fyne.NewSize(size.Width-w, size.Height))
}

func (hitRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	place, snippet := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(place.Width+snippet.Width, max(place.Height, snippet.Height))
}

// hitSnippet is a search result's keyword in context on one line. The first
// matched words start at a fixed place (matchAt of the width, earlier when
// they would not fit), the context before them is cut at its start and the
// context after them at its end, so the match itself always shows, with
// context on both sides, however narrow the row. No stock widget cuts text
// at its start, hence a renderer of its own.
type hitSnippet struct {
	widget.BaseWidget
	segs  []snippetSeg
	pivot int // the segment of the first match
}

// snippetSeg is a run of the snippet: matched words, or the text between.
type snippetSeg struct {
	text  string
	match bool
}

// matchAt is where the first match starts, as a share of the row's width.
const matchAt = 0.4

func newHitSnippet() *hitSnippet {
	s := &hitSnippet{}
	s.ExtendBaseWidget(s)
	return s
}

// set shows a hit's snippet.
func (s *hitSnippet) set(h index.Hit) {
	s.segs, s.pivot = snippetSegs(h)
	s.Refresh()
}

// snippetSegs splits a hit's snippet into runs, and says which run is its
// first match (0 when none is).
func snippetSegs(h index.Hit) ([]snippetSeg, int) {
	r := []rune(h.Snippet)
	var segs []snippetSeg
	pivot := -1
	add := func(from, to int, match bool) {
		if from >= to {
			return
		}
		if match && pivot < 0 {
			pivot = len(segs)
		}
		segs = append(segs, snippetSeg{text: string(r[from:to]), match: match})
	}
	at := 0
	for _, m := range h.SnippetMatches {
		if m.Start < at || m.End > len(r) {
			continue
		}
		add(at, m.Start, false)
		add(m.Start, m.End, true)
		at = m.End
	}
	add(at, len(r), false)
	return segs, max(pivot, 0)
}

// CreateRenderer is part of fyne.Widget.
func (s *hitSnippet) CreateRenderer() fyne.WidgetRenderer {
	return &hitSnippetRenderer{s: s}
}

type hitSnippetRenderer struct {
	s     *hitSnippet
	texts []*canvas.Text // one per segment
}

func (r *hitSnippetRenderer) Destroy() {}

func (r *hitSnippetRenderer) Objects() []fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(r.texts))
	for i, t := range r.texts {
		objs[i] = t
	}
	return objs
}

func (r *hitSnippetRenderer) textSize() float32 {
	return theme.SizeForWidget(theme.SizeNameText, r.s)
}

// MinSize is one line high and narrow: the row gives it what room it has.
func (r *hitSnippetRenderer) MinSize() fyne.Size {
	pad := theme.InnerPadding()
	h := fyne.MeasureText("Mg", r.textSize(), fyne.TextStyle{}).Height
	return fyne.NewSize(8*r.textSize(), h+2*pad)
}

// Refresh makes a text for each segment; Layout fits them to the width.
func (r *hitSnippetRenderer) Refresh() {
	th := r.s.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	for len(r.texts) < len(r.s.segs) {
		r.texts = append(r.texts, &canvas.Text{})
	}
	r.texts = r.texts[:len(r.s.segs)]
	for i, seg := range r.s.segs {
		t := r.texts[i]
		t.Color = th.Color(theme.ColorNameForeground, v)
		t.TextSize = r.textSize()
		t.TextStyle = fyne.TextStyle{Bold: seg.match}
	}
	r.Layout(r.s.Size())
	canvas.Refresh(r.s)
}

// Layout puts the first match at its place, then the segments before it
// leftwards and those after it rightwards, cutting the last one that fits on
// each side and hiding the rest.
func (r *hitSnippetRenderer) Layout(size fyne.Size) {
	segs := r.s.segs
	if len(segs) == 0 || len(r.texts) != len(segs) {
		return
	}
	pad := theme.InnerPadding()
	width := size.Width - 2*pad
	measure := func(s string, bold bool) float32 {
		return fyne.MeasureText(s, r.textSize(), fyne.TextStyle{Bold: bold}).Width
	}
	lineH := fyne.MeasureText("Mg", r.textSize(), fyne.TextStyle{}).Height
	y := (size.Height - lineH) / 2
	place := func(i int, text string, x float32) float32 {
		t := r.texts[i]
		t.Text = text
		w := measure(text, segs[i].match)
		t.Move(fyne.NewPos(pad+x, y))
		t.Resize(fyne.NewSize(w, lineH))
		t.Show()
		return w
	}

	p := r.s.pivot
	pivotW := measure(segs[p].text, segs[p].match)
	minRight := measure(" ……", false) // some context after the match
	start := min(width*matchAt, width-minRight-pivotW)
	start = max(start, 0)

	x := start
	for i := p; i < len(segs); i++ {
		avail := width - x
		text := segs[i].text
		if measure(text, segs[i].match) > avail {
			text = cutEnd(text, avail, func(s string) float32 { return measure(s, segs[i].match) })
		}
		if text == "" {
			r.hideFrom(i, len(segs))
			break
		}
		x += place(i, text, x)
		if text != segs[i].text {
			r.hideFrom(i+1, len(segs))
			break
		}
	}

	x = start
	for i := p - 1; i >= 0; i-- {
		text := segs[i].text
		if measure(text, segs[i].match) > x {
			text = cutStart(text, x, func(s string) float32 { return measure(s, segs[i].match) })
		}
		if text == "" {
			r.hideFrom(0, i+1)
			break
		}
		x -= measure(text, segs[i].match)
		place(i, text, x)
		if text != segs[i].text {
			r.hideFrom(0, i)
			break
		}
	}
}

func (r *hitSnippetRenderer) hideFrom(from, to int) {
	for _, t := range r.texts[from:to] {
		t.Hide()
	}
}

// cutEnd shortens s at its end, with "…", to at most width, at a word's end
// when a word remains; "" when not even "…" fits.
func cutEnd(s string, width float32, measure func(string) float32) string {
	r := []rune(strings.TrimRight(s, " "))
	n := longest(len(r), func(n int) bool { return measure(string(r[:n])+"…") <= width })
	if n == 0 {
		return ""
	}
	kept := string(r[:n])
	if n < len(r) && r[n] != ' ' { // in a word: drop its start
		if i := strings.LastIndexByte(kept, ' '); strings.TrimSpace(kept[:max(i, 0)]) != "" {
			kept = kept[:i]
		}
	}
	return strings.TrimRight(kept, " ") + "…"
}

// cutStart shortens s at its start, with "…", to at most width, at a word's
// start when a word remains; "" when not even "…" fits.
func cutStart(s string, width float32, measure func(string) float32) string {
	r := []rune(strings.TrimLeft(s, " "))
	n := longest(len(r), func(n int) bool { return measure("…"+string(r[len(r)-n:])) <= width })
	if n == 0 {
		return ""
	}
	kept := string(r[len(r)-n:])
	if n < len(r) && r[len(r)-n-1] != ' ' { // in a word: drop its end
		if i := strings.IndexByte(kept, ' '); i >= 0 && strings.TrimSpace(kept[i:]) != "" {
			kept = kept[i+1:]
		}
	}
	return "…" + strings.TrimLeft(kept, " ")
}

// longest is the largest n in [0, upto] for which fits holds, fits being
// true up to some n and false after it.
func longest(upto int, fits func(int) bool) int {
	lo, hi := 0, upto
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fits(mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}
