package transcript

import (
	"cmp"
	"fmt"
	"image/color"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// sampleWords mixes plain words with the multi-byte runes a transcript
// brings: accents, curly quotes, currency and emoji.
var sampleWords = strings.Fields(`the and of we it that café naïve coöperation Zoë’s didn’t €20 ë é 👍 🙂
interview research data analysis participants workshop knowledge mapping diagrams municipalism
movement experience documents methods software coding transcript question answer really think`)

var speakers = []string{"Researcher 1", "Ana", "Zoë"}

// transcriptText generates a multi-speaker transcript of at least n runes
// whose turns carry their label in the text, as importers deliver them.
func transcriptText(seed int64, n int) (string, []Block) {
	r := rand.New(rand.NewSource(seed))
	var b strings.Builder
	var blocks []Block
	runes := 0
	for turn := 0; runes < n; turn++ {
		if turn > 0 {
			b.WriteString("\n")
			runes++
		}
		sp := speakers[turn%len(speakers)]
		start := runes
		var t strings.Builder
		t.WriteString(sp + ": ")
		words := 10 + r.Intn(120)
		for w := range words {
			if w > 0 {
				t.WriteString(" ")
			}
			t.WriteString(sampleWords[r.Intn(len(sampleWords))])
			if r.Intn(40) == 0 {
				t.WriteString(".\n") // a second paragraph inside the turn
			}
		}
		t.WriteString(".")
		s := t.String()
		b.WriteString(s)
		runes += utf8.RuneCountInString(s)
		blocks = append(blocks, Block{Start: start, End: runes, Speaker: sp})
	}
	return b.String(), blocks
}

// randomWordsText generates about n runes of turns of random lowercase
// words: a vocabulary far bigger than any transcript's.
func randomWordsText(seed int64, n int) (string, []Block) {
	r := rand.New(rand.NewSource(seed))
	var b strings.Builder
	var blocks []Block
	runes := 0
	for runes < n {
		if runes > 0 {
			b.WriteString("\n")
			runes++
		}
		start := runes
		b.WriteString("Ana:")
		runes += 4
		for range 80 {
			w := make([]rune, 2+r.Intn(9))
			for i := range w {
				w[i] = rune('a' + r.Intn(26))
			}
			b.WriteString(" " + string(w))
			runes += 1 + len(w)
		}
		blocks = append(blocks, Block{Start: start, End: runes, Speaker: "Ana"})
	}
	return b.String(), blocks
}

// runeIndex returns the rune offset of the first occurrence of sub in s.
func runeIndex(t *testing.T, s, sub string) int {
	t.Helper()
	i := strings.Index(s, sub)
	if i < 0 {
		t.Fatalf("%q not in text", sub)
	}
	return utf8.RuneCountInString(s[:i])
}

// newTestView shows a view of the given size in a test window.
func newTestView(t testing.TB, text string, blocks []Block, size fyne.Size) (*View, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	v := New()
	w := test.NewTempWindow(t, v)
	w.SetPadded(false)
	w.Resize(size)
	v.SetText(text, blocks)
	return v, w
}

// posOf returns the canvas position of the caret at rune offset off,
// vertically centred on its line.
func posOf(v *View, off int) fyne.Position {
	l := v.lay
	i := l.lineOf(off)
	return pageOrigin(v).Add(fyne.NewPos(v.textLeft()+l.xOf(i, off), l.line(i).y+l.sp.lineH/2))
}

// pageOrigin returns the canvas position of the page's top left corner,
// where test.Drag and test.TapCanvas look for objects. The test driver's
// AbsolutePositionForObject subtracts a simulated inset; add it back.
func pageOrigin(v *View) fyne.Position {
	c := fyne.CurrentApp().Driver().CanvasForObject(v.page)
	inset, _ := c.InteractiveArea()
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(v.page).Add(inset)
}

// midRune returns the canvas position of the middle of the rune at off.
func midRune(v *View, off int) fyne.Position {
	a, b := posOf(v, off), posOf(v, off+1)
	if b.Y != a.Y {
		return a.Add(fyne.NewPos(1, 0))
	}
	return fyne.NewPos((a.X+b.X)/2, a.Y)
}

// shownTexts returns the texts of the canvas.Text objects drawn now.
func shownTexts(v *View) []string {
	var out []string
	for _, o := range test.WidgetRenderer(v.page).Objects() {
		if t, ok := o.(*canvas.Text); ok {
			out = append(out, t.Text)
		}
	}
	return out
}

// shownLines returns the lines drawn now, each the texts drawn at one
// height joined from left to right (a selection splits a line).
func shownLines(v *View) []string {
	var texts []*canvas.Text
	for _, o := range test.WidgetRenderer(v.page).Objects() {
		if t, ok := o.(*canvas.Text); ok {
			texts = append(texts, t)
		}
	}
	slices.SortStableFunc(texts, func(a, b *canvas.Text) int {
		return cmp.Or(cmp.Compare(a.Position().Y, b.Position().Y), cmp.Compare(a.Position().X, b.Position().X))
	})
	var out []string
	for i, t := range texts {
		if i > 0 && t.Position().Y == texts[i-1].Position().Y {
			out[len(out)-1] += t.Text
			continue
		}
		out = append(out, t.Text)
	}
	return out
}

func countObjects(v *View) (texts, rects int) {
	for _, o := range test.WidgetRenderer(v.page).Objects() {
		switch o.(type) {
		case *canvas.Text:
			texts++
		case *canvas.Rectangle:
			rects++
		}
	}
	return texts, rects
}

var (
	red   = color.NRGBA{R: 0xe0, G: 0x30, B: 0x30, A: 0xff}
	green = color.NRGBA{R: 0x30, G: 0xb0, B: 0x50, A: 0xff}
	blue  = color.NRGBA{R: 0x30, G: 0x70, B: 0xe0, A: 0xff}
)

func describe(s, e int, text string) string {
	return fmt.Sprintf("[%d,%d) %q", s, e, text)
}
