package refiqda

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzReadXML feeds exchange XML (a bare .qde or .qdc) to the reader: it
// never panics, and an import either succeeds or leaves the project as it
// was (importInto checks).
func FuzzReadXML(f *testing.F) {
	f.Add([]byte(tinyProject))
	f.Add([]byte(`<CodeBook xmlns="urn:QDA-XML:codebook:1:0"><Codes><Code guid="{11111111-2222-3333-4444-555555555555}" name="a::b" isCodable="true" color="#abc"/></Codes></CodeBook>`))
	if data, err := os.ReadFile(filepath.Join(samples, "samples", "skyloom_atlasti-8.4-mac_REFI-vendor-test_project.qde")); err == nil {
		f.Add(data)
	}
	p := newProject(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		before, _ := p.Revision(context.Background())
		_, err := Import(context.Background(), p, "in.qde", data, Options{})
		if err != nil {
			if after, _ := p.Revision(context.Background()); after != before {
				t.Errorf("a failed import changed the project (revision %d → %d)", before, after)
			}
		}
	})
}

// FuzzReadArchive feeds .qdpx archives to the reader.
func FuzzReadArchive(f *testing.F) {
	f.Add(archive(f, entry{"project.qde", []byte(tinyProject)}, entry{"sources/doc.txt", []byte("hello world")}))
	if data, err := os.ReadFile(filepath.Join(samples, "samples", "cproctor_qc_demo.qdpx")); err == nil {
		f.Add(data)
	}
	p := newProject(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		Import(context.Background(), p, "in.qdpx", data, Options{})
	})
}

// FuzzSourceText checks the position map: it is monotonic, ends at the
// text's length, and the text is what the project may store.
func FuzzSourceText(f *testing.F) {
	f.Add([]byte("a\r\nb\rc\x00d\u2028e\uFEFF"), true)
	f.Add([]byte("\uFEFFplain"), false)
	f.Fuzz(func(t *testing.T, raw []byte, atlas bool) {
		counting := crlfAsTwo
		if atlas {
			counting = crlfAsOne
		}
		st := newSourceText(raw, counting)
		if !utf8.ValidString(st.text) || !clean(st.text) {
			t.Fatalf("text %q is not fit to store", st.text)
		}
		if n := utf8.RuneCountInString(st.text); n != st.runes {
			t.Fatalf("runes %d, want %d", st.runes, n)
		}
		if st.pos != nil {
			if st.pos[len(st.pos)-1] != st.runes {
				t.Fatalf("the last position maps to %d, want %d", st.pos[len(st.pos)-1], st.runes)
			}
			for i := 1; i < len(st.pos); i++ {
				if st.pos[i] < st.pos[i-1] {
					t.Fatalf("positions go back at %d", i)
				}
			}
		}
	})
}
