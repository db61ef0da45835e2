package ui

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// onOpenProject asks for a project file and opens it in a new window.
func (w *MainWindow) onOpenProject() {
	w.askFile([]string{".verbatim"}, func(path string) {
		w.openProjectWindow(path, func(ctx context.Context) (*model.Project, error) { return model.Open(ctx, path) })
	})
}

// onNewProject asks for the transcripts' language and a file name, creates
// the project and opens it in a new window.
func (w *MainWindow) onNewProject() {
	langs := map[string]string{"Nederlands": "nl", "English": "en"}
	language := widget.NewRadioGroup([]string{"Nederlands", "English"}, nil)
	language.SetSelected("Nederlands")
	if l, err := w.project.Language(background()); err == nil && l == "en" {
		language.SetSelected("English")
	}
	items := []*widget.FormItem{widget.NewFormItem(lang.L("Transcripts in"), language)}
	dialog.ShowForm(lang.L("New project"), lang.L("Choose where…"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		save := dialog.NewFileSave(w.savedPath(func(path string) {
			path = projectFileChosen(path)
			w.openProjectWindow(path, func(ctx context.Context) (*model.Project, error) {
				return model.Create(ctx, path, langs[language.Selected])
			})
		}), w.win)
		save.SetFileName(lang.L("Project") + ".verbatim")
		save.Resize(fyne.NewSize(900, 600))
		save.Show()
	}, w.win)
}

// openProjectWindow opens or creates a project with open and shows it in a
// window of its own, which closes the project when it closes.
func (w *MainWindow) openProjectWindow(path string, open func(context.Context) (*model.Project, error)) *MainWindow {
	p, err := open(background())
	if err != nil {
		w.showError(err)
		return nil
	}
	nw, err := NewMainWindow(fyne.CurrentApp(), p, w.opts)
	if err != nil {
		p.Close()
		w.showError(err)
		return nil
	}
	nw.closesProject()
	if w.opts.OnProjectOpened != nil {
		if err := w.opts.OnProjectOpened(p.Path()); err != nil {
			nw.status.SetText(lang.L("Could not remember this project among the recent ones: {{.Err}}", args{"Err": errorText(err)}))
		}
	}
	w.updateRecent()
	nw.updateRecent()
	nw.win.Show()
	w.status.SetText(lang.L("Opened {{.File}} in a new window.", args{"File": filepath.Base(path)}))
	return nw
}

// closesProject makes closing the window close its project too, remember
// its revision in the data folder (model's housekeeping) and say what
// closing found.
func (w *MainWindow) closesProject() {
	w.integrity.owns = true
	w.win.SetOnClosed(func() {
		if w.integrity.closed {
			return // closed as the app stopped
		}
		w.close()
		if err := w.closeProject(); err != nil {
			w.closeFailed(err)
		}
	})
}

// closeProject closes the window's project once its backup is made.
func (w *MainWindow) closeProject() error {
	w.waitForBackup()
	return w.project.Close()
}

// closeWindowsLeft does for the windows still open when the app stops
// without closing them (the driver's Quit, on INT or TERM, closes no
// window) what closing them does, short of drawing: each saves what was
// typed in its memos, remembers its place and releases its index (finish),
// and closes its project, remembering its revision; what closing a project
// found is kept for the next start. The app's preferences are written out
// after it (Fyne's own stopped hook, run after the app's).
func closeWindowsLeft() {
	for _, w := range projectWindows {
		if w.integrity.closed {
			continue
		}
		w.finish(false)
		if !w.integrity.owns {
			continue
		}
		if err := w.closeProject(); err != nil {
			keepNotice(w.opts.DataDir, closeErrorText(w.project.Path(), err))
		}
	}
}

// closeFailed says what closing the window's project found (ErrNotMerged:
// every change is saved, but…): in a dialog on another open window, and
// kept in the data folder until that dialog is dismissed, so that a window
// closed last, or an app that quits before the dialog is read, shows it at
// the next start.
func (w *MainWindow) closeFailed(err error) {
	text := closeErrorText(w.project.Path(), err)
	keepNotice(w.opts.DataDir, text)
	if other := w.otherWindow(); other != nil {
		w.showNotices(other.win, []string{text})
	}
}

// projectWindows are the project windows made in this run, for closeFailed
// to find one still open; closed ones are dropped as windows are added.
var projectWindows []*MainWindow

// addProjectWindow adds w to the project windows.
func addProjectWindow(w *MainWindow) {
	projectWindows = append(slices.DeleteFunc(projectWindows, func(o *MainWindow) bool { return !o.isOpen() }), w)
}

// otherWindow is another project window still open, the last made; nil
// when w is the last.
func (w *MainWindow) otherWindow() *MainWindow {
	for i := len(projectWindows) - 1; i >= 0; i-- {
		if o := projectWindows[i]; o != w && o.isOpen() {
			return o
		}
	}
	return nil
}

// isOpen says whether w is still open: not closing (the desktop driver
// drops a closed window from its list only later), and in the list.
func (w *MainWindow) isOpen() bool {
	return !w.integrity.closed && slices.Contains(fyne.CurrentApp().Driver().AllWindows(), w.win)
}

// closeErrorText says in plain words what closing the project at path
// found.
func closeErrorText(path string, err error) string {
	file := filepath.Base(path)
	if errors.Is(err, model.ErrNotMerged) {
		return lang.L("Every change to {{.File}} is saved, but the last ones are still in the file beside it (its name ends in -wal): they could not be merged into the project file when it was closed (is the disk full?). Keep the two files together; Verbatim merges them the next time the project is opened.", args{"File": file})
	}
	return lang.L("Closing {{.File}}: {{.Err}}", args{"File": file, "Err": errorText(err)})
}

// showNotices shows notices kept in the data folder in a dialog on win;
// dismissing it forgets them. A notice already shown is not shown twice.
func (w *MainWindow) showNotices(win fyne.Window, texts []string) {
	texts = slices.DeleteFunc(slices.Clone(texts), func(t string) bool { return noticesShown[t] })
	if len(texts) == 0 {
		return
	}
	for _, t := range texts {
		noticesShown[t] = true
	}
	body := widget.NewLabel(strings.Join(texts, "\n\n"))
	body.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(560, 160))
	d := dialog.NewCustom(lang.L("When a project was closed"), lang.L("OK"), scroll, win)
	dir := w.opts.DataDir
	d.SetOnClosed(func() {
		for _, t := range texts {
			delete(noticesShown, t)
			dropNotice(dir, t)
		}
	})
	d.Show()
}

// noticesShown are the kept notices on screen now, each shown once.
var noticesShown = map[string]bool{}

// noticesFile keeps, in the data folder, what the user must still be told
// about a project closed earlier.
func noticesFile(dataDir string) string { return filepath.Join(dataDir, "notices.json") }

// keptNotices are the notices kept in the data folder, oldest first.
func keptNotices(dataDir string) []string {
	if dataDir == "" {
		return nil
	}
	data, err := os.ReadFile(noticesFile(dataDir))
	if err != nil {
		return nil
	}
	var list []string
	if json.Unmarshal(data, &list) != nil {
		return nil
	}
	return list
}

func keepNotice(dataDir, text string) {
	if dataDir == "" || slices.Contains(keptNotices(dataDir), text) {
		return
	}
	writeNotices(dataDir, append(keptNotices(dataDir), text))
}

func dropNotice(dataDir, text string) {
	if dataDir == "" {
		return
	}
	writeNotices(dataDir, slices.DeleteFunc(keptNotices(dataDir), func(s string) bool { return s == text }))
}

// writeNotices replaces the kept notices, in one step; none left removes
// the file.
func writeNotices(dataDir string, list []string) {
	if len(list) == 0 {
		os.Remove(noticesFile(dataDir))
		return
	}
	data, err := json.MarshalIndent(list, "", "  ")
	if err != nil || os.MkdirAll(dataDir, 0o755) != nil {
		return
	}
	tmp := noticesFile(dataDir) + ".tmp"
	if os.WriteFile(tmp, data, 0o644) == nil {
		os.Rename(tmp, noticesFile(dataDir))
	}
}
