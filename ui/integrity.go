package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// integrityState is the window's part of keeping a project safe: the
// banner over the transcript of a read-only project, File > Save a copy…,
// Check… and Repair…, and the housekeeping in the data folder.
type integrityState struct {
	banner  *widget.Label   // the read-only banner's text; nil when writable
	skipped *widget.Label   // the notice of damaged rows left out; nil when none
	missing *widget.Label   // the notice of changes gone missing; nil when none
	box     *fyne.Container // the banner and notices, over the transcript
	file    dialog.Dialog   // Save a copy's or Repair's file dialog, shown last
	report  dialog.Dialog   // the check's or repair's report, shown last
	done    chan struct{}   // closed when the running copy, check or repair ends
	backup  chan struct{}   // closed when the day's automatic backup is done and said
	copying sync.WaitGroup  // the automatic backup and Save a copy running, for closing to wait for
	closed  bool            // the window is closing or closed
	owns    bool            // closing the window closes the project (closesProject)
}

// readOnlyText says in plain words why the project is read-only and what
// to do, in the language shown.
func readOnlyText(ro *model.ReadOnlyError) string {
	switch ro.Reason {
	case model.ReasonFileReadOnly:
		return lang.L("This project is read-only: the file cannot be changed (it is on read-only media or you have no permission to write it). Nothing you change is saved. To work on it, save a copy elsewhere with File > Save a copy… and open that.")
	case model.ReasonFolderReadOnly:
		return lang.L("This project is read-only: its folder cannot be written to (read-only media or no permission). Nothing you change is saved. To work on it, save a copy elsewhere with File > Save a copy… and open that.")
	case model.ReasonReader:
		return lang.L("This project is open for reading only, beside a window or command that may be changing it. Nothing you change is saved; close the other one and open the project again to work on it.")
	case model.ReasonDamaged:
		return lang.L("This project file is damaged, so nothing new is saved into it. Check… shows what is wrong, and Repair into a new project… saves what can be read into a new project (on the command line: 'verbatim check FILE' and 'verbatim repair FILE -o NEW.verbatim'); or open one of its backups. File > Save a copy… keeps a copy of it as it is.")
	}
	return lang.L("This project is read-only: nothing you change is saved.")
}

// readOnly is why the window's project is read-only, or nil.
func (w *MainWindow) readOnly() *model.ReadOnlyError {
	var ro *model.ReadOnlyError
	if errors.As(w.project.ReadOnly(), &ro) {
		return ro
	}
	return nil
}

// newReadOnlyBanner is the banner over the transcript of a read-only
// project; a hidden empty box for one that can be changed.
func (w *MainWindow) newReadOnlyBanner() fyne.CanvasObject {
	w.integrity.box = container.NewVBox()
	ro := w.readOnly()
	if ro == nil {
		w.integrity.box.Hide() // and so takes no room, nor padding
		return w.integrity.box
	}
	var buttons []fyne.CanvasObject
	if ro.Damaged() {
		buttons = w.checkButtons()
	}
	w.integrity.banner = w.addNotice(readOnlyText(ro), buttons...)
	return w.integrity.box
}

// checkButtons are Check… and Repair into a new project…, for a notice
// of damage.
func (w *MainWindow) checkButtons() []fyne.CanvasObject {
	return []fyne.CanvasObject{
		widget.NewButtonWithIcon(lang.L("Check…"), theme.SearchIcon(), w.onCheck),
		widget.NewButtonWithIcon(lang.L("Repair into a new project…"), theme.DocumentSaveIcon(), w.onRepair),
	}
}

// addNotice adds a warning line to the box over the transcript, with
// buttons under it if any, and shows the box.
func (w *MainWindow) addNotice(text string, buttons ...fyne.CanvasObject) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	icon := widget.NewIcon(theme.WarningIcon())
	var body fyne.CanvasObject = l
	if len(buttons) > 0 {
		body = container.NewVBox(l, container.NewHBox(buttons...))
	}
	w.integrity.box.Add(container.NewBorder(nil, widget.NewSeparator(), icon, nil, body))
	w.integrity.box.Show()
	return l
}

// noteSkippedRows says, once the project is open and shown, that reading
// it left out damaged rows, and what to do, with the buttons that do it.
func (w *MainWindow) noteSkippedRows() {
	rows := w.project.SkippedRows()
	if len(rows) == 0 || w.integrity.skipped != nil {
		return
	}
	w.integrity.skipped = w.addNotice(plural("Reading this project left out {{.Count}} damaged parts (the first: {{.First}}). Check… lists them all, and Repair into a new project… saves what can be read into a new project (on the command line: 'verbatim check FILE' and 'verbatim repair FILE -o NEW.verbatim').", len(rows), args{"First": findingText(rows[0])}), w.checkButtons()...)
}

// readOnlyDialog is the dialog that refuses a change to a read-only
// project, saying why in the banner's words; nil for other errors.
func readOnlyDialog(err error, win fyne.Window) dialog.Dialog {
	var ro *model.ReadOnlyError
	if !errors.As(err, &ro) {
		return nil
	}
	return dialog.NewInformation(lang.L("Not saved"), readOnlyText(ro), win)
}

// onSaveCopy asks where to save a copy of the project, beside it, and
// saves it there.
func (w *MainWindow) onSaveCopy() {
	name := strings.TrimSuffix(filepath.Base(w.project.Path()), ".verbatim")
	save := newSaveBeside(w.project.Path(), lang.L("{{.Name}} (copy).verbatim", args{"Name": name}), ".verbatim", lang.L("Save"), w.savedPath(w.saveCopy), w.win)
	w.integrity.file = save
	w.showDialog(save)
}

// saveCopy writes a consistent copy of the project to path in the
// background, and says in the status line where it went.
func (w *MainWindow) saveCopy(path string) {
	path = projectFileChosen(path)
	w.status.SetText(lang.L("Saving a copy to {{.Path}}…", args{"Path": path}))
	done := make(chan struct{})
	w.integrity.done = done
	p, do := w.project, onUI
	w.integrity.copying.Add(1)
	go func() {
		err := p.Backup(context.Background(), path)
		w.integrity.copying.Done()
		do(func() {
			defer close(done)
			if err != nil {
				w.status.SetText("")
				w.showError(err)
				return
			}
			w.status.SetText(lang.L("Saved a copy of the project to {{.Path}}.", args{"Path": path}))
		})
	}()
}

// housekeep does for the window's project what the command line does for
// every project it opens (model's housekeeping, in Options.DataDir): it
// notes saved changes gone missing since, notes each new one, and makes
// the day's automatic backup in the background, noting when that fails.
func (w *MainWindow) housekeep() {
	dir := w.opts.DataDir
	if dir == "" {
		return
	}
	w.showNotices(w.win, keptNotices(dir))
	if m := model.KeepRevision(background(), dir, w.project); m != nil {
		w.integrity.missing = w.addNotice(lang.L("{{.File}} holds fewer changes than were saved in it ({{.Now}} of {{.Was}}): the file beside it ending in -wal, which held the last ones, was lost, or an older copy replaced it (as expected after opening a backup). Its automatic backups are in {{.Folder}}.",
			args{"File": filepath.Base(m.Path), "Now": m.Now, "Was": m.Was, "Folder": model.BackupsFor(dir, w.project.Path())}))
	}
	if w.project.ReadOnly() != nil {
		return
	}
	done := make(chan struct{})
	w.integrity.backup = done
	p, do := w.project, onUI
	w.integrity.copying.Add(1)
	go func() {
		_, err := p.DailyBackup(context.Background(), dir, time.Now())
		w.integrity.copying.Done()
		do(func() {
			defer close(done)
			var ro *model.ReadOnlyError
			if errors.Is(err, model.ErrDamaged) && errors.As(p.ReadOnly(), &ro) {
				// The full check before the backup found damage: the
				// project is read-only from now on.
				w.addNotice(lang.L("SQLite's full check, made before today's automatic backup, finds this project file damaged ({{.Finding}}), so no backup was made.", args{"Finding": strings.Join(ro.Detail, "; ")})+" "+readOnlyText(ro), w.checkButtons()...)
			} else if err != nil {
				w.addNotice(lang.L("Could not make today's automatic backup of this project: {{.Err}}. Your work is saved as usual; File > Save a copy… makes a copy by hand.", args{"Err": errorText(err)}))
			}
		})
	}()
}

// onCheck runs model's check of the project (as 'verbatim check' does) in
// the background, with a progress dialog that can cancel it, and shows its
// report.
func (w *MainWindow) onCheck() {
	ctx, cancel := context.WithCancel(context.Background())
	name := filepath.Base(w.project.Path())
	progress := w.exchangeProgress(lang.L("Checking"), lang.L("Checking {{.File}}…", args{"File": name}), cancel)
	done := make(chan struct{})
	w.integrity.done = done
	p, do := w.project, onUI
	go func() {
		rep, err := p.Check(ctx)
		do(func() {
			defer close(done)
			progress.Hide()
			if errors.Is(err, context.Canceled) {
				w.status.SetText(lang.L("The check was cancelled."))
				return
			}
			w.showCheckReport(rep, err)
		})
	}()
}

// checkSection is one part of the check's report: its line when it found
// nothing, else problems (its count) and what it found, one line each.
func checkSection(b *strings.Builder, found []string, ok, problems string) {
	if len(found) == 0 {
		b.WriteString(ok + "\n")
		return
	}
	b.WriteString(problems + "\n")
	for _, f := range found {
		b.WriteString("  • " + f + "\n")
	}
}

// showCheckReport shows what the check found, and offers a repair when it
// found something.
func (w *MainWindow) showCheckReport(rep model.CheckReport, err error) {
	name := filepath.Base(w.project.Path())
	var b strings.Builder
	checkSection(&b, rep.Integrity, lang.L("File: SQLite's integrity check finds nothing wrong."), plural("File: {{.Count}} problems:", len(rep.Integrity)))
	if err != nil {
		b.WriteString("\n" + lang.L("The check stopped: {{.Err}}.", args{"Err": errorText(err)}) + "\n")
	} else {
		checkSection(&b, findingTexts(rep.Texts), lang.L("Texts: every text is as it was imported."), plural("Texts: {{.Count}} problems:", len(rep.Texts)))
		checkSection(&b, findingTexts(rep.Ranges), lang.L("Ranges: every speaker turn and coding lies within its text."), plural("Ranges: {{.Count}} problems:", len(rep.Ranges)))
		checkSection(&b, findingTexts(rep.Orphans), lang.L("Links: nothing points at a missing document, code or participant."), plural("Links: {{.Count}} problems:", len(rep.Orphans)))
		checkSection(&b, findingTexts(rep.Schema), lang.L("Schema: every trigger and index is as Verbatim makes it."), plural("Schema: {{.Count}} problems:", len(rep.Schema)))
		checkSection(&b, findingTexts(rep.Undo), lang.L("Undo: every step of the undo history can be undone."), plural("Undo: {{.Count}} problems:", len(rep.Undo)))
	}
	sound := err == nil && rep.OK()
	if sound {
		b.WriteString("\n" + lang.L("{{.File}} is sound.", args{"File": name}))
	} else {
		b.WriteString("\n" + lang.L("Repair into a new project… saves what can be read of {{.File}} into a new project; or open one of its automatic backups.", args{"File": name}))
	}
	body := widget.NewLabel(b.String())
	body.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(640, 320))
	title := lang.L("Check of {{.File}}", args{"File": name})
	var d dialog.Dialog
	if sound {
		d = dialog.NewCustom(title, lang.L("Close"), scroll, w.win)
	} else {
		d = dialog.NewCustomConfirm(title, lang.L("Repair into a new project…"), lang.L("Close"), scroll, func(repair bool) {
			if repair {
				w.onRepair()
			}
		}, w.win)
	}
	w.integrity.report = d
	w.showDialog(d)
}

// onRepair asks where to save what can be read of the project, beside it,
// and repairs it into that new project.
func (w *MainWindow) onRepair() {
	name := strings.TrimSuffix(filepath.Base(w.project.Path()), ".verbatim")
	save := newSaveBeside(w.project.Path(), lang.L("{{.Name}} (repaired).verbatim", args{"Name": name}), ".verbatim", lang.L("Save"), w.savedPath(w.repairInto), w.win)
	w.integrity.file = save
	w.showDialog(save)
}

// repairInto runs model's repair (as 'verbatim repair' does) of the
// project into a new one at path in the background, with a progress
// dialog that can cancel it, then shows what it saved and offers to open
// the new project.
func (w *MainWindow) repairInto(path string) {
	path = projectFileChosen(path)
	src := w.project.Path()
	ctx, cancel := context.WithCancel(context.Background())
	progress := w.exchangeProgress(lang.L("Repairing"), lang.L("Saving what can be read of {{.File}} into {{.New}}…", args{"File": filepath.Base(src), "New": filepath.Base(path)}), cancel)
	done := make(chan struct{})
	w.integrity.done = done
	do := onUI
	go func() {
		rep, err := model.Repair(ctx, src, path)
		do(func() {
			defer close(done)
			progress.Hide()
			switch {
			case errors.Is(err, context.Canceled):
				w.status.SetText(lang.L("Cancelled; no project was made."))
			case err != nil:
				w.showError(err)
			default:
				w.showRepairReport(src, path, rep)
			}
		})
	}()
}

// showRepairReport says what the repair saved into path and what was
// lost, and offers to open the new project.
func (w *MainWindow) showRepairReport(src, path string, rep model.RepairReport) {
	var b strings.Builder
	b.WriteString(lang.L("Saved into {{.File}}:", args{"File": filepath.Base(path)}) + "\n")
	for _, part := range []struct{ table, label string }{
		{"documents", lang.L("Documents")}, {"turns", lang.L("Speaker turns")}, {"codes", lang.L("Codes")},
		{"codings", lang.L("Codings")}, {"cases", lang.L("Participants")}, {"summaries", lang.L("Summaries")},
	} {
		fmt.Fprintf(&b, "  %s: %d\n", part.label, rep.Saved[part.table])
	}
	if len(rep.Lost) == 0 {
		b.WriteString(lang.L("Nothing was lost.") + "\n")
	} else {
		b.WriteString(lang.L("Could not be saved:") + "\n")
		for _, l := range rep.Lost {
			b.WriteString("  • " + findingText(l) + "\n")
		}
	}
	b.WriteString(lang.L("{{.File}} is left as it was; the undo history is not carried over.", args{"File": filepath.Base(src)}))
	body := widget.NewLabel(b.String())
	body.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(640, 320))
	d := dialog.NewCustomConfirm(lang.L("Repaired into a new project"), lang.L("Open it"), lang.L("Close"), scroll, func(open bool) {
		if open {
			w.openProjectWindow(path, func(ctx context.Context) (*model.Project, error) { return model.Open(ctx, path) })
		}
	}, w.win)
	w.integrity.report = d
	w.showDialog(d)
}

// waitForBackup waits until the automatic backup and Save a copy, if
// running, end: closing the project under them would cut them short, and
// their snapshot would keep the log from being merged.
func (w *MainWindow) waitForBackup() { w.integrity.copying.Wait() }
