package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"codeberg.org/verbatim/verbatim/model"
)

// caseNamed is the participant called name, as stored.
func caseNamed(t *testing.T, p *model.Project, name string) model.Case {
	t.Helper()
	cases, err := p.Cases(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no participant %q", name)
	return model.Case{}
}

// openParticipant shows the Participants tab and taps a participant.
func openParticipant(t *testing.T, w *MainWindow, name string) *participantsPanel {
	t.Helper()
	tapText(t, w.participants.tabs, "Participants")
	tapText(t, w.participants.list, name)
	if got := w.participants.name.Text; got != name {
		t.Fatalf("the panel shows %q, want %q", got, name)
	}
	return w.participants
}

func TestParticipantsPanelListsSpeakers(t *testing.T) {
	w, _ := newTestWindow(t)
	w.win.Resize(fyne.NewSize(1200, 900))
	tapText(t, w.participants.tabs, "Participants")
	var names []string
	for _, c := range w.participants.cases {
		names = append(names, c.Name)
	}
	if want := []string{"Ana", "Interviewer", "Sanne"}; !slices.Equal(names, want) {
		t.Fatalf("participants %q, want %q", names, want)
	}
	if got := w.participants.name.Text; got != "Ana" {
		t.Errorf("before one is chosen the panel shows %q, want Ana, who speaks in the document shown", got)
	}
	pp := openParticipant(t, w, "Interviewer")
	if got := pp.speakers.Text; !strings.Contains(got, "Interviewer in a – Ana.txt (1 turn), interviewer") || !strings.Contains(got, "in b – Sanne.txt") {
		t.Errorf("speakers %q", got)
	}
}

func TestParticipantAttributesAreStoredAndUndone(t *testing.T) {
	w, p := newTestWindow(t)
	w.win.Resize(fyne.NewSize(1200, 900))
	pp := openParticipant(t, w, "Ana")

	// Add one.
	test.Type(pp.newKey, "role")
	test.Type(pp.newValue, "ondernemer")
	test.Tap(pp.add)
	if got := caseNamed(t, p, "Ana").Attributes; !slices.Equal(got, []model.Attribute{{Key: "role", Value: "ondernemer"}}) {
		t.Fatalf("attributes after Add: %+v", got)
	}
	if got, want := undoLabel(t, p), "Set role of Ana to ondernemer"; got != want {
		t.Errorf("step %q, want %q", got, want)
	}
	if len(pp.rows) != 1 || pp.rows[0].key != "role" || pp.rows[0].value.Text != "ondernemer" || pp.newKey.Text != "" {
		t.Errorf("the panel shows %d rows, the new row holds %q", len(pp.rows), pp.newKey.Text)
	}
	if got := labelTexts(pp.list); !strings.Contains(got, "1 speaker · role: ondernemer") {
		t.Errorf("the list shows:\n%s", got)
	}

	// Change it, with Enter: one step.
	v := pp.rows[0].value
	clickInto(v)
	v.SetText("")
	test.Type(v, "zzp'er")
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := caseNamed(t, p, "Ana").Attributes; !slices.Equal(got, []model.Attribute{{Key: "role", Value: "zzp'er"}}) {
		t.Errorf("attributes after the change: %+v", got)
	}
	w.win.Canvas().Unfocus() // leaving it unchanged stores nothing more
	if got := undoLabel(t, p); got != "Set role of Ana to zzp'er" {
		t.Errorf("step %q", got)
	}
	w.onUndo()
	if got := caseNamed(t, p, "Ana").Attributes; !slices.Equal(got, []model.Attribute{{Key: "role", Value: "ondernemer"}}) {
		t.Errorf("attributes after undoing the change: %+v", got)
	}
	if got := pp.rows[0].value.Text; got != "ondernemer" {
		t.Errorf("after undo the row shows %q", got)
	}

	// Remove it.
	test.Tap(pp.rows[0].remove)
	if got := caseNamed(t, p, "Ana").Attributes; len(got) != 0 {
		t.Errorf("attributes after remove: %+v", got)
	}
	if len(pp.rows) != 0 {
		t.Errorf("the panel still shows %d rows", len(pp.rows))
	}
	typeShortcut(w.win, keyUndo)
	typeShortcut(w.win, keyUndo)
	if got := caseNamed(t, p, "Ana").Attributes; len(got) != 0 || len(pp.rows) != 0 {
		t.Errorf("two more undos left %+v, rows %d", got, len(pp.rows))
	}

	// An attribute needs a name and a value.
	test.Type(pp.newKey, "age")
	test.Tap(pp.add)
	if got := caseNamed(t, p, "Ana").Attributes; len(got) != 0 || !strings.Contains(w.status.Text, "a value") {
		t.Errorf("an attribute without a value: %+v, status %q", got, w.status.Text)
	}
}

func TestParticipantMemoSavesAsTyped(t *testing.T) {
	w, p := newTestWindow(t)
	w.win.Resize(fyne.NewSize(1200, 900))
	q := queueUI(t)
	pp := openParticipant(t, w, "Sanne")
	pp.memo.delay = 10 * time.Millisecond
	if got := pp.memo.title.Text; got != "Memo on participant Sanne" {
		t.Errorf("memo title %q", got)
	}
	clickInto(pp.memo.entry)
	test.Type(w.win.Canvas().Focused(), "Deelt graag")
	sanne := caseNamed(t, p, "Sanne")
	runQueuedUntil(t, q, func() bool { return memoOf(t, p, model.CaseMemo, sanne.ID) != "" })
	if got := memoOf(t, p, model.CaseMemo, sanne.ID); got != "Deelt graag" {
		t.Errorf("participant memo %q", got)
	}
	// Choosing another participant saves and shows theirs.
	test.Type(w.win.Canvas().Focused(), ", ook in het café")
	tapText(t, pp.list, "Ana")
	if got := memoOf(t, p, model.CaseMemo, sanne.ID); got != "Deelt graag, ook in het café" {
		t.Errorf("participant memo after choosing another %q", got)
	}
	if pp.memo.title.Text != "Memo on participant Ana" || pp.memo.entry.Text != "" {
		t.Errorf("the panel shows %q: %q", pp.memo.title.Text, pp.memo.entry.Text)
	}
	w.onUndo()
	if got := memoOf(t, p, model.CaseMemo, sanne.ID); got != "" {
		t.Errorf("one undo left the memo %q", got)
	}
}

func TestParticipantValueTypedIsKeptWhenARowGoes(t *testing.T) {
	w, p := newTestWindow(t)
	w.win.Resize(fyne.NewSize(1200, 900))
	ctx := context.Background()
	ana := caseNamed(t, p, "Ana")
	p.SetCaseAttribute(ctx, ana.ID, "leeftijd", "34")
	p.SetCaseAttribute(ctx, ana.ID, "rol", "ondernemer")
	pp := openParticipant(t, w, "Ana")
	if len(pp.rows) != 2 {
		t.Fatalf("%d rows", len(pp.rows))
	}
	// A value typed, then another row removed without leaving the entry.
	v := pp.rows[1].value
	clickInto(v)
	test.Type(v, " en moeder")
	tapKeepingFocus(pp.rows[0].remove)
	if got := caseNamed(t, p, "Ana").Attributes; !slices.Equal(got, []model.Attribute{{Key: "rol", Value: "ondernemer en moeder"}}) {
		t.Errorf("attributes %+v, want the typed value kept and leeftijd removed", got)
	}
	// A value typed, then another participant chosen.
	v = pp.rows[0].value
	clickInto(v)
	test.Type(v, "!")
	tapKeepingFocus(tappableShowing(t, pp.list, "Sanne"))
	if got := caseNamed(t, p, "Ana").Attributes; !slices.Equal(got, []model.Attribute{{Key: "rol", Value: "ondernemer en moeder!"}}) {
		t.Errorf("attributes after choosing Sanne %+v", got)
	}
	if pp.name.Text != "Sanne" || w.participants.list.Length() != 3 {
		t.Errorf("the panel shows %q", pp.name.Text)
	}
}
