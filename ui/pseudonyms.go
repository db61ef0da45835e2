package ui

import (
	"context"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// pseudonymsDialog is Edit > Pseudonyms…: the names that exports with
// pseudonyms on replace, and what replaces them. A row is stored the
// moment it is complete and the user leaves it, presses Enter or taps ✓;
// each change is one undoable step, and so is Keep all suggestions.
type pseudonymsDialog struct {
	w       *MainWindow
	dialog  *dialog.CustomDialog
	rows    []*pseudonymRow
	list    *fyne.Container
	add     *widget.Button
	suggest *widget.Button
	keepAll *widget.Button
	message *widget.Label // what the last action needs the user to know

	onChanged func() // told after every change stored
}

// pseudonymRow is one name → pseudonym. stored is the pair as the project
// has it (Name empty for a row not stored yet); tried the last pair
// offered to the project, so that a refused one is not offered again
// each time the focus moves.
type pseudonymRow struct {
	stored, tried   model.Pseudonym
	suggested       bool // filled by Suggest: stored only when kept
	touched         bool // typed in by the user
	name, pseudonym *pseudonymEntry
	save, remove    *widget.Button
	view            fyne.CanvasObject
}

// pseudonymEntry is an entry that tells when the user leaves it, so that
// an edit is stored without a Save button.
type pseudonymEntry struct {
	widget.Entry
	onLeave func()
}

func newPseudonymEntry(placeholder string) *pseudonymEntry {
	e := &pseudonymEntry{}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder(placeholder)
	return e
}

// FocusLost stores the row the entry is in.
func (e *pseudonymEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onLeave != nil {
		e.onLeave()
	}
}

// onEditPseudonyms is Edit > Pseudonyms….
func (w *MainWindow) onEditPseudonyms() { w.openPseudonyms(nil) }

// openPseudonyms shows the pseudonym list; onChanged, if set, is told
// after every change.
func (w *MainWindow) openPseudonyms(onChanged func()) *pseudonymsDialog {
	list, err := w.project.Pseudonyms(background())
	if err != nil {
		w.showError(err)
		return nil
	}
	d := &pseudonymsDialog{w: w, list: container.NewVBox(), onChanged: onChanged}
	for _, ps := range list {
		d.addRow(ps, ps)
	}
	d.add = widget.NewButtonWithIcon(lang.L("Add a name"), theme.ContentAddIcon(), d.onAdd)
	d.suggest = widget.NewButton(lang.L("Suggest from the participants"), d.onSuggest)
	d.keepAll = widget.NewButton(lang.L("Keep all suggestions"), d.onKeepAll)
	d.keepAll.Hide()
	note := widget.NewLabel(lang.L("Exports with pseudonyms on replace each name, in any case and with possessives (Sannes, Sanne's), in quotes, attributions and headings. The project keeps the real names."))
	note.Wrapping = fyne.TextWrapWord
	d.message = widget.NewLabel(lang.L("Add a name, or let Verbatim suggest pseudonyms for the participants. A row is stored when you leave it."))
	d.message.Wrapping = fyne.TextWrapWord
	d.message.Importance = widget.LowImportance
	// The headings stand over the entries, beside the space of each row's
	// two buttons.
	buttons := widget.NewButtonWithIcon("", theme.ConfirmIcon(), nil).MinSize().Width*2 + theme.Padding()
	space := canvas.NewRectangle(color.Transparent)
	space.SetMinSize(fyne.NewSize(buttons, 1))
	head := container.NewBorder(nil, nil, nil, space, container.NewGridWithColumns(2, heading(lang.L("Name")), heading(lang.L("Pseudonym in exports"))))
	scroll := container.NewVScroll(d.list)
	scroll.SetMinSize(fyne.NewSize(600, 260))
	actions := container.NewVBox(d.message, container.NewHBox(d.add, d.suggest, d.keepAll))
	content := container.NewBorder(container.NewVBox(note, head), actions, nil, nil, scroll)
	d.dialog = dialog.NewCustom(lang.L("Pseudonyms"), lang.L("Close"), content, w.win)
	d.dialog.SetOnClosed(d.onClosed)
	d.dialog.Resize(fyne.NewSize(720, 500))
	d.dialog.Show()
	return d
}

// addRow adds a row showing ps; stored is what the project holds for it
// (nothing for a new or suggested row).
func (d *pseudonymsDialog) addRow(ps, stored model.Pseudonym) *pseudonymRow {
	r := &pseudonymRow{stored: stored, tried: stored}
	r.name = newPseudonymEntry(lang.L("a name, e.g. Sanne de Vries"))
	r.pseudonym = newPseudonymEntry(lang.L("e.g. Deelnemer 1"))
	r.name.SetText(ps.Name)
	r.pseudonym.SetText(ps.Pseudonym)
	leave := func() { d.commit(r, false) }
	r.name.onLeave, r.pseudonym.onLeave = leave, leave
	r.name.OnSubmitted = func(string) { d.commit(r, true) }
	r.pseudonym.OnSubmitted = func(string) { d.commit(r, true) }
	r.save = widget.NewButtonWithIcon("", theme.ConfirmIcon(), func() { d.commit(r, true) })
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { d.onRemove(r) })
	edited := func(string) {
		r.touched = true
		d.showState(r)
	}
	r.name.OnChanged, r.pseudonym.OnChanged = edited, edited
	r.view = container.NewBorder(nil, nil, nil, container.NewHBox(r.save, r.remove),
		container.NewGridWithColumns(2, r.name, r.pseudonym))
	d.rows = append(d.rows, r)
	d.list.Add(r.view)
	d.showState(r)
	return r
}

// showState offers ✓ while a row holds what the project does not.
func (d *pseudonymsDialog) showState(r *pseudonymRow) {
	if r.pending() {
		r.save.Enable()
	} else {
		r.save.Disable()
	}
}

// entered is what a row's entries hold, spaces tidied as the project
// stores them.
func (r *pseudonymRow) entered() model.Pseudonym {
	return model.Pseudonym{Name: strings.Join(strings.Fields(r.name.Text), " "), Pseudonym: strings.Join(strings.Fields(r.pseudonym.Text), " ")}
}

func (r *pseudonymRow) pending() bool {
	e := r.entered()
	return e != r.stored && (e.Name != "" || e.Pseudonym != "")
}

// commit stores a row that is complete and changed, as one step.
func (d *pseudonymsDialog) commit(r *pseudonymRow, explicit bool) {
	if msg := d.store(background(), r, explicit); msg != "" {
		d.changed(msg)
	}
}

// store offers a row that is complete and changed to the project: its
// pseudonym set, or under a new name the new one set and the old one
// removed, together. A half-filled row waits, and a pair the project
// refused is not offered again until it changes; explicit (✓ or Enter)
// says so. It returns what to tell the user of a stored row, "" when
// nothing was stored.
func (d *pseudonymsDialog) store(ctx context.Context, r *pseudonymRow, explicit bool) string {
	e := r.entered()
	if !r.pending() {
		return ""
	}
	if e.Name == "" || e.Pseudonym == "" {
		if explicit {
			d.say(lang.L("Give both a name and its pseudonym; the bin removes a row."))
		}
		return ""
	}
	if e == r.tried {
		// Tapping ✓ also moves the focus: one refusal is enough.
		if explicit {
			d.say(lang.L("Not stored: change the name or the pseudonym as the message said, or remove the row."))
		}
		return ""
	}
	r.tried = e
	msg := lang.L("{{.Name}} is {{.Pseudonym}} in exports with pseudonyms on. Ctrl+Z undoes it.", args{"Name": e.Name, "Pseudonym": e.Pseudonym})
	old := r.stored.Name
	renamed := old != "" && !strings.EqualFold(old, e.Name)
	var label model.Label // SetPseudonym's own
	if renamed {
		label = model.Phrase("Rename {{.Old}} to {{.New}} on the pseudonym list", "Old", old, "New", e.Name)
		msg = lang.L("{{.Name}} replaces {{.Old}} on the pseudonym list, as {{.Pseudonym}}. Ctrl+Z undoes it.", args{"Name": e.Name, "Old": old, "Pseudonym": e.Pseudonym})
	}
	err := d.w.project.GroupAs(ctx, label, func(ctx context.Context) error {
		if err := d.w.project.SetPseudonym(ctx, e.Name, e.Pseudonym); err != nil {
			return err
		}
		if renamed {
			return d.w.project.RemovePseudonym(ctx, old)
		}
		return nil
	})
	if err != nil {
		d.w.showError(err)
		return ""
	}
	r.stored = e
	d.showState(r)
	return msg
}

// onRemove removes a row, and its name from the project's list if stored.
func (d *pseudonymsDialog) onRemove(r *pseudonymRow) {
	if r.stored.Name != "" {
		if err := d.w.project.RemovePseudonym(background(), r.stored.Name); err != nil {
			d.w.showError(err)
			return
		}
		d.changed(lang.L("Removed {{.Name}} from the pseudonyms. Ctrl+Z undoes it.", args{"Name": r.stored.Name}))
	}
	for i, x := range d.rows {
		if x == r {
			d.rows = append(d.rows[:i], d.rows[i+1:]...)
			break
		}
	}
	d.list.Remove(r.view)
}

// onAdd adds an empty row and puts the cursor in it.
func (d *pseudonymsDialog) onAdd() {
	r := d.addRow(model.Pseudonym{}, model.Pseudonym{})
	d.w.win.Canvas().Focus(r.name)
}

// onSuggest adds rows with the model's proposals, not yet stored: the user
// keeps them one by one with ✓, or all at once.
func (d *pseudonymsDialog) onSuggest() {
	list, err := d.w.project.SuggestPseudonyms(background())
	if err != nil {
		d.w.showError(err)
		return
	}
	added := 0
	for _, ps := range list {
		if !d.listed(ps.Name) {
			d.addRow(ps, model.Pseudonym{}).suggested = true
			added++
		}
	}
	if added == 0 {
		d.say(lang.L("Every participant with a real name has a pseudonym already (interviewers and labels such as S01 are left out)."))
		return
	}
	d.say(plural("{{.Count}} pseudonyms suggested below. ✓ keeps one; Keep all suggestions keeps them all; the bin drops one.", added))
	d.keepAll.Show()
}

// listed reports whether a row already holds name.
func (d *pseudonymsDialog) listed(name string) bool {
	for _, r := range d.rows {
		if strings.EqualFold(r.entered().Name, name) {
			return true
		}
	}
	return false
}

// onKeepAll stores every row that is complete and not stored yet, as one
// step; a row the project refuses stays as it is.
func (d *pseudonymsDialog) onKeepAll() {
	kept := 0
	was := make([]model.Pseudonym, len(d.rows))
	for i, r := range d.rows {
		was[i] = r.stored
	}
	err := d.w.project.GroupAs(background(), model.Phrase("Keep the suggested pseudonyms"), func(ctx context.Context) error {
		for _, r := range d.rows {
			if r.pending() && d.store(ctx, r, false) != "" {
				kept++
			}
		}
		return nil
	})
	if err != nil {
		for i, r := range d.rows {
			r.stored = was[i]
			d.showState(r)
		}
		d.w.showError(err)
		return
	}
	d.keepAll.Hide()
	if kept == 0 {
		d.message.Importance = widget.LowImportance
		d.message.SetText(lang.L("No pseudonym stored."))
		return
	}
	d.changed(plural("{{.Count}} pseudonyms stored; Ctrl+Z undoes them together.", kept))
}

// onClosed stores what was typed last, in case the focus did not leave
// it, and drops the suggestions that were not kept.
func (d *pseudonymsDialog) onClosed() {
	for _, r := range d.rows {
		if !r.suggested || r.touched {
			d.commit(r, false)
		}
	}
	if d.onChanged != nil {
		d.onChanged()
	}
}

// say shows a message under the list.
func (d *pseudonymsDialog) say(msg string) {
	d.message.Importance = widget.WarningImportance
	d.message.SetText(msg)
}

func (d *pseudonymsDialog) changed(msg string) {
	d.message.Importance = widget.LowImportance
	d.message.SetText(msg)
	d.w.status.SetText(msg)
	d.w.updateUndoMenu()
	if d.onChanged != nil {
		d.onChanged()
	}
}
