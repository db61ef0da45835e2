package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// speakerEdit is one speaker as the speakers dialog changes it.
type speakerEdit struct {
	speaker     model.Speaker
	participant string
	interviewer bool
}

// onEditSpeakers shows the speakers of the document shown: which
// participant each one is, and whether it is an interviewer.
func (w *MainWindow) onEditSpeakers() {
	if w.doc.ID == 0 {
		w.status.SetText("Choose a document first.")
		return
	}
	sp, err := w.project.Speakers(background(), w.doc.ID)
	if err != nil {
		w.showError(err)
		return
	}
	if len(sp) == 0 {
		w.status.SetText("This document has no speakers: its text is in paragraphs.")
		return
	}
	edits := make([]*speakerEdit, len(sp))
	form := container.NewGridWithColumns(3)
	form.Add(widget.NewLabelWithStyle("Speaker", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	form.Add(widget.NewLabelWithStyle("Participant", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	form.Add(widget.NewLabel(""))
	for i, s := range sp {
		e := &speakerEdit{speaker: s, participant: s.Case, interviewer: s.Interviewer}
		edits[i] = e
		name := widget.NewEntry()
		name.SetText(s.Case)
		name.OnChanged = func(v string) { e.participant = v }
		check := widget.NewCheck("interviewer", func(v bool) { e.interviewer = v })
		check.SetChecked(s.Interviewer)
		form.Add(widget.NewLabel(fmt.Sprintf("%s (%d turns)", s.Label, s.Turns)))
		form.Add(name)
		form.Add(check)
	}
	hint := widget.NewLabel("Give the same participant name to the same person in other interviews to link them.")
	hint.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Speakers of "+w.doc.Name, "Save", "Cancel", container.NewVBox(form, hint), func(save bool) {
		if save {
			w.saveSpeakers(edits)
		}
	}, w.win)
	d.Resize(fyne.NewSize(640, min(float32(len(sp))*48+220, 560)))
	d.Show()
}

// saveSpeakers applies the changes made in the speakers dialog, each as its
// own undoable step.
func (w *MainWindow) saveSpeakers(edits []*speakerEdit) {
	ctx := background()
	changed := 0
	for _, e := range edits {
		if name := strings.TrimSpace(e.participant); name != "" && name != e.speaker.Case {
			if err := w.project.RenameSpeakers(ctx, []int64{e.speaker.ID}, name); err != nil {
				w.showError(err)
				break
			}
			changed++
		}
		if e.interviewer != e.speaker.Interviewer {
			if err := w.project.MarkInterviewers(ctx, []int64{e.speaker.ID}, e.interviewer); err != nil {
				w.showError(err)
				break
			}
			changed++
		}
	}
	w.status.SetText(fmt.Sprintf("%d changes to the speakers saved.", changed))
	w.refresh()
}
