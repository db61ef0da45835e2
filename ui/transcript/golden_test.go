package transcript

import (
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"codeberg.org/verbatim/verbatim/ui/internal/golden"
)

// The codes of the golden images, translucent as the window gives them; a
// key quote stronger.
var (
	leert     = color.NRGBA{R: 0x3c, G: 0xb4, B: 0x4b, A: 0x59} // green
	motivatie = color.NRGBA{R: 0x43, G: 0x63, B: 0xd8, A: 0x59} // royal blue
	samen     = color.NRGBA{R: 0xe6, G: 0x9f, B: 0x00, A: 0x99} // orange, a key quote
)

// overlapping codes the multibyte interview with three codes: two that
// overlap in the first turn, one of them running on into the second, and
// a key quote.
func overlapping(t testing.TB) []Highlight {
	at := func(s string) int { return runeIndexTB(t, multibyte, s) }
	return []Highlight{
		{Start: at("Het"), End: at("€12") + 3, Color: leert, ID: 1, Code: 10, Rank: 0, Name: "Deel wat je leert"},
		{Start: at("menu"), End: at("Naïve") + 5, Color: motivatie, ID: 2, Code: 20, Rank: 1, Name: "Vertrek vanuit motivatie"},
		{Start: at("vraag"), End: at("niet") + 4, Color: samen, ID: 3, Code: 30, Rank: 2, Name: "Samen leren"},
	}
}

func runeIndexTB(t testing.TB, s, sub string) int {
	t.Helper()
	return runeIndex(t.(*testing.T), s, sub)
}

// appTheme is the light default theme with the window's selection colour
// (ui/theme.go: a lime no code colour comes near; Fyne's blue is close to
// the codebook's blues), so that the golden images look as the app does.
type appTheme struct{ variantTheme }

func (t appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameSelection {
		return color.NRGBA{R: 0x77, G: 0xff, B: 0x00, A: 0xa0}
	}
	return t.variantTheme.Color(n, v)
}

// goldenView shows the multibyte interview in the light theme.
func goldenView(t *testing.T) (*View, fyne.Window) {
	t.Helper()
	v, w := newTestView(t, multibyte, multibyteBlocks(), fyne.NewSize(460, 200))
	fyne.CurrentApp().Settings().SetTheme(appTheme{variantTheme{theme.DefaultTheme(), theme.VariantLight}})
	v.Refresh()
	return v, w
}

func TestGoldenImages(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, v *View, w fyne.Window)
	}{
		{"plain.png", func(*testing.T, *View, fyne.Window) {}},
		{"selected.png", func(t *testing.T, v *View, _ fyne.Window) {
			v.Select(runeIndex(t, multibyte, "menu"), runeIndex(t, multibyte, "Naïve")+5)
		}},
		{"overlapping.png", func(t *testing.T, v *View, _ fyne.Window) {
			v.SetHighlights(overlapping(t))
		}},
		{"overlapping-selected.png", func(t *testing.T, v *View, _ fyne.Window) {
			v.SetHighlights(overlapping(t))
			v.Select(runeIndex(t, multibyte, "kost"), runeIndex(t, multibyte, "Zoë"))
		}},
		{"stripe-hovered.png", func(t *testing.T, v *View, w fyne.Window) {
			v.SetHighlights(overlapping(t))
			test.MoveMouse(w.Canvas(), stripePos(t, v, 2))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, w := goldenView(t)
			tt.setup(t, v, w)
			golden.Assert(t, tt.name, w.Canvas().Capture())
		})
	}
}

// stripePos returns the canvas position of the middle of the first line of
// the stripe of the coding with the given ID.
func stripePos(t *testing.T, v *View, id int64) fyne.Position {
	t.Helper()
	for _, k := range v.page.inView {
		if v.hl.list[k].ID != id {
			continue
		}
		col := v.cols.col(&v.hl, k)
		y1, _ := v.bar(k)
		x := v.stripeLeft() + float32(col)*v.laneWidth() + v.barWidth()/2
		return pageOrigin(v).Add(fyne.NewPos(x, y1+v.lay.sp.lineH/2))
	}
	t.Fatalf("no stripe of coding %d in view", id)
	return fyne.Position{}
}

func TestHighlightsAreDrawnInTheirCodesColours(t *testing.T) {
	v, w := goldenView(t)
	hs := overlapping(t)
	v.SetHighlights(hs)
	img := w.Canvas().Capture()
	bg := color.NRGBAModel.Convert(theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight)).(color.NRGBA)
	l := v.lay
	// pixel returns the colour drawn at the rune at off, at dy below the top
	// of its line (the top rows are clear of the glyphs).
	pixel := func(img image.Image, off int, dy float32) color.Color {
		i := l.lineOf(off)
		x := v.textLeft() + (l.xOf(i, off)+l.xOf(i, off+1))/2
		p := pageOrigin(v).Add(fyne.NewPos(x, l.line(i).y+dy))
		return img.At(int(p.X), int(p.Y))
	}
	top, bottom := float32(1), l.sp.lineH-1
	at := func(s string) int { return runeIndex(t, multibyte, s) + 1 }
	tests := []struct {
		name string
		got  color.Color
		want color.NRGBA
	}{
		{"one coding fills its text", pixel(img, at("Het"), top), over(bg, leert)},
		{"two: the shorter fills", pixel(img, at("menu"), top), over(bg, leert)},
		{"two: the longer is a band under it", pixel(img, at("menu"), bottom), opaque(motivatie)},
		{"the longer alone", pixel(img, at("zei"), top), over(bg, motivatie)},
		{"a key quote is filled stronger", pixel(img, at("vraag"), top), over(bg, samen)},
		{"no coding", pixel(img, at("dat"), top), bg},
	}
	for _, tt := range tests {
		if d := golden.ChannelDiff(tt.got, tt.want); d > 3 {
			t.Errorf("%s: pixel %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	if a, b := over(bg, samen), over(bg, opaque(samen)); golden.ChannelDiff(a, b) < 40 || golden.ChannelDiff(a, bg) < 40 {
		t.Fatalf("the key quote test checks nothing: %v", a)
	}

	// The selection hides the codings under it: it is drawn in the theme's
	// selection colour as over the background, whatever it covers.
	sel := over(bg, color.NRGBAModel.Convert(fyne.CurrentApp().Settings().Theme().Color(theme.ColorNameSelection, theme.VariantLight)).(color.NRGBA))
	v.Select(at("menu")-1, at("zei"))
	img = w.Canvas().Capture()
	for _, s := range []string{"menu", "kost"} {
		if got := pixel(img, at(s), top); golden.ChannelDiff(got, sel) > 3 {
			t.Errorf("selected %q: pixel %v, want the selection's %v", s, got, sel)
		}
	}
}
