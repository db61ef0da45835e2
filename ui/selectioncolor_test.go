package ui

import (
	"image"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/ui/transcript"
)

// commonColour is the colour most pixels of img have, leaving out skip.
func commonColour(img image.Image, skip color.NRGBA) color.NRGBA {
	counts := map[color.NRGBA]int{}
	var best color.NRGBA
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if c == skip {
				continue
			}
			counts[c]++
			if counts[c] > counts[best] {
				best = c
			}
		}
	}
	return best
}

// deltaE is the CIE76 colour difference of two opaque colours: about 2.3
// is the least a person notices, from 10 on two colours tell apart at a
// glance.
func deltaE(a, b color.NRGBA) float64 {
	la, aa, ba := lab(a)
	lb, ab, bb := lab(b)
	return math.Sqrt((la-lb)*(la-lb) + (aa-ab)*(aa-ab) + (ba-bb)*(ba-bb))
}

// lab converts an sRGB colour to CIE L*a*b* (D65).
func lab(c color.NRGBA) (l, a, b float64) {
	lin := func(v uint8) float64 {
		f := float64(v) / 255
		if f <= 0.04045 {
			return f / 12.92
		}
		return math.Pow((f+0.055)/1.055, 2.4)
	}
	r, g, bl := lin(c.R), lin(c.G), lin(c.B)
	x := (0.4124*r + 0.3576*g + 0.1805*bl) / 0.95047
	y := 0.2126*r + 0.7152*g + 0.0722*bl
	z := (0.0193*r + 0.1192*g + 0.9505*bl) / 1.08883
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	return 116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))
}

// minSelectionDistance is how far (deltaE) the selection must stay from
// every code colour as drawn.
const minSelectionDistance = 15

// The transcript draws the selection so that it is never taken for a
// coding: its pixels are far from those of every colour of the codebook's
// palette, filled as a coding or as a key quote, in both themes, and a
// coding under the selection does not show through it.
func TestTheSelectionIsNoCodeColour(t *testing.T) {
	test.NewTempApp(t)
	const text = "Ana: ab ab ab ab ab ab ab ab ab ab ab ab"
	blocks := []transcript.Block{{Start: 0, End: len(text), Speaker: "Ana"}}
	for _, mode := range []themeMode{themeLight, themeDark} {
		fyne.CurrentApp().Settings().SetTheme(newVerbatimTheme(mode))
		v := transcript.New()
		win := test.NewTempWindow(t, v)
		win.Resize(fyne.NewSize(420, 60))
		v.SetText(text, blocks)
		bg := commonColour(win.Canvas().Capture(), color.NRGBA{})
		v.Select(0, len(text))
		sel := commonColour(win.Canvas().Capture(), bg)
		if deltaE(sel, bg) < 20 {
			t.Fatalf("%s theme: the selection %v is hardly drawn (background %v)", mode, sel, bg)
		}
		least, closest := math.Inf(1), ""
		for _, pc := range codePalette {
			for _, key := range []bool{false, true} {
				col := translucent(parseColor(pc.hex))
				if key {
					col.A = 0x99
				}
				v.Select(0, 0)
				v.SetHighlights([]transcript.Highlight{{Start: 0, End: len(text), Color: col, ID: 1, Code: 1}})
				fill := commonColour(win.Canvas().Capture(), bg)
				stripe := parseColor(pc.hex)
				for _, c := range []color.NRGBA{fill, stripe} {
					if d := deltaE(sel, c); d < least {
						least, closest = d, pc.name
					}
				}
				v.Select(0, len(text))
				if got := commonColour(win.Canvas().Capture(), bg); deltaE(got, sel) > 2 {
					t.Errorf("%s theme: the selection over %s is %v, not the selection's %v: the coding shows through", mode, pc.name, got, sel)
				}
			}
		}
		// The closest is a key quote of green in the dark theme (16.7).
		if least < minSelectionDistance {
			t.Errorf("%s theme: the selection %v is within %.1f of %s", mode, sel, least, closest)
		}
		t.Logf("%s theme: the selection %v is at least %.1f from any code colour (%s the closest)", mode, sel, least, closest)
	}
}
