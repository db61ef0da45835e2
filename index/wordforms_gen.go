//go:build ignore

// wordforms_gen builds lemmas/nl_hunspell.tsv.gz, the Dutch form → lemma table
// the verbatim_nl analyzer embeds, and lemmas/nl_words.txt.gz, the word list, from Debian's hunspell-nl (the OpenTaal word
// list, BSD-3-Clause or CC BY 3.0: /usr/share/doc/hunspell-nl/copyright).
//
//	apt-get install hunspell-nl
//	go run wordforms_gen.go [-dic /usr/share/hunspell/nl.dic] [-aff /usr/share/hunspell/nl.aff]
//
// It links noun plurals and diminutives to their noun (through the affix rules
// tagged NN*), and weak verb forms (present, past, present and past
// participles) to their infinitive, found by the spelling rules of Dutch
// (organiseer → organiseren, leef → leven, zet → zetten) and checked against the
// word list. Only forms whose Snowball stem differs from the stem of one of their
// lemmas are written: the analyzer falls back to Snowball for everything else.
// Strong and irregular verbs come from the hand-written lemmas/nl_irregular.txt.
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"os"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"
)

type affixRule struct {
	strip, add string
	cond       *regexp.Regexp
	tag        string
}

// prefixRules holds the separable prefixes per flag (PFX Pb 0 aan .).
var prefixRules = map[string][]string{}

type dicEntry struct {
	word  string
	flags []string
}

func main() {
	dicPath := flag.String("dic", "/usr/share/hunspell/nl.dic", "hunspell dictionary")
	affPath := flag.String("aff", "/usr/share/hunspell/nl.aff", "hunspell affix file")
	out := flag.String("o", "lemmas/nl_hunspell.tsv.gz", "output table")
	irregularPath := flag.String("irregular", "lemmas/nl_irregular.txt", "hand-written irregular forms")
	wordsOut := flag.String("words", "lemmas/nl_words.txt.gz", "output word list")
	flag.Parse()

	rules, err := readAff(*affPath)
	if err != nil {
		log.Fatal(err)
	}
	entries, err := readDic(*dicPath)
	if err != nil {
		log.Fatal(err)
	}
	links, nounLinks := buildLinks(entries, rules)
	if err := linkIrregulars(*irregularPath, entries, rules, links, nounLinks); err != nil {
		log.Fatal(err)
	}
	n, err := writeTable(*out, links)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d forms written to %s\n", n, *out)
	n, err = writeWords(*wordsOut, entries, links)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d words written to %s\n", n, *wordsOut)
}

// readAff returns the suffix rules per flag; only the inflection flags
// (tags NN* for nouns, VB*/PP* for verbs) are kept.
func readAff(path string) (map[string][]affixRule, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rules := map[string][]affixRule{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 5 && fields[0] == "PFX" && fields[2] == "0" && fields[4] == "." && fields[1][0] == 'P' {
			prefixRules[fields[1]] = append(prefixRules[fields[1]], fields[3])
			continue
		}
		if len(fields) < 6 || fields[0] != "SFX" {
			continue
		}
		tag := ""
		for _, fl := range fields[5:] {
			if strings.HasPrefix(fl, "ts:") {
				tag = strings.TrimPrefix(fl, "ts:")
			}
		}
		if fields[1] == "Ar" { // lief → lieve, boos → boze, tagged AJce
			tag = "AJe"
		}
		switch tag {
		case "NN2", "NN1r", "NN2r", "VB3", "VBh", "VBh1", "PPn", "PPe", "VBpe", "AJe":
		default:
			continue // derivations (NN1d: Amsterdammer) and adjectives
		}
		strip, add := fields[2], fields[3]
		if strip == "0" {
			strip = ""
		}
		if i := strings.IndexByte(add, '/'); i >= 0 {
			add = add[:i]
		}
		if add == "0" {
			add = ""
		}
		if strings.HasSuffix(add, "-") { // compound-initial forms such as "huisjes-"
			continue
		}
		cond, err := regexp.Compile("(?:" + fields[4] + ")$")
		if err != nil {
			return nil, fmt.Errorf("condition %q: %w", fields[4], err)
		}
		rules[fields[1]] = append(rules[fields[1]], affixRule{strip: strip, add: add, cond: cond, tag: tag})
	}
	return rules, sc.Err()
}

func readDic(path string) ([]dicEntry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var entries []dicEntry
	sc := bufio.NewScanner(f)
	sc.Scan() // the word count
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if i := strings.IndexAny(line, " \t"); i >= 0 {
			line = line[:i]
		}
		word, flagText, _ := strings.Cut(line, "/")
		if word == "" || !isPlainWord(word) {
			continue
		}
		var flags []string
		for i := 0; i+1 < len(flagText); i += 2 {
			flags = append(flags, flagText[i:i+2])
		}
		entries = append(entries, dicEntry{word: word, flags: flags})
	}
	return entries, sc.Err()
}

// isPlainWord rejects names (capitals), abbreviations and multi-word entries.
func isPlainWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return utf8.RuneCountInString(w) >= 2
}

func apply(word string, r affixRule) (string, bool) {
	if !strings.HasSuffix(word, r.strip) || !r.cond.MatchString(word) {
		return "", false
	}
	return word[:len(word)-len(r.strip)] + r.add, true
}

// buildLinks returns form → lemmas.
func buildLinks(entries []dicEntry, rules map[string][]affixRule) (links, nounLinks map[string]map[string]bool) {
	links = map[string]map[string]bool{}
	nounLinks = map[string]map[string]bool{}
	link := func(form, lemma string) {
		if links[form] == nil {
			links[form] = map[string]bool{}
		}
		links[form][lemma] = true
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].word < entries[j].word })
	infinitives := map[string]bool{}
	verbStems := map[string]bool{}
	nouns := map[string]bool{}
	participles := map[string]bool{}
	for _, e := range entries {
		for _, fl := range e.flags {
			switch {
			case fl == "Vi":
				infinitives[e.word] = true
			case fl == "V3" || fl == "Vp" || fl == "Vq":
				verbStems[e.word] = true
			case fl == "Ve":
				participles[e.word] = true
			case len(rules[fl]) > 0 && strings.HasPrefix(rules[fl][0].tag, "NN"):
				nouns[e.word] = true
			}
		}
	}

	// Nouns: plurals and diminutives.
	for _, e := range entries {
		for _, fl := range e.flags {
			for _, r := range rules[fl] {
				if !strings.HasPrefix(r.tag, "NN") && r.tag != "AJe" {
					continue
				}
				if form, ok := apply(e.word, r); ok && form != e.word {
					link(form, e.word)
					if nounLinks[form] == nil {
						nounLinks[form] = map[string]bool{}
					}
					nounLinks[form][e.word] = true
				}
			}
		}
	}
	// Plurals listed as words of their own: meisjes → meisje, epidemieën → epidemie.
	known := map[string]bool{}
	for _, e := range entries {
		known[e.word] = true
	}
	for _, e := range entries {
		w := e.word
		var base string
		switch {
		case strings.HasSuffix(w, "jes"):
			base = w[:len(w)-1]
		case strings.HasSuffix(w, "ën"):
			base = strings.TrimSuffix(w, "ën")
			if !known[base] {
				base += "e"
			}
		default:
			continue
		}
		if known[base] {
			link(w, base)
		}
	}
	// Weak verbs: stem, present, past → infinitive.
	stemLemma := map[string]string{}
	for s := range verbStems {
		inf := infinitiveOf(s, infinitives)
		if inf == "" {
			continue
		}
		stemLemma[s] = inf
		link(s, inf)
		for _, e := range entriesOf(s, entries) {
			for _, fl := range e.flags {
				for _, r := range rules[fl] {
					if !strings.HasPrefix(r.tag, "VB") {
						continue
					}
					if form, ok := apply(s, r); ok {
						link(form, inf)
					}
				}
			}
		}
	}
	// Infinitive forms: present participle (organiserend, organiserende).
	for inf := range infinitives {
		link(inf+"d", inf)
		link(inf+"de", inf)
	}
	// Past participles (georganiseerd, opgeruimd, verteld) and their -e forms.
	for p := range participles {
		inf := participleLemma(p, stemLemma, infinitives)
		if inf == "" {
			continue
		}
		link(p, inf)
		link(p+"e", inf)
	}
	// A noun or infinitive that is also a form of another word keeps itself as a
	// lemma (leer: leather and learn; reizen: journeys and to travel).
	for form, lemmas := range links {
		if nouns[form] || infinitives[form] {
			lemmas[form] = true
			if nouns[form] {
				if nounLinks[form] == nil {
					nounLinks[form] = map[string]bool{}
				}
				nounLinks[form][form] = true
			}
		}
	}
	return links, nounLinks
}

func entriesOf(word string, entries []dicEntry) []dicEntry {
	i := sort.Search(len(entries), func(i int) bool { return entries[i].word >= word })
	var out []dicEntry
	for ; i < len(entries) && entries[i].word == word; i++ {
		out = append(out, entries[i])
	}
	return out
}

const vowels = "aeiouy"

func isVowel(b byte) bool { return strings.IndexByte(vowels, b) >= 0 }

// infinitiveOf finds the infinitive of a verb stem by the Dutch spelling rules.
func infinitiveOf(s string, infinitives map[string]bool) string {
	var cands []string
	n := len(s)
	if n < 2 {
		return ""
	}
	last := s[n-1]
	if isVowel(last) {
		cands = append(cands, s+"n", s+"en", s+"ën")
	}
	body := s
	switch last {
	case 'f':
		body = s[:n-1] + "v"
	case 's':
		body = s[:n-1] + "z"
	}
	// Long vowel written double in a closed syllable: organiseer → organiser-en.
	if n >= 3 && s[n-2] == s[n-3] && isVowel(s[n-2]) && s[n-2] != 'i' && !isVowel(last) {
		undoubled := body[:n-2] + body[n-1:]
		cands = append(cands, undoubled+"en")
		if body != s {
			cands = append(cands, s[:n-2]+s[n-1:]+"en")
		}
	}
	// Short vowel: doubled consonant (zet → zetten, leg → leggen, not legen),
	// unless the syllable is unstressed (wandel → wandelen, found next).
	if n >= 2 && !isVowel(last) && isVowel(s[n-2]) && (n < 3 || !isVowel(s[n-3])) {
		cands = append(cands, s+string(last)+"en")
	}
	cands = append(cands, s+"en", body+"en")
	for _, c := range cands {
		if infinitives[c] {
			return c
		}
	}
	return ""
}

// participleLemma finds the infinitive of a weak past participle.
func participleLemma(p string, stemLemma map[string]string, infinitives map[string]bool) string {
	if len(p) < 4 {
		return ""
	}
	last := p[len(p)-1]
	if last != 'd' && last != 't' {
		return ""
	}
	body := p[:len(p)-1]
	if strings.HasPrefix(body, "ge") {
		rest := body[2:]
		// geëvalueerd, geïnterviewd: the diaeresis only marks the syllable break.
		rest = strings.Replace(strings.Replace(rest, "ë", "e", 1), "ï", "i", 1)
		if inf, ok := stemLemma[rest]; ok {
			return inf
		}
	}
	if inf, ok := stemLemma[p]; ok { // beïnvloed, gebruikt: the stem ends in d or t
		return inf
	}
	if inf, ok := stemLemma[body]; ok { // verteld, betaald
		return inf
	}
	// Separable verbs: op-ge-ruim-d → op + ruimen.
	for i := 1; i+2 < len(body); i++ {
		if body[i:i+2] != "ge" {
			continue
		}
		if inf, ok := stemLemma[body[i+2:]]; ok {
			if whole := body[:i] + inf; infinitives[whole] {
				return whole
			}
		}
	}
	return ""
}

var folder = asciifolding.New()

func fold(s string) string { return string(folder.Filter([]byte(s))) }

func stem(s string) string {
	env := snowballstem.NewEnv(fold(s))
	dutch.Stem(env)
	return env.Current()
}

// linkIrregulars adds the hand-written irregular forms. A form keeps its noun
// lemmas (gevallen: geval and vallen) but loses its weak-verb guesses. Words
// made of a prefix and an irregular or weak form are linked to the prefixed
// infinitive: opgenomen → opnemen, vertrok → vertrekken, meenam → meenemen,
// uitgelegd → uitleggen. The prefixed infinitive must be in the word list, and a
// word that is an infinitive itself (bekwamen) is left alone.
func linkIrregulars(path string, entries []dicEntry, rules map[string][]affixRule, links, nounLinks map[string]map[string]bool) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	irregular := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		lemma, forms, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		for _, f := range strings.Fields(forms) {
			irregular[f] = lemma
		}
	}
	for f, lemma := range irregular {
		set := map[string]bool{lemma: true}
		for l := range nounLinks[f] {
			if l != f { // kan is kunnen, not the jug that kans would stem to
				set[l] = true
			}
		}
		links[f] = set
	}
	for _, lemma := range irregular {
		if links[lemma] != nil { // willen: also the plural of wil
			links[lemma][lemma] = true
		}
	}
	infinitives := map[string]bool{}
	for _, e := range entries {
		for _, fl := range e.flags {
			if fl == "Vi" || irregular[e.word] == e.word {
				infinitives[e.word] = true
			}
		}
	}
	for _, l := range irregular {
		infinitives[l] = true
	}
	// Prefixed infinitives the affix file generates: nemen → meenemen.
	for _, e := range entries {
		if !infinitives[e.word] {
			continue
		}
		for _, fl := range e.flags {
			for _, p := range prefixRules[fl] {
				infinitives[p+e.word] = true
			}
		}
	}
	// The words, with the separable prefixes the affix file puts on them.
	words := map[string]bool{}
	for _, e := range entries {
		words[e.word] = true
		for _, fl := range e.flags {
			for _, p := range prefixRules[fl] {
				words[p+e.word] = true
			}
		}
	}
	verbLemma := func(f string) string {
		if l, ok := irregular[f]; ok {
			return l
		}
		for l := range links[f] {
			if infinitives[l] {
				return l
			}
		}
		return ""
	}
	n := 0
	for w := range words {
		if infinitives[w] || len(links[w]) > 0 {
			continue
		}
		for i := 2; i+3 <= len(w); i++ {
			lemma := verbLemma(w[i:])
			if lemma == "" || !infinitives[w[:i]+lemma] {
				continue
			}
			links[w] = map[string]bool{w[:i] + lemma: true}
			n++
			break
		}
	}
	fmt.Printf("%d prefixed verb forms linked\n", n)
	return nil
}

// writeWords writes the sorted, folded word list the analyzer uses to tell a
// compound it does not know (zorgcoöperaties) from a word it knows.
func writeWords(path string, entries []dicEntry, links map[string]map[string]bool) (int, error) {
	var words []string
	for _, e := range entries {
		words = append(words, fold(e.word))
	}
	for form := range links {
		words = append(words, fold(form))
	}
	sort.Strings(words)
	words = compactStrings(words)
	return len(words), writeGzipLines(path, words)
}

// writeTable writes "form<TAB>lemma[,lemma]" lines for the forms Snowball does
// not already bring together with all of their lemmas.
func writeTable(path string, links map[string]map[string]bool) (int, error) {
	// Forms that fold together (wíllen, willen) share their lemmas.
	folded := map[string]map[string]bool{}
	for form, lemmas := range links {
		f := fold(form)
		if folded[f] == nil {
			folded[f] = map[string]bool{}
		}
		for l := range lemmas {
			folded[f][fold(l)] = true
		}
	}
	var lines []string
	for form, lemmas := range folded {
		fs := stem(form)
		differs := false
		var ls []string
		for l := range lemmas {
			ls = append(ls, l)
			if stem(l) != fs {
				differs = true
			}
		}
		if !differs {
			continue
		}
		sort.Strings(ls)
		lines = append(lines, form+"\t"+strings.Join(ls, ","))
	}
	sort.Strings(lines)
	return len(lines), writeGzipLines(path, lines)
}

func writeGzipLines(path string, lines []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		return err
	}
	for _, l := range lines {
		fmt.Fprintln(zw, l)
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

func compactStrings(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
