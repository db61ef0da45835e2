package ui

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/verbatim/verbatim/model"
)

// memoDelay is how long a memo editor waits after the last key before it
// saves what was typed.
const memoDelay = 600 * time.Millisecond

// memoEditor edits one memo at a time and saves it as it is typed: shortly
// after typing stops, when the editor loses the keyboard, and when it is
// given another memo. From when it shows a memo until it leaves it (the
// keyboard goes elsewhere, or another memo is shown) is one editing
// session, saved as one undo step however often it was saved
// (model.Project.SetMemoContinuing).
type memoEditor struct {
	title *widget.Label // whose memo this is
	entry *memoEntry

	kind    model.MemoKind
	id      int64
	open    bool   // a memo is shown
	saved   string // the memo as stored, as far as the editor knows
	session model.MemoSession
	edits   int // counts what was typed, so that only the last key's timer saves
	timer   *time.Timer
	setting bool // the editor is setting the entry's text: nothing typed

	// delay is memoDelay; tests shorten it.
	delay time.Duration
	// save stores a memo within a session; onSaved is told it was stored.
	save    func(kind model.MemoKind, id int64, text string, s *model.MemoSession) error
	onSaved func(kind model.MemoKind, id int64)
	// onGone is told that the memo's owner is gone (a deleted code): the
	// editor has closed it.
	onGone func()
	// onError shows an error; what was typed stays, to be saved again.
	onError func(error)
}

func newMemoEditor() *memoEditor {
	e := &memoEditor{delay: memoDelay}
	e.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.title.Wrapping = fyne.TextWrapWord
	e.entry = newMemoEntry()
	e.entry.OnChanged = func(string) { e.onTyped() }
	e.entry.onFocusLost = e.onFocusLost
	e.entry.Disable()
	return e
}

// show puts a memo in the editor, ending the session of the one shown
// before (saved first).
func (e *memoEditor) show(kind model.MemoKind, id int64, title, text string) {
	e.leave()
	e.kind, e.id, e.open, e.saved = kind, id, true, text
	e.title.SetText(title)
	e.entry.SetPlaceHolder(memoHint(kind))
	e.setText(text)
	e.entry.Enable()
	e.entry.cursorToEnd() // to go on writing
}

// close saves and empties the editor.
func (e *memoEditor) close(title string) {
	e.leave()
	e.open, e.kind, e.id, e.saved = false, "", 0, ""
	e.title.SetText(title)
	e.entry.SetPlaceHolder("")
	e.setText("")
	e.entry.Disable()
}

// shows tells whether the editor has this memo.
func (e *memoEditor) shows(kind model.MemoKind, id int64) bool {
	return e.open && e.kind == kind && e.id == id
}

// stored takes the memo as it is stored now, after a change elsewhere (an
// undo): the entry shows it, unless something typed there is still to be
// saved, which is newer.
func (e *memoEditor) stored(text string) {
	if !e.open || text == e.saved {
		return
	}
	if e.entry.Text == e.saved {
		e.setText(text)
	}
	e.saved = text
	e.session = model.MemoSession{} // what is stored is no longer this session's
}

func (e *memoEditor) setText(text string) {
	e.setting = true
	e.entry.SetText(text)
	e.setting = false
}

// onTyped saves what was typed once typing has stopped for the delay. The
// timer runs on a goroutine of its own: it hands the save to the UI
// goroutine, where only the last key's timer saves.
func (e *memoEditor) onTyped() {
	if e.setting || !e.open {
		return
	}
	e.edits++
	n := e.edits
	if e.timer != nil {
		e.timer.Stop()
	}
	e.timer = time.AfterFunc(e.delay, func() {
		onUI(func() {
			if n == e.edits {
				e.flush()
			}
		})
	})
}

// onFocusLost ends the session: what was typed is saved, and the next
// keys start a new undo step.
func (e *memoEditor) onFocusLost() { e.leave() }

// leave saves what was typed and ends the session.
func (e *memoEditor) leave() {
	e.flush()
	e.session = model.MemoSession{}
}

// flush saves what was typed and not yet saved.
func (e *memoEditor) flush() {
	if e.timer != nil {
		e.timer.Stop()
		e.timer = nil
	}
	e.edits++ // a timer already fired and queued has nothing left to do
	if !e.open || e.entry.Text == e.saved || e.save == nil {
		return
	}
	text := e.entry.Text
	err := e.save(e.kind, e.id, text, &e.session)
	switch {
	case errors.Is(err, model.ErrNotFound):
		e.open = false // its owner is gone: nothing to save it to
		e.entry.Disable()
		if e.onGone != nil {
			e.onGone()
		}
		return
	case err != nil:
		if e.onError != nil {
			e.onError(err)
		}
		return
	}
	e.saved = text
	if e.onSaved != nil {
		e.onSaved(e.kind, e.id)
	}
}

// memoEntry is a multi-line entry that says when it loses the keyboard.
type memoEntry struct {
	widget.Entry
	onFocusLost func()
}

func newMemoEntry() *memoEntry {
	e := &memoEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// cursorToEnd puts the cursor after the text.
func (e *memoEntry) cursorToEnd() {
	lines := strings.Split(e.Text, "\n")
	e.CursorRow, e.CursorColumn = len(lines)-1, len([]rune(lines[len(lines)-1]))
	e.Refresh()
}

// FocusLost tells onFocusLost, after the entry has let go of the keyboard.
func (e *memoEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onFocusLost != nil {
		e.onFocusLost()
	}
}
