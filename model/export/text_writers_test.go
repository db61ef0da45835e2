package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"

	"codeberg.org/verbatim/verbatim/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./model/export -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (-update rewrites it after checking the change):\ngot:\n%s", name, got)
	}
}

func write(t *testing.T, f Format, d *Doc) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(context.Background(), &b, f, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func tableDoc() *Doc {
	d := sampleDoc(nil)
	return &Doc{Title: d.Title, Blocks: []Block{d.Tables()[0]}}
}

func TestMarkdownGolden(t *testing.T) {
	golden(t, "sample.md", write(t, Markdown, sampleDoc(t)))
}

func TestCSVGolden(t *testing.T) {
	golden(t, "sample.csv", write(t, CSV, tableDoc()))
}

func TestCSVRoundTrip(t *testing.T) {
	out := write(t, CSV, tableDoc())
	if !bytes.HasPrefix(out, []byte("\uFEFF")) {
		t.Fatal("no UTF-8 byte order mark: Excel would misread the accents")
	}
	if !bytes.Contains(out, []byte("\r\n")) || bytes.Contains(bytes.ReplaceAll(out, []byte("\r\n"), nil), []byte("\r")) {
		t.Error("records are not separated by CRLF (RFC 4180)")
	}
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	table := tableDoc().Tables()[0]
	if len(records) != len(table.Rows)+1 {
		t.Fatalf("got %d records, want %d", len(records), len(table.Rows)+1)
	}
	for i, row := range table.Rows {
		for j, cell := range row {
			want := cell.Text
			if !cell.Numeric && strings.ContainsAny(want[:min(1, len(want))], "=+-@") {
				want = "'" + want
			}
			if got := records[i+1][j]; got != want {
				t.Errorf("row %d column %d: got %q, want %q", i+1, j+1, got, want)
			}
		}
	}
}

func TestCSVFormulaInjection(t *testing.T) {
	d := &Doc{Blocks: []Block{&Table{Columns: []Column{{Title: "=HEADER"}, {Title: "n"}}, Rows: [][]Cell{
		{TextCell("=HYPERLINK(\"http://x\")"), NumberCell(-5)},
		{TextCell("+31 20 123"), TextCell("-minus")},
		{TextCell("@SUM(A1)"), TextCell("\tTab")},
		{TextCell("gewone tekst = prima"), TextCell("")},
	}}}}
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(write(t, CSV, d), []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"'=HEADER", "n"},
		{"'=HYPERLINK(\"http://x\")", "-5"},
		{"'+31 20 123", "'-minus"},
		{"'@SUM(A1)", "'\tTab"},
		{"gewone tekst = prima", ""},
	}
	for i := range want {
		for j := range want[i] {
			if records[i][j] != want[i][j] {
				t.Errorf("record %d field %d: got %q, want %q", i, j, records[i][j], want[i][j])
			}
		}
	}
}

func TestCSVNeedsOneTable(t *testing.T) {
	var b bytes.Buffer
	err := Write(context.Background(), &b, CSV, &Doc{Blocks: []Block{Text("only text")}})
	if !errors.Is(err, ErrNoContent) {
		t.Errorf("text only: got %v, want ErrNoContent", err)
	}
	two := tableDoc()
	two.Blocks = append(two.Blocks, two.Blocks[0])
	if err := Write(context.Background(), &b, CSV, two); !errors.Is(err, ErrNoContent) || !strings.Contains(err.Error(), "xlsx") {
		t.Errorf("two tables: got %v, want ErrNoContent pointing to xlsx", err)
	}
}

func TestMarkdownEscapes(t *testing.T) {
	d := &Doc{Blocks: []Block{
		Text("# not a heading"),
		Text("- not a list\n1. not numbered"),
		&Quote{Text: "*not emphasis* and <b>no tag</b> &amp;", Attribution: "A_B"},
		&Table{Columns: []Column{{Title: "a|b"}}, Rows: [][]Cell{{TextCell("x|y\nz")}}},
	}}
	out := string(write(t, Markdown, d))
	for _, want := range []string{`\# not a heading`, `\- not a list`, `1\. not numbered`, `\*not emphasis\*`, `\<b\>no tag\</b\>`, `\&amp;`, `A\_B`, `| a\|b |`, `| x\|y<br>z |`} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}

// fullDisk is a temporary file whose writes fail as on a full disk.
type fullDisk struct {
	*os.File
	after int
}

func (f *fullDisk) Write(p []byte) (int, error) {
	if f.after -= len(p); f.after < 0 {
		return 0, &os.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
	}
	return f.File.Write(p)
}

func TestWriteFileFullDisk(t *testing.T) {
	dir := t.TempDir()
	saved := createTemp
	defer func() { createTemp = saved }()
	createTemp = func(dir, pattern string) (tempFile, error) {
		f, err := os.CreateTemp(dir, pattern)
		return &fullDisk{File: f, after: 10}, err
	}
	target := filepath.Join(dir, "quotes.md")
	err := WriteFile(context.Background(), target, Markdown, sampleDoc(t))
	if err == nil || !strings.Contains(err.Error(), "disk is full") {
		t.Fatalf("got %v, want a full-disk message", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left behind: %v", entries)
	}
}

func TestWriteFileKeepsOldFileOnFailure(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "quotes.csv")
	os.WriteFile(target, []byte("old"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	big := tableDoc()
	for i := 0; i < 3000; i++ {
		big.Tables()[0].Rows = append(big.Tables()[0].Rows, []Cell{TextCell("x")})
	}
	if err := WriteFile(ctx, target, CSV, big); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: got %v", err)
	}
	if data, _ := os.ReadFile(target); string(data) != "old" {
		t.Errorf("the old file changed: %q", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left behind: %v", entries)
	}
}

func TestWriteFileUnwritable(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ path, want string }{
		{filepath.Join(dir, "missing", "q.csv"), "does not exist"},
		{dir, "is a folder"},
	} {
		err := WriteFile(context.Background(), c.path, CSV, tableDoc())
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want a message with %q", c.path, err, c.want)
		}
	}
	if os.Geteuid() != 0 { // root may write anywhere
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o555)
		if err := WriteFile(context.Background(), filepath.Join(ro, "q.csv"), CSV, tableDoc()); err == nil || !strings.Contains(err.Error(), "cannot write there") {
			t.Errorf("read-only folder: got %v", err)
		}
	}
}

// TestWriteFileLongNames: every name the system accepts (up to 255 bytes)
// can be written, through a temporary name that is valid UTF-8 and fits
// too ("x" and "é" over and over put a character across the cut); a longer
// one is refused in plain words, with nothing written.
func TestWriteFileLongNames(t *testing.T) {
	saved := createTemp
	defer func() { createTemp = saved }()
	var temps []string
	createTemp = func(dir, pattern string) (tempFile, error) {
		f, err := saved(dir, pattern)
		if err == nil {
			temps = append(temps, filepath.Base(f.Name()))
		}
		return f, err
	}
	for _, n := range []int{238, 240, 245, 250, 254, 255, 256, 300} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			dir := t.TempDir()
			name := "x" + strings.Repeat("é", (n-len(".csv")-1)/2)
			name += strings.Repeat("x", n-len(".csv")-len(name)) + ".csv"
			temps = nil
			err := WriteFile(context.Background(), filepath.Join(dir, name), CSV, tableDoc())
			entries, _ := os.ReadDir(dir)
			if n > 255 {
				if !errors.Is(err, model.ErrNameTooLong) {
					t.Errorf("got %v, want ErrNameTooLong", err)
				}
				if len(entries) != 0 {
					t.Errorf("files left behind: %v", entries)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 1 || entries[0].Name() != name {
				t.Errorf("the folder holds %v, want only the file", entries)
			}
			for _, tmp := range temps {
				if !utf8.ValidString(tmp) || len(tmp) > 255 {
					t.Errorf("temporary name %q (%d bytes): want valid UTF-8 within 255 bytes", tmp, len(tmp))
				}
			}
		})
	}
}

func TestCleanText(t *testing.T) {
	for in, want := range map[string]string{
		"plain é ’ 😀":            "plain é ’ 😀",
		"a\x00b\x07c":            "abc",
		"line\r\nnext\rlast":     "line\nnext\nlast",
		"bad \xff\xfe byte":      "bad \uFFFD byte",
		"lone \xed\xa0\x80 half": "lone \uFFFD half",
		"nonchar \uFFFE\uFFFF":   "nonchar ",
		"tab\tkept":              "tab\tkept",
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"CSV": CSV, ".docx": DOCX, "markdown": Markdown, "htm": HTML, "pdf": PDF} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseFormat("doc"); err == nil {
		t.Error("ParseFormat(doc) should fail: Verbatim does not write old Word files")
	}
	if f, ok := FormatOf("out/Principes.ODT"); !ok || f != ODT {
		t.Errorf("FormatOf: got %q %v", f, ok)
	}
}

func TestImageFormats(t *testing.T) {
	d := sampleDoc(t)
	if got := write(t, PNG, d); !bytes.Equal(got, d.Images()[0].PNG) {
		t.Error("PNG: not the chart's PNG")
	}
	if got := write(t, SVG, d); !bytes.Equal(got, []byte(sampleSVG)) {
		t.Error("SVG: not the chart's SVG")
	}
	var b bytes.Buffer
	if err := Write(context.Background(), &b, PNG, tableDoc()); !errors.Is(err, ErrNoContent) {
		t.Errorf("a Doc without a chart as PNG: got %v, want ErrNoContent", err)
	}
}

// FuzzTextWriters puts arbitrary text in every kind of block: CSV must
// still read back with encoding/csv to the cleaned text, and Markdown must
// keep the text's letters and digits.
func FuzzTextWriters(f *testing.F) {
	for _, s := range []string{"", "plain", "=1+2", "a,\"b\"\nc", "\x00\x1b[31m\xff\xfe", "\xed\xa0\x80 lone", strings.Repeat("lang", 5000), "| # > * _ ` [x](y) <b>", "\r\r\n\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := &Doc{Title: s, Blocks: []Block{&Heading{Level: 2, Text: s}, Text(s), &Quote{Text: s, Attribution: s},
			&Table{Name: s, Columns: []Column{{Title: s}, {Title: "n"}}, Rows: [][]Cell{{TextCell(s), NumberCell(len(s))}}}}}
		var b bytes.Buffer
		if err := Write(context.Background(), &b, CSV, d); err != nil {
			t.Fatal(err)
		}
		records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), []byte("\uFEFF")))).ReadAll()
		if err != nil {
			t.Fatalf("the CSV does not read back: %v", err)
		}
		want := neutralise(Clean(s))
		// encoding/csv reads a quoted CRLF inside a field as LF, as
		// spreadsheets do; Clean has made every line end LF already.
		if len(records) != 2 || records[1][0] != want {
			t.Fatalf("CSV cell: got %q, want %q", records, want)
		}
		b.Reset()
		if err := Write(context.Background(), &b, Markdown, d); err != nil {
			t.Fatal(err)
		}
		if !utf8Valid(b.Bytes()) {
			t.Fatal("the Markdown is not valid UTF-8")
		}
	})
}

func utf8Valid(b []byte) bool { return strings.ToValidUTF8(string(b), "\uFFFD") == string(b) }
