package refiqda

import (
	"archive/zip"
	"compress/flate"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/export"
	"codeberg.org/verbatim/verbatim/model/memlimit"
	"github.com/google/uuid"
)

// Origin is what Verbatim writes as a project's @origin.
var Origin = "Verbatim"

// noteSpace is the namespace of the GUIDs of notes (memos) and variables,
// which Verbatim does not store: they derive from their owner's GUID or
// their name, so that they come out the same after an exchange.
var noteSpace = uuid.MustParse("6F0D1B2E-0E3C-5B7A-9C43-2D9A5E0F4B61")

// ExportReport says what an export could not carry to the standard.
type ExportReport struct {
	Sources, Selections, Codings, Codes int
	// NotCarried lists, one line each, what the format has no place for.
	NotCarried []string
}

// exporter gathers a project into the exchange structs.
type exporter struct {
	ctx     context.Context
	p       *model.Project
	space   uuid.UUID
	report  *ExportReport
	users   map[string]string // coder name → GUID
	notes   []xTextSource
	files   map[string]int64 // file name in sources/ → its document, whose text is read as it is written
	varGUID map[string]string
}

func newExporter(ctx context.Context, p *model.Project) (*exporter, error) {
	space, err := uuid.Parse(p.UUID())
	if err != nil {
		space = uuid.NewSHA1(noteSpace, []byte(p.UUID()))
	}
	users, err := p.CoderGUIDs(ctx)
	if err != nil {
		return nil, err
	}
	return &exporter{ctx: ctx, p: p, space: space, report: &ExportReport{}, users: users,
		files: map[string]int64{}, varGUID: map[string]string{}}, nil
}

// guid is the stored GUID of something, or one derived from what it is.
func (e *exporter) guid(stored map[int64]string, id int64, what string) string {
	if g, ok := stored[id]; ok && validGUID(g) {
		return g
	}
	return derivedGUID(e.space, what+":"+strconv.FormatInt(id, 10))
}

// user is the GUID of a coder, made when the project has none for them.
func (e *exporter) user(name string) string {
	if g, ok := e.users[name]; ok && validGUID(g) {
		return g
	}
	g := derivedGUID(e.space, "coder:"+name)
	e.users[name] = g
	return g
}

// note adds a memo as a Note and returns the reference to it, or nil for
// an empty memo. Its GUID derives from its owner's.
func (e *exporter) note(owner, name, text string) []xRef {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	ns, err := uuid.Parse(normGUID(owner))
	if err != nil {
		ns = noteSpace
	}
	g := strings.ToUpper(uuid.NewSHA1(ns, []byte("memo:"+owner)).String())
	t := text
	e.notes = append(e.notes, xTextSource{GUID: g, Name: name, PlainTextContent: &t})
	return []xRef{{TargetGUID: g}}
}

func (e *exporter) variable(key string) string {
	g, ok := e.varGUID[key]
	if !ok {
		g = strings.ToUpper(uuid.NewSHA1(noteSpace, []byte("variable:"+key)).String())
		e.varGUID[key] = g
	}
	return g
}

func (e *exporter) values(attrs []model.Attribute) []xVariableValue {
	var out []xVariableValue
	for _, a := range attrs {
		v := a.Value
		out = append(out, xVariableValue{VariableRef: xRef{TargetGUID: e.variable(a.Key)}, TextValue: &v})
	}
	return out
}

// codes builds the code tree; with notes, code memos become Notes.
func (e *exporter) codes(withNotes bool) ([]xCode, error) {
	codes, err := e.p.Codes(e.ctx)
	if err != nil {
		return nil, err
	}
	stored, err := e.p.GUIDs(e.ctx, model.GUIDCode)
	if err != nil {
		return nil, err
	}
	var memos map[int64]string
	if withNotes {
		if memos, err = e.p.Memos(e.ctx, model.CodeMemo); err != nil {
			return nil, err
		}
	}
	children := map[int64][]model.Code{}
	for _, c := range codes {
		children[c.ParentID] = append(children[c.ParentID], c)
	}
	var build func(parent int64) []xCode
	build = func(parent int64) []xCode {
		var out []xCode
		for _, c := range children[parent] {
			x := xCode{GUID: e.guid(stored, c.ID, "code"), Name: c.Name, IsCodable: "true", Color: c.Color}
			if c.Description != "" {
				d := c.Description
				x.Description = &d
			}
			if withNotes {
				x.NoteRefs = e.note(x.GUID, "Memo: "+c.Name, memos[c.ID])
			}
			x.Code = build(c.ID)
			out = append(out, x)
		}
		return out
	}
	e.report.Codes = len(codes)
	return build(0), nil
}

// project gathers the whole project.
func (e *exporter) project(name string) (*xProject, error) {
	ctx, p := e.ctx, e.p
	x := &xProject{Xmlns: ProjectNamespace, Name: name, Origin: Origin,
		CreationDateTime: xmlTime(time.Now()), ModifiedDateTime: xmlTime(time.Now())}
	codes, err := e.codes(true)
	if err != nil {
		return nil, err
	}
	if len(codes) > 0 {
		x.CodeBook = &xCodeBook{Codes: xCodes{Code: codes}}
	}
	if err := e.sources(x); err != nil {
		return nil, err
	}
	if err := e.cases(x); err != nil {
		return nil, err
	}
	memo, err := p.Memo(ctx, model.ProjectMemo, 0)
	if err != nil {
		return nil, err
	}
	x.NoteRefs = e.note("project", "Project memo", memo)
	if len(e.varGUID) > 0 {
		keys := make([]string, 0, len(e.varGUID))
		for k := range e.varGUID {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		x.Variables = &xVariables{}
		for _, k := range keys {
			x.Variables.Variable = append(x.Variables.Variable, xVariable{GUID: e.varGUID[k], Name: k, Type: "Text"})
		}
	}
	if len(e.notes) > 0 {
		x.Notes = &xNotes{Note: e.notes}
	}
	names := make([]string, 0, len(e.users))
	for n := range e.users {
		names = append(names, n)
	}
	slices.Sort(names)
	if len(names) > 0 {
		x.Users = &xUsers{}
		for _, n := range names {
			x.Users.User = append(x.Users.User, xUser{GUID: e.users[n], Name: n})
		}
	}
	return x, nil
}

func (e *exporter) sources(x *xProject) error {
	ctx, p := e.ctx, e.p
	docs, err := p.Documents(ctx)
	if err != nil {
		return err
	}
	slices.SortFunc(docs, func(a, b model.Document) int { return int(a.ID - b.ID) })
	docGUIDs, err := p.GUIDs(ctx, model.GUIDDocument)
	if err != nil {
		return err
	}
	codingGUIDs, err := p.GUIDs(ctx, model.GUIDCoding)
	if err != nil {
		return err
	}
	selGUIDs, err := p.GUIDs(ctx, model.GUIDSelection)
	if err != nil {
		return err
	}
	codeGUIDs, err := p.GUIDs(ctx, model.GUIDCode)
	if err != nil {
		return err
	}
	docMemos, err := p.Memos(ctx, model.DocumentMemo)
	if err != nil {
		return err
	}
	all, err := p.Codings(ctx, model.CodingFilter{})
	if err != nil {
		return err
	}
	byDoc := map[int64][]model.Coding{}
	keys := 0
	for _, c := range all {
		byDoc[c.DocID] = append(byDoc[c.DocID], c)
		if c.Key {
			keys++
		}
	}
	if keys > 0 {
		e.report.NotCarried = append(e.report.NotCarried, fmt.Sprintf("%d key-quote marks (the standard has no place for them)", keys))
	}
	if len(docs) == 0 {
		return nil
	}
	x.Sources = &xSources{}
	for _, d := range docs {
		g := e.guid(docGUIDs, d.ID, "document")
		file := normGUID(g) + ".txt"
		e.files[file] = d.ID
		src := xTextSource{GUID: g, Name: d.Name, PlainTextPath: "internal://" + file, CreationDateTime: xmlTime(d.Imported)}
		src.Selections = e.selections(byDoc[d.ID], g, codingGUIDs, selGUIDs, codeGUIDs)
		src.NoteRefs = e.note(g, "Memo: "+d.Name, docMemos[d.ID])
		attrs, err := p.DocumentAttributes(ctx, d.ID)
		if err != nil {
			return err
		}
		src.VariableValue = e.values(attrs)
		x.Sources.TextSource = append(x.Sources.TextSource, src)
		e.report.Sources++
	}
	return nil
}

// selections groups a document's codings by range: one PlainTextSelection
// per range, one Coding per code on it.
func (e *exporter) selections(codings []model.Coding, docGUID string, codingGUIDs, selGUIDs, codeGUIDs map[int64]string) []xSelection {
	slices.SortStableFunc(codings, func(a, b model.Coding) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.End != b.End {
			return a.End - b.End
		}
		return int(a.ID - b.ID)
	})
	var out []xSelection
	for i := 0; i < len(codings); {
		j := i
		for j < len(codings) && codings[j].Start == codings[i].Start && codings[j].End == codings[i].End {
			j++
		}
		group := codings[i:j]
		first := group[0]
		sel := xSelection{Start: strconv.Itoa(first.Start), End: strconv.Itoa(first.End)}
		for _, c := range group {
			if g, ok := selGUIDs[c.ID]; ok && validGUID(g) {
				sel.GUID = g
				break
			}
		}
		if sel.GUID == "" {
			sel.GUID = derivedGUID(e.space, fmt.Sprintf("selection:%s:%d:%d", normGUID(docGUID), first.Start, first.End))
		}
		name := []rune(first.Text)
		if len(name) > 100 {
			name = name[:100]
		}
		n := string(name)
		sel.Name = &n
		earliest := first
		for _, c := range group {
			if c.Created.Before(earliest.Created) {
				earliest = c
			}
		}
		sel.CreatingUser, sel.CreationDateTime = e.user(earliest.Coder), xmlTime(earliest.Created)
		for _, c := range group {
			g := e.guid(codingGUIDs, c.ID, "coding")
			sel.Codings = append(sel.Codings, xCoding{
				GUID: g, CreatingUser: e.user(c.Coder), CreationDateTime: xmlTime(c.Created),
				CodeRef:  xRef{TargetGUID: e.guid(codeGUIDs, c.CodeID, "code")},
				NoteRefs: e.note(g, "Memo: "+c.Code, c.Memo),
			})
			e.report.Codings++
		}
		out = append(out, sel)
		e.report.Selections++
		i = j
	}
	return out
}

func (e *exporter) cases(x *xProject) error {
	ctx, p := e.ctx, e.p
	cases, err := p.Cases(ctx)
	if err != nil {
		return err
	}
	if len(cases) == 0 {
		return nil
	}
	stored, err := p.GUIDs(ctx, model.GUIDCase)
	if err != nil {
		return err
	}
	memos, err := p.Memos(ctx, model.CaseMemo)
	if err != nil {
		return err
	}
	speakers, err := p.Speakers(ctx, 0)
	if err != nil {
		return err
	}
	docGUIDs, err := p.GUIDs(ctx, model.GUIDDocument)
	if err != nil {
		return err
	}
	docsOf := map[int64][]int64{}
	for _, s := range speakers {
		if s.CaseID != 0 && !slices.Contains(docsOf[s.CaseID], s.DocID) {
			docsOf[s.CaseID] = append(docsOf[s.CaseID], s.DocID)
		}
	}
	slices.SortFunc(cases, func(a, b model.Case) int { return int(a.ID - b.ID) })
	x.Cases = &xCases{}
	for _, c := range cases {
		name := c.Name
		xc := xCase{GUID: e.guid(stored, c.ID, "case"), Name: &name, Description: memos[c.ID],
			VariableValue: e.values(c.Attributes)}
		docs := docsOf[c.ID]
		slices.Sort(docs)
		for _, d := range docs {
			xc.SourceRefs = append(xc.SourceRefs, xRef{TargetGUID: e.guid(docGUIDs, d, "document")})
		}
		x.Cases.Case = append(x.Cases.Case, xc)
	}
	return nil
}

func xmlTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Truncate(time.Second).Format("2006-01-02T15:04:05Z")
}

// writeXML writes v as a UTF-8 XML document without a byte order mark.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// exportMemory is the soft memory limit while a project is exported
// (memlimit.Lower): the structs of 100,000 codings with memos keep about
// 200 MB live.
const exportMemory = 256 << 20

// Export writes the whole project as a .qdpx archive: project.qde and a
// sources/ folder with one <GUID>.txt per document. name is the
// project's name in it.
func Export(ctx context.Context, p *model.Project, w io.Writer, name string) (*ExportReport, error) {
	defer memlimit.Lower(exportMemory)()
	e, err := newExporter(ctx, p)
	if err != nil {
		return nil, err
	}
	x, err := e.project(name)
	if err != nil {
		return nil, err
	}
	sums, err := p.Summaries(ctx, model.SummaryFilter{})
	if err != nil {
		return nil, err
	}
	if len(sums) > 0 {
		e.report.NotCarried = append(e.report.NotCarried, fmt.Sprintf("%d thematic summaries (document × code; the standard has no place for them)", len(sums)))
	}
	zw := zip.NewWriter(w)
	// Fast deflate: half the time of the default level, for a file a
	// few percent larger.
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	modified := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	f, err := zw.CreateHeader(&zip.FileHeader{Name: "project.qde", Method: zip.Deflate, Modified: modified})
	if err != nil {
		return nil, err
	}
	if err := writeXML(f, x); err != nil {
		return nil, err
	}
	if x.Sources != nil {
		for _, s := range x.Sources.TextSource {
			file := strings.TrimPrefix(s.PlainTextPath, "internal://")
			f, err := zw.CreateHeader(&zip.FileHeader{Name: "sources/" + file, Method: zip.Deflate, Modified: modified})
			if err != nil {
				return nil, err
			}
			text, err := p.Text(ctx, e.files[file])
			if err != nil {
				return nil, err
			}
			if _, err := io.WriteString(f, text); err != nil {
				return nil, err
			}
		}
	}
	return e.report, zw.Close()
}

// ExportCodebook writes the codebook alone as a .qdc file.
func ExportCodebook(ctx context.Context, p *model.Project, w io.Writer) error {
	e, err := newExporter(ctx, p)
	if err != nil {
		return err
	}
	codes, err := e.codes(false)
	if err != nil {
		return err
	}
	if len(codes) == 0 {
		return fmt.Errorf("the codebook is empty: %w", model.ErrInvalid)
	}
	return writeXML(w, &xCodebookFile{Xmlns: CodebookNamespace, Origin: Origin, Codes: xCodes{Code: codes}})
}

// WriteFile exports the project to path: a codebook (.qdc) when codebook
// is set, else a whole project (.qdpx), named after the file. The file
// appears only once it is complete (export.WriteAtomic).
func WriteFile(ctx context.Context, p *model.Project, path string, codebook bool) (*ExportReport, error) {
	rep := &ExportReport{}
	err := export.WriteAtomic(ctx, path, func(w io.Writer) error {
		if codebook {
			return ExportCodebook(ctx, p, w)
		}
		var err error
		rep, err = Export(ctx, p, w, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
		return err
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}
