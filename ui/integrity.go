package ui

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// integrityState is the window's part of keeping a project safe: the
// banner over the transcript of a read-only project, and File > Save a
// copy….
type integrityState struct {
	banner  *widget.Label   // the read-only banner's text; nil when writable
	skipped *widget.Label   // the notice of damaged rows left out; nil when none
	box     *fyne.Container // the banner and notice, over the transcript
	file    dialog.Dialog   // Save a copy's or Repair's file dialog, shown last
	done    chan struct{}   // closed when the running copy, check or repair ends
	missing *widget.Label   // the notice of changes gone missing; nil when none
	backup  chan struct{}   // closed when the day's automatic backup is done
	closed  bool            // the window is closing or closed
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
		return lang.L("This project file is damaged, so nothing new is saved into it. Run 'verbatim check FILE' to see what is wrong, and 'verbatim repair FILE -o NEW.verbatim' to save what can be read into a new project; or open one of its backups. File > Save a copy… keeps a copy of it as it is.")
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
	w.integrity.banner = w.addNotice(readOnlyText(ro))
	return w.integrity.box
}

// addNotice adds a warning line to the box over the transcript, and shows
// the box.
func (w *MainWindow) addNotice(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	icon := widget.NewIcon(theme.WarningIcon())
	w.integrity.box.Add(container.NewBorder(nil, widget.NewSeparator(), icon, nil, l))
	w.integrity.box.Show()
	return l
}

// noteSkippedRows says, once the project is open and shown, that reading
// it left out damaged rows, and what to do.
func (w *MainWindow) noteSkippedRows() {
	rows := w.project.SkippedRows()
	if len(rows) == 0 || w.integrity.skipped != nil {
		return
	}
	w.integrity.skipped = w.addNotice(plural("Reading this project left out {{.Count}} damaged parts (the first: {{.First}}). Run 'verbatim check FILE' to list them all, and 'verbatim repair FILE -o NEW.verbatim' to save what can be read into a new project.", len(rows), args{"First": rows[0]}))
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
	save := dialog.NewFileSave(w.savedPath(w.saveCopy), w.win)
	save.SetFilter(storage.NewExtensionFileFilter([]string{".verbatim"}))
	name := strings.TrimSuffix(filepath.Base(w.project.Path()), ".verbatim")
	save.SetFileName(lang.L("{{.Name}} (copy).verbatim", args{"Name": name}))
	if dir, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(w.project.Path()))); err == nil {
		save.SetLocation(dir)
	}
	save.SetConfirmText(lang.L("Save"))
	save.Resize(fyne.NewSize(900, 600))
	w.integrity.file = save
	w.showDialog(save)
}

// saveCopy writes a consistent copy of the project to path in the
// background, and says in the status line where it went.
func (w *MainWindow) saveCopy(path string) {
	// The file dialog made an empty file under the name chosen; Backup
	// makes the file itself.
	removeEmpty(path)
	if !strings.EqualFold(filepath.Ext(path), ".verbatim") {
		path += ".verbatim"
	}
	w.status.SetText(lang.L("Saving a copy to {{.Path}}…", args{"Path": path}))
	done := make(chan struct{})
	w.integrity.done = done
	p, do := w.project, onUI
	go func() {
		err := p.Backup(context.Background(), path)
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
// notes changes gone missing since the project was last closed, and makes
// the day's automatic backup in the background, noting when that fails.
func (w *MainWindow) housekeep() {
	dir := w.opts.DataDir
	if dir == "" {
		return
	}
	w.showNotices(w.win, keptNotices(dir))
	if m := model.FindMissingChanges(background(), dir, w.project); m != nil {
		w.integrity.missing = w.addNotice(lang.L("{{.File}} holds fewer changes than when it was last closed ({{.Now}} of {{.Was}}): the file beside it ending in -wal, which held the last ones, was lost, or an older copy replaced it (as expected after opening a backup). Its automatic backups are in {{.Folder}}.",
			args{"File": filepath.Base(m.Path), "Now": m.Now, "Was": m.Was, "Folder": model.BackupDir(dir, w.project.Path())}))
	}
	if w.project.ReadOnly() != nil {
		return
	}
	done := make(chan struct{})
	w.integrity.backup = done
	p, do := w.project, onUI
	go func() {
		_, err := p.DailyBackup(context.Background(), dir, time.Now())
		do(func() {
			defer close(done)
			if err != nil {
				w.addNotice(lang.L("Could not make today's automatic backup of this project: {{.Err}}. Your work is saved as usual; File > Save a copy… makes a copy by hand.", args{"Err": errorText(err)}))
			}
		})
	}()
}
