package refiqda

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/verbatim/verbatim/model"
)

const tinyProject = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="t" origin="test">
<CodeBook><Codes><Code guid="11111111-2222-3333-4444-555555555555" name="A" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="AAAAAAAA-2222-3333-4444-555555555555" name="doc" plainTextPath="internal://doc.txt">
<PlainTextSelection guid="BBBBBBBB-2222-3333-4444-555555555555" startPosition="0" endPosition="5">
<Coding guid="CCCCCCCC-2222-3333-4444-555555555555"><CodeRef targetGUID="11111111-2222-3333-4444-555555555555"/></Coding>
</PlainTextSelection></TextSource></Sources></Project>`

type entry struct {
	name string
	data []byte
}

func archive(t testing.TB, entries ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// importInto imports data and checks the project stayed empty on error.
func importInto(t *testing.T, p *model.Project, name string, data []byte) (*Report, error) {
	t.Helper()
	rep, err := Import(context.Background(), p, name, data, Options{})
	if err != nil {
		codes, _ := p.Codes(context.Background())
		docs, _ := p.Documents(context.Background())
		if len(codes)+len(docs) > 0 {
			t.Errorf("a failed import left %d codes and %d documents", len(codes), len(docs))
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("the error is more than one line: %q", err)
		}
	}
	return rep, err
}

func TestHostileArchivesAreRefused(t *testing.T) {
	old := [3]int64{maxXMLBytes, maxSourceBytes, maxTotalBytes}
	t.Cleanup(func() { maxXMLBytes, maxSourceBytes, maxTotalBytes = old[0], old[1], old[2] })
	maxXMLBytes, maxSourceBytes, maxTotalBytes = 1<<20, 1<<20, 3<<20
	zeros := bytes.Repeat([]byte{'0'}, 8<<20)
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"dot-dot", archive(t, entry{"project.qde", []byte(tinyProject)}, entry{"sources/../../evil.txt", []byte("x")}), ErrRefused},
		{"absolute", archive(t, entry{"project.qde", []byte(tinyProject)}, entry{"/etc/evil.txt", []byte("x")}), ErrRefused},
		{"drive", archive(t, entry{"project.qde", []byte(tinyProject)}, entry{`C:\evil.txt`, []byte("x")}), ErrRefused},
		{"bomb source", archive(t, entry{"project.qde", []byte(tinyProject)}, entry{"sources/doc.txt", zeros}), ErrRefused},
		{"bomb project", archive(t, entry{"project.qde", append([]byte(tinyProject), zeros...)}), ErrRefused},
		{"lying header", lyingArchive(t, zeros), nil},
		{"two projects", archive(t, entry{"a.qde", []byte(tinyProject)}, entry{"b.qde", []byte(tinyProject)}), ErrNotREFI},
		{"no project", archive(t, entry{"sources/doc.txt", []byte("hello")}), ErrNotREFI},
		{"huge xml", append([]byte(tinyProject), zeros...), ErrRefused},
		{"deep xml", []byte(`<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Description>` + strings.Repeat("<a>", 200000) + `</Description></Project>`), ErrNotREFI},
		{"entities", []byte(`<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Project xmlns="urn:QDA-XML:project:1.0" name="&lol2;"/>`), ErrNotREFI},
		{"external entity", []byte(`<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Project xmlns="urn:QDA-XML:project:1.0" name="&xxe;"/>`), ErrNotREFI},
		{"other namespace", []byte(`<Project xmlns="urn:other" name="x"/>`), ErrNotREFI},
		{"not xml", []byte("hello, world"), ErrNotREFI},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProject(t)
			_, err := importInto(t, p, filepath.Join(t.TempDir(), "in.qdpx"), tt.data)
			if err == nil {
				t.Fatal("imported; want a refusal")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
}

// lyingArchive holds a source whose header claims 10 bytes but which
// unpacks to many megabytes.
func lyingArchive(t *testing.T, payload []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("project.qde")
	w.Write([]byte(tinyProject))
	var packed bytes.Buffer
	fw, _ := flate.NewWriter(&packed, flate.BestCompression)
	fw.Write(payload)
	fw.Close()
	raw, err := zw.CreateRaw(&zip.FileHeader{Name: "sources/doc.txt", Method: zip.Deflate,
		CompressedSize64: uint64(packed.Len()), UncompressedSize64: 10, CRC32: 0})
	if err != nil {
		t.Fatal(err)
	}
	raw.Write(packed.Bytes())
	zw.Close()
	return buf.Bytes()
}

func TestBrokenSourceLeavesTheProjectUnchanged(t *testing.T) {
	data := archive(t, entry{"project.qde", []byte(tinyProject)}, entry{"sources/doc.txt", []byte("hello world, this is the text")})
	// Damage the source's compressed bytes: its checksum fails once the
	// codebook is in.
	i := bytes.LastIndex(data, []byte("sources/doc.txt"))
	i = bytes.Index(data[:i], []byte("sources/doc.txt")) + len("sources/doc.txt")
	for j := i + 2; j < i+12; j++ {
		data[j] ^= 0xFF
	}
	p := newProject(t)
	if _, err := importInto(t, p, "in.qdpx", data); err == nil {
		t.Fatal("imported a damaged archive")
	}
	if _, err := p.Undo(context.Background()); !errors.Is(err, model.ErrNothingToUndo) {
		t.Errorf("undo after a failed import: %v, want nothing to undo", err)
	}
}

func TestLenientReading(t *testing.T) {
	text := "\uFEFFline one\r\nline two é\r\nline three 😀\r\n"
	// QualCoder counts CRLF as two; ATLAS.ti as one.
	q := strings.NewReplacer("{ns}", "urn:QDA-XML:project:1:0", "{origin}", "qc", "{s}", "10", "{e}", "20", "{path}", "doc.txt", "{guid}", "{aaaaaaaa-2222-3333-4444-555555555555}", "{name}", "")
	a := strings.NewReplacer("{ns}", "urn:QDA-XML:project:0:4", "{origin}", "ATLAS.ti 9", "{s}", "9", "{e}", "19", "{path}", "internal://DOC.TXT", "{guid}", "AAAAAAAA-2222-3333-4444-555555555555", "{name}", ` name="line two é"`)
	const tmpl = `<?xml version="1.0" encoding="utf-8"?><Project xmlns="{ns}" name="t" origin="{origin}">
<CodeBook><Codes><Code guid="11111111-2222-3333-4444-555555555555" name="Top::Sub" isCodable="true"/></Codes></CodeBook>
<Cases><Case guid="DDDDDDDD-2222-3333-4444-555555555555"><VariableValue><VariableRef targetGUID="EEEEEEEE-2222-3333-4444-555555555555"/><TextValue>2024</TextValue></VariableValue><SourceRef targetGUID="aaaaaaaa-2222-3333-4444-555555555555"/></Case></Cases>
<Sources><TextSource guid="{guid}" name="doc" plainTextPath="{path}">
<PlainTextSelection guid="BBBBBBBB-2222-3333-4444-555555555555" startPosition="{s}" endPosition="{e}"{name}>
<Coding guid="CCCCCCCC-2222-3333-4444-555555555555"><CodeRef targetGUID="{11111111-2222-3333-4444-555555555555}"/></Coding>
</PlainTextSelection></TextSource></Sources></Project>`
	// NVivo for Windows, as QualCoder reads it (each LF padded to two):
	// every code point of the file, like qc. Not checked against a real
	// NVivo for Windows export; see TestNVivoSampleHoldsNoPositions.
	n := strings.NewReplacer("{ns}", "urn:QDA-XML:project:1.0", "{origin}", "NVivo 14.23.0 (Windows)", "{s}", "10", "{e}", "20", "{path}", "internal://doc.txt", "{guid}", "aaaaaaaa-2222-3333-4444-555555555555", "{name}", "")
	for name, r := range map[string]*strings.Replacer{"qc": q, "atlas": a, "nvivo": n} {
		t.Run(name, func(t *testing.T) {
			xmlText := r.Replace(tmpl)
			xmlText = strings.Replace(xmlText, `<Variables>`, ``, 1)
			xmlText = strings.Replace(xmlText, `<CodeBook>`, `<CodeBook>`, 1)
			xmlText = strings.Replace(xmlText, `</CodeBook>`, `</CodeBook><Variables><Variable guid="EEEEEEEE-2222-3333-4444-555555555555" name="year" typeOfVariable="Text"/></Variables>`, 1)
			data := archive(t, entry{"Project Name.QDE", append([]byte("\uFEFF"), xmlText...)}, entry{"Sources/doc.txt", []byte(text)})
			p := newProject(t)
			rep, err := importInto(t, p, "in.qdpx", data)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			codings, _ := p.Codings(ctx, model.CodingFilter{})
			if len(codings) != 1 || codings[0].Text != "line two é" {
				t.Fatalf("codings %+v, want one on “line two é”; report %v", codings, rep.Lines())
			}
			if _, err := p.FindCode(ctx, "Top > Sub"); err != nil {
				t.Errorf("Top::Sub: %v", err)
			}
			docs, _ := p.Documents(ctx)
			attrs, _ := p.DocumentAttributes(ctx, docs[0].ID)
			if len(attrs) != 1 || attrs[0] != (model.Attribute{Key: "year", Value: "2024"}) {
				t.Errorf("document attributes %v, want year=2024 from the nameless case", attrs)
			}
			if len(rep.Warnings) != 0 {
				t.Errorf("warnings: %v", rep.Warnings)
			}
		})
	}
}

func TestAMismatchedQuoteIsReportedNotShifted(t *testing.T) {
	xmlText := strings.Replace(tinyProject, `origin="test"`, `origin="ATLAS.ti 23"`, 1)
	xmlText = strings.Replace(xmlText, `endPosition="5"`, `endPosition="5" name="world"`, 1)
	p := newProject(t)
	rep, err := importInto(t, p, "in.qdpx", archive(t, entry{"project.qde", []byte(xmlText)}, entry{"sources/doc.txt", []byte("hello world")}))
	if err != nil {
		t.Fatal(err)
	}
	codings, _ := p.Codings(context.Background(), model.CodingFilter{})
	if len(codings) != 1 || codings[0].Start != 0 || codings[0].End != 5 {
		t.Errorf("codings %+v: want the one at 0:5, where the file puts it", codings)
	}
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], `reads "hello", but its name says "world"`) {
		t.Errorf("warnings %q: want the mismatch", rep.Warnings)
	}
}

func TestImportIsOneUndoStep(t *testing.T) {
	p := newProject(t)
	importSample(t, p, "cproctor_qc_demo.qdpx")
	if _, err := p.Undo(context.Background()); err != nil {
		t.Fatal(err)
	}
	codes, _ := p.Codes(context.Background())
	docs, _ := p.Documents(context.Background())
	if len(codes)+len(docs) != 0 {
		t.Errorf("after one undo: %d codes, %d documents; want none", len(codes), len(docs))
	}
	guids, _ := p.GUIDs(context.Background(), model.GUIDCode)
	if len(guids) != 0 {
		t.Errorf("after undo %d code GUIDs are still stored", len(guids))
	}
}

func TestMergeMatchesCodesByPathAndDocumentsByContent(t *testing.T) {
	ctx := context.Background()
	p := newProject(t)
	if _, err := p.AddCode(ctx, 0, "RQ1_definition", "", ""); err != nil {
		t.Fatal(err)
	}
	first := newProject(t)
	importSample(t, first, "cproctor_qc_demo.qdpx")
	docs, _ := first.Documents(ctx)
	text, _ := first.Text(ctx, docs[0].ID)
	if _, err := p.ImportDocument(ctx, model.NewDocument{Name: "mine.txt", Text: text, Format: "txt"}); err != nil {
		t.Fatal(err)
	}
	rep := importSample(t, p, "cproctor_qc_demo.qdpx")
	if rep.CodesMerged != 1 || rep.CodesAdded != 261 || rep.SourcesMerged != 1 || rep.SourcesAdded != 1 {
		t.Errorf("report %v: want 1 code and 1 document merged", rep.Lines())
	}
}

func TestBareQDEReadsSourcesBeside(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "SOURCES"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "SOURCES", "doc.txt"), []byte("hello world"), 0o644)
	os.WriteFile(filepath.Join(dir, "x.qde"), []byte(tinyProject), 0o644)
	p := newProject(t)
	rep, err := ImportFile(context.Background(), p, filepath.Join(dir, "x.qde"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.SourcesAdded != 1 || rep.CodingsAdded != 1 {
		t.Errorf("report %v: want the source beside the .qde", rep.Lines())
	}
}

func TestEmptyTextFallsBackToTheDocx(t *testing.T) {
	docx, err := os.ReadFile(filepath.Join(samples, "..", "corpus", "en", "sheffield_orda", "Ana.docx"))
	if err != nil {
		t.Skipf("the corpus is not there: %v", err)
	}
	xmlText := strings.Replace(tinyProject, `plainTextPath="internal://doc.txt"`, `plainTextPath="internal://doc.txt" richTextPath="internal://doc.docx"`, 1)
	p := newProject(t)
	rep, err := importInto(t, p, "in.qdpx", archive(t, entry{"project.qde", []byte(xmlText)},
		entry{"sources/doc.txt", []byte("\n")}, entry{"sources/doc.docx", docx}))
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := p.Documents(context.Background())
	if len(docs) != 1 || docs[0].Chars < 10000 {
		t.Fatalf("documents %+v: want Ana's interview from the .docx", docs)
	}
	text, _ := p.Text(context.Background(), docs[0].ID)
	if !strings.Contains(text, "Ana") {
		t.Errorf("the text does not look like Ana's interview: %.80q", text)
	}
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "comes from the .docx") {
		t.Errorf("warnings %q: want one on positions over the .docx text", rep.Warnings)
	}
}
