package refiqda

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/verbatim/verbatim/model"
)

func TestSamplesImportWithTheirCounts(t *testing.T) {
	tests := []struct {
		file                                string
		codes, sources, selections, codings int
	}{
		{"cproctor_qc_demo.qdpx", 262, 2, 158, 205},
		{"cproctor_nvivo_project.qdpx", 262, 2, 0, 0},
		{"skyloom_atlasti-8.4-mac_REFI-vendor-test_project.qde", 14, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p := newProject(t)
			rep := importSample(t, p, tt.file)
			ctx := context.Background()
			codes, _ := p.Codes(ctx)
			docs, _ := p.Documents(ctx)
			codings, _ := p.Codings(ctx, model.CodingFilter{})
			if len(codes) != tt.codes || rep.CodesAdded+rep.CodesMerged != tt.codes {
				t.Errorf("codes: got %d (report %d added, %d merged), want %d", len(codes), rep.CodesAdded, rep.CodesMerged, tt.codes)
			}
			if len(docs) != tt.sources {
				t.Errorf("documents: got %d, want %d", len(docs), tt.sources)
			}
			if rep.Selections != tt.selections {
				t.Errorf("selections: got %d, want %d", rep.Selections, tt.selections)
			}
			if len(codings) != tt.codings || rep.CodingsAdded != tt.codings {
				t.Errorf("codings: got %d (report %d), want %d", len(codings), rep.CodingsAdded, tt.codings)
			}
			if rep.SourcesAdded != tt.sources {
				t.Errorf("report: %d documents added, want %d", rep.SourcesAdded, tt.sources)
			}
			t.Log(strings.Join(rep.Lines(), "\n"))
		})
	}
}

func TestQCSampleLineSelectionsCoverTheirLines(t *testing.T) {
	p := newProject(t)
	ctx := context.Background()
	importSample(t, p, "cproctor_qc_demo.qdpx")
	docs, _ := p.Documents(ctx)
	checked := 0
	x := readSampleXML(t, "cproctor_qc_demo.qdpx")
	for _, s := range x.Sources.TextSource {
		var docID int64
		for _, d := range docs {
			if d.Name == sourceName(s, "") {
				docID = d.ID
			}
		}
		text, err := p.Text(ctx, docID)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(text, "\n")
		for _, sel := range s.Selections {
			var n int
			if sel.Name == nil {
				continue
			}
			if _, err := fmt.Sscanf(*sel.Name, "line:%d", &n); err != nil {
				continue
			}
			var start, end int
			fmt.Sscan(sel.Start, &start)
			fmt.Sscan(sel.End, &end)
			got := string([]rune(text)[start:end])
			if want := strings.TrimRight(lines[n], "\n"); strings.TrimRight(got, "\n") != want {
				t.Errorf("%s line:%d: covers %q, want %q", s.Name, n, got, want)
			}
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("checked %d line selections, want all of the sample's", checked)
	}
}

func TestAtlasSampleReportsMissingTexts(t *testing.T) {
	p := newProject(t)
	rep := importSample(t, p, "skyloom_atlasti-8.4-mac_REFI-vendor-test_project.qde")
	missing, pictures := 0, 0
	for _, l := range rep.NotCarried {
		if strings.Contains(l, "text is missing") {
			missing++
		}
		if strings.HasPrefix(l, "picture ") {
			pictures++
		}
	}
	if missing == 0 || pictures != 1 {
		t.Errorf("report: %d missing texts, %d pictures; want some and 1:\n%s", missing, pictures, strings.Join(rep.Lines(), "\n"))
	}
	// The hierarchy written into a name: "Coke::diet Coke" is "diet Coke" under "Coke".
	c, err := p.FindCode(context.Background(), "Coke > diet Coke")
	if err != nil {
		t.Fatalf("Coke > diet Coke: %v", err)
	}
	if c.Description != "non sucré" {
		t.Errorf("diet Coke's description: got %q", c.Description)
	}
}

// TestNVivoSampleHoldsNoPositions pins why NVivo's counting of CR LF is
// not verified on the NVivo sample: it is NVivo for Mac, its texts are a
// lone line feed beside .docx files without text, and it holds no
// selection at all. A sample that has them should get a test of its
// offsets instead of this one.
func TestNVivoSampleHoldsNoPositions(t *testing.T) {
	if _, err := os.Stat(filepath.Join(samples, "samples", "cproctor_nvivo_project.qdpx")); err != nil {
		t.Skipf("the NVivo sample is not there: %v", err)
	}
	x := readSampleXML(t, "cproctor_nvivo_project.qdpx")
	if !strings.Contains(x.Origin, "Mac") {
		t.Errorf("origin %q: not the Mac sample any more", x.Origin)
	}
	sels, crs := 0, 0
	for _, s := range x.Sources.TextSource {
		sels += len(s.Selections) + len(s.Codings)
	}
	data, err := os.ReadFile(filepath.Join(samples, "samples", "cproctor_nvivo_project.qdpx"))
	if err != nil {
		t.Fatal(err)
	}
	pk, err := openPackage("nvivo.qdpx", data)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range x.Sources.TextSource {
		txt, _, err := pk.source(s.PlainTextPath)
		if err != nil {
			t.Fatal(err)
		}
		crs += strings.Count(string(txt), "\r")
		if strings.TrimSpace(string(txt)) != "" {
			t.Errorf("%s holds text now: %q…", s.PlainTextPath, clip(string(txt)))
		}
	}
	if sels != 0 || crs != 0 {
		t.Errorf("the NVivo sample has %d selections and codings and %d carriage returns: test its offsets", sels, crs)
	}
}
