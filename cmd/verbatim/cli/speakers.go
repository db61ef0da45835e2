package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"codeberg.org/verbatim/verbatim/model"
)

type speakerJSON struct {
	ID          int64  `json:"id"`
	DocID       int64  `json:"doc_id"`
	Document    string `json:"document"`
	Label       string `json:"label"`
	Participant string `json:"participant"`
	Interviewer bool   `json:"interviewer"`
	Turns       int    `json:"turns"`
}

type turnJSON struct {
	N       int    `json:"n"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Speaker string `json:"speaker"`
	Begin   string `json:"begin,omitempty"`
	Text    string `json:"text"`
}

func runSpeakers(ctx context.Context, env Env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "rename":
			return runSpeakersRename(ctx, env, args[1:])
		case "merge":
			return runSpeakersMerge(ctx, env, args[1:])
		case "split":
			return runSpeakersSplit(ctx, env, args[1:])
		case "mark":
			return runSpeakersMark(ctx, env, args[1:])
		}
	}
	fs := newFlags("speakers")
	doc := fs.String("doc", "", "only this document")
	turns := fs.Bool("turns", false, "with --doc: list the document's turns, numbered")
	asJSON := fs.Bool("json", false, "print JSON")
	return withProject(ctx, "speakers", fs, args, 1, 1, "FILE.verbatim [--doc DOC [--turns]] [--json]", func(p *model.Project, _ []string) error {
		var docID int64
		if *doc != "" {
			d, err := p.FindDocument(ctx, *doc)
			if err != nil {
				return err
			}
			docID = d.ID
		}
		if *turns {
			if docID == 0 {
				return usagef("speakers --turns: say which document with --doc")
			}
			return printTurns(ctx, env, p, docID, *asJSON)
		}
		sp, err := p.Speakers(ctx, docID)
		if err != nil {
			return err
		}
		if *asJSON {
			out := make([]speakerJSON, len(sp))
			for i, s := range sp {
				out[i] = speakerJSON{s.ID, s.DocID, s.Document, s.Label, s.Case, s.Interviewer, s.Turns}
			}
			return writeJSON(env.Stdout, out)
		}
		t := newTable(env.Stdout, "DOCUMENT", "SPEAKER", "PARTICIPANT", "ROLE", "TURNS")
		for _, s := range sp {
			role := ""
			if s.Interviewer {
				role = "interviewer"
			}
			t.row(s.Document, s.Label, s.Case, role, s.Turns)
		}
		return t.flush()
	})
}

func printTurns(ctx context.Context, env Env, p *model.Project, docID int64, asJSON bool) error {
	turns, err := p.Turns(ctx, docID)
	if err != nil {
		return err
	}
	text, err := p.Text(ctx, docID)
	if err != nil {
		return err
	}
	runes := []rune(text)
	out := make([]turnJSON, len(turns))
	for i, tr := range turns {
		out[i] = turnJSON{N: i + 1, Start: tr.Start, End: tr.End, Speaker: tr.Speaker, Text: string(runes[tr.Start:tr.End])}
		if tr.HasTime {
			out[i].Begin = tr.Begin.String()
		}
	}
	if asJSON {
		return writeJSON(env.Stdout, out)
	}
	t := newTable(env.Stdout, "N", "START", "END", "SPEAKER", "TEXT")
	for _, tr := range out {
		t.row(tr.N, tr.Start, tr.End, tr.Speaker, oneLine(tr.Text, 60))
	}
	return t.flush()
}

// findSpeakers returns the speakers labelled label, in one document or in
// all.
func findSpeakers(ctx context.Context, p *model.Project, doc, label string) ([]model.Speaker, error) {
	var docID int64
	if doc != "" {
		d, err := p.FindDocument(ctx, doc)
		if err != nil {
			return nil, err
		}
		docID = d.ID
	}
	all, err := p.Speakers(ctx, docID)
	if err != nil {
		return nil, err
	}
	var found []model.Speaker
	for _, s := range all {
		if s.Label == label {
			found = append(found, s)
		}
	}
	if len(found) == 0 {
		where := "any document"
		if doc != "" {
			where = doc
		}
		return nil, fmt.Errorf("speaker %q in %s: %w", label, where, model.ErrNotFound)
	}
	return found, nil
}

func speakerIDs(sp []model.Speaker) []int64 {
	ids := make([]int64, len(sp))
	for i, s := range sp {
		ids[i] = s.ID
	}
	return ids
}

func runSpeakersRename(ctx context.Context, env Env, args []string) error {
	fs := newFlags("speakers rename")
	doc := fs.String("doc", "", "only in this document (default: every document)")
	return withProject(ctx, "speakers rename", fs, args, 3, 3, "FILE.verbatim LABEL NAME [--doc DOC]", func(p *model.Project, pos []string) error {
		sp, err := findSpeakers(ctx, p, *doc, pos[0])
		if err != nil {
			return err
		}
		if err := p.RenameSpeakers(ctx, speakerIDs(sp), pos[1]); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "%s in %d document(s) is now participant %q\n", pos[0], len(sp), strings.TrimSpace(pos[1]))
		return nil
	})
}

func runSpeakersMerge(ctx context.Context, env Env, args []string) error {
	fs := newFlags("speakers merge")
	doc := fs.String("doc", "", "the document")
	into := fs.String("into", "", "the speaker who takes over the turns")
	return withProject(ctx, "speakers merge", fs, args, 2, 2, "FILE.verbatim LABEL --into LABEL --doc DOC", func(p *model.Project, pos []string) error {
		if *doc == "" || *into == "" {
			return usagef("usage: verbatim speakers merge FILE.verbatim LABEL --into LABEL --doc DOC")
		}
		src, err := findSpeakers(ctx, p, *doc, pos[0])
		if err != nil {
			return err
		}
		dst, err := findSpeakers(ctx, p, *doc, *into)
		if err != nil {
			return err
		}
		if err := p.MergeSpeakers(ctx, src[0].ID, dst[0].ID); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "the turns of %s are now %s's\n", visible(pos[0]), visible(*into))
		return nil
	})
}

func runSpeakersSplit(ctx context.Context, env Env, args []string) error {
	fs := newFlags("speakers split")
	doc := fs.String("doc", "", "the document")
	turns := fs.String("turns", "", "the turn numbers (see 'speakers --doc DOC --turns'), e.g. 3,5,9")
	as := fs.String("as", "", "the speaker those turns belong to")
	usage := "FILE.verbatim LABEL --doc DOC --turns N[,N...] --as NAME"
	return withProject(ctx, "speakers split", fs, args, 2, 2, usage, func(p *model.Project, pos []string) error {
		if *doc == "" || *turns == "" || *as == "" {
			return usagef("usage: verbatim speakers split %s", usage)
		}
		sp, err := findSpeakers(ctx, p, *doc, pos[0])
		if err != nil {
			return err
		}
		all, err := p.Turns(ctx, sp[0].DocID)
		if err != nil {
			return err
		}
		var ids []int64
		for _, f := range strings.Split(*turns, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 1 || n > len(all) {
				return usagef("speakers split: %q is not a turn number from 1 to %d", f, len(all))
			}
			ids = append(ids, all[n-1].ID)
		}
		if err := p.SplitSpeaker(ctx, sp[0].ID, ids, *as); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "%d turn(s) of %s are now %s's\n", len(ids), visible(pos[0]), visible(*as))
		return nil
	})
}

func runSpeakersMark(ctx context.Context, env Env, args []string) error {
	fs := newFlags("speakers mark")
	doc := fs.String("doc", "", "only in this document (default: every document)")
	not := fs.Bool("not", false, "mark as not an interviewer")
	return withProject(ctx, "speakers mark", fs, args, 2, 2, "FILE.verbatim LABEL [--doc DOC] [--not]", func(p *model.Project, pos []string) error {
		sp, err := findSpeakers(ctx, p, *doc, pos[0])
		if err != nil {
			return err
		}
		if err := p.MarkInterviewers(ctx, speakerIDs(sp), !*not); err != nil {
			return err
		}
		role := "an interviewer"
		if *not {
			role = "not an interviewer"
		}
		fmt.Fprintf(env.Stdout, "%s is %s in %d document(s)\n", pos[0], role, len(sp))
		return nil
	})
}
