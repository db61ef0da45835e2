package cli

import (
	"context"
	"fmt"
	"os"
	"strconv"

	"codeberg.org/verbatim/verbatim/model"
)

func runMemo(ctx context.Context, env Env, args []string) error {
	fs := newFlags("memo")
	set := fs.String("set", "", "replace the memo with this text")
	setFile := fs.String("set-file", "", "replace the memo with this file's text (- for standard input)")
	clear := fs.Bool("clear", false, "empty the memo")
	asJSON := fs.Bool("json", false, "print JSON")
	usage := "FILE.verbatim project|doc DOC|code NAME|coding ID|case NAME [--set TEXT | --set-file F | --clear] [--json]"
	return withProject(ctx, "memo", fs, args, 2, 3, usage, func(p *model.Project, pos []string) error {
		kind, id, err := memoTarget(ctx, p, pos)
		if err != nil {
			return err
		}
		changing := *set != "" || *setFile != "" || *clear
		if changing {
			text := *set
			if *setFile != "" {
				data, err := readFileOrStdin(*setFile)
				if err != nil {
					return err
				}
				text = string(data)
			}
			if err := p.SetMemo(ctx, kind, id, text); err != nil {
				return err
			}
		}
		memo, err := p.Memo(ctx, kind, id)
		if err != nil {
			return err
		}
		switch {
		case *asJSON:
			return writeJSON(env.Stdout, []map[string]any{{"kind": string(kind), "id": id, "memo": memo}})
		case changing:
			fmt.Fprintf(env.Stdout, "memo on %s saved (%d characters)\n", kind, len([]rune(memo)))
		default:
			fmt.Fprint(env.Stdout, memo)
			if memo != "" && memo[len(memo)-1] != '\n' {
				fmt.Fprintln(env.Stdout)
			}
		}
		return nil
	})
}

// memoTarget resolves "project", "doc DOC", "code NAME", "coding ID" or
// "case NAME".
func memoTarget(ctx context.Context, p *model.Project, pos []string) (model.MemoKind, int64, error) {
	what := pos[0]
	if what == "project" {
		if len(pos) != 1 {
			return "", 0, usagef("memo: 'project' takes no name")
		}
		return model.ProjectMemo, 0, nil
	}
	if len(pos) != 2 {
		return "", 0, usagef("memo: say which %s", what)
	}
	ref := pos[1]
	switch what {
	case "doc", "document":
		d, err := p.FindDocument(ctx, ref)
		return model.DocumentMemo, d.ID, err
	case "code":
		c, err := p.FindCode(ctx, ref)
		return model.CodeMemo, c.ID, err
	case "coding":
		id, err := strconv.ParseInt(ref, 10, 64)
		if err != nil {
			return "", 0, usagef("memo: %q is not a coding id (see 'verbatim codings')", ref)
		}
		return model.CodingMemo, id, nil
	case "case", "participant":
		cases, err := p.Cases(ctx)
		if err != nil {
			return "", 0, err
		}
		for _, c := range cases {
			if c.Name == ref {
				return model.CaseMemo, c.ID, nil
			}
		}
		return "", 0, fmt.Errorf("participant %q: %w", ref, model.ErrNotFound)
	}
	return "", 0, usagef("memo: %q is not something with a memo (use project, doc, code, coding or case)", what)
}

func readFileOrStdin(path string) ([]byte, error) {
	if path == "-" {
		return readAll(os.Stdin)
	}
	return os.ReadFile(path)
}
