package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// speakerEdit is one speaker as the speakers dialog changes it.
type speakerEdit struct {
	speaker     model.Speaker
	participant string
	interviewer bool
}

// speakersDialog is the Speakers button's dialog: which participant each
// speaker of the document shown is, and whether it is an interviewer.
type speakersDialog struct {
	w            *MainWindow
	dialog       *dialog.CustomDialog
	edits        []*speakerEdit
	names        []*widget.Entry // the participant of each speaker
	checks       []*widget.Check // whether each speaker is an interviewer
	save, cancel *widget.Button
}

// onEditSpeakers shows the speakers of the document shown.
func (w *MainWindow) onEditSpeakers() { w.openSpeakers() }

// openSpeakers shows the speakers dialog, or says why there is none.
func (w *MainWindow) openSpeakers() *speakersDialog {
	if w.doc.ID == 0 {
		w.status.SetText(lang.L("Choose a document first."))
		return nil
	}
	sp, err := w.project.Speakers(background(), w.doc.ID)
	if err != nil {
		w.showError(err)
		return nil
	}
	if len(sp) == 0 {
		w.status.SetText(lang.L("This document has no speakers: its text is in paragraphs."))
		return nil
	}
	d := &speakersDialog{w: w}
	form := container.NewGridWithColumns(3)
	form.Add(widget.NewLabelWithStyle(lang.L("Speaker"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	form.Add(widget.NewLabelWithStyle(lang.L("Participant"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	form.Add(widget.NewLabel(""))
	for _, s := range sp {
		e := &speakerEdit{speaker: s, participant: s.Case, interviewer: s.Interviewer}
		name := widget.NewEntry()
		name.SetText(s.Case)
		name.OnChanged = func(v string) { e.participant = v }
		check := widget.NewCheck(lang.L("interviewer"), func(v bool) { e.interviewer = v })
		check.SetChecked(s.Interviewer)
		d.edits, d.names, d.checks = append(d.edits, e), append(d.names, name), append(d.checks, check)
		form.Add(widget.NewLabel(s.Label + " (" + plural("{{.Count}} turns", s.Turns) + ")"))
		form.Add(name)
		form.Add(check)
	}
	hint := widget.NewLabel(lang.L("Give the same participant name to the same person in other interviews to link them."))
	hint.Wrapping = fyne.TextWrapWord
	d.dialog = dialog.NewCustomWithoutButtons(lang.L("Speakers of {{.Document}}", args{"Document": w.doc.Name}), container.NewVBox(form, hint), w.win)
	d.save = widget.NewButton(lang.L("Save"), d.onSave)
	d.save.Importance = widget.HighImportance
	d.cancel = widget.NewButton(lang.L("Cancel"), d.dialog.Hide)
	d.dialog.SetButtons([]fyne.CanvasObject{d.cancel, d.save})
	d.dialog.Resize(fyne.NewSize(640, min(float32(len(sp))*48+220, 560)))
	w.showDialog(d.dialog)
	return d
}

// onSave stores the changes and closes the dialog.
func (d *speakersDialog) onSave() {
	d.dialog.Hide()
	d.w.saveSpeakers(d.edits)
}

// saveSpeakers applies the changes made in the speakers dialog as one
// undoable step: all of them, or none when one is refused.
func (w *MainWindow) saveSpeakers(edits []*speakerEdit) {
	if len(edits) == 0 {
		return
	}
	changed := 0
	label := model.Phrase("Edit speakers of {{.Document}}", "Document", edits[0].speaker.Document)
	err := w.project.GroupAs(background(), label, func(ctx context.Context) error {
		changed = 0
		for _, e := range edits {
			if name := strings.TrimSpace(e.participant); name != "" && name != e.speaker.Case {
				if err := w.project.RenameSpeakers(ctx, []int64{e.speaker.ID}, name); err != nil {
					return fmt.Errorf("%s: %w", e.speaker.Label, err)
				}
				changed++
			}
			if e.interviewer != e.speaker.Interviewer {
				if err := w.project.MarkInterviewers(ctx, []int64{e.speaker.ID}, e.interviewer); err != nil {
					return fmt.Errorf("%s: %w", e.speaker.Label, err)
				}
				changed++
			}
		}
		return nil
	})
	if err != nil {
		w.showError(err)
		w.status.SetText(lang.L("The speakers are as they were: nothing was saved."))
		return
	}
	w.status.SetText(plural("{{.Count}} changes to the speakers saved.", changed))
	w.refresh()
}
