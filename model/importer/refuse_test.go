package importer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNotTranscripts(t *testing.T) {
	tests := []struct {
		file string
		data string
		msg  string
	}{
		{"p.qdpx", string(zipOf(t, "project.qde", `<Project xmlns="urn:QDA-XML:project:1.0"/>`)), "a REFI-QDA project (.qdpx), not a transcript"},
		{"p.zip", string(zipOf(t, "project.qde", `<Project xmlns="urn:QDA-XML:project:1.0"/>`)), "a REFI-QDA project, not a transcript"},
		{"p.qde", `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"/>`, "a REFI-QDA project file (.qde)"},
		{"c.qdc", `<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>`, "a REFI-QDA codebook (.qdc)"},
		{"c.xml", `<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>`, "a REFI-QDA codebook, not a transcript"},
		{"data.json", `{"speaker": "Ana", "text": "hoi"}`, "JSON data, not a transcript"},
		{"data.txt", "[{\"speaker\": \"Ana\"}]\n", "JSON data, not a transcript"},
		{"data", `<?xml version="1.0"?><rows><row>1</row></rows>`, "XML data, not a transcript"},
		{"data.xml", "<rows/>", "XML data, not a transcript"},
		{"tabel.csv", "speaker,text\nAna,hoi\n", "a table (CSV), not a transcript"},
		{"main.go", "package main\n", "source code, not a transcript"},
		{"script.py", "print('Ana: hoi')\n", "source code, not a transcript"},
		{"blad.xlsx", string(zipOf(t, "xl/workbook.xml", "<workbook/>")), "a spreadsheet, not a transcript"},
		{"opname.m4a", "\x00\x00\x00\x20ftypM4A ", "an audio recording, not a transcript (transcribe it first"},
		{"ondertitels.ass", "[Script Info]\n", ".ass subtitles, a format Verbatim does not read"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := ReadBytes(tt.file, []byte(tt.data), Options{})
			if !errors.Is(err, ErrUnsupported) {
				t.Fatalf("err = %v, want ErrUnsupported", err)
			}
			if !strings.Contains(err.Error(), tt.msg) || strings.Contains(err.Error(), "\n") {
				t.Errorf("message %q, want one line saying %q", err, tt.msg)
			}
		})
	}
	// Transcripts that start like data are still transcripts.
	for name, text := range map[string]string{
		"a.txt": "[00:00:01] Ana: hoi\n[00:00:02] Ben: dag\n",
		"b":     "{inaudible} Ana: ja\n",
	} {
		if _, err := ReadBytes(name, []byte(text), Options{}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestREFISamples checks the real REFI-QDA exports in ../shared/refi.
func TestREFISamples(t *testing.T) {
	dir := "../../../shared/refi/samples"
	files, _ := filepath.Glob(filepath.Join(dir, "*.qd*"))
	if len(files) == 0 {
		t.Skip("../shared/refi/samples not found")
	}
	for _, f := range files {
		_, err := Read(f, Options{})
		if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "REFI-QDA") {
			t.Errorf("%s: err = %v, want a REFI-QDA refusal", filepath.Base(f), err)
		}
	}
}

func TestDocumentName(t *testing.T) {
	for in, want := range map[string]string{
		"Ana.txt": "Ana.txt", " Ana.txt ": "Ana.txt", "Ana .txt": "Ana.txt", "  Interview 3 - Bo .docx": "Interview 3 - Bo.docx",
		"noext ": "noext", " .txt": ".txt",
	} {
		if got := documentName(in); got != want {
			t.Errorf("documentName(%q) = %q, want %q", in, got, want)
		}
	}
	if !Supported("Ana.txt ") || !Supported(" Ana .DOCX") {
		t.Error("a name with spaces around its extension is not supported")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, " Ana .txt ")
	if err := os.WriteFile(path, []byte("Ana: hoi\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := Read(path, Options{})
	if err != nil || doc.Name != "Ana.txt" || doc.Format != "txt" {
		t.Errorf("Read(%q) = %q (%s), %v; want Ana.txt as txt", path, doc.Name, doc.Format, err)
	}
}
