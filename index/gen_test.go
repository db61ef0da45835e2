package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/verbatim/verbatim/model"
	"codeberg.org/verbatim/verbatim/model/importer"
)

// genConfig sizes a generated corpus: VERBATIM_BENCH_DOCS transcripts
// (default 1,000) of about VERBATIM_BENCH_WORDS words (default 8,000): about
// 50 MB of text.
func genConfig() (docs, words int) {
	docs, words = 1000, 8000
	if n, err := strconv.Atoi(os.Getenv("VERBATIM_BENCH_DOCS")); err == nil && n > 0 {
		docs = n
	}
	if n, err := strconv.Atoi(os.Getenv("VERBATIM_BENCH_WORDS")); err == nil && n > 0 {
		words = n
	}
	return docs, words
}

var sentenceEnd = regexp.MustCompile(`[.!?]["”’]?\s+`)

// corpusSentences reads the real sentences of the English transcripts.
func corpusSentences(tb testing.TB) []string {
	var out []string
	for _, f := range corpusFiles(tb, "en") {
		nd, err := importer.Read(f, importer.Options{})
		if err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		for _, t := range nd.Turns {
			r := []rune(nd.Text)
			body := string(r[t.Start:t.End])
			if t.Speaker != "" {
				body = strings.TrimPrefix(strings.TrimPrefix(body, t.Speaker), ":")
			}
			for _, s := range sentenceEnd.Split(strings.Join(strings.Fields(body), " "), -1) {
				if n := len(strings.Fields(s)); n >= 4 && n <= 60 {
					out = append(out, strings.TrimSpace(s)+".")
				}
			}
		}
	}
	return out
}

// generateProject builds a project of docs transcripts of about words words
// each, made of real sentences in speaker turns: an interviewer and one or
// two participants with attributes. It returns the bytes of text imported.
func generateProject(tb testing.TB, path string, docs, words int) (*model.Project, int64) {
	ctx := context.Background()
	sentences := corpusSentences(tb)
	if len(sentences) == 0 {
		tb.Fatal("no sentences in the corpus")
	}
	p, err := model.Create(ctx, path, "en")
	if err != nil {
		tb.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var total int64
	for d := 0; d < docs; d++ {
		var b strings.Builder
		participant := fmt.Sprintf("P%03d", d%300)
		n := 0
		for turn := 0; n < words; turn++ {
			who := "Interviewer"
			if turn%2 == 1 {
				who = participant
			}
			b.WriteString(who + ":")
			for k := 1 + rng.IntN(6); k > 0 && n < words; k-- {
				s := sentences[rng.IntN(len(sentences))]
				n += strings.Count(s, " ") + 1
				b.WriteString(" " + s)
			}
			b.WriteString("\n")
		}
		// A unique line keeps the duplicate check from refusing a document.
		fmt.Fprintf(&b, "Interviewer: Einde van interview %d.\n", d)
		text := b.String()
		total += int64(len(text))
		if _, err := p.ImportDocument(ctx, newDocument(fmt.Sprintf("interview-%04d.txt", d), text)); err != nil {
			tb.Fatal(err)
		}
	}
	cases, _ := p.Cases(ctx)
	for i, c := range cases {
		if c.Name != "Interviewer" {
			p.SetCaseAttribute(ctx, c.ID, "rol", []string{"beleidsmaker", "uitvoerder", "student"}[i%3])
		}
	}
	speakers, _ := p.Speakers(ctx, 0)
	var interviewers []int64
	for _, s := range speakers {
		if s.Label == "Interviewer" {
			interviewers = append(interviewers, s.ID)
		}
	}
	if err := p.MarkInterviewers(ctx, interviewers, true); err != nil {
		tb.Fatal(err)
	}
	return p, total
}

func TestGenerateProject(t *testing.T) {
	ctx := context.Background()
	p, n := generateProject(t, filepath.Join(t.TempDir(), "g.verbatim"), 3, 500)
	defer p.Close()
	docs, _ := p.Documents(ctx)
	if len(docs) != 3 || n < 3*2500 {
		t.Errorf("%d documents, %d bytes", len(docs), n)
	}
	ix, err := Open(ctx, p, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search(ctx, "-speaker:interviewer rol:student OR rol:uitvoerder OR rol:beleidsmaker", SearchOptions{})
	if err != nil || res.Total == 0 || len(res.Speakers) != 3 {
		t.Errorf("participants' turns: %d hits, speakers %v, %v", res.Total, res.Speakers, err)
	}
}
