package index

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"codeberg.org/verbatim/verbatim/index/lemmas"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
)

const (
	dutchLemmaFilterName   = "verbatim_lemma_nl"
	englishLemmaFilterName = "verbatim_lemma_en"
)

// The form → lemma tables: lemmas.Dutch, generated from the OpenTaal word
// list (BSD-3-Clause or CC BY 3.0) and searched where it lies in the binary,
// and the hand-written English irregular forms, read on first use.
//
//go:embed lemmas/en_irregular.txt
var lemmaFiles embed.FS

// lemmaFilter replaces each term by its lemma. In Dutch, a word of the word
// list becomes its lemmas (liep → lopen, huisje → huis, coöperaties →
// coöperatie, eigenlijk stays eigenlijk and eigen eigen), a compound the list
// lacks its head and the lemmas of its tail (zorgcoöperaties →
// zorgcooperatie), and only other words their Snowball stem: Snowball alone
// takes derivations for inflections (eigenlijk → eigen, bedenkingen →
// bedenk) and different words for one (kansen, kant). In English, an
// irregular form becomes the stem of its lemma (went → go), and every other
// word its Snowball stem. A form with several lemmas (reis: the noun and the
// verb reizen) yields one term per lemma, all at the same position, and so
// does a Dutch compound's every part (datamodel: datamodel, +model, +data).
type lemmaFilter struct {
	table *lemmaTable
}

type lemmaTable struct {
	// words is the Dutch table (nil for English); stems maps the English
	// irregular forms to the stems of their lemmas.
	words *lemmas.Table
	stems map[string][]string
	stem  func(string) string
	cache stemCache
}

func (f lemmaFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	var out analysis.TokenStream // nil until a token is dropped or split
	for i, tok := range input {
		stems := f.table.cachedLookup(tok.Term)
		if out == nil && len(stems) != 1 {
			out = make(analysis.TokenStream, i, len(input)+len(stems))
			copy(out, input[:i])
		}
		if len(stems) == 0 {
			continue
		}
		// The terms are the cache's: no filter comes after this one, and
		// what reads the tokens does not change their terms.
		if !bytes.Equal(stems[0], tok.Term) {
			tok.Term = stems[0]
		}
		if out == nil {
			continue
		}
		out = append(out, tok)
		for _, s := range stems[1:] {
			t := *tok
			t.Term = s
			out = append(out, &t)
		}
	}
	if out == nil {
		return input
	}
	return out
}

// stemCache remembers what lookup returned for a term, as byte slices to
// put in tokens: the words of a language are few, and a Snowball stemmer
// or a compound search costs far more than a map lookup. It stops growing
// at maxCachedTerms.
type stemCache struct {
	mu    sync.RWMutex
	terms map[string][][]byte
}

const maxCachedTerms = 1 << 18

// cachedLookup is lookup(string(term)), remembered. The caller must not
// change the slices it returns.
func (t *lemmaTable) cachedLookup(term []byte) [][]byte {
	c := &t.cache
	c.mu.RLock()
	stems, ok := c.terms[string(term)]
	c.mu.RUnlock()
	if ok {
		return stems
	}
	key := string(term)
	strs := t.lookup(key)
	stems = make([][]byte, len(strs))
	for i, s := range strs {
		stems[i] = slices.Clip([]byte(s))
	}
	c.mu.Lock()
	if c.terms == nil {
		c.terms = make(map[string][][]byte, 1<<12)
	}
	if len(c.terms) < maxCachedTerms {
		c.terms[key] = stems
	}
	c.mu.Unlock()
	return stems
}

// lookup returns the terms for one lower-cased, folded word.
func (t *lemmaTable) lookup(term string) []string {
	if t.words == nil {
		if term == "" {
			return nil
		}
		if stems, ok := t.stems[term]; ok {
			return stems
		}
		return []string{t.stem(term)}
	}
	term = trimPluralApostrophe(term)
	if term == "" {
		return nil
	}
	var out []string
	if ls, ok := t.words.Find(term); ok {
		if ls == "" {
			out = []string{term}
		} else {
			out = strings.Split(ls, ",")
		}
	} else if len(term) >= minCompoundHead+minCompoundTail {
		out = t.compoundLemmas(term)
	}
	if out == nil {
		return []string{t.stem(term)}
	}
	// The parts of the lemmas, not of the form: gesprekken is gesprek, not
	// gesp + rekken.
	var parts []string
	for _, l := range out {
		for _, p := range t.compoundParts(l) {
			parts = appendUnique(parts, p)
		}
	}
	return append(out, parts...)
}

// compoundPart marks the terms of the parts of a Dutch compound (datamodel:
// +model, +data): a search for model finds datamodel through it, ranked
// below the word itself (see stemQuery), and a quoted "model" does not.
const compoundPart = "+"

// compoundParts returns the terms of the parts of a compound: the lemmas of
// the longest word of the list it ends with, and those of the head before
// it, a word of its own (product-varianten, data-model, verzekering-s-polis).
// A derivational suffix (natuur-lijk, mogelijk-heid) is no part, nor is a
// particle (uit-werken: see separableFilter).
func (t *lemmaTable) compoundParts(term string) []string {
	if len(term) < minPartHead+minCompoundTail {
		return nil
	}
	for i := minPartHead; len(term)-i >= minCompoundTail; i++ {
		tail := term[i:]
		if nonParts[tail] || len(tail) == 4 && strings.HasSuffix(tail, "ing") { // beden-king is bedenk-ing
			continue
		}
		ls, ok := t.words.Find(tail)
		if !ok {
			continue
		}
		head, ok := t.head(term[:i])
		if !ok {
			continue
		}
		var out []string
		for _, l := range lemmaList(tail, ls) {
			if len(l) >= minCompoundTail { // voorst-ellen is no el
				out = append(out, compoundPart+l)
			}
		}
		hs, _ := t.words.Find(head)
		for _, l := range lemmaList(head, hs) {
			if len(l) >= minPartHead {
				out = appendUnique(out, compoundPart+l)
			}
		}
		return out
	}
	return nil
}

// lemmaList returns the lemmas of a word of the list, given what Find
// returned for it.
func lemmaList(word, lemmas string) []string {
	if lemmas == "" {
		return []string{word}
	}
	return strings.Split(lemmas, ",")
}

// head returns the word a compound starts with, if it is a word of the list
// (ziekte-), or one with a linking s or e (verzekering-s-), and not a
// particle.
func (t *lemmaTable) head(head string) (string, bool) {
	if separableParticles[head] || nonHeads[head] {
		return "", false
	}
	bare := ""
	for _, link := range []string{"s", "e", "en"} {
		if h, ok := strings.CutSuffix(head, link); ok && len(h) >= 2 {
			if separableParticles[h] || nonHeads[h] { // voors-telling is voor-stelling
				return "", false
			}
			if _, ok := t.words.Find(h); ok && len(h) >= minPartHead && bare == "" {
				bare = h
			}
		}
	}
	if _, ok := t.words.Find(head); ok { // ziekte, not ziekt-e
		return head, true
	}
	return bare, bare != ""
}

const minPartHead = 4 // bytes: beg-rijpen is be-grijpen

// nonParts are words that end compounds only as derivational suffixes.
var nonParts = map[string]bool{
	"lijk": true, "lijke": true, "lijker": true, "lijks": true, "heid": true, "heden": true,
	"baar": true, "bare": true, "schap": true, "schappen": true, "achtig": true, "achtige": true,
	"zaam": true, "zame": true, "loos": true, "loze": true, "ster": true, "sters": true, "isch": true,
	"ische": true, "ingen": true, "tjes": true, "atie": true, "aties": true, "erij": true, "ering": true,
	"eren": true, "ende": true, "elijk": true, "elijke": true, "igheid": true, "ig": true,
}

// nonHeads are words too short or too common to be told from a prefix.
var nonHeads = map[string]bool{
	"be": true, "ge": true, "ver": true, "ont": true, "her": true, "er": true, "on": true, "wan": true,
	"aan": true, "uit": true, "door": true, "over": true, "onder": true, "voor": true, "mee": true,
	"bij": true, "toe": true, "tegen": true, "terug": true, "weg": true, "achter": true, "om": true,
	"ten": true, "ter": true, "des": true, "den": true, "der": true, "het": true, "een": true, "de": true,
	"zijn": true, "hun": true, "die": true, "dat": true, "wat": true, "wie": true, "hoe": true,
}

// trimPluralApostrophe turns the Dutch plural "auto's" into "auto".
func trimPluralApostrophe(term string) string {
	if len(term) > 2 && strings.HasSuffix(term, "'s") {
		return term[:len(term)-2]
	}
	return strings.Trim(term, "'")
}

const (
	minCompoundTail = 4 // bytes; keeps "was" out of "gewas"
	minCompoundHead = 3 // bytes, except the separable particles below
)

// compoundLemmas finds the longest word of the list the word ends with and
// keeps the head: zorgcoöperaties → zorg + coöperatie, weggelopen → weg +
// lopen, opgenomen → op + nemen.
func (t *lemmaTable) compoundLemmas(term string) []string {
	for i := 2; len(term)-i >= minCompoundTail; i++ {
		head := term[:i]
		if i < minCompoundHead && head != "op" && head != "af" && head != "in" && head != "na" && head != "om" {
			continue
		}
		ls, ok := t.words.Find(term[i:])
		if !ok {
			continue
		}
		if ls == "" {
			return []string{term}
		}
		var out []string
		for _, l := range strings.Split(ls, ",") {
			out = appendUnique(out, head+l)
		}
		return out
	}
	return nil
}

func appendUnique(list []string, s string) []string {
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}

// stemDutch stems a word the list lacks. Snowball takes a derivation for an
// inflection (mogelijkheden → mogelijk, eigenlijk → eigen): a word ending in
// -heid, -lijk, -ing or -baar keeps the suffix, inflected forms folded
// together (onwerkelijkheden → onwerkelijkheid).
func stemDutch(s string) string {
	for _, d := range dutchDerivations {
		if base, ok := strings.CutSuffix(s, d.form); ok && len(base) >= 3 {
			return base + d.suffix
		}
	}
	env := snowballstem.NewEnv(s)
	dutch.Stem(env)
	return env.Current()
}

// dutchDerivations are the inflected forms of the derivational suffixes,
// longest first.
var dutchDerivations = []struct{ form, suffix string }{
	{"lijkheden", "lijkheid"}, {"lijkheid", "lijkheid"},
	{"heden", "heid"}, {"heid", "heid"},
	{"lijkere", "lijk"}, {"lijkste", "lijk"}, {"lijker", "lijk"}, {"lijkst", "lijk"}, {"lijke", "lijk"}, {"lijk", "lijk"},
	{"baardere", "baar"}, {"baarder", "baar"}, {"baarste", "baar"}, {"baarst", "baar"}, {"bare", "baar"}, {"baar", "baar"},
	{"ingen", "ing"}, {"ings", "ing"}, {"ing", "ing"},
}

// stemEnglish is the Snowball (Porter2) stem of a word, marked with the
// derivational suffix the word ends in, if any: Porter2 strips derivations
// as it strips inflections (university, universe → univers; hardly, hard →
// hard), and the mark keeps such words apart while the inflected forms of
// one word (organizations, organization) keep one term.
func stemEnglish(s string) string {
	env := snowballstem.NewEnv(s)
	english.Stem(env)
	stem := env.Current()
	if d := englishDerivation(s); d != "" && !strings.HasSuffix(stem, d) {
		return stem + "~" + d
	}
	return stem
}

// englishDerivations are the derivational suffixes Porter2 removes, longest
// first.
var englishDerivations = []string{
	"ness", "less", "ment", "ence", "ency", "ance", "ancy", "able", "ible", "ity",
	"ful", "ous", "ion", "ive", "ism", "ist", "ent", "ant", "ate", "ize", "ise", "al", "ly", "ic",
}

// englishDerivation returns the derivational suffix of a word, looked for
// once its inflection is gone (applied → apply, generated → generate).
func englishDerivation(w string) string {
	bases := []string{w}
	for _, in := range []struct{ end, repl string }{
		{"ies", "y"}, {"ied", "y"}, {"ying", "y"}, {"es", "e"}, {"es", ""}, {"s", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""},
	} {
		if b, ok := strings.CutSuffix(w, in.end); ok && len(b) >= 3 && !strings.HasSuffix(w, "ss") {
			bases = append(bases, b+in.repl)
		}
	}
	for _, b := range bases {
		for _, d := range englishDerivations {
			if len(b) >= len(d)+3 && strings.HasSuffix(b, d) {
				return d
			}
		}
	}
	return ""
}

var (
	dutchTable   = sync.OnceValues(func() (*lemmaTable, error) { return &lemmaTable{words: &lemmas.Dutch, stem: stemDutch}, nil })
	englishTable = sync.OnceValues(func() (*lemmaTable, error) { return loadEnglishTable() })
)

func loadEnglishTable() (*lemmaTable, error) {
	forms := map[string][]string{}
	if err := readIrregularTable("lemmas/en_irregular.txt", forms); err != nil {
		return nil, err
	}
	t := &lemmaTable{stems: make(map[string][]string, len(forms)), stem: stemEnglish}
	for form, ls := range forms {
		var stems []string
		for _, l := range ls {
			stems = appendUnique(stems, stemEnglish(l))
		}
		t.stems[form] = stems
	}
	return t, nil
}

// readIrregularTable reads "lemma: form form ..." lines into the forms the
// table does not hold yet.
func readIrregularTable(name string, into map[string][]string) error {
	f, err := lemmaFiles.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lemma, forms, ok := strings.Cut(line, ":")
		if !ok {
			return fmt.Errorf("%s: bad line %q", name, line)
		}
		lemma = foldString(lemma)
		for _, form := range strings.Fields(forms) {
			if form = foldString(form); into[form] == nil {
				into[form] = []string{lemma}
			}
		}
		if !slices.Contains(into[lemma], lemma) { // willen: also the plural of wil
			into[lemma] = append(into[lemma], lemma)
		}
	}
	return sc.Err()
}

func init() {
	for name, table := range map[string]func() (*lemmaTable, error){
		dutchLemmaFilterName:   dutchTable,
		englishLemmaFilterName: englishTable,
	} {
		err := registry.RegisterTokenFilter(name,
			func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
				t, err := table()
				if err != nil {
					return nil, fmt.Errorf("%s: %w", name, err)
				}
				return lemmaFilter{table: t}, nil
			})
		if err != nil {
			panic(err)
		}
	}
}
