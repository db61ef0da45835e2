package ui

import (
	"context"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
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
			// The dialog made an empty file; Create wants to make it itself.
			removeEmpty(path)
			if !strings.HasSuffix(path, ".verbatim") {
				path += ".verbatim"
			}
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
	nw.win.SetOnClosed(func() {
		nw.close()
		p.Close()
	})
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
