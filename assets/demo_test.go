package assets

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

var hexColor = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)

func TestCodebook(t *testing.T) {
	for _, lang := range []string{"nl", "en"} {
		t.Run(lang, func(t *testing.T) {
			codes := Codebook(lang)
			if len(codes) != 6 {
				t.Fatalf("got %d codes, want 6", len(codes))
			}
			names := map[string]bool{}
			colors := map[string]bool{}
			for i, c := range codes {
				if strings.TrimSpace(c.Name) == "" || strings.TrimSpace(c.Description) == "" {
					t.Errorf("code %d: got name %q, description %q, want both non-empty", i, c.Name, c.Description)
				}
				if strings.Contains(c.Description, "\n") {
					t.Errorf("code %d: description %q spans lines, want one line", i, c.Description)
				}
				if names[c.Name] {
					t.Errorf("code %d: name %q appears twice", i, c.Name)
				}
				names[c.Name] = true
				if !hexColor.MatchString(c.Color) {
					t.Errorf("code %d: got colour %q, want #RRGGBB", i, c.Color)
					continue
				}
				if colors[strings.ToUpper(c.Color)] {
					t.Errorf("code %d: colour %s appears twice", i, c.Color)
				}
				colors[strings.ToUpper(c.Color)] = true
				// A translucent highlight must show on white and on a dark theme: neither
				// near-black nor near-white.
				if l := luminance(c.Color); l < 0.1 || l > 0.85 {
					t.Errorf("code %d: colour %s has luminance %.2f, want 0.1–0.85", i, c.Color, l)
				}
			}
		})
	}
}

func TestCodebookOrderAndLanguages(t *testing.T) {
	nl, en := Codebook("nl"), Codebook("en")
	if nl[0].Name != "Doorbreek patronen door nieuwe verbindingen te leggen" ||
		nl[5].Name != "Leer van slagen en falen" {
		t.Errorf("got Dutch codes %q … %q, want the article's order", nl[0].Name, nl[5].Name)
	}
	for i := range nl {
		if nl[i].Color != en[i].Color {
			t.Errorf("code %d: got colour %s in Dutch and %s in English, want one colour", i, nl[i].Color, en[i].Color)
		}
		if nl[i].Name == en[i].Name || nl[i].Description == en[i].Description {
			t.Errorf("code %d: Dutch and English text are the same (%q), want a translation", i, nl[i].Name)
		}
	}
	for _, lang := range []string{"", "de", "EN"} {
		if got := Codebook(lang); got[0] != en[0] {
			t.Errorf("Codebook(%q)[0] = %q, want the English %q", lang, got[0].Name, en[0].Name)
		}
	}
	nl[0].Name = "changed"
	if Codebook("nl")[0].Name == "changed" {
		t.Error("changing a returned code changed the codebook, want a copy per call")
	}
}

// luminance returns the relative luminance (WCAG) of a #RRGGBB colour.
func luminance(hex string) float64 {
	v, _ := strconv.ParseUint(hex[1:], 16, 32)
	channel := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(v>>16&0xFF) + 0.7152*channel(v>>8&0xFF) + 0.0722*channel(v&0xFF)
}

// keywords lists, per language and interviewee, words that show which principles come up:
// every keyword of a principle must occur (case-insensitive). Indexed in the article's order;
// not every interview speaks to every principle.
var keywords = map[string]map[string][6][]string{
	"nl": {
		"Sanne de Vries": {
			{"verbinding ", "verbindingen", "patroon", "doorbreken", "bij elkaar"},
			{"ik deel", "delen", "gedeeld", "geleerd"},
			{"motivatie", "gemotiveerd", "drijft", "energie"},
			{"klein", "concrete proef", "één straat", "zes weken"},
			{"onderweg", "eindresultaat", "proces", "de weg ernaartoe"},
			{"mislukt", "falen", "gelukt", "fout", "succes"},
		},
		"Karin Wolters": {
			{"twee werelden", "nooit gezien", "stramien"},
			{"notitie", "rond te sturen"},
			{"raakt me"},
			{"vóór de zomer", "één straat, één dak"},
			{"tijdens het traject", "logboek"},
			{"fout", "mislukkingen", "succes"},
		},
		"Yasmina Bouzid": {
			{"lunchpauze", "samen koffie"},
			{"intranet", "nagedaan"},
			{"mijn vader", "waar ik in geloof"},
			{"de proef"},
			{"het traject ernaartoe"},
			{"misging", "mislukking"},
		},
	},
	"en": {
		"Sanne de Vries": {
			{"connection ", "connections", "pattern", "break"},
			{"i share", "sharing", "shared", "learned"},
			{"motivation", "motivated", "drives", "energy"},
			{"small", "concrete trial", "one street", "six weeks"},
			{"along the way", "end result", "process", "the road there"},
			{"failed", "failure", "succeeded", "mistake", "success"},
		},
		"Karin Wolters": {
			{"two worlds", "never met", "fixed routine"},
			{"memo", "sending it round"},
			{"moves me"},
			{"before the summer", "one street, one roof"},
			{"during the process", "logbook"},
			{"mistake", "failures", "success"},
		},
		"Yasmina Bouzid": {
			{"lunch break", "coffee together"},
			{"intranet", "copied it"},
			{"my father", "i believe in"},
			{"the trial"},
			{"the road to it"},
			{"went so wrong", "failure"},
		},
	},
}

var languages = []string{"nl", "en"}

func TestDemoInterviews(t *testing.T) {
	for _, lang := range languages {
		names := map[string]bool{}
		for _, iv := range DemoInterviews(lang) {
			t.Run(lang+"/"+iv.Participant, func(t *testing.T) {
				if !strings.HasSuffix(iv.Name, ".txt") || !strings.Contains(iv.Name, "(fict") {
					t.Errorf("got name %q, want a .txt name marked as fictional", iv.Name)
				}
				if names[iv.Name] {
					t.Errorf("name %q appears twice", iv.Name)
				}
				names[iv.Name] = true
				text := iv.Text
				if !utf8.ValidString(text) {
					t.Fatal("text is not valid UTF-8")
				}
				if strings.ContainsRune(text, '\r') {
					t.Error("text contains CR, want LF line endings only")
				}
				if strings.HasPrefix(text, "\uFEFF") || !strings.HasSuffix(text, "\n") || strings.HasSuffix(text, "\n\n") {
					t.Error("want no byte-order mark and exactly one final newline")
				}
				header, body, ok := strings.Cut(text, "\n\n")
				if !ok {
					t.Fatal("want a header, a blank line, then the turns")
				}
				first, _, _ := strings.Cut(header, "\n")
				if !strings.Contains(first, "(fict") || !strings.Contains(first, iv.Participant) {
					t.Errorf("first line %q does not name %s and mark the interview as fictional", first, iv.Participant)
				}
				if n := len(strings.Split(header, "\n")); n != 4 {
					t.Errorf("got a header of %d lines, want 4 (title, notice, date, duration)", n)
				}
				if words := len(strings.Fields(text)); words < 1200 || words > 2000 {
					t.Errorf("got %d words, want 1,200–2,000", words)
				}
				checkTurns(t, body, []string{"Interviewer", iv.Participant})
				lower := strings.ToLower(text)
				kw, ok := keywords[lang][iv.Participant]
				if !ok {
					t.Fatalf("no keywords for %s, want some for every interview", iv.Participant)
				}
				for p, words := range kw {
					for _, w := range words {
						if !strings.Contains(lower, w) {
							t.Errorf("principle %d (%s): keyword %q not in the interview", p+1, Codebook(lang)[p].Name, w)
						}
					}
				}
			})
		}
	}
	if got, want := DemoInterviews("de")[0].Name, DemoInterviews("en")[0].Name; got != want {
		t.Errorf("DemoInterviews(%q)[0].Name = %q, want the English %q", "de", got, want)
	}
	DemoInterviews("nl")[0].Attributes[0].Value = "changed"
	if DemoInterviews("nl")[0].Attributes[0].Value == "changed" {
		t.Error("changing a returned attribute changed the demo, want a copy per call")
	}
}

// TestDemoInterviewsTranslated checks that the English interviews follow the Dutch ones turn
// for turn and carry the same example work, so that both demo projects tell the same story.
func TestDemoInterviewsTranslated(t *testing.T) {
	nl, en := DemoInterviews("nl"), DemoInterviews("en")
	if len(nl) != 3 || len(en) != 3 {
		t.Fatalf("got %d Dutch and %d English interviews, want 3 of each", len(nl), len(en))
	}
	for i := range nl {
		n, e := nl[i], en[i]
		t.Run(n.Participant, func(t *testing.T) {
			if n.Participant != e.Participant {
				t.Fatalf("got participant %q in English, want %q as in Dutch", e.Participant, n.Participant)
			}
			if n.Name == e.Name || n.Text == e.Text || n.Memo == e.Memo {
				t.Error("Dutch and English name, text or memo are the same, want a translation")
			}
			if got, want := strings.Count(e.Text, "\n\n"), strings.Count(n.Text, "\n\n"); got != want {
				t.Errorf("got %d paragraphs in English, want %d as in Dutch", got+1, want+1)
			}
			digits := func(s string) string {
				return strings.Map(func(r rune) rune {
					if r >= '0' && r <= '9' {
						return r
					}
					return -1
				}, s)
			}
			if hn, he := strings.SplitN(n.Text, "\n", 5), strings.SplitN(e.Text, "\n", 5); digits(hn[2]+hn[3]) != digits(he[2]+he[3]) {
				t.Errorf("got date and duration %q, %q in English, want those of %q, %q", he[2], he[3], hn[2], hn[3])
			}
			if len(n.Attributes) != len(e.Attributes) {
				t.Errorf("got %d attributes in English, want %d as in Dutch", len(e.Attributes), len(n.Attributes))
			}
			if len(n.Codings) != len(e.Codings) {
				t.Fatalf("got %d codings in English, want %d as in Dutch", len(e.Codings), len(n.Codings))
			}
			for j, cn := range n.Codings {
				ce := e.Codings[j]
				if cn.Code != ce.Code || cn.Key != ce.Key || (cn.Memo == "") != (ce.Memo == "") {
					t.Errorf("coding %d: got code %d, key %t, memo %q in English, want code %d, key %t, memo %q as in Dutch",
						j+1, ce.Code, ce.Key, ce.Memo, cn.Code, cn.Key, cn.Memo)
				}
			}
			if len(n.Summaries) != len(e.Summaries) {
				t.Fatalf("got %d summaries in English, want %d as in Dutch", len(e.Summaries), len(n.Summaries))
			}
			for j := range n.Summaries {
				if n.Summaries[j].Code != e.Summaries[j].Code {
					t.Errorf("summary %d: got code %d in English, want %d", j+1, e.Summaries[j].Code, n.Summaries[j].Code)
				}
			}
		})
	}
}

// attributeKeys are the participant attributes every demo interviewee has, in the project's
// language, so that a report can say who is speaking.
var attributeKeys = map[string][]string{
	"nl": {"rol", "organisatie"},
	"en": {"role", "organisation"},
}

func TestDemoParticipants(t *testing.T) {
	for _, lang := range languages {
		for _, iv := range DemoInterviews(lang) {
			t.Run(lang+"/"+iv.Participant, func(t *testing.T) {
				var keys []string
				for _, a := range iv.Attributes {
					keys = append(keys, a.Key)
					if strings.TrimSpace(a.Value) == "" {
						t.Errorf("attribute %q is empty", a.Key)
					}
				}
				if !slices.Equal(keys, attributeKeys[lang]) {
					t.Errorf("got attributes %q, want %q", keys, attributeKeys[lang])
				}
				if strings.TrimSpace(iv.Memo) == "" || strings.Contains(iv.Memo, "\n") {
					t.Errorf("got summary memo %q, want one non-empty paragraph", iv.Memo)
				}
			})
		}
	}
}

// sentenceEnd holds the runes a quote may end with: a researcher codes whole sentences.
const sentenceEnd = ".?!…”"

func TestDemoCodings(t *testing.T) {
	for _, lang := range languages {
		t.Run(lang, func(t *testing.T) {
			codes := len(Codebook(lang))
			count := make([]int, codes+1)
			keys := make([]int, codes+1)
			people := make([]map[string]bool, codes+1)
			for _, iv := range DemoInterviews(lang) {
				if len(iv.Codings) == 0 {
					t.Errorf("%s: no codings, want some in every interview", iv.Participant)
				}
				previous := -1
				coded := map[int]bool{}
				for _, c := range iv.Codings {
					where := fmt.Sprintf("%s, %.40q", iv.Participant, c.Text)
					if c.Code < 1 || c.Code > codes {
						t.Errorf("%s: got code %d, want 1–%d", where, c.Code, codes)
						continue
					}
					if n := strings.Count(iv.Text, c.Text); n != 1 {
						t.Errorf("%s: occurs %d times in the interview, want exactly once", where, n)
						continue
					}
					at := strings.Index(iv.Text, c.Text)
					if at < previous {
						t.Errorf("%s: comes before the coding listed ahead of it, want text order", where)
					}
					previous = at
					first, _ := utf8.DecodeRuneInString(c.Text)
					last, _ := utf8.DecodeLastRuneInString(c.Text)
					if !unicode.IsUpper(first) || !strings.ContainsRune(sentenceEnd, last) {
						t.Errorf("%s: starts with %q and ends with %q, want whole sentences", where, first, last)
					}
					// The passage lies inside one turn of the interviewee, never the interviewer's.
					para := paragraphAt(iv.Text, at)
					if !strings.HasPrefix(para, iv.Participant+": ") || !strings.Contains(para, c.Text) {
						t.Errorf("%s: lies in paragraph %.40q, want inside one turn of %s", where, para, iv.Participant)
					}
					if strings.Contains(c.Memo, "\n") {
						t.Errorf("%s: got memo %q, want one line", where, c.Memo)
					}
					count[c.Code]++
					coded[c.Code] = true
					if c.Key {
						keys[c.Code]++
					}
					if people[c.Code] == nil {
						people[c.Code] = map[string]bool{}
					}
					people[c.Code][iv.Participant] = true
				}
				summarised := map[int]bool{}
				for _, s := range iv.Summaries {
					if !coded[s.Code] {
						t.Errorf("%s: summary of code %d, which the interview has no codings of", iv.Participant, s.Code)
					}
					if summarised[s.Code] {
						t.Errorf("%s: code %d has two summaries, want at most one", iv.Participant, s.Code)
					}
					summarised[s.Code] = true
					if strings.TrimSpace(s.Text) == "" || strings.Contains(s.Text, "\n") {
						t.Errorf("%s: code %d: got summary %q, want one non-empty paragraph", iv.Participant, s.Code, s.Text)
					}
				}
				// The demo shows thematic summaries for one principle, "Deel wat je
				// leert", in every interview that speaks to it.
				if coded[2] && !summarised[2] {
					t.Errorf("%s: codings of principle 2 but no thematic summary of it", iv.Participant)
				}
			}
			for code := 1; code <= codes; code++ {
				name := Codebook(lang)[code-1].Name
				if count[code] < 3 || count[code] > 5 {
					t.Errorf("principle %d (%s): got %d codings, want 3–5", code, name, count[code])
				}
				if keys[code] < 1 || keys[code] > 2 {
					t.Errorf("principle %d (%s): got %d key quotes, want 1–2", code, name, keys[code])
				}
				if len(people[code]) < 2 {
					t.Errorf("principle %d (%s): got quotes from %d interviewees, want at least 2", code, name, len(people[code]))
				}
			}
		})
	}
}

// paragraphAt returns the paragraph of text that holds the byte offset at.
func paragraphAt(text string, at int) string {
	start := 0
	if i := strings.LastIndex(text[:at], "\n\n"); i >= 0 {
		start = i + 2
	}
	end := strings.Index(text[at:], "\n\n")
	if end < 0 {
		return strings.TrimSuffix(text[start:], "\n")
	}
	return text[start : at+end]
}

func TestDemoInterviewTypography(t *testing.T) {
	for _, lang := range languages {
		for _, iv := range DemoInterviews(lang) {
			t.Run(lang+"/"+iv.Participant, func(t *testing.T) {
				// Dutch text naturally has these; they exercise rune offsets in every demo document.
				if lang == "nl" {
					for _, r := range "’“”éë€" {
						if !strings.ContainsRune(iv.Text, r) {
							t.Errorf("no %q, want multi-byte characters as Dutch text has them", r)
						}
					}
				}
				if strings.ContainsAny(iv.Text, "\"'") {
					t.Error("a straight quote or apostrophe, want typographic ones")
				}
			})
		}
	}
}

// checkTurns requires every paragraph of the body to be one line starting with a known speaker
// label, the speakers to take turns, and each speaker to speak at least five times.
func checkTurns(t *testing.T, body string, speakers []string) {
	t.Helper()
	count := map[string]int{}
	previous := ""
	for i, para := range strings.Split(strings.TrimSuffix(body, "\n"), "\n\n") {
		if strings.Contains(para, "\n") || strings.TrimSpace(para) != para || para == "" {
			t.Errorf("paragraph %d: %q, want one line without surrounding space", i+1, para)
			continue
		}
		label, said, ok := strings.Cut(para, ": ")
		if !ok || !slices.Contains(speakers, label) {
			t.Errorf("paragraph %d starts with %.40q, want a label from %q", i+1, para, speakers)
			continue
		}
		if strings.TrimSpace(said) == "" {
			t.Errorf("paragraph %d: speaker %s says nothing", i+1, label)
		}
		if label == previous {
			t.Errorf("paragraph %d: %s speaks twice in a row", i+1, label)
		}
		previous = label
		count[label]++
	}
	for _, s := range speakers {
		if count[s] < 5 {
			t.Errorf("speaker %s has %d turns, want at least 5", s, count[s])
		}
	}
}

// TestDemoIsOriginal guards against copying from the article the project grew from: the demo
// must be written new, so no run of five words in any interview, in either language, nor in
// the researcher's memos and summaries, may match it. It reads the article in place and skips
// where ../shared is absent (a user's fresh clone).
func TestDemoIsOriginal(t *testing.T) {
	article, err := os.ReadFile(filepath.Join("..", "..", "shared", "seed", "slimmernetwerk-2014.txt"))
	if err != nil {
		t.Skipf("skipping: the article is not beside the repository (%v)", err)
	}
	const n = 5
	seen := map[string]bool{}
	for _, g := range ngrams(string(article), n) {
		seen[g] = true
	}
	for _, lang := range languages {
		for _, iv := range DemoInterviews(lang) {
			t.Run(lang+"/"+iv.Participant, func(t *testing.T) {
				texts := []string{iv.Text, iv.Memo}
				for _, c := range iv.Codings {
					texts = append(texts, c.Memo)
				}
				for _, s := range iv.Summaries {
					texts = append(texts, s.Text)
				}
				for _, text := range texts {
					for _, g := range ngrams(text, n) {
						if seen[g] {
							t.Errorf("shares %q with the article, want text written new", g)
						}
					}
				}
			})
		}
	}
}

var word = regexp.MustCompile(`[\p{L}\p{N}]+`)

func ngrams(s string, n int) []string {
	words := word.FindAllString(strings.ToLower(s), -1)
	var grams []string
	for i := 0; i+n <= len(words); i++ {
		grams = append(grams, strings.Join(words[i:i+n], " "))
	}
	return grams
}
