package transcript

import (
	"cmp"
	"image/color"
	"slices"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// ColorNameSearchHit is the theme colour of the frames around search hits.
// A theme that does not know the name gets them in its foreground colour.
const ColorNameSearchHit fyne.ThemeColorName = "searchHit"

// Range is a rune range [Start, End) of the text.
type Range struct{ Start, End int }

// searchHits are the hits of a search in the text, a layer of their own
// over the codings: framed, never filled, so that a coding's colour and
// the selection under a hit show as they are.
type searchHits struct {
	list   []Range // by Start
	maxLen int     // the longest, which bounds a search by start
}

// SetSearchHits frames the hits of a search in the theme's
// ColorNameSearchHit. The codings' highlights stay as they are; SetText
// clears the hits.
func (v *View) SetSearchHits(hits []Range) {
	v.found.list, v.found.maxLen = nil, 0
	for _, h := range hits {
		h.Start, h.End = max(h.Start, 0), min(h.End, v.lay.n)
		if h.Start < h.End {
			v.found.list = append(v.found.list, h)
			v.found.maxLen = max(v.found.maxLen, h.End-h.Start)
		}
	}
	slices.SortFunc(v.found.list, func(a, b Range) int { return cmp.Or(a.Start-b.Start, a.End-b.End) })
	v.page.Refresh()
}

// SearchHits returns the search hits framed, in the order of the text.
func (v *View) SearchHits() []Range {
	return slices.Clone(v.found.list)
}

// searchHits frames the search hits on the lines [first, last), one frame
// for each line a hit is on.
func (r *pageRenderer) searchHits(first, last int) {
	v, l := r.p.v, r.p.v.lay
	hs := v.found.list
	if len(hs) == 0 {
		return
	}
	c := r.searchHitColour()
	start, end := l.line(first).start, l.line(last-1).end
	from := sort.Search(len(hs), func(i int) bool { return hs[i].Start > start-v.found.maxLen })
	for _, h := range hs[from:] {
		if h.Start > end {
			break
		}
		if h.End <= start {
			continue
		}
		for i := max(l.lineOf(h.Start), first); i < last && l.line(i).start < h.End; i++ {
			r.frame(i, h.Start, h.End, c)
		}
	}
}

// searchHitColour is the theme's ColorNameSearchHit, or its foreground
// colour when it has none.
func (r *pageRenderer) searchHitColour() color.Color {
	th := theme.CurrentForWidget(r.p)
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	if c := th.Color(ColorNameSearchHit, variant); c != nil {
		if _, _, _, a := c.RGBA(); a > 0 {
			return c
		}
	}
	return th.Color(theme.ColorNameForeground, variant)
}

// frame draws a rounded frame in c around the part of [s, e) on line i.
func (r *pageRenderer) frame(i, s, e int, c color.Color) {
	x1, x2, ok := r.spanX(i, s, e)
	if !ok {
		return
	}
	l := r.p.v.lay
	rc := r.rect(color.Transparent, fyne.NewPos(r.p.v.textLeft()+x1-1, l.lineY(i)), fyne.NewSize(x2-x1+2, l.sp.lineH))
	rc.StrokeColor = c
	rc.StrokeWidth = 2
	rc.CornerRadius = 3
}
