package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"codeberg.org/verbatim/verbatim/index"
	"codeberg.org/verbatim/verbatim/model"
)

// openIndex opens (building or catching up) the project's search index in
// the cache folder, telling the user when a build takes a while; a cache
// folder that cannot be written keeps a small project's index in memory,
// said in one line.
func openIndex(ctx context.Context, env Env, p *model.Project) (*index.Index, error) {
	return openIndexFor(ctx, env, p, false)
}

// openIndexForSearch is openIndex for a command that only searches: an
// index that is up to date is opened read-only, which writes nothing.
func openIndexForSearch(ctx context.Context, env Env, p *model.Project) (*index.Index, error) {
	return openIndexFor(ctx, env, p, true)
}

// inMemoryLimit is the most text (in characters) of a project whose index
// is kept in memory when the cache folder cannot be written.
var inMemoryLimit = index.InMemoryLimit

func openIndexFor(ctx context.Context, env Env, p *model.Project, searchOnly bool) (*index.Index, error) {
	ix, cacheErr, err := index.OpenOrInMemory(ctx, p, index.ProjectDir(env.CacheDir, p.Path()), inMemoryLimit, searchOnly, buildProgress(env))
	if cacheErr != nil && err == nil {
		fmt.Fprintf(env.Stderr, "note: %v: the index is kept in memory for this command\n", cacheErr)
	}
	return ix, err
}

// buildProgress tells the user when an index build takes a while.
func buildProgress(env Env) func(done, total int) {
	told := false
	return func(done, total int) {
		if done == 0 && total > 20 && !told {
			told = true
			fmt.Fprintf(env.Stderr, "building the search index (%d documents)…\n", total)
		}
	}
}

// splitQueryArgs separates the flags a command knows from the rest, so that
// a query may hold words starting with - (as in "-speaker:interviewer").
// Several query arguments are joined with spaces.
func splitQueryArgs(fs *flag.FlagSet, args []string) (flags, pos []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		name := strings.TrimLeft(a, "-")
		if j := strings.IndexByte(name, '='); j >= 0 {
			name = name[:j]
		}
		f := fs.Lookup(name)
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || f == nil {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() || strings.Contains(a, "=") {
			continue
		}
		if i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	return flags, pos
}

// withQuery parses FILE.verbatim QUERY... and opens the project and its index.
func withQuery(ctx context.Context, env Env, cmd, usage string, fs *flag.FlagSet, args []string,
	fn func(p *model.Project, ix *index.Index, query string) error) error {
	flags, pos := splitQueryArgs(fs, args)
	if wantsHelp(args) {
		flags = []string{"--help"}
	}
	if err := parseFlags(fs, flags); err != nil {
		return err
	}
	if err := wantArgs(cmd, pos, 2, -1, usage); err != nil {
		return err
	}
	p, err := openFor(ctx, cmd, pos[0], readerCommands[cmd])
	if err != nil {
		return err
	}
	defer p.Close()
	open := openIndex // autocode changes the index
	if cmd == "search" {
		open = openIndexForSearch
	}
	ix, err := open(ctx, env, p)
	if err != nil {
		return err
	}
	defer ix.Close()
	q := strings.Join(pos[1:], " ")
	notes, err := ix.UnknownFilters(ctx, q)
	if err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintf(env.Stderr, "note: %s\n", n)
	}
	return fn(p, ix, q)
}

type hitJSON struct {
	Document string   `json:"document"`
	DocID    int64    `json:"doc_id"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
	Speaker  string   `json:"speaker"`
	Snippet  string   `json:"snippet"`
	Score    float64  `json:"score"`
	Matches  [][2]int `json:"matches"`
	Passage  [2]int   `json:"passage"`
	Codes    []string `json:"codes"`
	Memo     string   `json:"memo,omitempty"` // what a memo hit is on
}

func runSearch(ctx context.Context, env Env, args []string) error {
	fs := newFlags("search")
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", 50, "how many hits to show, the best first; 0 means all (with --json, all unless --limit is given)")
	offset := fs.Int("offset", 0, "how many of the best hits to skip")
	const usage = "FILE.verbatim QUERY [--json] [--limit N] [--offset N]  (see 'verbatim search --help-query')"
	if len(args) == 1 && args[0] == "--help-query" {
		fmt.Fprintln(env.Stdout, index.QueryHelp)
		return nil
	}
	return withQuery(ctx, env, "search", usage, fs, args, func(p *model.Project, ix *index.Index, q string) error {
		n, err := searchLimit(fs, *limit, *offset, *asJSON)
		if err != nil {
			return err
		}
		// Every document is counted, so that the summary line is exact.
		res, err := ix.Search(ctx, q, index.SearchOptions{Limit: n, Offset: *offset, Context: 50, Facets: 1 << 20})
		if err != nil {
			return err
		}
		if shown := *offset + len(res.Hits); *asJSON && shown < res.Total {
			// A script that asked for a page learns there is more.
			fmt.Fprintf(env.Stderr, "note: hits %d–%d of %d; --offset %d for the next\n", *offset+1, shown, res.Total, shown)
		}
		if res.Plain {
			fmt.Fprintln(env.Stderr, "note: the query is not valid search syntax; searched for its words")
		}
		if *asJSON {
			out := make([]hitJSON, 0, len(res.Hits))
			for _, h := range res.Hits {
				j := hitJSON{Document: h.Document, DocID: h.DocID, Start: h.Start, End: h.End, Speaker: h.Speaker,
					Snippet: h.Snippet, Score: h.Score, Matches: [][2]int{}, Passage: [2]int{h.Start, h.End}, Codes: h.Codes, Memo: string(h.MemoKind)}
				if j.Codes == nil {
					j.Codes = []string{}
				}
				if len(h.Matches) > 0 {
					j.Start, j.End = h.Matches[0].Start, h.Matches[0].End
				}
				for _, m := range h.Matches {
					j.Matches = append(j.Matches, [2]int{m.Start, m.End})
				}
				out = append(out, j)
			}
			return writeJSON(env.Stdout, out)
		}
		t := newTable(env.Stdout, "DOCUMENT", "SPEAKER", "POSITION", "CONTEXT")
		for _, h := range res.Hits {
			pos, doc := fmt.Sprintf("%d:%d", h.Start, h.End), h.Document
			if len(h.Matches) > 0 {
				pos = fmt.Sprintf("%d:%d", h.Matches[0].Start, h.Matches[0].End)
			}
			if h.MemoKind != "" {
				doc = fmt.Sprintf("%s memo %s", h.MemoKind, doc)
			}
			t.row(doc, h.Speaker, pos, marked(h.Snippet, h.SnippetMatches))
		}
		if err := t.flush(); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "%d passages in %d documents", res.Total, len(res.Documents))
		if shown := *offset + len(res.Hits); shown < res.Total {
			fmt.Fprintf(env.Stdout, " (%d–%d shown; --offset %d for more)", *offset+1, shown, shown)
		}
		fmt.Fprintln(env.Stdout)
		return nil
	})
}

// allHits is the limit that means every hit.
const allHits = 1 << 30

// searchLimit is how many hits a search shows: --limit N, 0 for all; without
// --limit, 50 for a person to read and all of them in JSON, so that a script
// never gets the first page and takes it for the whole answer.
func searchLimit(fs *flag.FlagSet, limit, offset int, asJSON bool) (int, error) {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "limit" })
	switch {
	case offset < 0:
		return 0, usagef("search: --offset %d: the number of hits to skip cannot be negative", offset)
	case given && limit < 0:
		return 0, usagef("search: --limit %d: give a number of hits, or 0 for all", limit)
	case given && limit > 0:
		return limit, nil
	case given || asJSON:
		return allHits, nil
	}
	return 50, nil
}

// marked puts [ ] around the matches in a snippet.
func marked(s string, ranges []index.Range) string {
	r := []rune(s)
	var b strings.Builder
	at := 0
	for _, m := range ranges {
		if m.Start < at || m.End > len(r) {
			continue
		}
		b.WriteString(string(r[at:m.Start]) + "[" + string(r[m.Start:m.End]) + "]")
		at = m.End
	}
	b.WriteString(string(r[at:]))
	return b.String()
}

func runAutocode(ctx context.Context, env Env, args []string) error {
	fs := newFlags("autocode")
	code := fs.String("code", "", "the code to apply")
	unit := fs.String("unit", "match", "what to code around each hit: match, sentence or turn")
	const usage = "FILE.verbatim QUERY --code NAME [--unit match|sentence|turn]"
	return withQuery(ctx, env, "autocode", usage, fs, args, func(p *model.Project, ix *index.Index, q string) error {
		if *code == "" {
			return usagef("usage: verbatim autocode %s", usage)
		}
		u, err := index.ParseUnit(*unit)
		if err != nil {
			return usagef("autocode: %v", err)
		}
		c, err := p.FindCode(ctx, *code)
		if err != nil {
			return err
		}
		res, err := index.Autocode(ctx, p, ix, q, c.ID, u)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "coded %s in %s with %q (found %s in %s; %s already coded",
			plural(res.Coded, "range", "ranges"), plural(res.Passages, "passage", "passages"), c.Name,
			plural(res.Spans, "range", "ranges"), plural(res.Hits, "passage", "passages"), plural(res.Skipped, "range", "ranges"))
		if res.Inside > 0 {
			fmt.Fprintf(env.Stdout, ", %d of them inside a coding with the code", res.Inside)
		}
		fmt.Fprint(env.Stdout, ")")
		if res.Coded > 0 {
			fmt.Fprint(env.Stdout, "; 'verbatim undo' takes them all back")
		}
		fmt.Fprintln(env.Stdout)
		return nil
	})
}

// plural writes a count with the singular or plural noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
