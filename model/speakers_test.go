package model

import (
	"context"
	"errors"
	"testing"
)

// twoInterviews imports two noScribe-like interviews whose speakers are both
// labelled S01 and S02.
func twoInterviews(t *testing.T, p *Project) (Document, Document) {
	t.Helper()
	ctx := context.Background()
	text := "S01: Vraag een.\nS02: Antwoord een.\nS01: Vraag twee.\nS02: Antwoord twee.\nS03: Ik ook!\n"
	turns := []NewTurn{{0, 15, "S01", 0, 0, false}, {16, 34, "S02", 0, 0, false}, {35, 50, "S01", 0, 0, false}, {51, 69, "S02", 0, 0, false}, {70, 81, "S03", 0, 0, false}}
	a, err := p.ImportDocument(ctx, NewDocument{Name: "a.vtt", Format: "vtt", Text: text, Turns: turns})
	if err != nil {
		t.Fatal(err)
	}
	b, err := p.ImportDocument(ctx, NewDocument{Name: "b.vtt", Format: "vtt", Text: text + "S02: Tot ziens.\n", Turns: append(turns, NewTurn{82, 97, "S02", 0, 0, false})})
	if err != nil {
		t.Fatal(err)
	}
	return a, b
}

func speakerID(t *testing.T, p *Project, doc int64, label string) Speaker {
	t.Helper()
	sp, _ := p.Speakers(context.Background(), doc)
	for _, s := range sp {
		if s.Label == label {
			return s
		}
	}
	t.Fatalf("no speaker %s in document %d", label, doc)
	return Speaker{}
}

func TestRenameMergeSplitSpeakers(t *testing.T) {
	ctx := context.Background()
	p := newProject(t, "nl")
	a, b := twoInterviews(t, p)
	if cases, _ := p.Cases(ctx); len(cases) != 3 {
		t.Fatalf("participants after import: %+v", cases)
	}
	// S02 in a is Ana, S02 in b is Bert: split the shared participant.
	if err := p.RenameSpeakers(ctx, []int64{speakerID(t, p, a.ID, "S02").ID}, "Ana"); err != nil {
		t.Fatal(err)
	}
	if err := p.RenameSpeakers(ctx, []int64{speakerID(t, p, b.ID, "S02").ID}, "Bert"); err != nil {
		t.Fatal(err)
	}
	// S01 is the same interviewer in both: renaming both links them to one participant.
	cases, _ := p.Cases(ctx)
	var s01 Case
	for _, c := range cases {
		if c.Name == "S01" {
			s01 = c
		}
	}
	p.SetCaseAttribute(ctx, s01.ID, "rol", "onderzoeker")
	// Renaming every S01 speaker at once renames the participant.
	if err := p.RenameSpeakers(ctx, []int64{speakerID(t, p, a.ID, "S01").ID, speakerID(t, p, b.ID, "S01").ID}, "Lucy"); err != nil {
		t.Fatal(err)
	}
	if sa, sb := speakerID(t, p, a.ID, "S01"), speakerID(t, p, b.ID, "S01"); sa.Case != "Lucy" || sa.CaseID != sb.CaseID {
		t.Errorf("S01 in a is %q (%d), in b %q (%d); want one participant Lucy", sa.Case, sa.CaseID, sb.Case, sb.CaseID)
	}
	cases, _ = p.Cases(ctx)
	names := map[string][]Attribute{}
	for _, c := range cases {
		names[c.Name] = c.Attributes
	}
	if _, ok := names["Ana"]; !ok || len(names) != 4 {
		t.Errorf("participants: %v; want Ana, Bert, Lucy (with rol) and S03", names)
	}
	if attrs := names["Lucy"]; len(attrs) != 1 || attrs[0].Value != "onderzoeker" {
		t.Errorf("Lucy's attributes: %+v (renaming a participant keeps them)", attrs)
	}
	// Renaming a participant to an existing name joins the two.
	var s03 Case
	for _, c := range cases {
		if c.Name == "S03" {
			s03 = c
		}
	}
	p.SetCaseAttribute(ctx, s03.ID, "rol", "gast")
	p.SetCaseAttribute(ctx, s03.ID, "leeftijd", "40")
	if err := p.RenameParticipant(ctx, s03.ID, "Lucy"); err != nil {
		t.Fatal(err)
	}
	cases, _ = p.Cases(ctx)
	for _, c := range cases {
		if c.Name == "Lucy" && (len(c.Attributes) != 2 || c.Attributes[1].Value != "onderzoeker" || c.Speakers != 4) {
			t.Errorf("Lucy after joining S03: %+v", c)
		}
	}
	if len(cases) != 3 {
		t.Errorf("participants after joining: %+v", cases)
	}
	p.Undo(ctx)

	// S03 in a is really Ana interrupting: merge.
	if err := p.MergeSpeakers(ctx, speakerID(t, p, a.ID, "S03").ID, speakerID(t, p, a.ID, "S02").ID); err != nil {
		t.Fatal(err)
	}
	turns, _ := p.Turns(ctx, a.ID)
	if turns[4].Speaker != "S02" {
		t.Errorf("after merge the last turn is %q's", turns[4].Speaker)
	}
	if err := p.MergeSpeakers(ctx, speakerID(t, p, a.ID, "S01").ID, speakerID(t, p, b.ID, "S01").ID); !errors.Is(err, ErrInvalid) {
		t.Errorf("merge across documents: %v", err)
	}

	// In b, the last S02 turn is someone else: split it off.
	tb, _ := p.Turns(ctx, b.ID)
	if err := p.SplitSpeaker(ctx, speakerID(t, p, b.ID, "S02").ID, []int64{tb[5].ID}, "Gast"); err != nil {
		t.Fatal(err)
	}
	tb, _ = p.Turns(ctx, b.ID)
	if tb[5].Speaker != "Gast" || tb[3].Speaker != "S02" {
		t.Errorf("after split: %q and %q", tb[5].Speaker, tb[3].Speaker)
	}
	if err := p.SplitSpeaker(ctx, speakerID(t, p, b.ID, "S02").ID, []int64{tb[0].ID}, "X"); !errors.Is(err, ErrNotFound) {
		t.Errorf("splitting off another speaker's turn: %v", err)
	}
	// All of it undoes.
	for {
		if _, err := p.Undo(ctx); err != nil {
			break
		}
	}
	if cases, _ := p.Cases(ctx); len(cases) != 0 {
		t.Errorf("after undoing everything: %+v", cases)
	}
}

func TestInterviewersMarkedOnImport(t *testing.T) {
	ctx := context.Background()
	p := newProject(t, "nl")
	labels := map[string]bool{"Interviewer": true, "Researcher 1": true, "ONDERZOEKER": true, "I": true,
		"Interviewee": false, "Ana": false, "Ingrid": false, "S01": false, "Researchers' guest": false}
	var text string
	var turns []NewTurn
	for l := range labels {
		start := len([]rune(text))
		text += l + ": ja.\n"
		turns = append(turns, NewTurn{Start: start, End: len([]rune(text)) - 1, Speaker: l})
	}
	d, err := p.ImportDocument(ctx, NewDocument{Name: "a.txt", Format: "txt", Text: text, Turns: turns})
	if err != nil {
		t.Fatal(err)
	}
	sp, _ := p.Speakers(ctx, d.ID)
	if len(sp) != len(labels) {
		t.Fatalf("speakers: %+v", sp)
	}
	for _, s := range sp {
		if s.Interviewer != labels[s.Label] {
			t.Errorf("%q marked interviewer: %v, want %v", s.Label, s.Interviewer, labels[s.Label])
		}
	}
}
