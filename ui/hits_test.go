package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2/theme"

	"codeberg.org/verbatim/verbatim/ui/transcript"
)

// The frames of search hits are far from every code colour, as a fill or
// a stripe, and from the selection, in both themes: a hit is never taken
// for a coding, and shows over one.
func TestSearchHitColourIsNoCodeColour(t *testing.T) {
	for _, mode := range []themeMode{themeLight, themeDark} {
		th := newVerbatimTheme(mode)
		hit, ok := th.Color(transcript.ColorNameSearchHit, theme.VariantLight).(color.NRGBA)
		if !ok || hit.A != 0xff {
			t.Fatalf("%s theme: search hits in %v, want an opaque colour of the theme's", mode, hit)
		}
		bg := color.NRGBAModel.Convert(th.Color(theme.ColorNameBackground, theme.VariantLight)).(color.NRGBA)
		least := math.Inf(1)
		check := func(name string, c color.NRGBA) {
			d := deltaE(hit, c)
			least = min(least, d)
			if d < 30 { // 10 tell apart at a glance
				t.Errorf("%s theme: the search-hit colour %v is within %.1f of %s %v", mode, hit, d, name, c)
			}
		}
		check("the background", bg)
		check("the selection", over(bg, selectionFor(mode)))
		for _, pc := range codePalette {
			check(pc.name, parseColor(pc.hex))
			check(pc.name+" as a fill", over(bg, translucent(parseColor(pc.hex))))
		}
		t.Logf("%s theme: search hits %v, at least %.1f from any code colour, the selection and the background", mode, hit, least)
	}
}

func selectionFor(mode themeMode) color.NRGBA {
	if mode == themeLight {
		return selectionLight
	}
	return selectionDark
}

// over is c laid over the opaque colour bg.
func over(bg, c color.NRGBA) color.NRGBA {
	mix := func(b, f uint8) uint8 { return uint8((int(b)*(255-int(c.A)) + int(f)*int(c.A) + 127) / 255) }
	return color.NRGBA{R: mix(bg.R, c.R), G: mix(bg.G, c.G), B: mix(bg.B, c.B), A: 0xff}
}
