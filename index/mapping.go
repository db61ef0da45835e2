package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/mapping"
)

// mappingVersion names the layout of the index: the fields below and what
// the analyzers (analysis*.go and the lemma tables) make of text. Bump it
// whenever either changes; an index built with another version is rebuilt.
const mappingVersion = 8

// analyzerKey makes a whole value one term, lower-cased and folded, so that
// filters such as speaker:ana or doc:"interview één" ignore case and accents.
const analyzerKey = "verbatim_key"

// Fields of an index document. Passages and memos share the text fields.
// Only fieldText, fieldExact, fieldFilter, facetAll and fieldHash are
// fields of the index; the others are the keys of an entry's fields (see passages.go), and
// their values are terms of fieldFilter.
const (
	fieldText   = "text"  // analysed in the project language; stored for snippets
	fieldExact  = "exact" // the same text, unstemmed: phrases, prefixes, fuzzy terms
	fieldFilter = "f"     // the terms of the fields below, each with its prefix (filterPrefixes)

	fieldKind        = "kind"        // kindPassage or kindMemo
	fieldDocID       = "doc_id"      // the document's id as a decimal string ("" for project-wide memos)
	fieldDoc         = "doc"         // the document's name, and its name without extension (filter)
	fieldSpeaker     = "speaker"     // speaker label and participant name (filter)
	fieldInterviewer = "interviewer" // "true" when the speaker is marked as interviewer
	fieldCode        = "code"        // codes overlapping the passage, with their ancestors (filter)
	fieldAttr        = "attr"        // key=value of the participant's and the document's attributes
	facetDoc         = "facet_doc"   // the document's name as written
	facetSpeaker     = "facet_speaker"
	facetCode        = "facet_code"
	// facetAll holds the three above as terms "d\x1fname", "s\x1flabel"
	// and "c\x1fcode", in doc values: counting hits per document, speaker
	// and code then reads one field per hit, not three. Its stored value
	// is what a hit shows besides the text (see encodeHitInfo).
	facetAll = "facets"
	// fieldHash holds the index document's hash (hashFields), in doc
	// values: which passages an update must index again (see hashes.go).
	fieldHash = "h"
)

// filterPrefixes start the terms of fieldFilter: "s=ana", "d=12",
// "c=deel wat je leert", "a=rol=beleidsmaker", "i=true", "k=memo". The
// values are lower-cased and folded (analyzerKey); only memos have a kind
// term, and only interviewers' turns an interviewer term.
var filterPrefixes = map[string]string{
	fieldKind:        "k=",
	fieldDocID:       "d=",
	fieldDoc:         "n=",
	fieldSpeaker:     "s=",
	fieldInterviewer: "i=",
	fieldCode:        "c=",
	fieldAttr:        "a=",
}

// Prefixes of the terms of facetAll.
const (
	facetPrefixDoc     = "d\x1f"
	facetPrefixSpeaker = "s\x1f"
	facetPrefixCode    = "c\x1f"
)

// Values of fieldKind.
const (
	kindPassage = "passage"
	kindMemo    = "memo"
)

// newMapping returns the index mapping for a project whose text is in the
// language lang ("nl" or "en").
func newMapping(lang string) (*mapping.IndexMappingImpl, error) {
	m := mapping.NewIndexMapping()
	// Only the analyzers this project uses: defining one loads its tables.
	for _, name := range []string{LanguageAnalyzer(lang), analyzerExact} {
		if err := m.AddCustomAnalyzer(name, analyzerConfigs[name]); err != nil {
			return nil, fmt.Errorf("define analyzer %s: %w", name, err)
		}
	}
	err := m.AddCustomAnalyzer(analyzerKey, map[string]any{
		"type":          custom.Name,
		"tokenizer":     single.Name,
		"token_filters": []any{lowercase.Name, foldFilterName},
	})
	if err != nil {
		return nil, fmt.Errorf("define analyzer %s: %w", analyzerKey, err)
	}

	// Only the exact field keeps word positions (term vectors): phrases,
	// prefixes and fuzzy words need them, and their hits' locations come
	// from them. Words in all their forms are found in the text field
	// without positions; the page's hits are analysed again to find them
	// (see stemQuery).
	text := func(analyzer string, store, positions bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeTermVectors = positions
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	// The filter, facet and hash fields are made by indexEntry from their
	// terms; the mapping says how queries treat them.
	keyField := func(store, docValues bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = docValues
		return f
	}
	filter := keyField(false, false)
	facets := keyField(true, true) // stored: what hits show (encodeHitInfo)
	hash := keyField(false, true)

	doc := mapping.NewDocumentMapping()
	doc.Dynamic = false
	doc.AddFieldMappingsAt(fieldText, text(LanguageAnalyzer(lang), true, false))
	doc.AddFieldMappingsAt(fieldExact, text(analyzerExact, false, true))
	doc.AddFieldMappingsAt(fieldFilter, filter)
	doc.AddFieldMappingsAt(facetAll, facets)
	doc.AddFieldMappingsAt(fieldHash, hash)
	// No _all field: every query names its fields.
	all := mapping.NewDocumentDisabledMapping()
	doc.AddSubDocumentMapping("_all", all)
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzerKey
	m.DefaultField = fieldText
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m, nil
}
