package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"codeberg.org/verbatim/verbatim/model"
)

// File > Open recent lists the projects opened lately (Options.Recent),
// newest first, but for the one this window shows; one that is gone is
// listed, disabled, so that its absence is no mystery.

// newRecentItem is the File > Open recent item, its submenu filled.
func (w *MainWindow) newRecentItem() *fyne.MenuItem {
	it := fyne.NewMenuItem(lang.L("Open recent"), nil)
	w.fillRecent(it)
	return it
}

// fillRecent lists the recent projects in its submenu.
func (w *MainWindow) fillRecent(it *fyne.MenuItem) {
	var paths []string
	if w.opts.Recent != nil {
		paths = w.opts.Recent()
	}
	var items []*fyne.MenuItem
	for _, path := range paths {
		if path == w.project.Path() {
			continue
		}
		path := path
		item := fyne.NewMenuItem(recentLabel(path), func() { w.onOpenRecent(path) })
		if _, err := os.Stat(path); err != nil {
			item.Label += " " + lang.L("(not found)")
			item.Disabled = true
		}
		items = append(items, item)
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem(lang.L("No other projects yet"), nil)
		none.Disabled = true
		items = append(items, none)
	}
	it.ChildMenu = fyne.NewMenu("", items...)
}

// recentLabel names a project by its file name, with its folder (the home
// folder as ~) to tell two of the same name apart.
func recentLabel(path string) string {
	name := strings.TrimSuffix(filepath.Base(path), ".verbatim")
	dir := filepath.Dir(path)
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		if rel, err := filepath.Rel(home, dir); err == nil && !strings.HasPrefix(rel, "..") {
			dir = filepath.Join("~", rel)
		}
	}
	return name + " — " + cutLabelLeft(dir, 48)
}

// cutLabelLeft shortens s to at most n runes, keeping its end: of a
// folder, the part nearest the file.
func cutLabelLeft(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return "…" + string(r[len(r)-n+1:])
}

// onOpenRecent opens a recent project in a window of its own.
func (w *MainWindow) onOpenRecent(path string) {
	w.openProjectWindow(path, func(ctx context.Context) (*model.Project, error) { return model.Open(ctx, path) })
}

// updateRecent lists the recent projects again, after one was opened.
func (w *MainWindow) updateRecent() {
	if w.recent == nil {
		return
	}
	w.fillRecent(w.recent)
	if main := w.win.MainMenu(); main != nil {
		main.Refresh()
	}
}
