package refiqda

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/verbatim/verbatim/model"
)

// unzip returns an archive's entries by name, in order.
func unzip(t testing.TB, data []byte) (names []string, files map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files = map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		names = append(names, f.Name)
		files[f.Name] = b
	}
	return names, files
}

const accented = "Ana: Het café in Zeeland was één keer gesloten – “daar” kostte een koffie €3 😀 en dat vond ze niet leuk.\nIk: Waarom niet?\nAna: Omdat ’s ochtends niemand 👩‍🔬 daar was, zoë zei het ook.\n"

// fixture builds a small project with everything the exchange carries.
func fixture(t testing.TB) *model.Project {
	t.Helper()
	ctx := context.Background()
	p := newProject(t)
	doc, err := p.ImportDocument(ctx, model.NewDocument{Name: "Ana.txt", Text: accented, Format: "txt",
		Turns:      []model.NewTurn{{Start: 0, End: 10, Speaker: "Ana"}},
		Attributes: []model.Attribute{{Key: "date", Value: "2024-05-01"}}})
	if err != nil {
		t.Fatal(err)
	}
	parent, err := p.AddCode(ctx, 0, "Motivatie", "#FF0000", "Waarom mensen meedoen")
	if err != nil {
		t.Fatal(err)
	}
	child, err := p.AddCode(ctx, parent.ID, "Geld", "#00AA00", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := p.SetMemo(ctx, model.CodeMemo, parent.ID, "memo van de code"); err != nil {
		t.Fatal(err)
	}
	runes := []rune(accented)
	euro := slices.Index(runes, '€')
	emoji := slices.Index(runes, '😀')
	c1, err := p.ApplyCode(ctx, child.ID, model.Span{DocID: doc.ID, Start: euro, End: emoji + 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.ApplyCode(ctx, parent.ID, model.Span{DocID: doc.ID, Start: euro, End: emoji + 1}); err != nil {
		t.Fatal(err)
	}
	if err := p.SetMemo(ctx, model.CodingMemo, c1.ID, "dure koffie"); err != nil {
		t.Fatal(err)
	}
	sci := slices.Index(runes, '👩')
	if _, err := p.ApplyCode(ctx, parent.ID, model.Span{DocID: doc.ID, Start: sci, End: len(runes) - 1}); err != nil {
		t.Fatal(err)
	}
	cases, _ := p.Cases(ctx)
	for _, c := range cases {
		if c.Name == "Ana" {
			if err := p.SetCaseAttribute(ctx, c.ID, "role", "bewoner"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := p.SetMemo(ctx, model.ProjectMemo, 0, "het projectmemo"); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExportIsValidAndLaidOutAsTheStandardSays(t *testing.T) {
	p := fixture(t)
	names, files := unzip(t, exportBytes(t, p))
	if names[0] != "project.qde" {
		t.Errorf("first entry: got %q, want project.qde", names[0])
	}
	qde := files["project.qde"]
	if bytes.HasPrefix(qde, []byte("\xEF\xBB\xBF")) {
		t.Error("project.qde starts with a byte order mark")
	}
	if !bytes.Contains(qde, []byte(`<Project xmlns="urn:QDA-XML:project:1.0"`)) {
		t.Errorf("project.qde does not open with the namespace:\n%s", firstLines(string(qde), 3))
	}
	xmllint(t, qde, "Project-mrt2019.xsd")
	guidTxt := regexp.MustCompile(`^sources/[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\.txt$`)
	txt := 0
	for _, n := range names[1:] {
		if !guidTxt.MatchString(n) {
			t.Errorf("entry %q: want sources/<GUID>.txt", n)
			continue
		}
		txt++
		if string(files[n]) != accented {
			t.Errorf("%s: the text differs from the document's", n)
		}
		if !bytes.Contains(qde, []byte(`plainTextPath="internal://`+strings.TrimPrefix(n, "sources/")+`"`)) {
			t.Errorf("%s: no TextSource points at it", n)
		}
	}
	if txt != 1 {
		t.Errorf("got %d source files, want 1", txt)
	}
	for _, want := range []string{`name="€3 😀"`, `color="#FF0000"`, "<Description>Waarom mensen meedoen</Description>",
		"<Note ", "dure koffie", "het projectmemo", `<User guid=`, `name="tester"`, `<Case guid=`, `<TextValue>bewoner</TextValue>`,
		`<TextValue>2024-05-01</TextValue>`} {
		if !bytes.Contains(qde, []byte(want)) {
			t.Errorf("project.qde lacks %s", want)
		}
	}
	var qdc bytes.Buffer
	if err := ExportCodebook(context.Background(), p, &qdc); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(qdc.Bytes(), []byte(`<CodeBook xmlns="urn:QDA-XML:codebook:1.0"`)) {
		t.Errorf("the .qdc does not open with its namespace:\n%s", firstLines(qdc.String(), 3))
	}
	xmllint(t, qdc.Bytes(), "Codebook-mrt2019.xsd")
}

var dates = regexp.MustCompile(`(?i)(creation|modified)DateTime="[^"]*"`)

func withoutDates(b []byte) string { return dates.ReplaceAllString(string(b), "") }

func TestExportTwiceGivesTheSameGUIDs(t *testing.T) {
	p := fixture(t)
	_, a := unzip(t, exportBytes(t, p))
	_, b := unzip(t, exportBytes(t, p))
	if withoutDates(a["project.qde"]) != withoutDates(b["project.qde"]) {
		t.Error("two exports of the same project differ")
	}
}

// snapshot is what a round trip must keep: the codebook, the texts and
// the codings with their coders and memos.
func snapshot(t testing.TB, p *model.Project) (codebook, texts, codings []string) {
	t.Helper()
	ctx := context.Background()
	codes, _ := p.Codes(ctx)
	memos, _ := p.Memos(ctx, model.CodeMemo)
	for _, c := range codes {
		codebook = append(codebook, model.CodePath(codes, c.ID)+"|"+c.Color+"|"+c.Description+"|"+memos[c.ID])
	}
	docs, _ := p.Documents(ctx)
	for _, d := range docs {
		text, _ := p.Text(ctx, d.ID)
		texts = append(texts, d.Name+"|"+text)
	}
	all, _ := p.Codings(ctx, model.CodingFilter{})
	for _, c := range all {
		codings = append(codings, strings.Join([]string{c.Document, model.CodePath(codes, c.CodeID), itoa(c.Start), itoa(c.End), c.Text, c.Coder, c.Memo, c.Created.UTC().Format("2006-01-02T15:04:05")}, "|"))
	}
	slices.Sort(codebook)
	slices.Sort(codings)
	return
}

func itoa(n int) string { return strconv.Itoa(n) }

func reimport(t testing.TB, data []byte) *model.Project {
	t.Helper()
	p := newProject(t)
	if _, err := Import(context.Background(), p, "test.qdpx", data, Options{}); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRoundTripKeepsCodebookTextsAndCodings(t *testing.T) {
	for _, name := range []string{"fixture", "cproctor_qc_demo.qdpx"} {
		t.Run(name, func(t *testing.T) {
			var p *model.Project
			if name == "fixture" {
				p = fixture(t)
			} else {
				p = newProject(t)
				importSample(t, p, name)
			}
			first := exportBytes(t, p)
			q := reimport(t, first)
			b1, t1, c1 := snapshot(t, p)
			b2, t2, c2 := snapshot(t, q)
			if !slices.Equal(b1, b2) {
				t.Errorf("codebook differs:\n%v\n%v", b1, b2)
			}
			if !slices.Equal(t1, t2) {
				t.Error("texts differ")
			}
			if !slices.Equal(c1, c2) || len(c1) == 0 {
				t.Errorf("codings differ (%d, %d):\n%v\n%v", len(c1), len(c2), c1[:min(3, len(c1))], c2[:min(3, len(c2))])
			}
			_, f1 := unzip(t, first)
			xmllint(t, f1["project.qde"], "Project-mrt2019.xsd")
			_, f2 := unzip(t, exportBytes(t, q))
			if a, b := withoutDates(f1["project.qde"]), withoutDates(f2["project.qde"]); a != b {
				t.Errorf("export → import → export changed the XML:\n%s", firstDiff(a, b))
			}
		})
	}
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return "line " + itoa(i+1) + ":\n  " + la[i] + "\n  " + lb[i]
		}
	}
	return "lengths differ"
}

func TestEveryImportedSampleExportsValid(t *testing.T) {
	for _, name := range []string{"cproctor_nvivo_project.qdpx", "skyloom_atlasti-8.4-mac_REFI-vendor-test_project.qde"} {
		t.Run(name, func(t *testing.T) {
			p := newProject(t)
			importSample(t, p, name)
			_, files := unzip(t, exportBytes(t, p))
			xmllint(t, files["project.qde"], "Project-mrt2019.xsd")
			var qdc bytes.Buffer
			if err := ExportCodebook(context.Background(), p, &qdc); err != nil {
				t.Fatal(err)
			}
			xmllint(t, qdc.Bytes(), "Codebook-mrt2019.xsd")
			// Their GUIDs came in lower case and upper case: they go out as they came.
			x := readSampleXML(t, name)
			if g := x.CodeBook.Codes.Code[0].GUID; !bytes.Contains(files["project.qde"], []byte(`guid="`+g+`"`)) {
				t.Errorf("the first code's GUID %s did not go out unchanged", g)
			}
		})
	}
}
