package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/export"
	"codeberg.org/verbatim/verbatim/model/report"
)

// analysisView is the Analysis window: a table that counts the codings
// (code frequencies, codes by document, participant or attribute,
// co-occurrence) beside its chart. Both come from model/report, and Export
// writes exactly the report shown, so what the researcher sees is what
// they hand on.
type analysisView struct {
	project *model.Project
	win     fyne.Window

	choices      []analysisChoice // what selector offers, in its order
	selector     *widget.Select
	interviewers *widget.Check
	refresh      *widget.Button
	format       *widget.Select
	export       *widget.Button
	activity     *widget.Activity
	title        *widget.Label
	info         *widget.Label // the report's subtitle and notes
	table        *widget.Table
	chart        *canvas.Image
	split        *container.Split // the table, and the chart under or beside it
	status       *widget.Label

	shown   *report.Report // what the table and chart show; nil while computing or when empty
	columns []export.Column
	headers []string // the columns' titles as shown, on one or two lines
	rows    [][]export.Cell

	cancel    context.CancelFunc // stops the computation running, and marks its result stale
	computing chan struct{}      // closed when the latest computation has been shown
	exporting chan struct{}      // closed when the latest export has ended
	closed    bool
}

// analysisChoice is one entry of the Analysis view's selector: a report
// kind with the options that make it that table.
type analysisChoice struct {
	label    string
	kind     report.Kind
	by       string
	sameTurn bool
}

// analysisFormats are the formats the Analysis view exports in: the table
// for a spreadsheet, the chart as an image. The report kinds shown here
// take all four (report.Formats).
var analysisFormats = []struct {
	label  string
	format export.Format
}{
	{textKey("XLSX (Excel)"), export.XLSX},
	{"CSV", export.CSV},
	{textKey("PNG (chart)"), export.PNG},
	{textKey("SVG (chart)"), export.SVG},
}

// onShowAnalysis shows the project's Analysis view, recomputed.
func (w *MainWindow) onShowAnalysis() { w.analysis = w.showAnalysis(w.analysis) }

// relabelAnalysis makes an open Analysis window again in the language now
// chosen, as large as it was and showing the same table.
func (w *MainWindow) relabelAnalysis() {
	v := w.analysis
	if v == nil || v.closed {
		return
	}
	size := v.win.Canvas().Size()
	shown := slices.IndexFunc(v.choices, func(c analysisChoice) bool { return c.label == v.selector.Selected })
	v.win.Close()
	nv := w.showAnalysis(nil)
	nv.win.Resize(size)
	if shown > 0 && shown < len(nv.choices) {
		nv.selector.SetSelected(nv.choices[shown].label)
	}
	w.analysis = nv
}

// showAnalysis shows v refreshed, or a new Analysis view when v is nil or
// its window was closed, and returns the view shown.
func (w *MainWindow) showAnalysis(v *analysisView) *analysisView {
	if v == nil || v.closed {
		name := strings.TrimSuffix(filepath.Base(w.project.Path()), ".verbatim")
		v = newAnalysisView(fyne.CurrentApp(), w.project, name)
	}
	v.onRefresh()
	v.win.Show()
	v.win.RequestFocus()
	return v
}

// newAnalysisView builds the Analysis window of a project; onRefresh fills
// it.
func newAnalysisView(a fyne.App, p *model.Project, name string) *analysisView {
	v := &analysisView{
		project:  p,
		win:      a.NewWindow(lang.L("Analysis — {{.Project}}", args{"Project": name})),
		activity: widget.NewActivity(),
		title:    widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		info:     widget.NewLabel(""),
		status:   widget.NewLabel(""),
	}
	v.selector = widget.NewSelect(nil, nil)
	// Unchecked at first: reports count the interviewees unless asked, as
	// on the command line.
	v.interviewers = widget.NewCheck(lang.L("With interviewers"), func(bool) { v.compute() })
	v.refresh = widget.NewButtonWithIcon(lang.L("Refresh"), theme.ViewRefreshIcon(), v.onRefresh)
	labels := make([]string, len(analysisFormats))
	for i, f := range analysisFormats {
		labels[i] = translated(f.label)
	}
	v.format = widget.NewSelect(labels, nil)
	v.format.SetSelectedIndex(0)
	v.export = widget.NewButtonWithIcon(lang.L("Export…"), theme.DocumentSaveIcon(), v.onExport)
	v.export.Importance = widget.HighImportance
	v.export.Disable()
	v.info.Wrapping = fyne.TextWrapWord
	v.status.Truncation = fyne.TextTruncateEllipsis

	v.table = widget.NewTableWithHeaders(v.tableSize, newAnalysisCell, v.updateCell)
	v.table.ShowHeaderColumn = false
	v.table.CreateHeader = newAnalysisCell
	v.table.UpdateHeader = v.updateHeader
	v.table.StickyColumnCount = 1
	v.chart = canvas.NewImageFromImage(nil)
	v.chart.FillMode = canvas.ImageFillContain
	v.chart.SetMinSize(fyne.NewSize(320, 240))

	// Wide enough for "Co-occurrence (same turn)" and most attribute names.
	selector := container.NewGridWrap(fyne.NewSize(250, v.selector.MinSize().Height), v.selector)
	format := container.NewGridWrap(fyne.NewSize(150, v.format.MinSize().Height), v.format)
	tools := container.NewHBox(widget.NewLabel(lang.L("Show")), selector, v.interviewers, v.refresh, v.activity,
		layout.NewSpacer(), widget.NewLabel(lang.L("Export as")), format, v.export)
	heading := container.NewVBox(v.title, v.info)
	v.split = container.NewVSplit(v.table, v.chart)
	v.split.Offset = 0.56
	v.win.SetContent(container.NewBorder(container.NewVBox(tools, heading), v.status, nil, nil, v.split))
	v.win.Resize(fyne.NewSize(1180, 800))
	v.win.SetOnClosed(v.stop)
	return v
}

// stop ends the view's work as its window closes: the computation running
// is cancelled.
func (v *analysisView) stop() {
	v.closed = true
	if v.cancel != nil {
		v.cancel()
	}
}

// onRefresh reads the attribute keys again (they may have changed since the
// window opened) and recomputes what is shown.
func (v *analysisView) onRefresh() {
	if err := v.loadChoices(); err != nil {
		newErrorDialog(err, v.win).Show()
	}
	v.compute()
}

// loadChoices fills the selector: the fixed tables, with a matrix per
// attribute key the participants or documents have. The choice shown stays
// when it still exists.
func (v *analysisView) loadChoices() error {
	keys, err := v.attributeKeys()
	v.choices = []analysisChoice{
		{label: lang.L("Code frequencies"), kind: report.Frequencies},
		{label: lang.L("Codes by document"), kind: report.Matrix, by: "document"},
		{label: lang.L("Codes by participant"), kind: report.Matrix, by: "participant"},
	}
	for _, k := range keys {
		v.choices = append(v.choices, analysisChoice{label: lang.L("Codes by {{.Attribute}}", args{"Attribute": k}), kind: report.Matrix, by: "attr:" + k})
	}
	v.choices = append(v.choices,
		analysisChoice{label: lang.L("Co-occurrence (overlap)"), kind: report.Cooccurrence},
		analysisChoice{label: lang.L("Co-occurrence (same turn)"), kind: report.Cooccurrence, sameTurn: true})
	labels := make([]string, len(v.choices))
	for i, c := range v.choices {
		labels[i] = c.label
	}
	selected := v.selector.Selected
	if !slices.Contains(labels, selected) {
		selected = labels[0]
	}
	// Without OnChanged while setting: the caller computes once, after.
	v.selector.OnChanged = nil
	v.selector.Options = labels
	v.selector.SetSelected(selected)
	v.selector.OnChanged = func(string) { v.compute() }
	return err
}

// attributeKeys lists the attribute keys of the participants and the
// documents, each once whatever its case, sorted.
func (v *analysisView) attributeKeys() ([]string, error) {
	ctx := background()
	var keys []string
	add := func(attrs []model.Attribute) {
		for _, a := range attrs {
			if k := strings.TrimSpace(a.Key); k != "" && !slices.ContainsFunc(keys, func(s string) bool { return strings.EqualFold(s, k) }) {
				keys = append(keys, k)
			}
		}
	}
	cases, err := v.project.Cases(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range cases {
		add(c.Attributes)
	}
	docs, err := v.project.Documents(ctx)
	if err != nil {
		return keys, err
	}
	for _, d := range docs {
		attrs, err := v.project.DocumentAttributes(ctx, d.ID)
		if err != nil {
			return keys, err
		}
		add(attrs)
	}
	slices.SortFunc(keys, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return keys, nil
}

// choice is the selector's entry.
func (v *analysisView) choice() analysisChoice {
	if i := v.selector.SelectedIndex(); i >= 0 && i < len(v.choices) {
		return v.choices[i]
	}
	return v.choices[0]
}

// compute builds the chosen report in the background. A computation still
// running is cancelled, and its result ignored when it comes, so that the
// table always belongs to the selection shown.
func (v *analysisView) compute() {
	if v.cancel != nil {
		v.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	v.cancel = cancel
	done := make(chan struct{})
	v.computing = done
	ch := v.choice()
	opts := report.Options{By: ch.by, SameTurn: ch.sameTurn, Filter: report.Filter{NoInterviewers: !v.interviewers.Checked}}
	v.shown = nil
	v.export.Disable()
	v.status.SetText(lang.L("Counting…"))
	v.activity.Start()
	v.activity.Show()
	p, do := v.project, onUI
	go func() {
		r, err := report.Build(ctx, p, ch.kind, opts)
		var img image.Image
		if err == nil {
			img, err = chartOf(r.Doc)
		}
		do(func() {
			if ctx.Err() == nil {
				v.show(r, img, err)
			}
			close(done)
		})
	}()
}

// chartOf decodes a report's chart, nil when it has none.
func chartOf(d *export.Doc) (image.Image, error) {
	ims := d.Images()
	if len(ims) == 0 || len(ims[0].PNG) == 0 {
		return nil, nil
	}
	img, err := png.Decode(bytes.NewReader(ims[0].PNG))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", lang.L("the chart"), err)
	}
	return img, nil
}

// show puts a built report, or what went wrong, in the window.
func (v *analysisView) show(r *report.Report, img image.Image, err error) {
	v.activity.Stop()
	v.activity.Hide()
	v.status.SetText("")
	var t *export.Table
	if err == nil {
		if ts := r.Doc.Tables(); len(ts) > 0 {
			t = ts[0]
		} else {
			err = fmt.Errorf("%s: %w", textKey("this report has no table"), report.ErrNothingSelected)
		}
	}
	if err != nil {
		v.shown, v.columns, v.headers, v.rows, v.chart.Image = nil, nil, nil, nil, nil
		v.title.SetText("")
		v.info.SetText("")
		if errors.Is(err, report.ErrNothingSelected) {
			// Not a failure: the project has nothing to count yet.
			v.title.SetText(lang.L("Nothing to show"))
			v.info.SetText(nothingMessage(err))
		} else {
			newErrorDialog(err, v.win).Show()
		}
		v.table.Refresh()
		v.chart.Refresh()
		return
	}
	v.shown, v.columns, v.rows = r, t.Columns, t.Rows
	v.title.SetText(r.Doc.Title)
	info := []string{r.Doc.Subtitle}
	for _, b := range r.Doc.Blocks {
		if p, ok := b.(*export.Paragraph); ok {
			var s strings.Builder
			for _, run := range p.Runs {
				s.WriteString(run.Text)
			}
			info = append(info, s.String())
		}
	}
	v.info.SetText(strings.Join(info, "\n"))
	v.fitColumns()
	v.table.ScrollToTop()
	v.table.ScrollToLeading()
	v.table.Refresh()
	v.chart.Image = img
	v.chart.Refresh()
	v.placeChart(img)
	v.export.Enable()
}

// placeChart puts a chart under the table, where a wide chart (bars, a
// heat map of many columns) has the room, or beside it when the chart is
// tall (a heat map of a few documents), which would be small under it.
func (v *analysisView) placeChart(img image.Image) {
	beside := img != nil && img.Bounds().Dy() > img.Bounds().Dx()*11/10
	if beside == v.split.Horizontal {
		return
	}
	v.split.Horizontal = beside
	v.split.Offset = 0.56
	if beside {
		v.split.Offset = 0.7
	}
	v.split.Refresh()
}

// nothingReasons are the reasons package report gives for a report with
// nothing in it (and the Analysis view's own), which the view shows in the
// language shown.
var nothingReasons = []string{
	textKey("the codebook is empty"),
	textKey("no coded quotes match the filters"),
	textKey("the selected documents have no participants"),
	textKey("no speaker turns match the filters"),
	textKey("the project has no documents"),
	textKey("there are no thematic summaries yet ('verbatim summary' writes one)"),
	textKey("the project has no memos yet"),
	textKey("this report has no table"),
}

// nothingMessage is why a report is empty, as a sentence, without the
// sentinel's own words.
func nothingMessage(err error) string {
	s := strings.TrimSuffix(err.Error(), ": "+report.ErrNothingSelected.Error())
	if slices.Contains(nothingReasons, s) {
		s = translated(s)
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:] + "."
}

func (v *analysisView) tableSize() (int, int) { return len(v.rows), len(v.columns) }

// newAnalysisCell is a table cell: a code's colour swatch (hidden unless
// the cell has a fill) beside its text.
func newAnalysisCell() fyne.CanvasObject {
	swatch := canvas.NewRectangle(color.Transparent)
	swatch.SetMinSize(fyne.NewSize(12, 12))
	swatch.CornerRadius = 3
	label := widget.NewLabel("")
	label.Truncation = fyne.TextTruncateEllipsis
	box := container.NewCenter(swatch)
	// Objects in a known order, for updateCell.
	return container.New(layout.NewBorderLayout(nil, nil, box, nil), label, box)
}

func (v *analysisView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row < 0 || id.Row >= len(v.rows) || id.Col < 0 || id.Col >= len(v.rows[id.Row]) {
		setAnalysisCell(o, export.Cell{}, false)
		return
	}
	c := v.rows[id.Row][id.Col]
	setAnalysisCell(o, c, c.Bold)
}

func (v *analysisView) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Col < 0 || id.Col >= len(v.columns) {
		setAnalysisCell(o, export.Cell{}, true)
		return
	}
	// A column of numbers has its title over the numbers: on the right.
	title := v.columns[id.Col].Title
	if id.Col < len(v.headers) {
		title = v.headers[id.Col]
	}
	setAnalysisCell(o, export.Cell{Text: title, Numeric: v.numeric(id.Col)}, true)
}

// numeric says whether a column holds numbers, as its first row does.
func (v *analysisView) numeric(col int) bool {
	return len(v.rows) > 0 && col < len(v.rows[0]) && v.rows[0][col].Numeric
}

func setAnalysisCell(o fyne.CanvasObject, c export.Cell, bold bool) {
	box := o.(*fyne.Container)
	label := box.Objects[0].(*widget.Label)
	swatch := box.Objects[1].(*fyne.Container).Objects[0].(*canvas.Rectangle)
	label.TextStyle = fyne.TextStyle{Bold: bold}
	label.Alignment = fyne.TextAlignLeading
	if c.Numeric {
		label.Alignment = fyne.TextAlignTrailing
	}
	label.SetText(c.Text)
	if c.Fill != "" {
		swatch.FillColor = parseColor(c.Fill)
		box.Objects[1].Show()
	} else {
		box.Objects[1].Hide()
	}
	swatch.Refresh()
}

// fitColumns sizes the columns to their texts, within limits so that a
// long code path does not push the numbers out of sight. A title wider than
// that goes on two lines.
func (v *analysisView) fitColumns() {
	pad := 2*theme.InnerPadding() + 2*theme.Padding()
	v.headers = make([]string, len(v.columns))
	twoLines := false
	for j, col := range v.columns {
		limit, extra := float32(150), float32(0)
		if j == 0 {
			limit, extra = 300, 12+theme.Padding() // room for the swatch
		}
		w := float32(0)
		for _, row := range v.rows {
			if j < len(row) {
				w = max(w, textWidth(row[j].Text, row[j].Bold))
			}
		}
		title := col.Title
		if textWidth(title, true) > limit-pad-extra {
			title = breakTitle(title, max(w, limit-pad-extra))
		}
		for _, line := range strings.Split(title, "\n") {
			w = max(w, textWidth(line, true))
		}
		v.headers[j] = title
		twoLines = twoLines || strings.Contains(title, "\n")
		v.table.SetColumnWidth(j, min(max(w+pad+extra, 60), limit))
	}
	probe := widget.NewLabelWithStyle("A", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if twoLines {
		probe.SetText("A\nA")
	}
	v.table.SetRowHeight(-1, probe.MinSize().Height)
}

// textWidth is how wide a cell's text is drawn.
func textWidth(s string, bold bool) float32 {
	return fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{Bold: bold}).Width
}

// breakTitle puts a column title on two lines, the first holding as many
// words as fit in width; the label truncates what still does not fit.
func breakTitle(title string, width float32) string {
	words := strings.Fields(title)
	n := 1
	for n < len(words)-1 && textWidth(strings.Join(words[:n+1], " "), true) <= width {
		n++
	}
	if len(words) < 2 {
		return title
	}
	return strings.Join(words[:n], " ") + "\n" + strings.Join(words[n:], " ")
}

// onExport asks where to write the report shown, in the format chosen.
func (v *analysisView) onExport() {
	if v.shown == nil {
		v.status.SetText(lang.L("There is nothing to export yet."))
		return
	}
	f := analysisFormats[max(v.format.SelectedIndex(), 0)].format
	d := newSaveBeside(v.project.Path(), fileNameOf(v.shown.Doc.Title)+f.Extension(), "", "", func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			newErrorDialog(err, v.win).Show()
			return
		}
		if wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close()
		if !strings.EqualFold(filepath.Ext(path), f.Extension()) {
			// The dialog made the file as typed; the export goes beside it.
			removeEmpty(path)
			path += f.Extension()
		}
		v.exportTo(path, f)
	}, v.win)
	d.Show()
}

// exportTo writes the report shown to path in the background.
func (v *analysisView) exportTo(path string, f export.Format) {
	done := make(chan struct{})
	v.exporting = done
	if v.shown == nil {
		v.status.SetText(lang.L("There is nothing to export yet."))
		close(done)
		return
	}
	doc := v.shown.Doc
	v.status.SetText(lang.L("Exporting to {{.Path}}…", args{"Path": path}))
	do := onUI
	go func() {
		err := export.WriteFile(context.Background(), path, f, doc)
		do(func() {
			if err != nil {
				v.status.SetText("")
				newErrorDialog(err, v.win).Show()
			} else {
				v.status.SetText(lang.L("Exported to {{.Path}}", args{"Path": path}))
			}
			close(done)
		})
	}()
}

// fileNameOf is a report title as a file name: without the characters that
// file systems refuse.
func fileNameOf(title string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || unicode.IsControl(r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(title))
	if name == "" {
		return lang.L("Analysis")
	}
	return name
}
