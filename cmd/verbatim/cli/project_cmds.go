package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"codeberg.org/verbatim/verbatim/model"
)

// openProject opens the project named by the first positional argument.
func openProject(ctx context.Context, path string) (*model.Project, error) {
	return model.Open(ctx, projectPath(path))
}

// withProject parses args, opens the project named first and runs fn.
func withProject(ctx context.Context, cmd string, fs *flag.FlagSet, args []string, min, max int, usage string,
	fn func(p *model.Project, pos []string) error) error {
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(cmd, pos, min, max, usage); err != nil {
		return err
	}
	p, err := openFor(ctx, cmd, pos[0], reads(cmd, fs, pos[1:]))
	if err != nil {
		return err
	}
	defer p.Close()
	return fn(p, pos[1:])
}

func runNew(ctx context.Context, env Env, args []string) error {
	fs := newFlags("new")
	lang := fs.String("lang", "nl", "the language of the transcripts: nl or en")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs("new", pos, 1, 1, "FILE.verbatim [--lang nl|en]"); err != nil {
		return err
	}
	path := model.WithExtension(pos[0])
	p, err := model.Create(ctx, path, *lang)
	if err != nil {
		return err
	}
	defer p.Close()
	fmt.Fprintf(env.Stdout, "created %s\n", path)
	return nil
}

type docJSON struct {
	ID         int64             `json:"id"`
	Name       string            `json:"name"`
	Format     string            `json:"format"`
	Chars      int               `json:"chars"`
	Speakers   int               `json:"speakers"`
	Codings    int               `json:"codings"`
	Imported   string            `json:"imported"`
	Attributes map[string]string `json:"attributes"`
}

func runDocs(ctx context.Context, env Env, args []string) error {
	fs := newFlags("docs")
	asJSON := fs.Bool("json", false, "print JSON")
	return withProject(ctx, "docs", fs, args, 1, 1, "FILE.verbatim [--json]", func(p *model.Project, _ []string) error {
		docs, err := p.Documents(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			out := make([]docJSON, len(docs))
			for i, d := range docs {
				out[i] = docJSON{d.ID, d.Name, d.Format, d.Chars, d.Speakers, d.Codings, jsonTime(d.Imported), map[string]string{}}
				attrs, err := p.DocumentAttributes(ctx, d.ID)
				if err != nil {
					return err
				}
				for _, a := range attrs {
					out[i].Attributes[a.Key] = a.Value
				}
			}
			return writeJSON(env.Stdout, out)
		}
		t := newTable(env.Stdout, "ID", "DOCUMENT", "FORMAT", "CHARACTERS", "SPEAKERS", "CODINGS")
		for _, d := range docs {
			t.row(d.ID, d.Name, d.Format, d.Chars, d.Speakers, d.Codings)
		}
		return t.flush()
	})
}

type codeJSON struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Path        string `json:"path"`
	Parent      int64  `json:"parent,omitempty"`
	Color       string `json:"color"`
	Description string `json:"description"`
	Codings     int    `json:"codings"`
	Documents   int    `json:"documents"`
}

func runCodes(ctx context.Context, env Env, args []string) error {
	fs := newFlags("codes")
	asJSON := fs.Bool("json", false, "print JSON")
	return withProject(ctx, "codes", fs, args, 1, 1, "FILE.verbatim [--json]", func(p *model.Project, _ []string) error {
		codes, err := p.Codes(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			out := make([]codeJSON, len(codes))
			for i, c := range codes {
				out[i] = codeJSON{c.ID, c.Name, model.CodePath(codes, c.ID), c.ParentID, c.Color, c.Description, c.Codings, c.Documents}
			}
			return writeJSON(env.Stdout, out)
		}
		depth := map[int64]int{}
		t := newTable(env.Stdout, "ID", "CODE", "COLOUR", "CODINGS", "DOCUMENTS", "DESCRIPTION")
		for _, c := range codes {
			if c.ParentID != 0 {
				depth[c.ID] = depth[c.ParentID] + 1
			}
			t.row(c.ID, strings.Repeat("  ", depth[c.ID])+c.Name, c.Color, c.Codings, c.Documents, oneLine(c.Description, 60))
		}
		return t.flush()
	})
}

func runCode(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 {
		return usagef("usage: verbatim code add|apply|edit|move|merge|delete FILE.verbatim ...")
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "add":
		return runCodeAdd(ctx, env, args)
	case "apply":
		return runCodeApply(ctx, env, args)
	case "edit", "rename", "recolor", "recolour":
		return runCodeEdit(ctx, env, args)
	case "move":
		return runCodeMove(ctx, env, args)
	case "merge":
		return runCodeMerge(ctx, env, args)
	case "delete":
		return runCodeDelete(ctx, env, args)
	}
	return usagef("unknown subcommand 'code %s' (use add, apply, edit, move, merge or delete)", sub)
}

func runCodeAdd(ctx context.Context, env Env, args []string) error {
	fs := newFlags("code add")
	parent := fs.String("parent", "", "the parent code")
	color := fs.String("color", "", "the colour as #RRGGBB")
	fs.StringVar(color, "colour", "", "the colour as #RRGGBB")
	desc := fs.String("description", "", "what the code means")
	return withProject(ctx, "code add", fs, args, 2, 2, "FILE.verbatim NAME [--parent NAME] [--color #RRGGBB] [--description TEXT]", func(p *model.Project, pos []string) error {
		var parentID int64
		if *parent != "" {
			c, err := p.FindCode(ctx, *parent)
			if err != nil {
				return err
			}
			parentID = c.ID
		}
		c, err := p.AddCode(ctx, parentID, pos[0], *color, *desc)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "added code %d %q (%s)\n", c.ID, c.Name, c.Color)
		return nil
	})
}

func runCodeEdit(ctx context.Context, env Env, args []string) error {
	fs := newFlags("code edit")
	var e model.CodeEdit
	fs.Func("name", "the new name", func(s string) error { e.Name = &s; return nil })
	fs.Func("color", "the new colour as #RRGGBB", func(s string) error { e.Color = &s; return nil })
	fs.Func("colour", "the new colour as #RRGGBB", func(s string) error { e.Color = &s; return nil })
	fs.Func("description", "the new description", func(s string) error { e.Description = &s; return nil })
	return withProject(ctx, "code edit", fs, args, 2, 2, "FILE.verbatim CODE [--name NEW] [--color #RRGGBB] [--description TEXT]", func(p *model.Project, pos []string) error {
		if e.Name == nil && e.Color == nil && e.Description == nil {
			return usagef("code edit: say what to change with --name, --color or --description")
		}
		c, err := p.FindCode(ctx, pos[0])
		if err != nil {
			return err
		}
		if err := p.EditCode(ctx, c.ID, e); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "changed code %d\n", c.ID)
		return nil
	})
}

func runCodeMove(ctx context.Context, env Env, args []string) error {
	fs := newFlags("code move")
	parent := fs.String("parent", "", "the new parent code")
	top := fs.Bool("top", false, "move to the top level")
	return withProject(ctx, "code move", fs, args, 2, 2, "FILE.verbatim CODE (--parent NAME | --top)", func(p *model.Project, pos []string) error {
		if (*parent == "") == !*top {
			return usagef("code move: give either --parent NAME or --top")
		}
		c, err := p.FindCode(ctx, pos[0])
		if err != nil {
			return err
		}
		var parentID int64
		if *parent != "" {
			pc, err := p.FindCode(ctx, *parent)
			if err != nil {
				return err
			}
			parentID = pc.ID
		}
		if err := p.MoveCode(ctx, c.ID, parentID); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "moved code %d\n", c.ID)
		return nil
	})
}

func runCodeMerge(ctx context.Context, env Env, args []string) error {
	fs := newFlags("code merge")
	into := fs.String("into", "", "the code that takes over the codings")
	return withProject(ctx, "code merge", fs, args, 2, 2, "FILE.verbatim CODE --into CODE", func(p *model.Project, pos []string) error {
		if *into == "" {
			return usagef("code merge: say which code to merge into with --into")
		}
		src, err := p.FindCode(ctx, pos[0])
		if err != nil {
			return err
		}
		dst, err := p.FindCode(ctx, *into)
		if err != nil {
			return err
		}
		if err := p.MergeCode(ctx, src.ID, dst.ID); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "merged %q into %q\n", src.Name, dst.Name)
		return nil
	})
}

func runCodeDelete(ctx context.Context, env Env, args []string) error {
	fs := newFlags("code delete")
	return withProject(ctx, "code delete", fs, args, 2, 2, "FILE.verbatim CODE", func(p *model.Project, pos []string) error {
		c, err := p.FindCode(ctx, pos[0])
		if err != nil {
			return err
		}
		if err := p.DeleteCode(ctx, c.ID); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "deleted code %q with its subcodes and codings (undo brings it back)\n", c.Name)
		return nil
	})
}

func runCodeApply(ctx context.Context, env Env, args []string) error {
	fs := newFlags("code apply")
	code := fs.String("code", "", "the code")
	doc := fs.String("doc", "", "the document, by name or id")
	match := fs.String("match", "", "code the first occurrence of this text")
	nth := fs.Int("nth", 1, "with --match: code the Nth occurrence")
	rng := fs.String("range", "", "code the characters START:END")
	memo := fs.String("memo", "", "a memo on the coding")
	asJSON := fs.Bool("json", false, "print the coding as JSON")
	usage := "FILE.verbatim --code NAME --doc DOC (--match TEXT [--nth N] | --range START:END) [--memo TEXT]"
	return withProject(ctx, "code apply", fs, args, 1, 1, usage, func(p *model.Project, _ []string) error {
		if *code == "" || *doc == "" || (*match == "") == (*rng == "") {
			return usagef("usage: verbatim code apply %s", usage)
		}
		c, err := p.FindCode(ctx, *code)
		if err != nil {
			return err
		}
		d, err := p.FindDocument(ctx, *doc)
		if err != nil {
			return err
		}
		var start, end int
		if *rng != "" {
			if start, end, err = parseRange(*rng); err != nil {
				return err
			}
		} else {
			text, err := p.Text(ctx, d.ID)
			if err != nil {
				return err
			}
			var ok bool
			if start, end, ok = model.Occurrence(text, *match, *nth); !ok {
				if *nth > 1 {
					return fmt.Errorf("%s: %q does not occur %d times", d.Name, *match, *nth)
				}
				return fmt.Errorf("%s: %q does not occur in the text", d.Name, *match)
			}
		}
		// The coding and its memo are one step: one undo takes both back.
		// Without a memo the step keeps ApplyCode's own label.
		label := ""
		if *memo != "" {
			label = "Apply “" + c.Name + "” with a memo"
		}
		var g model.Coding
		err = p.Group(ctx, label, func(ctx context.Context) error {
			made, err := p.ApplyCode(ctx, c.ID, model.Span{DocID: d.ID, Start: start, End: end})
			if err != nil {
				return err
			}
			if *memo != "" {
				if err := p.SetMemo(ctx, model.CodingMemo, made.ID, *memo); err != nil {
					return err
				}
			}
			g, err = p.Coding(ctx, made.ID)
			return err
		})
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, []codingJSON{toCodingJSON(g)})
		}
		fmt.Fprintf(env.Stdout, "coded %d:%d of %s with %q: %q (coding %d)\n", g.Start, g.End, g.Document, g.Code, oneLine(g.Text, 80), g.ID)
		return nil
	})
}

func parseRange(s string) (int, int, error) {
	a, b, ok := strings.Cut(s, ":")
	start, err1 := strconv.Atoi(strings.TrimSpace(a))
	end, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil {
		return 0, 0, usagef("--range %q: write it as START:END in characters, e.g. 120:245", s)
	}
	return start, end, nil
}

type codingJSON struct {
	ID       int64  `json:"id"`
	DocID    int64  `json:"doc_id"`
	Document string `json:"document"`
	CodeID   int64  `json:"code_id"`
	Code     string `json:"code"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
	Coder    string `json:"coder"`
	Created  string `json:"created"`
	Memo     string `json:"memo"`
	Key      bool   `json:"key"`
}

func toCodingJSON(g model.Coding) codingJSON {
	return codingJSON{g.ID, g.DocID, g.Document, g.CodeID, g.Code, g.Start, g.End, g.Text, g.Coder, jsonTime(g.Created), g.Memo, g.Key}
}

func runCodings(ctx context.Context, env Env, args []string) error {
	fs := newFlags("codings")
	code := fs.String("code", "", "only this code")
	doc := fs.String("doc", "", "only this document")
	asJSON := fs.Bool("json", false, "print JSON")
	return withProject(ctx, "codings", fs, args, 1, 1, "FILE.verbatim [--code NAME] [--doc DOC] [--json]", func(p *model.Project, _ []string) error {
		var f model.CodingFilter
		if *code != "" {
			c, err := p.FindCode(ctx, *code)
			if err != nil {
				return err
			}
			f.CodeID = c.ID
		}
		if *doc != "" {
			d, err := p.FindDocument(ctx, *doc)
			if err != nil {
				return err
			}
			f.DocID = d.ID
		}
		codings, err := p.Codings(ctx, f)
		if err != nil {
			return err
		}
		if *asJSON {
			out := make([]codingJSON, len(codings))
			for i, g := range codings {
				out[i] = toCodingJSON(g)
			}
			return writeJSON(env.Stdout, out)
		}
		t := newTable(env.Stdout, "ID", "DOCUMENT", "CODE", "START", "END", "KEY", "TEXT")
		for _, g := range codings {
			key := ""
			if g.Key {
				key = "★"
			}
			t.row(g.ID, g.Document, g.Code, g.Start, g.End, key, "“"+oneLine(g.Text, 70)+"”")
		}
		return t.flush()
	})
}

func runUncode(ctx context.Context, env Env, args []string) error {
	fs := newFlags("uncode")
	return withProject(ctx, "uncode", fs, args, 2, 2, "FILE.verbatim CODING-ID", func(p *model.Project, pos []string) error {
		id, err := strconv.ParseInt(pos[0], 10, 64)
		if err != nil {
			return usagef("uncode: %q is not a coding id (see 'verbatim codings')", pos[0])
		}
		if err := p.RemoveCoding(ctx, id); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "removed coding %d\n", id)
		return nil
	})
}

func runCoder(ctx context.Context, env Env, args []string) error {
	fs := newFlags("coder")
	return withProject(ctx, "coder", fs, args, 1, 2, "FILE.verbatim [NAME]", func(p *model.Project, pos []string) error {
		if len(pos) == 1 {
			if err := p.SetCoder(ctx, pos[0]); err != nil {
				return err
			}
		}
		name, err := p.Coder(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, visible(name))
		return nil
	})
}

func runUndo(ctx context.Context, env Env, args []string) error {
	return withProject(ctx, "undo", newFlags("undo"), args, 1, 1, "FILE.verbatim", func(p *model.Project, _ []string) error {
		s, err := p.Undo(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "undone: %s\n", visible(s.Label))
		return nil
	})
}

func runRedo(ctx context.Context, env Env, args []string) error {
	return withProject(ctx, "redo", newFlags("redo"), args, 1, 1, "FILE.verbatim", func(p *model.Project, _ []string) error {
		s, err := p.Redo(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "redone: %s\n", visible(s.Label))
		return nil
	})
}
