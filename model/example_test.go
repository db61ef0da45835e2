package model_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"codeberg.org/verbatim/verbatim/model"
)

// A project is one file: create it, import a transcript, code a passage,
// read the quote back, and undo.
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "verbatim-example")
	defer os.RemoveAll(dir)

	p, err := model.Create(ctx, filepath.Join(dir, "Slimmernetwerk.verbatim"), "nl")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer p.Close()

	text := "Interviewer: Wat heb je geleerd?\nAna: Dat je deelt wat je leert.\n"
	doc, err := p.ImportDocument(ctx, model.NewDocument{
		Name: "Ana.txt", Format: "txt", Text: text,
		Turns: []model.NewTurn{{Start: 0, End: 32, Speaker: "Interviewer"}, {Start: 33, End: 64, Speaker: "Ana"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	code, _ := p.AddCode(ctx, 0, "Deel wat je leert", "#56B4E9", "Kennis delen")
	start, end, _ := model.Occurrence(text, "deelt wat je leert", 1)
	p.ApplyCode(ctx, code.ID, model.Span{DocID: doc.ID, Start: start, End: end})

	codings, _ := p.Codings(ctx, model.CodingFilter{CodeID: code.ID})
	for _, c := range codings {
		fmt.Printf("%s %d:%d “%s”\n", c.Document, c.Start, c.End, c.Text)
	}
	step, _ := p.Undo(ctx)
	codings, _ = p.Codings(ctx, model.CodingFilter{CodeID: code.ID})
	fmt.Printf("undone: %s; %d codings left\n", step.Label, len(codings))
	// Output:
	// Ana.txt 45:63 “deelt wat je leert”
	// undone: Apply “Deel wat je leert”; 0 codings left
}

// Several changes as one action: a coding and its memo are one undo step,
// named for the Edit menu.
func ExampleProject_Group() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "verbatim-example")
	defer os.RemoveAll(dir)
	p, _ := model.Create(ctx, filepath.Join(dir, "Slimmernetwerk.verbatim"), "nl")
	defer p.Close()
	doc, _ := p.ImportDocument(ctx, model.NewDocument{Name: "Ana.txt", Format: "txt", Text: "Ana: Dat je deelt wat je leert.\n"})
	code, _ := p.AddCode(ctx, 0, "Deel wat je leert", "", "")

	err := p.Group(ctx, "Apply “Deel wat je leert” with a memo", func(ctx context.Context) error {
		c, err := p.ApplyCode(ctx, code.ID, model.Span{DocID: doc.ID, Start: 5, End: 31})
		if err != nil {
			return err
		}
		return p.SetMemo(ctx, model.CodingMemo, c.ID, "sterk citaat")
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	step, _ := p.Undo(ctx)
	codings, _ := p.Codings(ctx, model.CodingFilter{})
	fmt.Printf("undone: %s; %d codings left\n", step.Label, len(codings))
	step, _, _ = p.UndoStep(ctx)
	fmt.Println("next:", step.Label)
	// Output:
	// undone: Apply “Deel wat je leert” with a memo; 0 codings left
	// next: Add code “Deel wat je leert”
}
