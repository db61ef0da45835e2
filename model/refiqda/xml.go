package refiqda

import "encoding/xml"

// The namespaces Verbatim writes. Reading accepts any urn:QDA-XML one.
const (
	ProjectNamespace  = "urn:QDA-XML:project:1.0"
	CodebookNamespace = "urn:QDA-XML:codebook:1.0"
)

// The structs below follow the two schemas, fields in schema order, so
// that encoding/xml writes the children in the order xsd:sequence wants.
// Field tags carry no namespace: reading then matches elements by their
// local name whatever namespace variant a tool wrote, and writing puts
// every element in the root's default namespace.

type xProject struct {
	XMLName           xml.Name    `xml:"Project"`
	Xmlns             string      `xml:"xmlns,attr,omitempty"`
	Name              string      `xml:"name,attr"`
	Origin            string      `xml:"origin,attr,omitempty"`
	CreatingUserGUID  string      `xml:"creatingUserGUID,attr,omitempty"`
	CreationDateTime  string      `xml:"creationDateTime,attr,omitempty"`
	ModifyingUserGUID string      `xml:"modifyingUserGUID,attr,omitempty"`
	ModifiedDateTime  string      `xml:"modifiedDateTime,attr,omitempty"`
	BasePath          string      `xml:"basePath,attr,omitempty"`
	Users             *xUsers     `xml:"Users"`
	CodeBook          *xCodeBook  `xml:"CodeBook"`
	Variables         *xVariables `xml:"Variables"`
	Cases             *xCases     `xml:"Cases"`
	Sources           *xSources   `xml:"Sources"`
	Notes             *xNotes     `xml:"Notes"`
	Links             *xLinks     `xml:"Links"`
	Sets              *xSets      `xml:"Sets"`
	Graphs            *xAnyList   `xml:"Graphs"`
	Description       string      `xml:"Description,omitempty"`
	NoteRefs          []xRef      `xml:"NoteRef"`
}

// xCodebookFile is a .qdc file.
type xCodebookFile struct {
	XMLName xml.Name `xml:"CodeBook"`
	Xmlns   string   `xml:"xmlns,attr,omitempty"`
	Origin  string   `xml:"origin,attr,omitempty"`
	Codes   xCodes   `xml:"Codes"`
	Sets    *xSets   `xml:"Sets"`
}

type xUsers struct {
	User []xUser `xml:"User"`
}

type xUser struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr,omitempty"`
	ID   string `xml:"id,attr,omitempty"`
}

type xCodeBook struct {
	Codes xCodes `xml:"Codes"`
}

type xCodes struct {
	Code []xCode `xml:"Code"`
}

type xCode struct {
	GUID        string  `xml:"guid,attr"`
	Name        string  `xml:"name,attr"`
	IsCodable   string  `xml:"isCodable,attr"`
	Color       string  `xml:"color,attr,omitempty"`
	Description *string `xml:"Description"`
	NoteRefs    []xRef  `xml:"NoteRef"`
	Code        []xCode `xml:"Code"`
}

type xVariables struct {
	Variable []xVariable `xml:"Variable"`
}

type xVariable struct {
	GUID        string `xml:"guid,attr"`
	Name        string `xml:"name,attr"`
	Type        string `xml:"typeOfVariable,attr"`
	Description string `xml:"Description,omitempty"`
}

type xVariableValue struct {
	VariableRef   xRef    `xml:"VariableRef"`
	TextValue     *string `xml:"TextValue"`
	BooleanValue  *string `xml:"BooleanValue"`
	IntegerValue  *string `xml:"IntegerValue"`
	FloatValue    *string `xml:"FloatValue"`
	DateValue     *string `xml:"DateValue"`
	DateTimeValue *string `xml:"DateTimeValue"`
}

// value is the variable value as text, whatever its type.
func (v xVariableValue) value() string {
	for _, s := range []*string{v.TextValue, v.BooleanValue, v.IntegerValue, v.FloatValue, v.DateValue, v.DateTimeValue} {
		if s != nil {
			return *s
		}
	}
	return ""
}

type xCases struct {
	Case []xCase `xml:"Case"`
}

type xCase struct {
	GUID          string           `xml:"guid,attr"`
	Name          *string          `xml:"name,attr"`
	Description   string           `xml:"Description,omitempty"`
	CodeRefs      []xRef           `xml:"CodeRef"`
	VariableValue []xVariableValue `xml:"VariableValue"`
	SourceRefs    []xRef           `xml:"SourceRef"`
	SelectionRefs []xRef           `xml:"SelectionRef"`
}

type xRef struct {
	TargetGUID string `xml:"targetGUID,attr"`
}

// xSources keeps text sources in full; the other kinds are read only to
// report what they held.
type xSources struct {
	TextSource    []xTextSource  `xml:"TextSource"`
	PictureSource []xOtherSource `xml:"PictureSource"`
	PDFSource     []xPDFSource   `xml:"PDFSource"`
	AudioSource   []xOtherSource `xml:"AudioSource"`
	VideoSource   []xOtherSource `xml:"VideoSource"`
}

type xTextSource struct {
	GUID             string           `xml:"guid,attr"`
	Name             string           `xml:"name,attr,omitempty"`
	RichTextPath     string           `xml:"richTextPath,attr,omitempty"`
	PlainTextPath    string           `xml:"plainTextPath,attr,omitempty"`
	CreatingUser     string           `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string           `xml:"creationDateTime,attr,omitempty"`
	ModifyingUser    string           `xml:"modifyingUser,attr,omitempty"`
	ModifiedDateTime string           `xml:"modifiedDateTime,attr,omitempty"`
	Description      *string          `xml:"Description"`
	PlainTextContent *string          `xml:"PlainTextContent"`
	Selections       []xSelection     `xml:"PlainTextSelection"`
	Codings          []xCoding        `xml:"Coding"`
	NoteRefs         []xRef           `xml:"NoteRef"`
	VariableValue    []xVariableValue `xml:"VariableValue"`
}

type xSelection struct {
	GUID             string    `xml:"guid,attr"`
	Name             *string   `xml:"name,attr"`
	Start            string    `xml:"startPosition,attr"`
	End              string    `xml:"endPosition,attr"`
	CreatingUser     string    `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string    `xml:"creationDateTime,attr,omitempty"`
	ModifyingUser    string    `xml:"modifyingUser,attr,omitempty"`
	ModifiedDateTime string    `xml:"modifiedDateTime,attr,omitempty"`
	Description      *string   `xml:"Description"`
	Codings          []xCoding `xml:"Coding"`
	NoteRefs         []xRef    `xml:"NoteRef"`
}

type xCoding struct {
	GUID             string `xml:"guid,attr"`
	CreatingUser     string `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string `xml:"creationDateTime,attr,omitempty"`
	CodeRef          xRef   `xml:"CodeRef"`
	NoteRefs         []xRef `xml:"NoteRef"`
}

type xPDFSource struct {
	GUID           string       `xml:"guid,attr"`
	Name           string       `xml:"name,attr"`
	PDFSelection   []xOtherSel  `xml:"PDFSelection"`
	Representation *xTextSource `xml:"Representation"`
	Codings        []xCoding    `xml:"Coding"`
}

// xOtherSource is a picture, audio or video source: counted and reported.
type xOtherSource struct {
	GUID       string           `xml:"guid,attr"`
	Name       string           `xml:"name,attr"`
	Selections []xOtherSel      `xml:",any"`
	Codings    []xCoding        `xml:"Coding"`
	Transcript []xTranscript    `xml:"Transcript"`
	Variables  []xVariableValue `xml:"VariableValue"`
}

// xTranscript is the text of an audio or video source: its positions
// are those of a text source, and its selections run from one sync point
// to another.
type xTranscript struct {
	GUID             string                 `xml:"guid,attr"`
	Name             string                 `xml:"name,attr,omitempty"`
	RichTextPath     string                 `xml:"richTextPath,attr,omitempty"`
	PlainTextPath    string                 `xml:"plainTextPath,attr,omitempty"`
	CreatingUser     string                 `xml:"creatingUser,attr,omitempty"`
	Description      *string                `xml:"Description"`
	PlainTextContent *string                `xml:"PlainTextContent"`
	SyncPoints       []xSyncPoint           `xml:"SyncPoint"`
	Selections       []xTranscriptSelection `xml:"TranscriptSelection"`
	NoteRefs         []xRef                 `xml:"NoteRef"`
}

type xSyncPoint struct {
	GUID      string `xml:"guid,attr"`
	TimeStamp string `xml:"timeStamp,attr,omitempty"`
	Position  string `xml:"position,attr,omitempty"`
}

type xTranscriptSelection struct {
	GUID         string    `xml:"guid,attr"`
	Name         *string   `xml:"name,attr"`
	From         string    `xml:"fromSyncPoint,attr,omitempty"`
	To           string    `xml:"toSyncPoint,attr,omitempty"`
	CreatingUser string    `xml:"creatingUser,attr,omitempty"`
	Description  *string   `xml:"Description"`
	Codings      []xCoding `xml:"Coding"`
	NoteRefs     []xRef    `xml:"NoteRef"`
}

type xSets struct {
	Set []xSet `xml:"Set"`
}

// xSet is a set of codes, sources and notes; in a codebook its members
// are codes named by @guid.
type xSet struct {
	GUID          string    `xml:"guid,attr"`
	Name          string    `xml:"name,attr"`
	Description   string    `xml:"Description,omitempty"`
	MemberCodes   []xMember `xml:"MemberCode"`
	MemberSources []xMember `xml:"MemberSource"`
	MemberNotes   []xMember `xml:"MemberNote"`
}

type xMember struct {
	TargetGUID string `xml:"targetGUID,attr"`
	GUID       string `xml:"guid,attr"`
}

// target is what a member names: @targetGUID, or @guid in a codebook.
func (m xMember) target() string {
	if m.TargetGUID != "" {
		return m.TargetGUID
	}
	return m.GUID
}

type xLinks struct {
	Link []xLink `xml:"Link"`
}

type xLink struct {
	GUID      string `xml:"guid,attr"`
	Name      string `xml:"name,attr"`
	Direction string `xml:"direction,attr"`
	Origin    string `xml:"originGUID,attr"`
	Target    string `xml:"targetGUID,attr"`
}

// xOtherSel is any selection of a non-text source.
type xOtherSel struct {
	XMLName xml.Name
	Codings []xCoding `xml:"Coding"`
}

type xNotes struct {
	Note []xTextSource `xml:"Note"`
}

// xAnyList is an element whose children are only counted.
type xAnyList struct {
	Items []struct {
		XMLName xml.Name
	} `xml:",any"`
}
