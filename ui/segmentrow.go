package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model/report"
)

// segmentRowView is one row of the coded segments: a stripe in the code's
// colour, where the quote is (document · speaker · turn), the quote under
// it in three lines (two above its memo), and the ★ and ⋮ buttons down the
// right edge, which leave the place and the quote as wide as they can be. Every row
// is as tall, so the list never measures a quote. The list reuses the view
// for whichever row scrolls into view; show fills it in.
type segmentRowView struct {
	widget.BaseWidget
	panel *segmentsPanel
	at    int // the row shown, in panel.rows

	stripe  *canvas.Rectangle
	place   *widget.Label
	key     *widget.Button
	more    *widget.Button
	buttons *fyne.Container
	quote   *widget.Label
	memo    *widget.Label
	box     *fyne.Container
}

func newSegmentRowView(s *segmentsPanel) *segmentRowView {
	v := &segmentRowView{panel: s}
	v.stripe = canvas.NewRectangle(theme.Color(theme.ColorNameDisabled))
	v.place = widget.NewLabel("")
	v.place.SizeName = theme.SizeNameCaptionText
	v.place.Truncation = fyne.TextTruncateEllipsis
	v.key = widget.NewButton("☆", func() {
		if q, ok := v.shown(); ok {
			s.onKey(q)
		}
	})
	v.key.Importance = widget.LowImportance
	v.more = widget.NewButtonWithIcon("", theme.MoreVerticalIcon(), func() {
		if q, ok := v.shown(); ok {
			s.onMenu(q, v.more)
		}
	})
	v.more.Importance = widget.LowImportance
	v.buttons = container.NewVBox(v.key, v.more)
	v.quote = widget.NewLabel("")
	v.quote.Wrapping = fyne.TextWrapWord
	v.quote.Truncation = fyne.TextTruncateEllipsis
	v.memo = widget.NewLabel("")
	v.memo.TextStyle = fyne.TextStyle{Italic: true}
	v.memo.Truncation = fyne.TextTruncateEllipsis
	v.memo.Hide()
	v.box = container.New(segmentRowLayout{}, v.stripe, v.place, v.buttons, v.quote, v.memo)
	v.ExtendBaseWidget(v)
	return v
}

// CreateRenderer is part of fyne.Widget.
func (v *segmentRowView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(v.box)
}

// shown is the quote the row shows; false when the rows have changed
// under it and it is about to be filled in again.
func (v *segmentRowView) shown() (report.Quote, bool) {
	if v.at < 0 || v.at >= len(v.panel.rows) {
		return report.Quote{}, false
	}
	return v.panel.rows[v.at], true
}

// show fills the row in for panel.rows[i].
func (v *segmentRowView) show(i int) {
	s := v.panel
	v.at = i
	q := s.rows[i]
	if col := parseColor(q.Color); v.stripe.FillColor != col {
		v.stripe.FillColor = col
		v.stripe.Refresh()
	}
	setLabel(v.place, s.placeOf(q))
	star, imp := "☆", widget.LowImportance
	if q.Key {
		star, imp = "★", widget.HighImportance
	}
	if v.key.Text != star || v.key.Importance != imp {
		v.key.Text, v.key.Importance = star, imp
		v.key.Refresh()
	}
	setLabel(v.quote, q.Text)
	memo := strings.Join(strings.Fields(q.Memo), " ")
	if memo != "" {
		setLabel(v.memo, lang.L("Memo: {{.Memo}}", args{"Memo": memo}))
	}
	if setVisible(v.memo, memo != "") {
		v.box.Layout.Layout(v.box.Objects, v.box.Size())
	}
}

func setLabel(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}

// placeOf says where a quote is: for a code's segments the speaker, turn
// and document (after the sub-code, and before the coder when there are
// several); for the codings here, whose document is known, the code,
// speaker, turn, coder and date. The document comes after the speaker and
// turn, without its file extension: its name is long, and the end of the
// line is what is cut off in a narrow column.
func (s *segmentsPanel) placeOf(q report.Quote) string {
	var parts []string
	if s.showingHere() || q.CodeID != s.codeID {
		parts = append(parts, q.Code)
	}
	if sp := speakerOf(q); sp != "" {
		parts = append(parts, sp)
	}
	if q.Turn > 0 {
		turn := lang.L("turn {{.N}}", args{"N": q.Turn})
		if q.HasTime {
			turn = lang.L("turn {{.N}} at {{.Time}}", args{"N": q.Turn, "Time": clock(q.Time)})
		}
		parts = append(parts, turn)
	}
	switch {
	case s.showingHere():
		parts = append(parts, q.Coder, q.Created.Local().Format("2 Jan 2006"))
	case s.manyCoders:
		parts = append(parts, strings.TrimSuffix(q.Document, filepath.Ext(q.Document)), q.Coder)
	default:
		parts = append(parts, strings.TrimSuffix(q.Document, filepath.Ext(q.Document)))
	}
	return strings.Join(parts, " · ")
}

// clock writes a time in a recording: 4:05, 1:02:03.
func clock(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, sec := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, sec)
	}
	return fmt.Sprintf("%d:%02d", m, sec)
}

// segmentRowLayout lays a row out: the stripe down the left edge, the
// buttons down the right one, the place on top between them and the quote
// under it in the lines left (three, or two above the memo).
type segmentRowLayout struct{}

// quoteLines is how many lines of a quote a row shows.
const quoteLines = 3

// metrics are the place's height, a line of text's and the labels' inner
// padding.
func (segmentRowLayout) metrics(place fyne.CanvasObject) (top, line, pad float32) {
	return place.MinSize().Height, fyne.MeasureText("M", theme.TextSize(), fyne.TextStyle{}).Height, theme.InnerPadding()
}

func (l segmentRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	stripe, place, buttons, quote, memo := objs[0], objs[1], objs[2], objs[3], objs[4]
	top, line, pad := l.metrics(place)
	const stripeW = 4
	stripe.Move(fyne.NewPos(0, theme.Padding()))
	stripe.Resize(fyne.NewSize(stripeW, size.Height-2*theme.Padding()))
	left := float32(stripeW)
	bw := buttons.MinSize().Width
	buttons.Move(fyne.NewPos(size.Width-bw, 0))
	buttons.Resize(fyne.NewSize(bw, buttons.MinSize().Height))
	width := max(size.Width-bw-left, 0)
	place.Move(fyne.NewPos(left, 0))
	place.Resize(fyne.NewSize(width, top))
	// The quote's first line sits a padding higher than its label would
	// put it, close under the place; +1 keeps the last line from being
	// taken for one that does not fit.
	lines := float32(quoteLines)
	if memo.Visible() {
		lines--
		memo.Move(fyne.NewPos(left, top+lines*line-pad))
		memo.Resize(fyne.NewSize(width, line+2*pad))
	}
	quote.Move(fyne.NewPos(left, top-pad))
	quote.Resize(fyne.NewSize(width, lines*line+2*pad+1))
}

func (l segmentRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	top, line, pad := l.metrics(objs[1])
	buttons := objs[2].MinSize()
	return fyne.NewSize(buttons.Width+60, max(top+quoteLines*line+pad+1, buttons.Height))
}
