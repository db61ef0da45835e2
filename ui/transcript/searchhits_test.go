package transcript

import (
	"image"
	"image/color"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"codeberg.org/verbatim/verbatim/ui/internal/golden"
)

// hitTheme is the golden images' theme with a colour for search hits.
type hitTheme struct{ appTheme }

var hitColour = color.NRGBA{R: 0xc0, G: 0x00, B: 0xc0, A: 0xff}

func (t hitTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == ColorNameSearchHit {
		return hitColour
	}
	return t.appTheme.Color(n, v)
}

func TestSetSearchHitsKeepsThemInOrderAndSetTextClearsThem(t *testing.T) {
	v, _ := newTestView(t, multibyte, multibyteBlocks(), fyne.NewSize(460, 200))
	n := len([]rune(multibyte))
	v.SetSearchHits([]Range{{20, 24}, {5, 8}, {-3, 2}, {n - 2, n + 9}, {30, 30}})
	want := []Range{{0, 2}, {5, 8}, {20, 24}, {n - 2, n}}
	if got := v.SearchHits(); !slices.Equal(got, want) {
		t.Errorf("search hits %v, want %v (clamped, in order, empty ones dropped)", got, want)
	}
	v.SetText("Ana: iets anders", nil)
	if got := v.SearchHits(); len(got) != 0 {
		t.Errorf("after SetText the hits are %v, want none", got)
	}
}

// A search hit is a frame in the theme's search-hit colour around its
// words; inside the frame the codings and the selection are drawn exactly
// as without it.
func TestSearchHitsAreFramedOverTheCodings(t *testing.T) {
	v, w := goldenView(t)
	fyne.CurrentApp().Settings().SetTheme(hitTheme{appTheme{variantTheme{theme.DefaultTheme(), theme.VariantLight}}})
	v.Refresh()
	v.SetHighlights(overlapping(t))
	at := func(s string) int { return runeIndex(t, multibyte, s) }
	// "menu" lies under two codings, "kost" is selected too, "dat" has no coding.
	hits := []Range{{at("menu"), at("menu") + 4}, {at("kost"), at("kost") + 4}, {at("dat"), at("dat") + 3}}
	v.Select(at("kost"), at("kost")+4)
	before := w.Canvas().Capture()
	v.SetSearchHits(hits)
	after := w.Canvas().Capture()
	golden.Assert(t, "search-hits.png", after)

	l := v.lay
	scale := float32(before.Bounds().Dx()) / w.Canvas().Size().Width
	px := func(p fyne.Position) image.Point { return image.Pt(int(p.X*scale), int(p.Y*scale)) }
	for _, h := range hits {
		i := l.lineOf(h.Start)
		x1, x2 := v.textLeft()+l.xOf(i, h.Start), v.textLeft()+l.xOf(i, h.End)
		y1, y2 := l.line(i).y, l.line(i).y+l.sp.lineH
		origin := pageOrigin(v)
		// The frame: near the middle of its left and right edges and of its
		// top (the painter rounds a frame's edges to whole pixels).
		for _, p := range []fyne.Position{{X: x1 - 1, Y: (y1 + y2) / 2}, {X: x2 + 1, Y: (y1 + y2) / 2}, {X: (x1 + x2) / 2, Y: y1}} {
			found := false
			for dx := float32(-2); dx <= 2 && !found; dx++ {
				for dy := float32(-1); dy <= 1 && !found; dy++ {
					pt := px(origin.Add(p).AddXY(dx, dy))
					found = golden.ChannelDiff(after.At(pt.X, pt.Y), hitColour) <= 40
				}
			}
			if !found {
				t.Errorf("hit %v: no frame in the search-hit colour %v near %v", h, hitColour, p)
			}
		}
		// Inside it, what was drawn before.
		changed := 0
		for y := y1 + 3; y < y2-3; y++ {
			for x := x1 + 3; x < x2-3; x++ {
				pt := px(origin.Add(fyne.NewPos(x, y)))
				if golden.ChannelDiff(before.At(pt.X, pt.Y), after.At(pt.X, pt.Y)) > 3 {
					changed++
				}
			}
		}
		if changed > 0 {
			t.Errorf("hit %v: %d pixels inside the frame changed: the codings or the selection under it are not drawn as they were", h, changed)
		}
	}
}
