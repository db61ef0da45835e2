package model_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"codeberg.org/verbatim/verbatim/model"
)

// An editor that saves a memo as the researcher types keeps one session
// while it shows that memo: every save of it is one undo step.
func ExampleProject_SetMemoContinuing() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "verbatim-example")
	defer os.RemoveAll(dir)
	p, _ := model.Create(ctx, filepath.Join(dir, "Slimmernetwerk.verbatim"), "nl")
	defer p.Close()
	doc, _ := p.ImportDocument(ctx, model.NewDocument{Name: "Ana.txt", Format: "txt", Text: "Ana: Dat je deelt wat je leert.\n"})

	var session model.MemoSession
	for _, typed := range []string{"Ana deelt", "Ana deelt wat ze leert", "Ana deelt wat ze leert, graag."} {
		p.SetMemoContinuing(ctx, model.DocumentMemo, doc.ID, typed, &session)
	}
	step, _ := p.Undo(ctx)
	memo, _ := p.Memo(ctx, model.DocumentMemo, doc.ID)
	fmt.Printf("undone: %s; the memo is %q\n", step.Label, memo)
	// Output:
	// undone: Edit the memo of Ana.txt; the memo is ""
}
