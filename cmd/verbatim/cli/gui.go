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
	p, err := openProject(ctx, path)
	if err != nil {
		return err
	}
	defer p.Close()
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

// CreateDemo creates the demo project: the example interview and the
// principles of the article as the codebook, in lang ("nl" or "en").
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
	for _, c := range assets.Codebook(lang) {
		if _, err := p.AddCode(ctx, 0, c.Name, c.Color, c.Description); err != nil {
			return err
		}
	}
	name, text := assets.DemoInterview()
	if lang == "en" {
		name, text = assets.DemoInterviewEN()
	}
	nd, err := importer.ReadBytes(name, []byte(text), importer.Options{})
	if err != nil {
		return err
	}
	if _, err := p.ImportDocument(ctx, nd); err != nil {
		return err
	}
	memo := "Demoproject van Verbatim: een verzonnen voorbeeldinterview en de zes principes uit het artikel ‘Een slimme overheid durft patronen te doorbreken’ (Kennisland, 2014) als codeboek. Probeer het: selecteer een passage en kies een principe."
	if lang == "en" {
		memo = "Verbatim's demo project: a made-up example interview and the six principles of the article ‘Een slimme overheid durft patronen te doorbreken’ (Kennisland, 2014) as the codebook. Try it: select a passage and pick a principle."
	}
	if err := p.SetMemo(ctx, model.ProjectMemo, 0, memo); err != nil {
		return err
	}
	// The demo starts with a clean history: undo should not unbuild it.
	return p.ClearHistory(ctx)
}

const recentFile = "recent.json"

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
