package refiqda

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/importer"
	"codeberg.org/verbatim/verbatim/model/memlimit"
)

// Report is what an import did: counts of what was added to the project
// and what was merged with what it held already, and one line for each
// thing it could not carry (§7 of the standard asks for that).
type Report struct {
	File   string
	Origin string
	// Codebook is set for a .qdc file.
	Codebook bool
	// Codes added and merged (matched by GUID, then by path).
	CodesAdded, CodesMerged int
	// Sources: text documents added, and merged (the same text was there).
	SourcesAdded, SourcesMerged int
	// Selections: text selections read onto a document.
	Selections int
	// Codings added, and skipped because the project had them already.
	CodingsAdded, CodingsSkipped int
	Cases                        int
	// NotCarried lists, one line each, what the import left out.
	NotCarried []string
	// Warnings are things carried but worth a look (a quote that does not
	// match its selection's name, a renamed code).
	Warnings []string
}

func (r *Report) notCarried(format string, args ...any) {
	r.NotCarried = append(r.NotCarried, fmt.Sprintf(format, args...))
}

func (r *Report) warn(format string, args ...any) {
	r.Warnings = append(r.Warnings, fmt.Sprintf(format, args...))
}

// maxReportLines bounds each list of a report; the rest is counted.
const maxReportLines = 50

// Lines is the report as short lines for a researcher.
func (r *Report) Lines() []string {
	var out []string
	if r.Codebook {
		out = append(out, fmt.Sprintf("codebook: %d codes added, %d merged", r.CodesAdded, r.CodesMerged))
	} else {
		out = append(out,
			fmt.Sprintf("codes: %d added, %d merged", r.CodesAdded, r.CodesMerged),
			fmt.Sprintf("documents: %d added, %d merged (same text)", r.SourcesAdded, r.SourcesMerged),
			fmt.Sprintf("codings: %d added on %d selections, %d skipped (already there)", r.CodingsAdded, r.Selections, r.CodingsSkipped),
			fmt.Sprintf("participants: %d", r.Cases))
	}
	add := func(prefix string, lines []string) {
		for i, l := range lines {
			if i == maxReportLines {
				out = append(out, fmt.Sprintf("%s… and %d more", prefix, len(lines)-i))
				break
			}
			out = append(out, prefix+l)
		}
	}
	add("not carried: ", r.NotCarried)
	add("note: ", r.Warnings)
	return out
}

// Options tune an import.
type Options struct {
	// Importer reads the .docx beside an empty .txt, and divides texts into
	// paragraphs and speaker turns.
	Importer importer.Options
}

// ImportFile imports a .qdpx, .qde or .qdc file into p as one undoable
// step: into an empty project it is a new project, into one with content
// a merge. On any error the project is left as it was.
func ImportFile(ctx context.Context, p *model.Project, file string, opts Options) (*Report, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxTotalBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > maxTotalBytes {
		return nil, fmt.Errorf("%s: %w: the file is larger than %d MB", filepath.Base(file), ErrRefused, maxTotalBytes>>20)
	}
	rep, err := Import(ctx, p, file, data, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(file), err)
	}
	return rep, nil
}

// Import imports an exchange file's content; name is its path (a bare
// .qde's source files are looked for in the sources folder beside it).
func Import(ctx context.Context, p *model.Project, name string, data []byte, opts Options) (*Report, error) {
	pk, err := openPackage(name, data)
	if err != nil {
		return nil, err
	}
	pk.xml = bytes.TrimPrefix(pk.xml, []byte("\xEF\xBB\xBF"))
	root, err := rootOf(pk.xml)
	if err != nil {
		return nil, err
	}
	rep := &Report{File: filepath.Base(name)}
	im := &importRun{p: p, pk: pk, rep: rep, opts: opts, names: map[string]string{}}
	switch root {
	case "Project":
		defer memlimit.Lower(importMemory)()
		var x xProject
		if err := decodeXML(pk.xml, &x); err != nil {
			return nil, err
		}
		pk.xml = nil // decoded: let the collector have it while the import runs
		rep.Origin = x.Origin
		err = p.Bulk(ctx, model.Phrase("Import {{.File}}", "File", rep.File), func(ctx context.Context) error { return im.project(ctx, &x) })
	case "CodeBook":
		var x xCodebookFile
		if err := decodeXML(pk.xml, &x); err != nil {
			return nil, err
		}
		rep.Origin, rep.Codebook = x.Origin, true
		err = p.Bulk(ctx, model.Phrase("Import the codebook {{.File}}", "File", rep.File), func(ctx context.Context) error {
			if err := im.prepareCodes(ctx); err != nil {
				return err
			}
			if err := im.codes(ctx, x.Codes.Code, 0); err != nil {
				return err
			}
			im.sets(x.Sets)
			return im.storeGUIDs(ctx)
		})
	default:
		return nil, fmt.Errorf("%w (its root element is <%s>)", ErrNotREFI, root)
	}
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// importMemory is the soft memory limit while a project is imported
// (memlimit.Lower): the decoded XML of 1,000 sources with 100,000 codings
// keeps up to 170 MB live, and the process took 424 MB with the default
// GOGC; 315 MB with this limit, for 15% more processor time.
const importMemory = 256 << 20

// importRun is one import under way.
type importRun struct {
	p    *model.Project
	pk   *pkg
	rep  *Report
	opts Options

	counting lineCounting
	origin   string
	users    map[string]string // normalised user GUID → coder name
	notes    map[string]string // normalised note GUID → text
	usedNote map[string]bool

	codeByGUID map[string]int64 // normalised GUID → code id
	codeByPath map[string]int64 // lower-cased "parent id/name" → code id
	codeNames  map[int64]string
	docByGUID  map[string]int64
	names      map[string]string // normalised GUID → what it names, for the report
	newGUIDs   map[model.GUIDKind]map[int64]string
	knownGUIDs map[model.GUIDKind]map[int64]string
}

func (im *importRun) keepGUID(kind model.GUIDKind, id int64, g string) {
	g = strings.TrimSpace(g)
	if !validGUID(g) {
		return
	}
	if _, ok := im.knownGUIDs[kind][id]; ok {
		return // what the project had keeps its own
	}
	if im.newGUIDs[kind] == nil {
		im.newGUIDs[kind] = map[int64]string{}
	}
	if _, ok := im.newGUIDs[kind][id]; !ok {
		im.newGUIDs[kind][id] = g
	}
}

func (im *importRun) storeGUIDs(ctx context.Context) error {
	for kind, m := range im.newGUIDs {
		if err := im.p.SetGUIDs(ctx, kind, m); err != nil {
			return err
		}
	}
	return nil
}

func (im *importRun) prepareCodes(ctx context.Context) error {
	im.newGUIDs = map[model.GUIDKind]map[int64]string{}
	im.knownGUIDs = map[model.GUIDKind]map[int64]string{}
	for _, k := range []model.GUIDKind{model.GUIDCode, model.GUIDDocument, model.GUIDCase, model.GUIDCoding, model.GUIDSelection} {
		m, err := im.p.GUIDs(ctx, k)
		if err != nil {
			return err
		}
		im.knownGUIDs[k] = m
	}
	im.codeByGUID, im.codeByPath, im.codeNames = map[string]int64{}, map[string]int64{}, map[int64]string{}
	for id, g := range im.knownGUIDs[model.GUIDCode] {
		im.codeByGUID[normGUID(g)] = id
	}
	codes, err := im.p.Codes(ctx)
	if err != nil {
		return err
	}
	for _, c := range codes {
		im.codeByPath[pathKey(c.ParentID, c.Name)] = c.ID
		im.codeNames[c.ID] = c.Name
	}
	return nil
}

func pathKey(parent int64, name string) string {
	return strconv.FormatInt(parent, 10) + "/" + strings.ToLower(strings.TrimSpace(name))
}

var shortColor = regexp.MustCompile(`^#[0-9a-fA-F]{3}$`)

// color is a code's colour as Verbatim keeps it (#RRGGBB), or "" for the
// default.
func color(c string) string {
	c = strings.TrimSpace(c)
	if shortColor.MatchString(c) {
		return "#" + strings.Repeat(c[1:2], 2) + strings.Repeat(c[2:3], 2) + strings.Repeat(c[3:4], 2)
	}
	if len(c) == 7 && c[0] == '#' {
		if _, err := strconv.ParseUint(c[1:], 16, 32); err == nil {
			return c
		}
	}
	return ""
}

// codeUnder finds or adds the code name under parent; merged says it was
// there already.
func (im *importRun) codeUnder(ctx context.Context, parent int64, name, col, desc string) (id int64, merged bool, err error) {
	if id, ok := im.codeByPath[pathKey(parent, name)]; ok {
		return id, true, nil
	}
	c, err := im.p.AddCode(ctx, parent, name, color(col), desc)
	if err != nil {
		return 0, false, err
	}
	im.codeByPath[pathKey(parent, name)] = c.ID
	im.codeNames[c.ID] = c.Name
	return c.ID, false, nil
}

// codes imports a level of the code tree under parent.
func (im *importRun) codes(ctx context.Context, codes []xCode, parent int64) error {
	for _, x := range codes {
		g := normGUID(x.GUID)
		name := strings.TrimSpace(x.Name)
		if name == "" {
			name = "Code " + strings.ToLower(g[:min(8, len(g))])
		}
		desc := ""
		if x.Description != nil {
			desc = *x.Description
		}
		at := parent
		// ATLAS.ti writes the hierarchy into names: "Coke::diet Coke".
		parts := strings.Split(name, "::")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		if len(parts) > 1 && !slices.Contains(parts, "") {
			for _, part := range parts[:len(parts)-1] {
				id, _, err := im.codeUnder(ctx, at, part, "", "")
				if err != nil {
					return err
				}
				at = id
			}
			name = parts[len(parts)-1]
		}
		id, merged := im.codeByGUID[g]
		if !merged {
			var err error
			id, merged, err = im.codeUnder(ctx, at, name, x.Color, desc)
			if err != nil {
				return fmt.Errorf("code %q: %w", name, err)
			}
		}
		im.name(x.GUID, fmt.Sprintf("code %q", name))
		if merged {
			im.rep.CodesMerged++
		} else {
			im.rep.CodesAdded++
		}
		if g != "" {
			if _, dup := im.codeByGUID[g]; !dup {
				im.codeByGUID[g] = id
			}
			im.keepGUID(model.GUIDCode, id, x.GUID)
		}
		if memo := im.noteText(x.NoteRefs); memo != "" && !merged {
			if err := im.p.SetMemo(ctx, model.CodeMemo, id, memo); err != nil {
				return err
			}
		}
		if err := im.codes(ctx, x.Code, id); err != nil {
			return err
		}
	}
	return nil
}

// noteText joins the texts of the notes refs point at, marking them used.
func (im *importRun) noteText(refs []xRef) string {
	var parts []string
	for _, r := range refs {
		g := normGUID(r.TargetGUID)
		if t, ok := im.notes[g]; ok {
			im.usedNote[g] = true
			if strings.TrimSpace(t) != "" {
				parts = append(parts, t)
			}
		}
	}
	return strings.Join(parts, "\n\n")
}

func (im *importRun) project(ctx context.Context, x *xProject) error {
	im.origin = x.Origin
	im.counting = countingOf(x.Origin)
	if err := im.prepareCodes(ctx); err != nil {
		return err
	}
	im.users = map[string]string{}
	if x.Users != nil {
		for _, u := range x.Users.User {
			name := strings.TrimSpace(u.Name)
			if name == "" {
				name = strings.TrimSpace(u.ID)
			}
			if name == "" {
				name = "user " + strings.ToLower(normGUID(u.GUID))
			}
			im.users[normGUID(u.GUID)] = name
			if validGUID(u.GUID) {
				known, err := im.p.CoderGUIDs(ctx)
				if err != nil {
					return err
				}
				if _, ok := known[name]; !ok {
					if err := im.p.SetCoderGUID(ctx, name, strings.TrimSpace(u.GUID)); err != nil {
						return err
					}
				}
			}
		}
	}
	if err := im.readNotes(x.Notes); err != nil {
		return err
	}
	if x.CodeBook != nil {
		if err := im.codes(ctx, x.CodeBook.Codes.Code, 0); err != nil {
			return err
		}
	}
	variables := map[string]string{}
	if x.Variables != nil {
		for _, v := range x.Variables.Variable {
			variables[normGUID(v.GUID)] = strings.TrimSpace(v.Name)
		}
	}
	attrs := func(vals []xVariableValue) []model.Attribute {
		var out []model.Attribute
		for _, v := range vals {
			key := variables[normGUID(v.VariableRef.TargetGUID)]
			if key == "" {
				im.rep.warn("a value of an unknown variable (%s) was left out", v.VariableRef.TargetGUID)
				continue
			}
			out = append(out, model.Attribute{Key: key, Value: v.value()})
		}
		return out
	}
	// Nameless cases with sources hold document variables (MAXQDA, Quirkos).
	docAttrs := map[string][]model.Attribute{}
	var cases []xCase
	if x.Cases != nil {
		for _, c := range x.Cases.Case {
			if (c.Name == nil || strings.TrimSpace(*c.Name) == "") && len(c.SourceRefs) > 0 {
				for _, s := range c.SourceRefs {
					g := normGUID(s.TargetGUID)
					docAttrs[g] = append(docAttrs[g], attrs(c.VariableValue)...)
				}
				continue
			}
			cases = append(cases, c)
		}
	}
	im.docByGUID = map[string]int64{}
	sets := im.sets(x.Sets)
	sources := &sourceGroup{im: im}
	if x.Sources != nil {
		for _, s := range x.Sources.TextSource {
			src, err := im.readSource(s, withSets(append(attrs(s.VariableValue), docAttrs[normGUID(s.GUID)]...), sets[normGUID(s.GUID)]), "")
			if err != nil {
				return err
			}
			if err := sources.add(ctx, src); err != nil {
				return err
			}
		}
		for _, s := range x.Sources.PDFSource {
			n := 0
			for _, sel := range s.PDFSelection {
				n += len(sel.Codings)
			}
			if len(s.PDFSelection) > 0 {
				im.rep.notCarried("PDF %q: %d PDF (area) selections with %d codings", s.Name, len(s.PDFSelection), n)
			}
			if s.Representation != nil {
				src, err := im.readSource(*s.Representation, withSets(nil, sets[normGUID(s.GUID)]), s.Name)
				if err != nil {
					return err
				}
				if err := sources.add(ctx, src); err != nil {
					return err
				}
			} else {
				im.rep.notCarried("PDF %q: no text representation", s.Name)
			}
		}
		err := im.mediaSources(ctx, x.Sources, sources, func(s xOtherSource) []model.Attribute {
			return withSets(attrs(s.Variables), sets[normGUID(s.GUID)])
		})
		if err != nil {
			return err
		}
	}
	if err := sources.store(ctx); err != nil {
		return err
	}
	if err := im.addCodings(ctx, sources.codings); err != nil {
		return err
	}
	for _, c := range cases {
		if err := im.addCase(ctx, c, attrs(c.VariableValue)); err != nil {
			return err
		}
	}
	project := im.noteText(x.NoteRefs)
	if x.Description != "" {
		project = strings.TrimSpace(x.Description + "\n\n" + project)
	}
	if x.Notes != nil {
		for _, n := range x.Notes.Note {
			g := normGUID(n.GUID)
			if im.usedNote[g] || strings.TrimSpace(im.notes[g]) == "" {
				continue
			}
			im.usedNote[g] = true
			text := im.notes[g]
			if n.Name != "" {
				text = n.Name + "\n\n" + text
			}
			project = strings.TrimSpace(project + "\n\n" + text)
		}
	}
	if project != "" {
		old, err := im.p.Memo(ctx, model.ProjectMemo, 0)
		if err != nil {
			return err
		}
		if old != "" {
			project = old + "\n\n" + project
		}
		if err := im.p.SetMemo(ctx, model.ProjectMemo, 0, project); err != nil {
			return err
		}
	}
	im.links(x.Links)
	if x.Graphs != nil && len(x.Graphs.Items) > 0 {
		im.rep.notCarried("%d graphs", len(x.Graphs.Items))
	}
	return im.storeGUIDs(ctx)
}

func (im *importRun) readNotes(notes *xNotes) error {
	im.notes, im.usedNote = map[string]string{}, map[string]bool{}
	if notes == nil {
		return nil
	}
	for _, n := range notes.Note {
		var text string
		switch {
		case n.PlainTextContent != nil:
			text = *n.PlainTextContent
		case n.PlainTextPath != "":
			data, _, err := im.pk.source(n.PlainTextPath)
			if err != nil {
				return err
			}
			text = newSourceText(data, crlfAsTwo).text
		}
		if strings.TrimSpace(text) == "" && n.Description != nil {
			text = *n.Description
		}
		im.name(n.GUID, strings.TrimSpace(fmt.Sprintf("note %q", n.Name)))
		im.notes[normGUID(n.GUID)] = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	}
	return nil
}

// pendingCoding is a coding read, stored once every document is in.
type pendingCoding struct {
	model.NewCoding
	guid, selGUID string
}

// sourceName is what a source is called in Verbatim.
func sourceName(s xTextSource, owner string) string {
	name := strings.TrimSpace(s.Name)
	if name == "" && owner != "" {
		name = owner + " (text)"
	}
	if name == "" {
		name = path.Base(strings.ReplaceAll(strings.TrimPrefix(s.PlainTextPath, "internal://"), "\\", "/"))
	}
	if name == "" || name == "." || name == "/" {
		name = "source " + strings.ToLower(normGUID(s.GUID))
	}
	return name
}

// sourceText finds a text source's text: inline, its .txt, or, when the
// .txt is empty, the .docx beside it. fromDocx says the positions cannot
// be trusted against it.
func (im *importRun) sourceText(s xTextSource, name string) (st sourceText, fromDocx, ok bool, err error) {
	if s.PlainTextContent != nil {
		return newSourceText([]byte(*s.PlainTextContent), im.counting), false, true, nil
	}
	data, found, err := im.pk.source(s.PlainTextPath)
	if err != nil {
		return st, false, false, err
	}
	if found && strings.TrimSpace(string(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")))) != "" {
		return newSourceText(data, im.counting), false, true, nil
	}
	if s.RichTextPath != "" {
		rich, rfound, err := im.pk.source(s.RichTextPath)
		if err != nil {
			return st, false, false, err
		}
		if rfound && strings.EqualFold(path.Ext(s.RichTextPath), ".docx") {
			found = true
			doc, err := importer.ReadBytes(name+".docx", rich, im.opts.Importer)
			if err == nil && strings.TrimSpace(doc.Text) != "" {
				return newSourceText([]byte(doc.Text), crlfAsTwo), true, true, nil
			}
		}
	}
	if found {
		// An empty text is still a source of the project (NVivo exports
		// some): it is kept, empty, and said so.
		im.rep.warn("%q: its text is empty", name)
		return sourceText{}, false, true, nil
	}
	return st, false, false, nil
}

// source is a text source read from the file, to be stored with the
// others of its group.
type source struct {
	x        xTextSource
	name     string
	st       sourceText
	fromDocx bool
	doc      model.NewDocument
}

// readSource reads one text source, divided into turns; nil when its text
// is missing (reported).
func (im *importRun) readSource(s xTextSource, attrs []model.Attribute, owner string) (*source, error) {
	name := sourceName(s, owner)
	st, fromDocx, ok, err := im.sourceText(s, name)
	if err != nil {
		return nil, err
	}
	if !ok {
		ncod := len(s.Codings)
		for _, sel := range s.Selections {
			ncod += len(sel.Codings)
		}
		im.rep.notCarried("%q: its text is missing from the file (%d selections, %d codings)", name, len(s.Selections), ncod)
		return nil, nil
	}
	im.name(s.GUID, fmt.Sprintf("document %q", name))
	nd := model.NewDocument{Name: name, Text: st.text, Format: "refi", Attributes: attrs}
	if doc, err := importer.ReadBytes(name+".txt", []byte(st.text), im.opts.Importer); err == nil && doc.Text == st.text {
		nd.Turns = doc.Turns
		nd.Attributes = append(doc.Attributes, attrs...)
	} else {
		nd.Turns = lineTurns(st.text)
	}
	nd.Attributes = uniqueAttributes(nd.Attributes)
	return &source{x: s, name: name, st: st, fromDocx: fromDocx, doc: nd}, nil
}

// sourceGroup gathers the text sources read, to store them a group at a
// time: a project's texts are read, stored and let go group by group, not
// held all at once (1,000 sources of 48 KB held 250 MB at the peak).
type sourceGroup struct {
	im      *importRun
	sources []*source
	bytes   int
	// codings are the codings of the sources stored, to be stored once
	// every document is in.
	codings []pendingCoding
}

// groupBytes bounds the text of a group of sources.
const groupBytes = 8 << 20

// add adds a source read (nil when its text is missing), storing the group
// when it is full.
func (g *sourceGroup) add(ctx context.Context, src *source) error {
	if src == nil {
		return nil
	}
	g.sources = append(g.sources, src)
	if g.bytes += len(src.doc.Text); g.bytes >= groupBytes {
		return g.store(ctx)
	}
	return nil
}

// store stores the group's sources in one call and keeps their codings.
func (g *sourceGroup) store(ctx context.Context) error {
	if len(g.sources) == 0 {
		return nil
	}
	nds := make([]model.NewDocument, len(g.sources))
	for i, s := range g.sources {
		nds[i] = s.doc
	}
	docs, err := g.im.p.ImportDocuments(ctx, nds)
	if err != nil {
		return err
	}
	for i, s := range g.sources {
		got, err := g.im.textSource(ctx, s, docs[i])
		if err != nil {
			return err
		}
		g.codings = append(g.codings, got...)
	}
	g.sources, g.bytes = nil, 0
	return nil
}

// textSource takes in one stored text source: its GUID, memo and
// selections, whose codings it returns.
func (im *importRun) textSource(ctx context.Context, src *source, doc model.ImportedDocument) ([]pendingCoding, error) {
	s, name, st := src.x, src.name, src.st
	if doc.Duplicate {
		im.rep.SourcesMerged++
	} else {
		im.rep.SourcesAdded++
	}
	g := normGUID(s.GUID)
	if _, seen := im.docByGUID[g]; !seen {
		im.docByGUID[g] = doc.ID
	}
	im.keepGUID(model.GUIDDocument, doc.ID, s.GUID)
	if !doc.Duplicate {
		memo := im.noteText(s.NoteRefs)
		if s.Description != nil && strings.TrimSpace(*s.Description) != "" {
			memo = strings.TrimSpace(*s.Description + "\n\n" + memo)
		}
		if memo != "" {
			if err := im.p.SetMemo(ctx, model.DocumentMemo, doc.ID, memo); err != nil {
				return nil, err
			}
		}
	}
	if src.fromDocx && len(s.Selections) > 0 {
		im.rep.warn("%q: the text comes from the .docx (its .txt is empty), so the positions of its %d selections may not fit it", name, len(s.Selections))
	}
	var out []pendingCoding
	checkNames := strings.Contains(strings.ToLower(im.origin), "atlas.ti") || strings.HasPrefix(im.origin, Origin)
	var runes []rune
	for _, sel := range s.Selections {
		a, errA := strconv.Atoi(strings.TrimSpace(sel.Start))
		b, errB := strconv.Atoi(strings.TrimSpace(sel.End))
		start, okA := st.offset(a)
		end, okB := st.offset(b)
		if errA != nil || errB != nil || !okA || !okB || end <= start {
			im.rep.notCarried("%q: a selection at %s–%s lies outside its text of %d characters (%d codings)", name, sel.Start, sel.End, st.runes, len(sel.Codings))
			continue
		}
		im.rep.Selections++
		im.name(sel.GUID, fmt.Sprintf("a selection of %q", name))
		if checkNames && sel.Name != nil && *sel.Name != "" {
			if runes == nil {
				runes = []rune(st.text)
			}
			if quote := string(runes[start:end]); !quoteMatches(quote, *sel.Name) {
				im.rep.warn("%q: the selection at %d–%d reads %q, but its name says %q (kept where the file puts it)", name, a, b, clip(quote), clip(*sel.Name))
			}
		}
		memo := im.noteText(sel.NoteRefs)
		if sel.Description != nil && strings.TrimSpace(*sel.Description) != "" {
			memo = strings.TrimSpace(*sel.Description + "\n\n" + memo)
		}
		for _, c := range sel.Codings {
			pc, ok := im.coding(c, doc.ID, start, end, memo, sel.CreatingUser, name)
			if ok {
				pc.selGUID = sel.GUID
				out = append(out, pc)
			}
		}
	}
	for _, c := range s.Codings { // codes on the whole document
		if pc, ok := im.coding(c, doc.ID, 0, st.runes, "", "", name); ok && st.runes > 0 {
			out = append(out, pc)
		}
	}
	return out, nil
}

func (im *importRun) coding(c xCoding, docID int64, start, end int, memo, selUser, doc string) (pendingCoding, bool) {
	code, ok := im.codeByGUID[normGUID(c.CodeRef.TargetGUID)]
	if !ok {
		im.rep.notCarried("%q: a coding with a code not in the codebook (%s)", doc, c.CodeRef.TargetGUID)
		return pendingCoding{}, false
	}
	user := c.CreatingUser
	if user == "" {
		user = selUser
	}
	var created time.Time
	if c.CreationDateTime != "" {
		created, _ = time.Parse(time.RFC3339, strings.TrimSpace(c.CreationDateTime))
	}
	if m := im.noteText(c.NoteRefs); m != "" {
		memo = strings.TrimSpace(memo + "\n\n" + m)
	}
	return pendingCoding{NewCoding: model.NewCoding{
		Span: model.Span{DocID: docID, Start: start, End: end}, CodeID: code,
		Coder: im.users[normGUID(user)], Created: created, Memo: memo,
	}, guid: c.GUID}, true
}

func (im *importRun) addCodings(ctx context.Context, pending []pendingCoding) error {
	if len(pending) == 0 {
		return nil
	}
	cs := make([]model.NewCoding, len(pending))
	for i, pc := range pending {
		cs[i] = pc.NewCoding
	}
	ids, err := im.p.AddCodings(ctx, cs)
	if err != nil {
		return err
	}
	selSeen := map[string]bool{}
	for i, id := range ids {
		if id == 0 {
			im.rep.CodingsSkipped++
			continue
		}
		im.rep.CodingsAdded++
		im.keepGUID(model.GUIDCoding, id, pending[i].guid)
		if g := normGUID(pending[i].selGUID); g != "" && !selSeen[g] {
			selSeen[g] = true
			im.keepGUID(model.GUIDSelection, id, pending[i].selGUID)
		}
	}
	return nil
}

func (im *importRun) addCase(ctx context.Context, c xCase, attrs []model.Attribute) error {
	name := ""
	if c.Name != nil {
		name = strings.TrimSpace(*c.Name)
	}
	if name == "" {
		name = "case " + strings.ToLower(normGUID(c.GUID))
	}
	id, err := im.p.AddCase(ctx, name)
	if err != nil {
		return fmt.Errorf("case %q: %w", name, err)
	}
	im.rep.Cases++
	im.name(c.GUID, fmt.Sprintf("participant %q", name))
	im.keepGUID(model.GUIDCase, id, c.GUID)
	for _, a := range attrs {
		if strings.TrimSpace(a.Key) == "" || a.Value == "" {
			continue
		}
		if err := im.p.SetCaseAttribute(ctx, id, a.Key, a.Value); err != nil {
			return err
		}
	}
	if c.Description != "" {
		old, err := im.p.Memo(ctx, model.CaseMemo, id)
		if err != nil {
			return err
		}
		if old == "" {
			if err := im.p.SetMemo(ctx, model.CaseMemo, id, c.Description); err != nil {
				return err
			}
		}
	}
	if n := len(c.CodeRefs) + len(c.SelectionRefs); n > 0 {
		im.rep.notCarried("participant %q: %d links to codes or selections", name, n)
	}
	return nil
}

// quoteMatches compares a selection's text with the name a tool gave it:
// the same after folding white space, or the name a prefix of the text
// (cut, perhaps with an ellipsis).
func quoteMatches(quote, name string) bool {
	q, n := strings.Join(strings.Fields(quote), " "), strings.Join(strings.Fields(name), " ")
	if q == n {
		return true
	}
	n = strings.TrimSuffix(strings.TrimSuffix(n, "…"), "...")
	return len(n) > 0 && strings.HasPrefix(q, strings.TrimSpace(n))
}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 60 {
		return string([]rune(s)[:60]) + "…"
	}
	return s
}

// lineTurns makes one paragraph of each non-blank line, for a text the
// importer would not divide as it is.
func lineTurns(text string) []model.NewTurn {
	var out []model.NewTurn
	pos := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		n := utf8.RuneCountInString(line)
		body := strings.TrimRight(line, "\n")
		if strings.TrimSpace(body) != "" {
			out = append(out, model.NewTurn{Start: pos, End: pos + utf8.RuneCountInString(body)})
		}
		pos += n
	}
	return out
}

// uniqueAttributes keeps the last value of each key, in first-seen order.
func uniqueAttributes(attrs []model.Attribute) []model.Attribute {
	idx := map[string]int{}
	var out []model.Attribute
	for _, a := range attrs {
		if strings.TrimSpace(a.Key) == "" {
			continue
		}
		if i, ok := idx[a.Key]; ok {
			out[i].Value = a.Value
			continue
		}
		idx[a.Key] = len(out)
		out = append(out, a)
	}
	return out
}
