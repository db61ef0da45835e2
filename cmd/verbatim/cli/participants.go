package cli

import (
	"context"
	"fmt"
	"strings"

	"codeberg.org/verbatim/verbatim/model"
)

type participantJSON struct {
	ID         int64             `json:"id"`
	Name       string            `json:"name"`
	Speakers   int               `json:"speakers"`
	Attributes map[string]string `json:"attributes"`
}

func runParticipants(ctx context.Context, env Env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "rename":
			return runParticipantsRename(ctx, env, args[1:])
		case "set":
			return runParticipantsSet(ctx, env, args[1:])
		}
	}
	fs := newFlags("participants")
	asJSON := fs.Bool("json", false, "print JSON")
	return withProject(ctx, "participants", fs, args, 1, 1, "FILE.verbatim [--json]", func(p *model.Project, _ []string) error {
		cases, err := p.Cases(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			out := make([]participantJSON, len(cases))
			for i, c := range cases {
				out[i] = participantJSON{c.ID, c.Name, c.Speakers, map[string]string{}}
				for _, a := range c.Attributes {
					out[i].Attributes[a.Key] = a.Value
				}
			}
			return writeJSON(env.Stdout, out)
		}
		t := newTable(env.Stdout, "PARTICIPANT", "SPEAKERS", "ATTRIBUTES")
		for _, c := range cases {
			attrs := make([]string, len(c.Attributes))
			for i, a := range c.Attributes {
				attrs[i] = a.Key + "=" + a.Value
			}
			t.row(c.Name, c.Speakers, strings.Join(attrs, ", "))
		}
		return t.flush()
	})
}

func findParticipant(ctx context.Context, p *model.Project, name string) (model.Case, error) {
	cases, err := p.Cases(ctx)
	if err != nil {
		return model.Case{}, err
	}
	for _, c := range cases {
		if c.Name == name {
			return c, nil
		}
	}
	for _, c := range cases {
		if strings.EqualFold(c.Name, name) {
			return c, nil
		}
	}
	return model.Case{}, fmt.Errorf("participant %q: %w", name, model.ErrNotFound)
}

func runParticipantsRename(ctx context.Context, env Env, args []string) error {
	fs := newFlags("participants rename")
	return withProject(ctx, "participants rename", fs, args, 3, 3, "FILE.verbatim NAME NEW-NAME", func(p *model.Project, pos []string) error {
		c, err := findParticipant(ctx, p, pos[0])
		if err != nil {
			return err
		}
		if err := p.RenameParticipant(ctx, c.ID, pos[1]); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "participant %q is now %q\n", c.Name, strings.TrimSpace(pos[1]))
		return nil
	})
}

func runParticipantsSet(ctx context.Context, env Env, args []string) error {
	fs := newFlags("participants set")
	return withProject(ctx, "participants set", fs, args, 3, 3, "FILE.verbatim NAME KEY=VALUE (an empty VALUE removes the attribute)", func(p *model.Project, pos []string) error {
		key, value, ok := strings.Cut(pos[1], "=")
		if !ok {
			return usagef("participants set: write the attribute as KEY=VALUE, e.g. rol=beleidsmaker")
		}
		c, err := findParticipant(ctx, p, pos[0])
		if err != nil {
			return err
		}
		if err := p.SetCaseAttribute(ctx, c.ID, key, value); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "%s: %s=%s\n", visible(c.Name), visible(strings.TrimSpace(key)), visible(value))
		return nil
	})
}
