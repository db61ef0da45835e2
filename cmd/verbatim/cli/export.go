package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"codeberg.org/verbatim/verbatim/index"
	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/export"
	"codeberg.org/verbatim/verbatim/model/report"
)

// listFlag collects a flag given several times (--code A --code B); a value
// may also list several, separated by commas where that is unambiguous
// (--attrs role,organisation).
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// reportFlags are the filters and options export and report share.
type reportFlags struct {
	format, out, context, cite, lang, title, query  *string
	codes, docs, speakers, attrs, coders, attrNames listFlag
	subcodes, keyOnly, noInterviewers, withInterviewers, pseudonyms, keyFirst, breadth,
	sameTurn *bool
	max *int
	by  *string
}

func addReportFlags(fs *flag.FlagSet, kindFlags bool) *reportFlags {
	f := &reportFlags{
		format:     fs.String("format", "", "csv, xlsx, docx, odt, md, html, pdf (png or svg: a report's chart); default from -o's extension"),
		out:        fs.String("o", "", "the file to write (- for standard output, for text formats)"),
		context:    fs.String("context", "", "add the sentence or turn around each quote: sentence or turn"),
		cite:       fs.String("cite", "", "citation style, e.g. \"{participant}, interview {n}, {time}\""),
		lang:       fs.String("lang", "", "language of the headings and labels: nl or en (default: the project's)"),
		title:      fs.String("title", "", "the document's title"),
		query:      fs.String("query", "", "only quotes that a search finds ('verbatim search --help-query')"),
		subcodes:   fs.Bool("subcodes", false, "--code includes its sub-codes"),
		keyOnly:    fs.Bool("key-only", false, "key quotes only"),
		pseudonyms: fs.Bool("pseudonyms", false, "replace the names of 'verbatim pseudonyms' everywhere"),
	}
	fs.Var(&f.codes, "code", "only this code (repeatable)")
	fs.Var(&f.docs, "doc", "only this document (repeatable)")
	fs.Var(&f.speakers, "speaker", "only this speaker or participant (repeatable)")
	fs.Var(&f.attrs, "attr", "only participants (or documents) with KEY=VALUE (repeatable)")
	fs.Var(&f.coders, "coder", "only this coder's codings (repeatable)")
	if kindFlags {
		f.withInterviewers = fs.Bool("with-interviewers", false, "count and quote interviewers too")
		f.keyFirst = fs.Bool("key-first", false, "key quotes first")
		f.breadth = fs.Bool("breadth", false, "one quote per participant before a second of anyone")
		f.sameTurn = fs.Bool("same-turn", false, "co-occurrence: codings in the same turn instead of overlapping ones")
		f.max = fs.Int("max", 0, "at most N quotes per code")
		f.by = fs.String("by", "", "matrix: document (default), participant, or an attribute's name (attr:NAME for one called document or participant)")
		fs.Var(&f.attrNames, "attrs", "attributes to name in attributions, e.g. role,organisation (default: all)")
	} else {
		f.noInterviewers = fs.Bool("no-interviewers", false, "leave out quotes said by interviewers")
	}
	return f
}

// options turns the flags into report options, resolving names against
// the project (and searching its index for --query).
func (f *reportFlags) options(ctx context.Context, env Env, p *model.Project, kind report.Kind) (report.Options, export.Format, error) {
	var o report.Options
	format, err := f.outputFormat()
	if err != nil {
		return o, "", err
	}
	for _, ref := range f.codes {
		c, err := p.FindCode(ctx, ref)
		if err != nil {
			return o, "", err
		}
		o.Filter.Codes = append(o.Filter.Codes, c.ID)
	}
	o.Filter.SubCodes = *f.subcodes
	for _, ref := range f.docs {
		d, err := p.FindDocument(ctx, ref)
		if err != nil {
			return o, "", err
		}
		o.Filter.Documents = append(o.Filter.Documents, d.ID)
	}
	o.Filter.Speakers = f.speakers
	for _, kv := range f.attrs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return o, "", usagef("--attr %q: write it as KEY=VALUE (e.g. --attr role=beleidsmaker)", kv)
		}
		o.Filter.Attributes = append(o.Filter.Attributes, model.Attribute{Key: k, Value: v})
	}
	o.Filter.Coders = f.coders
	o.Filter.KeyOnly = *f.keyOnly
	if f.noInterviewers != nil {
		o.Filter.NoInterviewers = *f.noInterviewers
	} else {
		// Reports count and quote the interviewees unless asked.
		o.Filter.NoInterviewers = !*f.withInterviewers
		o.KeyFirst, o.Breadth, o.SameTurn, o.MaxPerCode, o.By = *f.keyFirst, *f.breadth, *f.sameTurn, *f.max, *f.by
		if *f.max < 0 {
			return o, "", usagef("--max %d: give a number of quotes, 1 or more", *f.max)
		}
		if len(f.attrNames) > 0 {
			o.Attributes = []string{}
			for _, a := range f.attrNames {
				for _, name := range strings.Split(a, ",") {
					if name = strings.TrimSpace(name); name != "" {
						o.Attributes = append(o.Attributes, name)
					}
				}
			}
		}
	}
	if o.Context, err = report.ParseContext(*f.context); err != nil {
		return o, "", usagef("%v", err)
	}
	o.Citation, o.Title = *f.cite, *f.title
	if *f.lang != "" {
		if *f.lang != "nl" && *f.lang != "en" {
			return o, "", usagef("--lang %q: use nl or en", *f.lang)
		}
		o.Lang = *f.lang
	}
	o.Spreadsheet = format == export.CSV || format == export.XLSX
	if *f.pseudonyms {
		if o.Pseudonyms, err = p.Pseudonyms(ctx); err != nil {
			return o, "", err
		}
		if o.Pseudonyms == nil {
			o.Pseudonyms = []model.Pseudonym{}
		}
	}
	if strings.TrimSpace(*f.query) != "" {
		ix, err := openIndexForSearch(ctx, env, p)
		if err != nil {
			return o, "", err
		}
		defer ix.Close()
		spans, _, err := ix.Spans(ctx, *f.query, index.UnitMatch)
		if err != nil {
			return o, "", err
		}
		o.Filter.Within = append([]model.Span{}, spans...)
	}
	return o, format, nil
}

// outputFormat is --format, or what -o's extension names.
func (f *reportFlags) outputFormat() (export.Format, error) {
	if *f.out == "" {
		return "", usagef("name the file to write with -o FILE (or -o - for standard output)")
	}
	if *f.format != "" {
		format, err := export.ParseFormat(*f.format)
		if err != nil {
			return "", usagef("%v", err)
		}
		return format, nil
	}
	if format, ok := export.FormatOf(*f.out); ok {
		return format, nil
	}
	return "", usagef("say which format with --format (csv, xlsx, docx, odt, md, html, pdf)")
}

func runExport(ctx context.Context, env Env, args []string) error {
	fs := newFlags("export")
	f := addReportFlags(fs, false)
	const usage = "FILE.verbatim --format csv|xlsx|docx|odt|md|html|pdf|qdpx|qdc [--code NAME] [--doc DOC] [--speaker NAME] [--attr KEY=VALUE] [--coder NAME] [--key-only] [--query Q] [--no-interviewers] [--context sentence|turn] [--cite STYLE] [--pseudonyms] -o OUT"
	return withProject(ctx, "export", fs, args, 1, 1, usage, func(p *model.Project, _ []string) error {
		if refi, codebook := refiFormat(*f.format, *f.out); refi {
			return exportREFI(ctx, env, p, *f.out, codebook)
		}
		return writeReport(ctx, env, p, report.QuoteTable, f)
	})
}

func runReport(ctx context.Context, env Env, args []string) error {
	fs := newFlags("report")
	kind := fs.String("kind", "", "principles, summaries, summary-table, frequencies, matrix, cooccurrence, presence, codebook or memos")
	f := addReportFlags(fs, true)
	const usage = "FILE.verbatim --kind principles|summaries|summary-table|frequencies|matrix|cooccurrence|presence|codebook|memos --format FORMAT [filters] -o OUT"
	return withProject(ctx, "report", fs, args, 1, 1, usage, func(p *model.Project, _ []string) error {
		if *kind == "" {
			return usagef("usage: verbatim report %s", usage)
		}
		k, err := report.ParseKind(*kind)
		if err != nil {
			return usagef("%v", err)
		}
		return writeReport(ctx, env, p, k, f)
	})
}

// writeReport builds a report and writes it where -o says, then reports
// what was written and, with pseudonyms, where a name still appears.
func writeReport(ctx context.Context, env Env, p *model.Project, kind report.Kind, f *reportFlags) error {
	opts, format, err := f.options(ctx, env, p, kind)
	if err != nil {
		return err
	}
	if err := report.CheckFormat(kind, format); err != nil {
		return usagef("%v", err)
	}
	if *f.out == "-" && !format.IsText() {
		return usagef("%s is not a text format: name a file with -o", format)
	}
	r, err := report.Build(ctx, p, kind, opts)
	if err != nil {
		return err
	}
	if *f.out == "-" {
		err = export.Write(ctx, env.Stdout, format, r.Doc)
	} else {
		err = export.WriteFile(ctx, *f.out, format, r.Doc)
	}
	if errors.Is(err, export.ErrNoContent) {
		return fmt.Errorf("%s as %s: %w", kind, format, err)
	}
	if err != nil {
		return err
	}
	if *f.out != "-" {
		what := string(kind) + " report"
		if kind == report.QuoteTable {
			what = "coded quotes"
			if t := r.Doc.Tables(); len(t) == 1 {
				what = fmt.Sprintf("%d coded quotes", len(t[0].Rows))
			}
		}
		fmt.Fprintf(env.Stdout, "wrote %s to %s (%s)\n", what, *f.out, format)
	}
	if opts.Pseudonyms != nil {
		printLeaks(env, r, len(opts.Pseudonyms))
	}
	return nil
}

// printLeaks tells, on standard error, how the pseudonyms went and where a
// listed name or part of one still appears.
func printLeaks(env Env, r *report.Report, listed int) {
	if listed == 0 {
		fmt.Fprintln(env.Stderr, "warning: --pseudonyms, but the pseudonym list is empty ('verbatim pseudonyms FILE suggest' proposes one)")
		return
	}
	fmt.Fprintf(env.Stderr, "pseudonyms: %d replacements of %d listed names\n", r.Replaced, listed)
	if len(r.Leaks) == 0 {
		fmt.Fprintln(env.Stderr, "pseudonyms: no listed name, nor a part of one, appears in what was written")
		return
	}
	fmt.Fprintf(env.Stderr, "warning: a listed name or part of one still appears %d times in what was written:\n", len(r.Leaks))
	for i, l := range r.Leaks {
		if i == 50 {
			fmt.Fprintf(env.Stderr, "  … and %d more\n", len(r.Leaks)-50)
			break
		}
		fmt.Fprintf(env.Stderr, "  %s\n", l)
	}
}

type pseudonymJSON struct {
	Name      string `json:"name"`
	Pseudonym string `json:"pseudonym"`
}

func runPseudonyms(ctx context.Context, env Env, args []string) error {
	fs := newFlags("pseudonyms")
	asJSON := fs.Bool("json", false, "print JSON")
	apply := fs.Bool("apply", false, "suggest: store the suggestions")
	const usage = "FILE.verbatim [list | set NAME PSEUDONYM | remove NAME | suggest [--apply]] [--json]"
	return withProject(ctx, "pseudonyms", fs, args, 1, 4, usage, func(p *model.Project, pos []string) error {
		verb := "list"
		if len(pos) > 0 {
			verb, pos = pos[0], pos[1:]
		}
		var list []model.Pseudonym
		var err error
		switch {
		case verb == "list" && len(pos) == 0:
			list, err = p.Pseudonyms(ctx)
		case verb == "set" && len(pos) == 2:
			if err := p.SetPseudonym(ctx, pos[0], pos[1]); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "%s is %s in exports with --pseudonyms\n", pos[0], pos[1])
			return nil
		case verb == "remove" && len(pos) == 1:
			if err := p.RemovePseudonym(ctx, pos[0]); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "removed %s from the pseudonyms\n", pos[0])
			return nil
		case verb == "suggest" && len(pos) == 0:
			if list, err = p.SuggestPseudonyms(ctx); err != nil {
				return err
			}
			if *apply {
				// All of them or none, and one undo takes them all back.
				err := p.Group(ctx, "Store the suggested pseudonyms", func(ctx context.Context) error {
					for _, s := range list {
						if err := p.SetPseudonym(ctx, s.Name, s.Pseudonym); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					return err
				}
				if !*asJSON {
					fmt.Fprintf(env.Stdout, "stored %d pseudonyms\n", len(list))
					return nil
				}
			}
		default:
			return usagef("usage: verbatim pseudonyms %s", usage)
		}
		if err != nil {
			return err
		}
		if *asJSON {
			out := make([]pseudonymJSON, len(list))
			for i, s := range list {
				out[i] = pseudonymJSON(s)
			}
			return writeJSON(env.Stdout, out)
		}
		t := newTable(env.Stdout, "NAME", "PSEUDONYM")
		for _, s := range list {
			t.row(s.Name, s.Pseudonym)
		}
		return t.flush()
	})
}

type summaryJSON struct {
	DocID    int64  `json:"doc_id"`
	Document string `json:"document"`
	CodeID   int64  `json:"code_id"`
	Code     string `json:"code"`
	Text     string `json:"text"`
	Edited   string `json:"edited"`
}

func runSummary(ctx context.Context, env Env, args []string) error {
	fs := newFlags("summary")
	doc := fs.String("doc", "", "the document")
	code := fs.String("code", "", "the code")
	set := fs.String("set", "", "write the summary")
	setFile := fs.String("set-file", "", "write the summary from this file (- for standard input)")
	clear := fs.Bool("clear", false, "remove the summary")
	asJSON := fs.Bool("json", false, "print JSON")
	const usage = "FILE.verbatim [--doc DOC] [--code CODE] [--set TEXT | --set-file F | --clear] [--json]"
	return withProject(ctx, "summary", fs, args, 1, 1, usage, func(p *model.Project, _ []string) error {
		var filter model.SummaryFilter
		if *doc != "" {
			d, err := p.FindDocument(ctx, *doc)
			if err != nil {
				return err
			}
			filter.DocID = d.ID
		}
		if *code != "" {
			c, err := p.FindCode(ctx, *code)
			if err != nil {
				return err
			}
			filter.CodeID = c.ID
		}
		if changing := *set != "" || *setFile != "" || *clear; changing {
			if filter.DocID == 0 || filter.CodeID == 0 {
				return usagef("a thematic summary belongs to one document and one code: give --doc and --code")
			}
			text := *set
			if *setFile != "" {
				data, err := readFileOrStdin(*setFile)
				if err != nil {
					return err
				}
				text = string(data)
			}
			if *clear {
				text = ""
			}
			if err := p.SetSummary(ctx, filter.DocID, filter.CodeID, text); err != nil {
				return err
			}
			if !*asJSON {
				if text == "" {
					fmt.Fprintln(env.Stdout, "thematic summary removed")
				} else {
					fmt.Fprintf(env.Stdout, "thematic summary saved (%d characters)\n", len([]rune(text)))
				}
				return nil
			}
		}
		sums, err := p.Summaries(ctx, filter)
		if err != nil {
			return err
		}
		if *asJSON {
			out := make([]summaryJSON, len(sums))
			for i, s := range sums {
				out[i] = summaryJSON{s.DocID, s.Document, s.CodeID, s.Code, s.Text, jsonTime(s.Edited)}
			}
			return writeJSON(env.Stdout, out)
		}
		if filter.DocID != 0 && filter.CodeID != 0 {
			if len(sums) > 0 {
				fmt.Fprintln(env.Stdout, strings.TrimRight(sums[0].Text, "\n"))
			}
			return nil
		}
		t := newTable(env.Stdout, "DOCUMENT", "CODE", "SUMMARY")
		for _, s := range sums {
			t.row(s.Document, s.Code, oneLine(s.Text, 80))
		}
		return t.flush()
	})
}

func runKey(ctx context.Context, env Env, args []string) error {
	fs := newFlags("key")
	not := fs.Bool("not", false, "unmark: no longer key quotes")
	const usage = "FILE.verbatim CODING-ID... [--not]"
	return withProject(ctx, "key", fs, args, 2, -1, usage, func(p *model.Project, pos []string) error {
		ids := make([]int64, len(pos))
		for i, s := range pos {
			if _, err := fmt.Sscan(s, &ids[i]); err != nil {
				return usagef("key: %q is not a coding id (see 'verbatim codings')", s)
			}
		}
		if err := p.SetKeyQuote(ctx, ids, !*not); err != nil {
			return err
		}
		verb := "marked"
		if *not {
			verb = "unmarked"
		}
		fmt.Fprintf(env.Stdout, "%s %d codings as key quotes; 'verbatim undo' takes it back\n", verb, len(ids))
		return nil
	})
}
