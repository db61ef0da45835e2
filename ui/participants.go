package ui

import (
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// participantsPanel is the Participants tab beside the documents list: the
// participants (model.Case) with their speakers in every document, and for
// the one chosen its attributes (role, organisation, age…) as rows to
// change, remove and add, each change one undo step, and its memo, saved as
// typed. It is a tab rather than a pane under the documents because a
// participant's attributes and memo need the column's height, and are
// written between interviews rather than while coding one.
type participantsPanel struct {
	w    *MainWindow
	box  fyne.CanvasObject
	tabs *container.AppTabs // the left column: documents and participants
	tab  *container.TabItem
	list *widget.List

	detail   *fyne.Container // the chosen participant, hidden before one is
	name     *widget.Label
	speakers *widget.Label
	attrBox  *fyne.Container // the attribute rows
	// attrScroll scrolls the rows beyond a few, so that the list above
	// keeps its room.
	attrScroll *container.Scroll
	rows       []*attributeRow
	newKey     *widget.Entry
	newValue   *widget.Entry
	add        *widget.Button
	memo       *memoEditor
	hint       *widget.Label

	cases  []model.Case
	all    []model.Speaker           // every speaker, by document
	spoken map[int64][]model.Speaker // each participant's speakers
	caseID int64                     // the participant chosen; 0 for none
	read   bool                      // read since the last change
}

// attributeRow is one attribute of the chosen participant: its value
// changes when the entry is left or Enter pressed.
type attributeRow struct {
	key    string
	value  *fieldEntry
	remove *widget.Button
	box    fyne.CanvasObject
}

func newParticipantsPanel(w *MainWindow) *participantsPanel {
	p := &participantsPanel{w: w, spoken: map[int64][]model.Speaker{}}
	p.list = widget.NewList(
		func() int { return len(p.cases) },
		func() fyne.CanvasObject {
			name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			name.Truncation = fyne.TextTruncateEllipsis
			about := widget.NewLabel("")
			about.Truncation = fyne.TextTruncateEllipsis
			about.SizeName = theme.SizeNameCaptionText
			return container.NewVBox(name, about)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(p.cases[i].Name)
			box.Objects[1].(*widget.Label).SetText(p.about(p.cases[i]))
		})
	p.list.OnSelected = p.onSelected

	p.name = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.name.Wrapping = fyne.TextWrapWord
	p.speakers = widget.NewLabel("")
	p.speakers.SizeName = theme.SizeNameCaptionText
	p.speakers.Wrapping = fyne.TextWrapWord
	p.attrBox = container.NewVBox()
	p.newKey = widget.NewEntry()
	p.newKey.SetPlaceHolder(lang.L("Attribute"))
	p.newValue = widget.NewEntry()
	p.newValue.SetPlaceHolder(lang.L("Value"))
	p.newValue.OnSubmitted = func(string) { p.onAdd() }
	p.newKey.OnSubmitted = func(string) { p.w.win.Canvas().Focus(p.newValue) }
	p.add = widget.NewButtonWithIcon("", theme.ContentAddIcon(), p.onAdd)
	addRow := container.NewBorder(nil, nil, nil, p.add, container.NewGridWithColumns(2, p.newKey, p.newValue))
	p.memo = w.newMemoEditor()
	p.memo.onGone = func() { p.reload() }
	p.memo.entry.SetMinRowsVisible(4)
	p.attrScroll = container.NewVScroll(p.attrBox)
	top := container.NewVBox(p.name, p.speakers, heading(lang.L("Attributes")), p.attrScroll, addRow, p.memo.title)
	p.detail = container.NewBorder(top, nil, nil, nil, p.memo.entry)
	p.detail.Hide()
	p.hint = widget.NewLabel(lang.L("Choose a participant to see their speakers, attributes and memo. The Speakers button over the transcript links speakers to participants."))
	p.hint.Wrapping = fyne.TextWrapWord
	p.hint.Importance = widget.LowImportance
	split := container.NewVSplit(p.list, container.NewStack(container.NewVBox(p.hint), p.detail))
	split.Offset = 0.35
	p.box = split
	return p
}

// beside puts the panel in a tab beside the documents list, read when it
// is first shown.
func (p *participantsPanel) beside(documents fyne.CanvasObject) fyne.CanvasObject {
	p.tab = container.NewTabItem(lang.L("Participants"), p.box)
	p.tabs = container.NewAppTabs(container.NewTabItem(lang.L("Documents"), documents), p.tab)
	p.tabs.OnSelected = func(t *container.TabItem) {
		if t == p.tab && !p.read {
			p.reload()
		}
	}
	return p.tabs
}

// about says a participant's speakers and attributes in a line.
func (p *participantsPanel) about(c model.Case) string {
	parts := []string{plural("{{.Count}} speakers", len(p.spoken[c.ID]))}
	for _, a := range c.Attributes {
		parts = append(parts, attributeName(a.Key)+": "+a.Value)
	}
	return strings.Join(parts, " · ")
}

// reload reads the participants again, when the tab shows: after every
// change, undo and redo, and when it is chosen.
func (p *participantsPanel) reload() {
	if p.tabs == nil || p.tabs.Selected() != p.tab {
		p.read = false
		return
	}
	ctx := background()
	cases, err := p.w.project.Cases(ctx)
	if err != nil {
		p.w.showError(err)
		return
	}
	speakers, err := p.w.project.Speakers(ctx, 0)
	if err != nil {
		p.w.showError(err)
		return
	}
	p.cases, p.all, p.read = cases, speakers, true
	clear(p.spoken)
	for _, s := range speakers {
		p.spoken[s.CaseID] = append(p.spoken[s.CaseID], s)
	}
	p.list.Refresh()
	if p.caseID == 0 {
		p.caseID = p.speakerShown()
	}
	i := slices.IndexFunc(cases, func(c model.Case) bool { return c.ID == p.caseID })
	if i < 0 {
		p.caseID = 0
		p.list.UnselectAll()
		p.memo.close("")
		p.detail.Hide()
		p.hint.Show()
		return
	}
	p.list.Select(i) // shown below, as chosen
	p.showCase(cases[i])
}

// speakerShown is the participant to show before one is chosen: the
// first speaker of the document shown who is not an interviewer.
func (p *participantsPanel) speakerShown() int64 {
	for _, s := range p.all {
		if s.DocID == p.w.doc.ID && !s.Interviewer && s.CaseID != 0 {
			return s.CaseID
		}
	}
	return 0
}

// onSelected shows the participant of row i.
func (p *participantsPanel) onSelected(i widget.ListItemID) {
	if i < 0 || i >= len(p.cases) || p.cases[i].ID == p.caseID {
		return
	}
	id := p.cases[i].ID
	p.commitPending() // may read the participants again
	p.caseID = id
	if j := slices.IndexFunc(p.cases, func(c model.Case) bool { return c.ID == id }); j >= 0 {
		p.list.Select(j)
		p.showCase(p.cases[j])
	}
}

// open shows a participant in the tab, its memo ready to type in when
// focus.
func (p *participantsPanel) open(caseID int64, focus bool) {
	p.caseID = caseID
	p.read = false
	p.tabs.Select(p.tab) // reads the participants
	if !p.read {
		p.reload()
	}
	if i := slices.IndexFunc(p.cases, func(c model.Case) bool { return c.ID == caseID }); i >= 0 {
		p.list.Select(i)
		p.list.ScrollTo(i)
	}
	if focus && p.memo.shows(model.CaseMemo, caseID) {
		p.w.win.Canvas().Focus(p.memo.entry)
	}
}

// showCase shows a participant's speakers, attributes and memo.
func (p *participantsPanel) showCase(c model.Case) {
	p.name.SetText(c.Name)
	var lines []string
	for _, s := range p.spoken[c.ID] {
		line := lang.L("{{.Speaker}} in {{.Document}} ({{.Turns}})", args{"Speaker": s.Label, "Document": s.Document, "Turns": plural("{{.Count}} turns", s.Turns)})
		if s.Interviewer {
			line += ", " + lang.L("interviewer")
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		lines = []string{lang.L("No speaker in any document is this participant.")}
	}
	p.speakers.SetText(strings.Join(lines, "\n"))
	p.showAttributes(c.Attributes)
	memo, err := p.w.project.Memo(background(), model.CaseMemo, c.ID)
	if err != nil {
		p.w.showError(err)
		return
	}
	if p.memo.shows(model.CaseMemo, c.ID) {
		p.memo.stored(memo)
	} else {
		p.memo.show(model.CaseMemo, c.ID, lang.L("Memo on participant {{.Name}}", args{"Name": c.Name}), memo)
	}
	p.memo.title.SetText(lang.L("Memo on participant {{.Name}}", args{"Name": c.Name}))
	p.hint.Hide()
	p.detail.Show()
}

// showAttributes shows a participant's attributes. Rows are made again
// only when the keys change, so that the entry being typed in stays.
func (p *participantsPanel) showAttributes(attrs []model.Attribute) {
	same := len(attrs) == len(p.rows)
	for i := 0; same && i < len(attrs); i++ {
		same = attrs[i].Key == p.rows[i].key
	}
	if same {
		for i, a := range attrs {
			if r := p.rows[i]; r.value.Text != a.Value && !r.value.focused {
				r.value.SetText(a.Value)
			}
			p.rows[i].value.saved = a.Value
		}
		return
	}
	p.rows = p.rows[:0]
	p.attrBox.RemoveAll()
	for _, a := range attrs {
		r := &attributeRow{key: a.Key, value: newFieldEntry()}
		r.value.SetText(a.Value)
		r.value.saved = a.Value
		r.value.onDone = func() { p.onValueDone(r) }
		r.remove = widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { p.onRemove(r) })
		r.remove.Importance = widget.LowImportance
		key := widget.NewLabel(attributeName(a.Key))
		key.Truncation = fyne.TextTruncateEllipsis
		r.box = container.NewBorder(nil, nil, nil, r.remove, container.NewGridWithColumns(2, key, r.value))
		p.rows = append(p.rows, r)
		p.attrBox.Add(r.box)
	}
	if len(attrs) == 0 {
		none := widget.NewLabel(lang.L("None yet: add role, organisation, age… below."))
		none.Wrapping = fyne.TextWrapWord
		none.Importance = widget.LowImportance
		p.attrBox.Add(none)
	}
	p.attrBox.Refresh()
	rows := p.attrBox.MinSize().Height
	p.attrScroll.SetMinSize(fyne.NewSize(0, fyne.Min(rows, attributeRowsShown*(p.newKey.MinSize().Height+theme.Padding()))))
}

// attributeRowsShown is how many attribute rows show before they scroll.
const attributeRowsShown = 4

// onValueDone stores a changed value; emptied, the attribute goes.
func (p *participantsPanel) onValueDone(r *attributeRow) {
	if r.value.Text == r.value.saved {
		return
	}
	p.setAttribute(r.key, strings.TrimSpace(r.value.Text))
}

func (p *participantsPanel) onRemove(r *attributeRow) {
	key := r.key
	p.commitPending()
	p.setAttribute(key, "")
}

// commitPending stores the values changed in rows and not stored yet, as
// the rows are about to be made again: a value typed, and then a row
// removed, or another participant chosen, without leaving the entry.
func (p *participantsPanel) commitPending() {
	var pending []model.Attribute
	for _, r := range p.rows {
		if r.value.Text != r.value.saved {
			pending = append(pending, model.Attribute{Key: r.key, Value: strings.TrimSpace(r.value.Text)})
		}
	}
	for _, a := range pending {
		p.setAttribute(a.Key, a.Value)
	}
}

// onAdd adds the attribute typed in the last row.
func (p *participantsPanel) onAdd() {
	p.commitPending()
	key, value := strings.TrimSpace(p.newKey.Text), strings.TrimSpace(p.newValue.Text)
	switch {
	case key == "":
		p.w.status.SetText(lang.L("Name the attribute first: role, organisation, age…"))
		p.w.win.Canvas().Focus(p.newKey)
		return
	case value == "":
		p.w.status.SetText(lang.L("Give “{{.Key}}” a value.", args{"Key": key}))
		p.w.win.Canvas().Focus(p.newValue)
		return
	}
	if p.setAttribute(key, value) {
		p.newKey.SetText("")
		p.newValue.SetText("")
		p.w.win.Canvas().Focus(p.newKey)
	}
}

// setAttribute sets an attribute of the participant chosen as one undo
// step; an empty value removes it.
func (p *participantsPanel) setAttribute(key, value string) bool {
	if p.caseID == 0 {
		return false
	}
	err := p.w.project.SetCaseAttribute(background(), p.caseID, key, value)
	if errors.Is(err, model.ErrNotFound) {
		p.reload() // the participant is gone
		return false
	}
	if err != nil {
		p.w.showError(err)
		return false
	}
	if value == "" {
		p.w.status.SetText(lang.L("Removed “{{.Key}}”. Ctrl+Z brings it back.", args{"Key": key}))
	} else {
		p.w.status.SetText(lang.L("Set “{{.Key}}” to “{{.Value}}”. Ctrl+Z undoes it.", args{"Key": key, "Value": value}))
	}
	p.w.refresh()
	return true
}

// fieldEntry is a one-line entry whose value is stored when it is left or
// Enter is pressed.
type fieldEntry struct {
	widget.Entry
	saved   string // as stored
	focused bool
	onDone  func()
}

func newFieldEntry() *fieldEntry {
	e := &fieldEntry{}
	e.ExtendBaseWidget(e)
	e.OnSubmitted = func(string) {
		if e.onDone != nil {
			e.onDone()
		}
	}
	return e
}

// FocusGained notes that the entry is being typed in.
func (e *fieldEntry) FocusGained() {
	e.focused = true
	e.Entry.FocusGained()
}

// FocusLost stores the value, after the entry has let go of the keyboard.
func (e *fieldEntry) FocusLost() {
	e.focused = false
	e.Entry.FocusLost()
	if e.onDone != nil {
		e.onDone()
	}
}
