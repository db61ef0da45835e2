package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// A window remembers, in the app's preferences, its size (one for every
// project) and, for each project (keyed by its UUID, which survives moving
// the file), where its panels were split, the document it showed and how
// far that transcript was scrolled. It reads them once, when it is built,
// and writes them when it closes.

const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
)

// windowMemory is what a window remembered, read once, with the splits it
// keeps to remember again.
type windowMemory struct {
	prefs  fyne.Preferences
	key    string // the project's prefix, "project.UUID."
	width  float32
	height float32
	doc    int64 // the document shown, 0 for none
	scroll int   // its transcript's ScrollPosition
	splits map[string]*container.Split
}

func newWindowMemory(prefs fyne.Preferences, projectUUID string) *windowMemory {
	m := &windowMemory{
		prefs:  prefs,
		key:    "project." + projectUUID + ".",
		splits: map[string]*container.Split{},
	}
	m.width = float32(prefs.FloatWithFallback(prefWindowWidth, 0))
	m.height = float32(prefs.FloatWithFallback(prefWindowHeight, 0))
	m.doc = int64(prefs.IntWithFallback(m.key+"document", 0))
	m.scroll = prefs.IntWithFallback(m.key+"scroll", 0)
	return m
}

// size is the window size remembered, or fallback when there is none or
// it is too small to work in (a window once shrunk to nothing).
func (m *windowMemory) size(fallback fyne.Size) fyne.Size {
	if m.width < 480 || m.height < 320 {
		return fallback
	}
	return fyne.NewSize(m.width, m.height)
}

// split gives s the offset remembered under name, if any, and keeps it to
// remember when the window closes.
func (m *windowMemory) split(name string, s *container.Split) {
	if off := m.prefs.FloatWithFallback(m.key+"split."+name, -1); off > 0.02 && off < 0.98 {
		s.Offset = off
	}
	m.splits[name] = s
}

// save remembers the window as it is: its size, its splits, the document
// shown and where its transcript is scrolled.
func (m *windowMemory) save(size fyne.Size, doc int64, scroll int) {
	if size.Width > 0 && size.Height > 0 {
		m.prefs.SetFloat(prefWindowWidth, float64(size.Width))
		m.prefs.SetFloat(prefWindowHeight, float64(size.Height))
	}
	for name, s := range m.splits {
		m.prefs.SetFloat(m.key+"split."+name, s.Offset)
	}
	m.prefs.SetInt(m.key+"document", int(doc))
	m.prefs.SetInt(m.key+"scroll", scroll)
}

// reopenDocument shows the document the window showed when it last closed
// on this project, scrolled as it was; the first one stays when that one
// is gone.
func (w *MainWindow) reopenDocument() {
	if w.memory.doc == 0 {
		return
	}
	if err := w.selectDocument(w.memory.doc); err != nil {
		return
	}
	w.transcript.ScrollToTop(w.memory.scroll)
}

// remember keeps the window's layout and place for the next time it
// opens.
func (w *MainWindow) remember() {
	w.memory.save(w.win.Canvas().Size(), w.doc.ID, w.transcript.ScrollPosition())
}
