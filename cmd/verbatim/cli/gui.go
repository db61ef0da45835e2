package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"codeberg.org/verbatim/verbatim/assets"
	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/importer"
)

// DemoName is the demo project's file name in the data folder.
const DemoName = "Demo.verbatim"

// DemoPath is where the demo project lives, for the window's first-start
// hint.
func DemoPath(dataDir string) string { return filepath.Join(dataDir, DemoName) }

func runOpen(ctx context.Context, env Env, args []string) error {
	fs := newFlags("open")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs("open", pos, 0, 1, "[FILE.verbatim]"); err != nil {
		return err
	}
	var path string
	if len(pos) == 1 {
		path = pos[0]
	} else if path, err = startProject(ctx, env); err != nil {
		return err
	}
	p, err := openFor(ctx, "open", path, false)
	if err != nil {
		return err
	}
	defer func() {
		// On exit: a write-ahead log that could not be merged
		// (ErrNotMerged) is said, as the other commands say it.
		if err := p.Close(); err != nil {
			fmt.Fprintf(env.Stderr, "verbatim: %s\n", message(err))
		}
	}()
	if err := RememberProject(env.DataDir, p.Path()); err != nil {
		fmt.Fprintf(env.Stderr, "verbatim: could not remember recent projects: %s\n", message(err))
	}
	if env.OpenGUI == nil {
		return errors.New("this build has no window")
	}
	return env.OpenGUI(p)
}

// startProject is the project to open when none is named: the most recent
// one that still exists, or else the demo project, created on first start.
func startProject(ctx context.Context, env Env) (string, error) {
	for _, r := range recentProjects(env.DataDir) {
		if _, err := os.Stat(r); err == nil {
			return r, nil
		}
	}
	demo := filepath.Join(env.DataDir, DemoName)
	if _, err := os.Stat(demo); err == nil {
		return demo, nil
	}
	if err := os.MkdirAll(env.DataDir, 0o755); err != nil {
		return "", err
	}
	return demo, CreateDemo(ctx, demo, "nl")
}

// CreateDemo creates the demo project in lang ("nl" or "en"): the principles
// of the article as the codebook and three fictional interviews, partly coded
// already, with key quotes, summaries and participants' roles, so that a first
// start can make a principle report at once.
func CreateDemo(ctx context.Context, path, lang string) error {
	p, err := model.Create(ctx, path, lang)
	if err != nil {
		return err
	}
	err = fillDemo(ctx, p, lang)
	p.Close()
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("creating the demo project: %w", err)
	}
	return nil
}

func fillDemo(ctx context.Context, p *model.Project, lang string) error {
	var codes []int64 // by position in the codebook, which the demo codings refer to
	for _, c := range assets.Codebook(lang) {
		code, err := p.AddCode(ctx, 0, c.Name, c.Color, c.Description)
		if err != nil {
			return err
		}
		codes = append(codes, code.ID)
		// Keys 1–6 code with the six principles from the first start.
		if err := p.SetCodeKey(ctx, len(codes), code.ID); err != nil {
			return err
		}
	}
	for _, iv := range assets.DemoInterviews(lang) {
		if err := addDemoInterview(ctx, p, iv, codes); err != nil {
			return fmt.Errorf("%s: %w", iv.Name, err)
		}
	}
	memo := "Demoproject van Verbatim: drie verzonnen voorbeeldinterviews en de zes principes uit het artikel ‘Een slimme overheid durft patronen te doorbreken’ (Kennisland, 2014) als codeboek. Een deel is al gecodeerd, met kernquotes en samenvattingen, zodat je meteen een rapport per principe kunt maken. Probeer het zelf: selecteer een passage en kies een principe, of druk op 1 tot en met 6."
	if lang == "en" {
		memo = "Verbatim’s demo project: three made-up example interviews and the six principles of the article ‘Een slimme overheid durft patronen te doorbreken’ (Kennisland, 2014) as the codebook. Some passages are coded already, with key quotes and summaries, so you can make a report per principle straight away. Try it yourself: select a passage and pick a principle, or press 1 to 6."
	}
	if err := p.SetMemo(ctx, model.ProjectMemo, 0, memo); err != nil {
		return err
	}
	// The demo starts with a clean history: undo should not unbuild it.
	return p.ClearHistory(ctx)
}

// addDemoInterview imports one demo interview and applies the researcher's
// work on it: summary, participant attributes, codings and thematic
// summaries. codes are the code ids by codebook position. Positions are
// found in the text as the importer stores it, not as the asset has it.
func addDemoInterview(ctx context.Context, p *model.Project, iv assets.Interview, codes []int64) error {
	nd, err := importer.ReadBytes(iv.Name, []byte(iv.Text), importer.Options{})
	if err != nil {
		return err
	}
	doc, err := p.ImportDocument(ctx, nd)
	if err != nil {
		return err
	}
	if err := p.SetMemo(ctx, model.DocumentMemo, doc.ID, iv.Memo); err != nil {
		return err
	}
	if err := setDemoParticipant(ctx, p, iv); err != nil {
		return err
	}
	if err := applyDemoCodings(ctx, p, doc.ID, nd.Text, iv.Codings, codes); err != nil {
		return err
	}
	for _, s := range iv.Summaries {
		codeID, err := demoCode(codes, s.Code)
		if err != nil {
			return err
		}
		if err := p.SetSummary(ctx, doc.ID, codeID, s.Text); err != nil {
			return err
		}
	}
	return nil
}

// applyDemoCodings codes the demo's passages in a document whose stored text
// is text, with their memos, and marks the key quotes.
func applyDemoCodings(ctx context.Context, p *model.Project, docID int64, text string, codings []assets.Coding, codes []int64) error {
	var keys []int64
	for _, c := range codings {
		codeID, err := demoCode(codes, c.Code)
		if err != nil {
			return err
		}
		start, end, ok := model.Occurrence(text, c.Text, 1)
		if !ok {
			return fmt.Errorf("coding %.40q: %w (not in the text)", c.Text, model.ErrNotFound)
		}
		coding, err := p.ApplyCode(ctx, codeID, model.Span{DocID: docID, Start: start, End: end})
		if err != nil {
			return err
		}
		if c.Memo != "" {
			if err := p.SetMemo(ctx, model.CodingMemo, coding.ID, c.Memo); err != nil {
				return err
			}
		}
		if c.Key {
			keys = append(keys, coding.ID)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	return p.SetKeyQuote(ctx, keys, true)
}

// demoCode returns the id of the code at a 1-based position in the codebook,
// which is how the demo data names codes in every language.
func demoCode(codes []int64, pos int) (int64, error) {
	if pos < 1 || pos > len(codes) {
		return 0, fmt.Errorf("code %d: %w (the codebook has %d)", pos, model.ErrNotFound, len(codes))
	}
	return codes[pos-1], nil
}

// setDemoParticipant gives the interviewee of a demo interview their
// attributes; importing made the participant from the speaker label.
func setDemoParticipant(ctx context.Context, p *model.Project, iv assets.Interview) error {
	cases, err := p.Cases(ctx)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(cases, func(c model.Case) bool { return c.Name == iv.Participant })
	if i < 0 {
		return fmt.Errorf("participant %q: %w", iv.Participant, model.ErrNotFound)
	}
	for _, a := range iv.Attributes {
		if err := p.SetCaseAttribute(ctx, cases[i].ID, a.Key, a.Value); err != nil {
			return err
		}
	}
	return nil
}

const recentFile = "recent.json"

// RecentProjects lists the projects opened lately, most recent first, for
// the window's File > Open recent.
func RecentProjects(dataDir string) []string { return recentProjects(dataDir) }

// recentProjects lists the projects opened lately, most recent first.
func recentProjects(dataDir string) []string {
	data, err := os.ReadFile(filepath.Join(dataDir, recentFile))
	if err != nil {
		return nil
	}
	var list []string
	if json.Unmarshal(data, &list) != nil {
		return nil
	}
	return list
}

// RememberProject puts path first in the list of recent projects (at most
// ten), which decides what "verbatim" with no arguments opens.
func RememberProject(dataDir, path string) error {
	list := slices.DeleteFunc(recentProjects(dataDir), func(s string) bool { return s == path })
	list = append([]string{path}, list...)
	if len(list) > 10 {
		list = list[:10]
	}
	data, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return err
	}
	tmp := filepath.Join(dataDir, recentFile+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dataDir, recentFile))
}
