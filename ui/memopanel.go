package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// memoPanel is docked at the transcript's right, and hides to give the
// transcript the width. Its Memos tab holds, on top, the summary of the
// document shown (its memo) under the document's attributes, and under it
// the memo chosen last: of a code clicked without a selection, of a coding
// clicked in the transcript, of the project, or one opened from a menu. Its
// Overview tab lists every memo of the project. Both editors save as typed.
type memoPanel struct {
	w     *MainWindow
	box   *container.AppTabs
	split *container.Split // the transcript and the panel
	dock  *fyne.Container  // holds split, hiding the panel when narrow
	// shown is whether the panel is to be shown; anyWidth, whether it was
	// asked for since the window opened, and so shows however narrow.
	shown, anyWidth bool
	closing         bool // the window is closing: its search index with it

	summary    *memoEditor   // the document's
	attributes *widget.Label // the document's attributes: date, duration…
	chosen     *memoEditor   // a code's, a coding's or the project's
	note       *widget.Label // under the chosen memo's title: a coding's quote
	unchoose   *widget.Button
	lower      *fyne.Container  // the chosen memo, hidden while none is
	inner      *container.Split // the summary over the chosen memo
	hint       *widget.Label    // under the summary while no memo is chosen
	overview   *memoOverview

	memosTab, overviewTab *container.TabItem
	item                  *fyne.MenuItem // View > Memo panel, ticked while shown
}

// prefMemosShown is the app preference that keeps the panel shown or
// hidden between runs.
const prefMemosShown = "memos.shown"

func newMemoPanel(w *MainWindow) *memoPanel {
	m := &memoPanel{w: w}
	m.summary = w.newMemoEditor()
	m.summary.close(lang.L("No document shown"))
	m.attributes = widget.NewLabel("")
	m.attributes.SizeName = theme.SizeNameCaptionText
	m.attributes.Wrapping = fyne.TextWrapWord
	m.attributes.Hide()
	m.chosen = w.newMemoEditor()
	m.chosen.onGone = m.onChosenGone
	m.note = widget.NewLabel("")
	m.note.SizeName = theme.SizeNameCaptionText
	m.note.Wrapping = fyne.TextWrapWord
	m.note.Hide()
	m.unchoose = widget.NewButtonWithIcon("", theme.CancelIcon(), m.onUnchoose)
	m.unchoose.Importance = widget.LowImportance
	m.hint = widget.NewLabel(lang.L("To write a code's memo here, click the code while no text is selected; for a coding's, click its coded text."))
	m.hint.Wrapping = fyne.TextWrapWord
	m.hint.SizeName = theme.SizeNameCaptionText

	top := container.NewBorder(container.NewVBox(m.summary.title, m.attributes), m.hint, nil, nil, m.summary.entry)
	chosenHead := container.NewVBox(container.NewBorder(nil, nil, nil, m.unchoose, m.chosen.title), m.note)
	m.lower = container.NewBorder(chosenHead, nil, nil, nil, m.chosen.entry)
	m.inner = container.NewVSplit(top, m.lower)
	m.inner.Offset = 0.5
	m.overview = newMemoOverview(m.onOverviewOpened)
	m.memosTab = container.NewTabItem(lang.L("Memos"), m.inner)
	m.overviewTab = container.NewTabItem(lang.L("Overview"), m.overview.box)
	m.box = container.NewAppTabs(m.memosTab, m.overviewTab)
	m.box.OnSelected = func(t *container.TabItem) {
		if t == m.overviewTab {
			m.w.readOverview()
		}
	}
	m.onUnchoose()
	return m
}

// newMemoEditor is a memo editor that saves to the window's project.
func (w *MainWindow) newMemoEditor() *memoEditor {
	e := newMemoEditor()
	e.save = func(kind model.MemoKind, id int64, text string, s *model.MemoSession) error {
		return w.project.SetMemoContinuing(background(), kind, id, text, s)
	}
	e.onSaved = w.onMemoSaved
	e.onError = w.showError
	return e
}

// beside docks the panel at the right of reading (the transcript and its
// header), shown as it was last.
func (m *memoPanel) beside(reading fyne.CanvasObject) fyne.CanvasObject {
	m.split = container.NewHSplit(reading, m.box)
	m.split.Offset = 0.64
	m.dock = container.New(memoDockLayout{m}, m.split)
	m.shown = fyne.CurrentApp().Preferences().BoolWithFallback(prefMemosShown, true)
	m.apply()
	return m.dock
}

// memoDockWidth is how wide the transcript and the panel must be for the
// panel to show beside the transcript unasked: in a narrower window it
// gives way, until it is asked for.
const memoDockWidth = 640

// setShown shows or hides the panel, as asked: shown this way, it stays
// beside the transcript however narrow the window is.
func (m *memoPanel) setShown(show bool) {
	m.shown, m.anyWidth = show, show
	m.apply()
}

// visible tells whether the panel is on screen.
func (m *memoPanel) visible() bool { return m.box.Visible() }

// apply shows the panel when it is to be shown and has the room, and
// hides it otherwise, saving what was typed in it.
func (m *memoPanel) apply() {
	width := m.dock.Size().Width
	show := m.shown && (m.anyWidth || width == 0 || width >= memoDockWidth)
	if show == m.visible() {
		return
	}
	if show {
		m.box.Show()
	} else {
		m.summary.leave()
		m.chosen.leave()
		m.box.Hide()
	}
	m.split.Refresh()
	if m.w.memos != nil { // not while the window is being built
		m.w.updateMemosItem()
	}
}

// memoDockLayout gives the split all the room, hiding the panel first
// when there is too little of it.
type memoDockLayout struct{ m *memoPanel }

func (l memoDockLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.m.apply()
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}

func (l memoDockLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var min fyne.Size
	for _, o := range objs {
		min = min.Max(o.MinSize())
	}
	return min
}

// follow shows the summary and attributes of the document shown, d; an
// ID 0 for none.
func (m *memoPanel) follow(d model.Document) {
	if d.ID == 0 {
		m.summary.close(lang.L("No document shown"))
		m.attributes.Hide()
		return
	}
	ctx := background()
	memo, err := m.w.project.Memo(ctx, model.DocumentMemo, d.ID)
	if err != nil {
		m.w.showError(err)
		return
	}
	if m.summary.shows(model.DocumentMemo, d.ID) {
		m.summary.title.SetText(lang.L("Summary of {{.Document}}", args{"Document": d.Name}))
		m.summary.stored(memo)
	} else {
		m.summary.show(model.DocumentMemo, d.ID, lang.L("Summary of {{.Document}}", args{"Document": d.Name}), memo)
	}
	attrs, err := m.w.project.DocumentAttributes(ctx, d.ID)
	if err != nil {
		m.w.showError(err)
		return
	}
	m.attributes.SetText(attributesLine(attrs))
	setVisible(m.attributes, len(attrs) > 0)
}

// attributesLine says a document's attributes: "date: 2024-03-12 ·
// duration: 45 min".
func attributesLine(attrs []model.Attribute) string {
	parts := make([]string, len(attrs))
	for i, a := range attrs {
		parts[i] = attributeName(a.Key) + ": " + a.Value
	}
	return strings.Join(parts, " · ")
}

// attributeNames are the attribute names the importer stores for a
// transcript's header (Date:, Duur:, …) and the usual participant ones,
// which the window shows in its language; the stored names stay.
var attributeNames = []string{textKey("date"), textKey("time"), textKey("duration"), textKey("location"),
	textKey("interviewer"), textKey("interviewee"), textKey("audio file"), textKey("language"), textKey("title"),
	textKey("subject"), textKey("project"), textKey("transcriber"), textKey("role"), textKey("organisation"),
	textKey("age"), textKey("gender")}

// attributeName is an attribute's name as the window shows it: a known
// one in the language shown, any other as it is stored.
func attributeName(key string) string {
	if slices.Contains(attributeNames, key) {
		return translated(key)
	}
	return key
}

// choose shows a memo of a code, a coding or the project under the
// summary, reading it from the project; the keyboard goes to it when focus.
func (m *memoPanel) choose(kind model.MemoKind, id int64, focus bool) {
	title, note, err := m.w.memoTitle(kind, id)
	if err != nil {
		m.w.showError(err)
		return
	}
	memo, err := m.w.project.Memo(background(), kind, id)
	if err != nil {
		m.w.showError(err)
		return
	}
	if m.chosen.shows(kind, id) {
		m.chosen.stored(memo)
	} else {
		m.chosen.show(kind, id, title, memo)
	}
	m.chosen.title.SetText(title)
	m.note.SetText(note)
	setVisible(m.note, note != "")
	if !m.lower.Visible() {
		m.hint.Hide()
		m.lower.Show()
		m.inner.Refresh()
	}
	if focus {
		m.reveal()
		m.w.win.Canvas().Focus(m.chosen.entry)
	}
}

// reveal shows the panel at its Memos tab.
func (m *memoPanel) reveal() {
	if !m.visible() {
		m.setShown(true)
	}
	m.box.Select(m.memosTab)
}

// onUnchoose empties the chosen memo's place, saving it first.
func (m *memoPanel) onUnchoose() {
	m.chosen.close("")
	m.lower.Hide() // the summary takes the height
	m.hint.Show()
	m.inner.Refresh()
}

// onChosenGone empties the chosen memo's place when what it belonged to
// is gone.
func (m *memoPanel) onChosenGone() {
	m.onUnchoose()
	m.w.status.SetText(lang.L("That memo belonged to something that is gone; it was not saved."))
}

// reread shows the memos as stored after a change, an undo or a redo: a
// memo whose owner is gone is closed.
func (m *memoPanel) reread() {
	e := m.chosen
	if !e.open {
		return
	}
	if _, _, err := m.w.memoTitle(e.kind, e.id); errors.Is(err, model.ErrNotFound) {
		e.open = false // nothing to save it to
		m.onUnchoose()
		return
	}
	m.choose(e.kind, e.id, false)
}

// memoTitle names a memo for the panel's heading, with a note for under
// it: a coding's quote and document.
func (w *MainWindow) memoTitle(kind model.MemoKind, id int64) (title, note string, err error) {
	ctx := background()
	switch kind {
	case model.ProjectMemo:
		return lang.L("Project memo"), "", nil
	case model.CodeMemo:
		c, ok := w.codebook.code(id)
		if !ok {
			return "", "", fmt.Errorf("code %d: %w", id, model.ErrNotFound)
		}
		if c.Description != "" {
			note = lang.L("Description: {{.Text}}", args{"Text": c.Description})
		}
		return lang.L("Memo on code “{{.Code}}”", args{"Code": model.CodePath(w.codebook.codes, id)}), note, nil
	case model.CodingMemo:
		g, err := w.project.Coding(ctx, id)
		if err != nil {
			return "", "", err
		}
		return lang.L("Memo on a coding of “{{.Code}}”", args{"Code": g.Code}), lang.L("“{{.Quote}}” in {{.Document}}", args{"Quote": cutLabel(g.Text, 140), "Document": g.Document}), nil
	case model.DocumentMemo:
		d, err := w.project.Document(ctx, id)
		return lang.L("Summary of {{.Document}}", args{"Document": d.Name}), "", err
	}
	return "", "", fmt.Errorf("memo on %q: %w", kind, model.ErrInvalid)
}

// flush saves what was typed in the panel and not saved yet.
func (m *memoPanel) flush() {
	m.summary.flush()
	m.chosen.flush()
}
